import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/platform/db/database.ts';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../src/platform/db/embedded.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { databaseUrlFor } from './urls.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A URL of the server's maintenance database, for creating and dropping test databases. */
    adminUrl: string;
    /** A migrated database each test file clones (CREATE DATABASE … TEMPLATE), in milliseconds. */
    templateDatabase: string;
  }
}

/**
 * One PostgreSQL for the whole run: the server at DATABASE_URL when set (as in CI), otherwise an
 * embedded one in a temporary folder. A migrated template database is built once; every test file
 * clones its own database from it.
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedPostgres | undefined;
  let dataDir: string | undefined;
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    adminUrl = databaseUrlFor(process.env.DATABASE_URL, 'postgres');
  } else {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'loket-test-pg-'));
    // mkdtemp makes a private folder; as root the server runs as `postgres` and must traverse it.
    await chmod(dataDir, 0o755);
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, 'pg'),
      port: 0,
      database: 'postgres',
      log: () => {},
      // Durability is not under test here; speed is welcome.
      settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '300' },
    });
    adminUrl = embedded.url;
  }

  const templateDatabase = `loket_test_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${templateDatabase}`);
  await admin.query(`create database ${templateDatabase}`);
  const handle = openDatabase(databaseUrlFor(adminUrl, templateDatabase), 2, () => {});
  await migrateToLatest(handle.db);
  await handle.close();

  project.provide('adminUrl', adminUrl);
  project.provide('templateDatabase', templateDatabase);

  return async () => {
    // Test databases left by crashed files are dropped with the template.
    const leftovers = await admin.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`loket_test_${process.pid}_%`]);
    for (const { datname } of leftovers.rows) await admin.query(`drop database if exists "${datname}" with (force)`);
    await admin.query(`drop database if exists ${templateDatabase} with (force)`);
    await admin.end();
    await embedded?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}

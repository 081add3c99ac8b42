import { readdir } from 'node:fs/promises';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmptyDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { openDatabase } from './database.ts';
import { MIGRATIONS_DIR, migrateToLatest, pendingMigrations } from './migrate.ts';

describe('migrations', () => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });

  it('apply in order on an empty database, then nothing is pending', async () => {
    database = await createEmptyDatabase();
    const files = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).sort();
    expect(await pendingMigrations(database.db)).toHaveLength(files.length);

    const applied = await migrateToLatest(database.db);
    expect(applied).toEqual(files.map((f) => f.replace(/\.sql$/, '')));
    expect(await pendingMigrations(database.db)).toEqual([]);

    const provinces = await database.db
      .selectFrom('region')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('level', '=', 'province')
      .executeTakeFirstOrThrow();
    expect(Number(provinces.n)).toBe(38);
    expect(await migrateToLatest(database.db)).toEqual([]);
  });

  it('run once when several nodes start together', async () => {
    database = await createEmptyDatabase();
    const nodes = [openDatabase(database.url, 2, () => {}), openDatabase(database.url, 2, () => {}), openDatabase(database.url, 2, () => {})];
    try {
      const results = await Promise.all(nodes.map((node) => migrateToLatest(node.db)));
      const appliedCounts = results.map((r) => r.length).sort();
      // One node applied everything; the others waited on the lock and found nothing to do.
      expect(appliedCounts.slice(0, 2)).toEqual([0, 0]);
      expect(appliedCounts[2]).toBeGreaterThan(0);
      const rows = await sql<{ n: number }>`select count(*)::int as n from kysely_migration`.execute(database.db);
      expect(rows.rows[0]?.n).toBe(appliedCounts[2]);
    } finally {
      await Promise.all(nodes.map((node) => node.close()));
    }
  });

  it('report the failing migration by name and apply nothing of it', async () => {
    database = await createEmptyDatabase();
    const { mkdtemp, writeFile, copyFile } = await import('node:fs/promises');
    const dir = await mkdtemp('/tmp/loket-migrations-');
    await copyFile(`${MIGRATIONS_DIR}/0001_platform.sql`, `${dir}/0001_platform.sql`);
    await writeFile(`${dir}/0002_broken.sql`, 'create table half_done (id int);\nselect * from no_such_table;');
    await expect(migrateToLatest(database.db, dir)).rejects.toThrow(/0002_broken/);
    const tables = await sql<{ n: number }>`select count(*)::int as n from pg_tables where tablename = 'half_done'`.execute(database.db);
    expect(tables.rows[0]?.n).toBe(0);
  });
});

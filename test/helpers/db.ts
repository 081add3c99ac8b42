import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/platform/db/database.ts';
import { databaseUrlFor } from './urls.ts';

export interface TestDatabase extends DatabaseHandle {
  name: string;
  url: string;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('adminUrl') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function newDatabase(template: string | undefined, poolSize: number): Promise<TestDatabase> {
  const name = `loket_test_${inject('templateDatabase').split('_').pop()}_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(template ? `create database ${name} template ${template}` : `create database ${name}`));
  const url = databaseUrlFor(inject('adminUrl'), name);
  const handle = openDatabase(url, poolSize, () => {});
  return {
    ...handle,
    name,
    url,
    async drop() {
      await handle.close();
      await admin((client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}

/** A fresh, fully migrated database cloned from the run's template. */
export function createTestDatabase({ poolSize = 5 } = {}): Promise<TestDatabase> {
  return newDatabase(inject('templateDatabase'), poolSize);
}

/** An empty database (nothing migrated), for migration tests. */
export function createEmptyDatabase(): Promise<TestDatabase> {
  return newDatabase(undefined, 2);
}

import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';

export type Database = Kysely<DB>;

export interface DatabaseHandle {
  db: Database;
  pool: pg.Pool;
  close(): Promise<void>;
}

// bigint and numeric come back as strings by default; counts we read are well within 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/**
 * Opens the pool. Connection attempts time out quickly so that /readyz answers 503 promptly while
 * the database is away, and broken idle clients are dropped instead of crashing the process.
 */
export function openDatabase(url: string, poolSize: number, onError: (error: Error) => void): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 2_000,
    idleTimeoutMillis: 30_000,
    application_name: 'loket',
  });
  pool.on('error', onError);
  // pg-pool listens for errors only on idle clients: a connection lost while checked out (between two
  // statements of a transaction) would emit an 'error' nobody handles and end the process. The query
  // in flight fails on its own and answers 503.
  pool.on('connect', (client) => client.on('error', onError));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin({ maintainNestedObjectKeys: true })] });
  return {
    db,
    pool,
    async close() {
      await db.destroy();
    },
  };
}

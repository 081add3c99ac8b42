import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { type DatabaseHandle, openDatabase } from './platform/db/database.ts';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './platform/db/embedded.ts';
import { migrateToLatest } from './platform/db/migrate.ts';

export interface Runtime {
  databaseUrl: string;
  database: DatabaseHandle;
  /** Set when Loket started its own PostgreSQL. */
  embedded: EmbeddedPostgres | undefined;
  close(): Promise<void>;
}

/** Connects to DATABASE_URL, or starts the embedded PostgreSQL under dataDir/pg, then migrates. */
export async function openRuntime(config: Config, log: Logger, { migrate = true } = {}): Promise<Runtime> {
  let embedded: EmbeddedPostgres | undefined;
  let databaseUrl = config.databaseUrl;
  if (databaseUrl === undefined) {
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(config.dataDir, 'pg'),
      port: config.embeddedPgPort,
      database: 'loket',
      log: (message) => log.info({ component: 'postgres' }, message),
    });
    databaseUrl = embedded.url;
    log.info({ port: embedded.port, dataDir: path.join(config.dataDir, 'pg') }, 'embedded PostgreSQL started');
  }
  const database = openDatabase(databaseUrl, config.dbPoolSize, (error) => log.warn({ err: error }, 'database connection lost'));
  try {
    if (migrate) {
      const applied = await migrateToLatest(database.db);
      if (applied.length > 0) log.info({ applied }, 'migrations applied');
    }
  } catch (error) {
    await database.close();
    await embedded?.stop();
    throw error;
  }
  return {
    databaseUrl,
    database,
    embedded,
    async close() {
      await database.close();
      await embedded?.stop();
    },
  };
}

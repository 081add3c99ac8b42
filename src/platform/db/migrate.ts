import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Migration, type MigrationProvider, type MigrationResultSet, Migrator, sql } from 'kysely';
import type { Database } from './database.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations', import.meta.url));

/** Migrations are reviewed SQL files named `NNNN_name.sql`, applied in order, forward only. */
export class SqlFileProvider implements MigrationProvider {
  constructor(private readonly dir: string) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(this.dir)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      const text = await readFile(path.join(this.dir, file), 'utf8');
      migrations[file.replace(/\.sql$/, '')] = {
        async up(db) {
          await sql.raw(text).execute(db);
        },
      };
    }
    return migrations;
  }
}

function migrator(db: Database, dir: string): Migrator {
  // Kysely takes a PostgreSQL advisory lock around the run, so nodes starting together migrate once.
  return new Migrator({ db, provider: new SqlFileProvider(dir) });
}

export class MigrationFailed extends Error {}

/** Applies every pending migration; throws MigrationFailed naming the migration that failed. */
export async function migrateToLatest(db: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const result: MigrationResultSet = await migrator(db, dir).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationFailed(`migration ${failed} failed: ${(result.error as Error).message ?? result.error}`, {
      cause: result.error,
    });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Names of migrations not yet applied; used by /readyz. */
export async function pendingMigrations(db: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const all = await migrator(db, dir).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}

import { sql } from 'kysely';
import type { Database } from '../db/database.ts';

// What a backup holds of the database: every table of the `public` schema (Loket's own), read from
// the catalogue at the time of the backup, so a new module's tables are included without a change here.

/** Kysely's bookkeeping of applied migrations: recorded by name in the manifest, never copied as data. */
export const MIGRATION_TABLES: readonly string[] = ['kysely_migration', 'kysely_migration_lock'];

export interface TableInfo {
  name: string;
  /** Columns a restore writes: generated columns are left for the database to compute. */
  columns: string[];
  /** Identity columns: their sequences are moved past the restored rows. */
  identityColumns: string[];
  /** Some identity column is `generated always`: inserting it needs OVERRIDING SYSTEM VALUE. */
  overridesIdentity: boolean;
  /** Rows that reference another row of the same table: loaded in one statement, checked at its end. */
  selfReferencing: boolean;
}

type Executor = Database;

/** Every table of the public schema (migration bookkeeping left out), parents before children. */
export async function loketTables(db: Executor): Promise<TableInfo[]> {
  const tables = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition order by c.relname`.execute(db);
  const columns = await sql<{ tbl: string; col: string; generated: string; identity: string | null }>`
    select table_name as tbl, column_name as col, is_generated as generated, identity_generation as identity
    from information_schema.columns where table_schema = 'public' order by table_name, ordinal_position`.execute(db);
  const references = await sql<{ child: string; parent: string }>`
    select child.relname as child, parent.relname as parent from pg_constraint co
    join pg_class child on child.oid = co.conrelid join pg_class parent on parent.oid = co.confrelid
    join pg_namespace n on n.oid = child.relnamespace
    where co.contype = 'f' and n.nspname = 'public'`.execute(db);

  const infos = new Map<string, TableInfo>();
  for (const { name } of tables.rows) {
    if (MIGRATION_TABLES.includes(name)) continue;
    infos.set(name, { name, columns: [], identityColumns: [], overridesIdentity: false, selfReferencing: false });
  }
  for (const column of columns.rows) {
    const info = infos.get(column.tbl);
    if (!info || column.generated === 'ALWAYS') continue;
    info.columns.push(column.col);
    if (column.identity !== null) info.identityColumns.push(column.col);
    if (column.identity === 'ALWAYS') info.overridesIdentity = true;
  }
  const parents = new Map<string, Set<string>>([...infos.keys()].map((name) => [name, new Set<string>()]));
  for (const { child, parent } of references.rows) {
    if (!infos.has(child) || !infos.has(parent)) continue;
    if (child === parent) (infos.get(child) as TableInfo).selfReferencing = true;
    else parents.get(child)?.add(parent);
  }
  return dependencyOrder(parents).map((name) => infos.get(name) as TableInfo);
}

/**
 * Parents before children (Kahn's algorithm, alphabetical among equals so the order is stable).
 * @throws when foreign keys form a cycle between tables: no insert order could satisfy them.
 */
export function dependencyOrder(parents: Map<string, Set<string>>): string[] {
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < parents.size) {
    const ready = [...parents.keys()].filter((name) => !placed.has(name) && [...(parents.get(name) ?? [])].every((parent) => placed.has(parent))).sort();
    if (ready.length === 0) {
      const left = [...parents.keys()].filter((name) => !placed.has(name));
      throw new Error(`foreign keys form a cycle between tables ${left.join(', ')}: no load order exists`);
    }
    for (const name of ready) {
      ordered.push(name);
      placed.add(name);
    }
  }
  return ordered;
}

/** Names of the migrations applied to the database, in order. */
export async function appliedMigrations(db: Executor): Promise<string[]> {
  const present = await sql<{ found: boolean }>`select to_regclass('public.kysely_migration') is not null as found`.execute(db);
  if (!present.rows[0]?.found) return [];
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.rows.map((row) => row.name);
}

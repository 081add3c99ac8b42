import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { Migrator, sql } from 'kysely';
import type { AuditLog } from '../audit/audit.service.ts';
import type { Output } from '../cli/progress.ts';
import { progressReporter } from '../cli/progress.ts';
import type { Database } from '../db/database.ts';
import { SqlFileProvider } from '../db/migrate.ts';
import { appliedMigrations, loketTables, type TableInfo } from './backup.catalog.ts';

// `loket backup` and `loket restore`. A backup is one folder:
//   manifest.json               what is inside, with counts, the audit chain head and key references
//   database/<table>.ndjson     every row of every Loket table, one JSON object a line
//   files/<ab>/<blob key>       the encrypted file bodies, byte for byte (they are encrypted at rest)
// The database part is a logical dump made through the app's own connection rather than pg_dump:
// pg_dump refuses a server newer than itself (the embedded PostgreSQL is 18, a CI or production
// server may be 15 with its own pg_dump), while a dump through SQL works against any server version
// and restores into any other. Rows are read in one repeatable-read snapshot, so they are consistent
// with each other. No key is ever written: the manifest names the keys by their public ids only.

export const BACKUP_FORMAT = 'loket-backup' as const;
export const BACKUP_VERSION = 1 as const;

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: string;
  /** The migrations the data was written under; a restore migrates to exactly these, loads, then upgrades. */
  migrations: string[];
  tables: { name: string; rows: number }[];
  files: { count: number; bytes: number };
  audit: { entries: number; headId: number | null; headHash: string | null };
  keys: {
    /** Ids (fingerprints) of the master keys that wrap the data keys, with how many each wraps. */
    masterKeys: { id: string; dataKeys: number }[];
    /** Key ids (kid) of the document signing keys; the private keys are inside, sealed under data keys. */
    signingKeys: { id: string; status: string }[];
    note: string;
  };
}

const KEYS_NOTE =
  'No key is in this backup. To read it, the restoring Loket needs the master key(s) listed (LOKET_MASTER_KEY, or LOKET_MASTER_KEY_PREVIOUS) and the same LOKET_BLIND_INDEX_KEY; keep them apart from the backup (docs/operations.md).';

const BATCH_ROWS = 500;

export interface BackupIo {
  /** Progress lines (stderr of the CLI). */
  progress: Output;
}

async function countRows(db: Database, table: string): Promise<number> {
  const result = await sql<{ count: number }>`select count(*)::int as count from ${sql.table(table)}`.execute(db);
  return result.rows[0]?.count ?? 0;
}

/** Writes a backup into `target` (created; refused if it already holds anything). Returns its manifest. */
export async function createBackup(
  { db, filesDir, target, now = new Date() }: { db: Database; filesDir: string; target: string; now?: Date },
  io: BackupIo,
): Promise<BackupManifest> {
  await mkdir(target, { recursive: true, mode: 0o700 });
  if ((await readdir(target)).length > 0) throw new BackupRefused(`${target} is not empty: give a new folder for the backup`);
  await mkdir(path.join(target, 'database'), { mode: 0o700 });

  const manifest = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      await sql`set transaction read only`.execute(trx);
      const tables = await loketTables(trx);
      const migrations = await appliedMigrations(trx);
      const counted: BackupManifest['tables'] = [];
      for (const table of tables) counted.push({ name: table.name, rows: await countRows(trx, table.name) });
      const total = counted.reduce((sum, table) => sum + table.rows, 0);
      const progress = progressReporter(io.progress, { activity: 'backing up database', unit: 'rows' });
      let written = 0;
      for (const table of tables) {
        const out = createWriteStream(path.join(target, 'database', `${table.name}.ndjson`), { mode: 0o600 });
        await sql`declare backup_rows no scroll cursor for select row_to_json(t)::text as row from ${sql.table(table.name)} t`.execute(trx);
        for (;;) {
          const batch = await sql<{ row: string }>`fetch ${sql.lit(BATCH_ROWS)} from backup_rows`.execute(trx);
          if (batch.rows.length === 0) break;
          for (const { row } of batch.rows) if (!out.write(`${row}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
          written += batch.rows.length;
          progress.update(written, total);
        }
        await sql`close backup_rows`.execute(trx);
        out.end();
        await finished(out);
      }
      progress.done();
      const head = await sql<{ id: number; hash: string }>`select id, encode(hash, 'hex') as hash from audit_event order by id desc limit 1`.execute(trx);
      const masterKeys = await sql<{ id: string; dataKeys: number }>`
        select master_key_id as id, count(*)::int as data_keys from data_key group by master_key_id order by master_key_id`.execute(trx);
      const signingKeys = await sql<{ id: string; status: string }>`select id, status from signing_key order by created_at, id`.execute(trx);
      const blobKeys = await sql<{ blobKey: string }>`select distinct blob_key from stored_file order by blob_key`.execute(trx);
      return {
        partial: {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          createdAt: now.toISOString(),
          migrations,
          tables: counted,
          audit: {
            entries: counted.find((table) => table.name === 'audit_event')?.rows ?? 0,
            headId: head.rows[0]?.id ?? null,
            headHash: head.rows[0]?.hash ?? null,
          },
          keys: { masterKeys: masterKeys.rows, signingKeys: signingKeys.rows, note: KEYS_NOTE },
        },
        blobKeys: blobKeys.rows.map((row) => row.blobKey),
      };
    });

  // Blobs are written before the row that names them commits and removed only after it is gone, so
  // every blob named in the snapshot is still on disk (unless someone deleted it by hand: then fail).
  const progress = progressReporter(io.progress, { activity: 'backing up files', unit: 'files' });
  let bytes = 0;
  for (const [index, key] of manifest.blobKeys.entries()) {
    bytes += await copyBlob(filesDir, path.join(target, 'files'), key);
    progress.update(index + 1, manifest.blobKeys.length);
  }
  progress.done();
  const complete: BackupManifest = { ...manifest.partial, files: { count: manifest.blobKeys.length, bytes } };
  // The manifest is written last, under a temporary name first: a folder without manifest.json is
  // an interrupted backup, never mistaken for a complete one.
  const manifestPath = path.join(target, 'manifest.json');
  await writeFile(`${manifestPath}.part`, `${JSON.stringify(complete, null, 2)}\n`, { mode: 0o600 });
  await rename(`${manifestPath}.part`, manifestPath);
  return complete;
}

const BLOB_KEY = /^[0-9a-f]{64}$/;

/** Copies one content-addressed blob, checking that its bytes still hash to its key. Returns its size. */
async function copyBlob(fromRoot: string, toRoot: string, key: string): Promise<number> {
  if (!BLOB_KEY.test(key)) throw new Error(`invalid blob key ${JSON.stringify(key)}`);
  const from = path.join(fromRoot, key.slice(0, 2), key);
  const hash = createHash('sha256');
  for await (const part of createReadStream(from)) hash.update(part as Buffer);
  if (hash.digest('hex') !== key) throw new Error(`file ${key} does not match its content address: it was changed on disk`);
  await mkdir(path.join(toRoot, key.slice(0, 2)), { recursive: true, mode: 0o700 });
  const to = path.join(toRoot, key.slice(0, 2), key);
  await copyFile(from, to);
  return (await stat(to)).size;
}

/** A backup or restore that was refused before anything changed; the message says what to do. */
export class BackupRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupRefused';
  }
}

export async function readManifest(source: string): Promise<BackupManifest> {
  let text: string;
  try {
    text = await readFile(path.join(source, 'manifest.json'), 'utf8');
  } catch {
    throw new BackupRefused(`${source} holds no manifest.json: not a Loket backup, or an interrupted one`);
  }
  const manifest = JSON.parse(text) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT || manifest.version !== BACKUP_VERSION) {
    throw new BackupRefused(`${source} is not a Loket backup of format version ${BACKUP_VERSION}`);
  }
  return manifest;
}

export interface RestoreCheck {
  tables: { name: string; expected: number; actual: number }[];
  audit: Awaited<ReturnType<AuditLog['verify']>>;
  /** The newest audit entry is the one the backup recorded (nothing cut off the end of the chain). */
  auditHeadMatches: boolean;
  ok: boolean;
}

export interface RestoreInput {
  db: Database;
  filesDir: string;
  source: string;
  /** Ids of the master keys this Loket holds (current and previous). */
  masterKeyIds: string[];
  migrationsDir: string;
  audit: AuditLog;
}

/**
 * Restores a backup into an empty database (no tables at all, as `createdb` leaves it) and the files
 * folder, then checks the result: row counts against the manifest and the whole audit chain.
 * @throws BackupRefused, before changing anything, when the database is not empty, the backup needs
 * a master key this Loket does not hold, or was made by a newer Loket.
 */
export async function restoreBackup(input: RestoreInput, io: BackupIo): Promise<RestoreCheck> {
  const { db, filesDir, source } = input;
  const manifest = await readManifest(source);

  const existing = await sql<{ count: number }>`
    select count(*)::int as count from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'S')`.execute(db);
  const relations = existing.rows[0]?.count ?? 0;
  if (relations > 0) {
    throw new BackupRefused(
      `the target database is not empty (it has ${relations} tables, views or sequences); restore only into a new database: create one (createdb) and point DATABASE_URL at it`,
    );
  }
  const missingKeys = manifest.keys.masterKeys.filter((key) => !input.masterKeyIds.includes(key.id));
  if (missingKeys.length > 0) {
    throw new BackupRefused(
      `the backup's data keys are wrapped under master key(s) ${missingKeys.map((key) => key.id).join(', ')}, which this Loket does not hold: set LOKET_MASTER_KEY (or LOKET_MASTER_KEY_PREVIOUS) to the key(s) kept with the backup`,
    );
  }
  const target = manifest.migrations.at(-1);
  if (target === undefined) throw new BackupRefused('the backup records no migrations: it holds no Loket database');

  const migrator = new Migrator({ db, provider: new SqlFileProvider(input.migrationsDir) });
  const known = (await migrator.getMigrations()).map((migration) => migration.name);
  const unknown = manifest.migrations.filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new BackupRefused(`the backup was made by a newer Loket (migrations ${unknown.join(', ')}): restore it with that version`);

  // Schema as it was when the backup was made, so the rows fit; later migrations then upgrade them.
  const toBackup = await migrator.migrateTo(target);
  if (toBackup.error) throw toBackup.error;

  const total = manifest.tables.reduce((sum, table) => sum + table.rows, 0);
  const progress = progressReporter(io.progress, { activity: 'restoring database', unit: 'rows' });
  await db.transaction().execute(async (trx) => {
    const tables = await loketTables(trx);
    // The migrations themselves fill reference tables (regions, holidays); the backup has their rows too.
    for (const table of [...tables].reverse()) if ((await countRows(trx, table.name)) > 0) await sql`delete from ${sql.table(table.name)}`.execute(trx);
    let loaded = 0;
    for (const table of tables) {
      loaded += await loadTable(trx, table, path.join(source, 'database', `${table.name}.ndjson`), (rows) => progress.update(loaded + rows, total));
      for (const column of table.identityColumns) {
        await sql`select setval(pg_get_serial_sequence(${table.name}, ${column}), coalesce(max(${sql.ref(column)}), 1), max(${sql.ref(column)}) is not null) from ${sql.table(table.name)}`.execute(
          trx,
        );
      }
    }
  });
  progress.done();

  const files = progressReporter(io.progress, { activity: 'restoring files', unit: 'files' });
  const filesSource = path.join(source, 'files');
  const keys = (await readdir(filesSource).catch(() => [] as string[])).filter((shard) => /^[0-9a-f]{2}$/.test(shard));
  let copied = 0;
  for (const shard of keys) {
    for (const key of await readdir(path.join(filesSource, shard))) {
      await copyBlob(filesSource, filesDir, key);
      copied += 1;
      files.update(copied, manifest.files.count);
    }
  }
  files.done();

  const upgrade = await migrator.migrateToLatest();
  if (upgrade.error) throw upgrade.error;
  return checkRestore(db, manifest, input.audit, io);
}

async function loadTable(trx: Database, table: TableInfo, file: string, onRows: (rows: number) => void): Promise<number> {
  const columns = sql.join(table.columns.map((column) => sql.ref(column)));
  const overriding = table.overridesIdentity ? sql`overriding system value` : sql``;
  const insert = async (rows: string[]) => {
    if (rows.length === 0) return;
    await sql`insert into ${sql.table(table.name)} (${columns}) ${overriding}
      select ${columns} from json_populate_recordset(null::${sql.table(table.name)}, ${`[${rows.join(',')}]`}::json)`.execute(trx);
  };
  let batch: string[] = [];
  let count = 0;
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (line === '') continue;
    batch.push(line);
    count += 1;
    // A table whose rows point at each other is loaded in one statement, since a foreign key is checked at
    // the end of the statement and the dump order need not put parents first.
    if (!table.selfReferencing && batch.length >= BATCH_ROWS) {
      await insert(batch);
      batch = [];
      onRows(count);
    }
  }
  await insert(batch);
  onRows(count);
  return count;
}

/** Row counts against the manifest, and the audit chain walked end to end. */
export async function checkRestore(db: Database, manifest: BackupManifest, audit: AuditLog, io: BackupIo): Promise<RestoreCheck> {
  const tables: RestoreCheck['tables'] = [];
  for (const table of manifest.tables) tables.push({ name: table.name, expected: table.rows, actual: await countRows(db, table.name) });
  const progress = progressReporter(io.progress, { activity: 'verifying audit log', unit: 'entries' });
  const verified = await audit.verify(({ checked, total }) => progress.update(checked, total));
  progress.done();
  const head = await sql<{ id: number; hash: string }>`select id, encode(hash, 'hex') as hash from audit_event order by id desc limit 1`.execute(db);
  const auditHeadMatches = (head.rows[0]?.id ?? null) === manifest.audit.headId && (head.rows[0]?.hash ?? null) === manifest.audit.headHash;
  return {
    tables,
    audit: verified,
    auditHeadMatches,
    ok: verified.ok && auditHeadMatches && tables.every((table) => table.expected === table.actual),
  };
}

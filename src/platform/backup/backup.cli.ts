import type { AuditLog } from '../audit/audit.service.ts';
import type { Output } from '../cli/progress.ts';
import type { Database } from '../db/database.ts';
import { MIGRATIONS_DIR } from '../db/migrate.ts';
import { BackupRefused, createBackup, type RestoreCheck, restoreBackup } from './backup.service.ts';

// Operator output of `loket backup` and `loket restore`. CLI output is English only; progress goes to
// stderr, the outcome to stdout.

interface Io {
  stdout: Output;
  stderr: Output;
}

/** `loket backup <folder>`: 0 when written, 2 when refused. */
export async function runBackup(input: { db: Database; filesDir: string; target: string }, io: Io): Promise<0 | 2> {
  try {
    const manifest = await createBackup(input, { progress: io.stderr });
    const rows = manifest.tables.reduce((sum, table) => sum + table.rows, 0);
    io.stdout.write(
      [
        `Backup written to ${input.target}: ${rows} rows in ${manifest.tables.length} tables, ${manifest.files.count} files (${manifest.files.bytes} bytes), ${manifest.audit.entries} audit entries.`,
        `It holds no key. Keep the master key(s) ${manifest.keys.masterKeys.map((key) => key.id).join(', ') || '(none used yet)'} and the blind index key apart from it: without them it cannot be read.`,
        '',
      ].join('\n'),
    );
    return 0;
  } catch (error) {
    if (error instanceof BackupRefused) {
      io.stderr.write(`loket: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

/** `loket restore <folder>`: 0 when restored and verified, 1 when the check found a difference, 2 when refused. */
export async function runRestore(
  input: { db: Database; filesDir: string; source: string; masterKeyIds: string[]; audit: AuditLog; migrationsDir?: string },
  io: Io,
): Promise<0 | 1 | 2> {
  let check: RestoreCheck;
  try {
    check = await restoreBackup({ ...input, migrationsDir: input.migrationsDir ?? MIGRATIONS_DIR }, { progress: io.stderr });
  } catch (error) {
    if (error instanceof BackupRefused) {
      io.stderr.write(`loket: restore refused, nothing changed: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const differing = check.tables.filter((table) => table.expected !== table.actual);
  const lines = differing.map((table) => `  ${table.name}: ${table.actual} rows, the backup has ${table.expected}`);
  if (!check.audit.ok) lines.push(`  the audit chain is broken at entry ${check.audit.brokenAt} (${check.audit.reason})`);
  if (!check.auditHeadMatches) lines.push('  the newest audit entry is not the one the backup recorded');
  const rows = check.tables.reduce((sum, table) => sum + table.actual, 0);
  if (check.ok) {
    io.stdout.write(
      `Restored and verified: ${rows} rows in ${check.tables.length} tables match the manifest; audit chain intact (${check.audit.checked} entries).\n`,
    );
    return 0;
  }
  io.stdout.write(`Restored, but the check found differences:\n${lines.join('\n')}\n`);
  return 1;
}

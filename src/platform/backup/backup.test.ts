import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { runLoket } from '../../../test/helpers/cli.ts';
import { createEmptyDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { createCitizen, uploadPdf } from '../../modules/applications/applications.test-support.ts';
import { seedDemo } from '../../seed.ts';
import { createServices, keyRing } from '../../services.ts';
import { createAuditLog } from '../audit/audit.service.ts';
import { dependencyOrder } from './backup.catalog.ts';
import { runRestore } from './backup.cli.ts';
import type { BackupManifest } from './backup.service.ts';

const sink = () => {
  const lines: string[] = [];
  return { lines, write: (chunk: string) => lines.push(chunk) };
};

describe('loket backup and loket restore', () => {
  let source: TestApp;
  let target: TestDatabase;
  let work: string;
  let citizen: Awaited<ReturnType<typeof createCitizen>>;
  let fileId: string;
  let manifest: BackupManifest;
  let backupRun: Awaited<ReturnType<typeof runLoket>>;

  beforeAll(async () => {
    source = await createTestApp();
    await seedDemo(source.database.db, source.services, { applications: 3 });
    citizen = await createCitizen(source.services);
    fileId = await uploadPdf(source.services, { ownerAccountId: citizen.actor.accountId }, 'akta-kelahiran.pdf');
    work = await mkdtemp(path.join(os.tmpdir(), 'loket-backup-test-'));
    // As an operator runs it: the real CLI, against the source database and its files folder.
    backupRun = await runLoket(['backup', path.join(work, 'backup')], {
      DATABASE_URL: source.database.url,
      LOKET_FILES_DIR: source.config.filesDir,
      NODE_ENV: 'test',
      LOKET_LOG_LEVEL: 'warn',
    });
    manifest = JSON.parse(await readFile(path.join(work, 'backup', 'manifest.json'), 'utf8')) as BackupManifest;
    target = await createEmptyDatabase();
  }, 60_000);

  afterAll(async () => {
    await target?.drop();
    await source?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('writes rows, encrypted files and a manifest with counts, the audit head and key ids, but no key', async () => {
    expect(backupRun, backupRun.stderr).toMatchObject({ code: 0 });
    expect(backupRun.stdout).toMatch(/^Backup written to .*audit entries\.\nIt holds no key\./);
    const accounts = manifest.tables.find((table) => table.name === 'account');
    expect(accounts?.rows).toBeGreaterThan(1);
    expect(manifest.files.count).toBe(1);
    expect(manifest.audit.entries).toBeGreaterThan(0);
    expect(manifest.audit.headHash).toMatch(/^[0-9a-f]{64}$/);
    const masterKeyId = keyRing(source.secrets).current.id;
    expect(manifest.keys.masterKeys.map((key) => key.id)).toEqual([masterKeyId]);
    // No secret in any file of the backup, in any encoding.
    const secrets = [source.secrets.masterKey, source.secrets.blindIndexKey, source.secrets.cookieSecret];
    for (const file of await readdir(path.join(work, 'backup'), { recursive: true, withFileTypes: true })) {
      if (!file.isFile()) continue;
      const bytes = await readFile(path.join(file.parentPath, file.name));
      for (const secret of secrets) {
        expect(bytes.includes(secret)).toBe(false);
        expect(bytes.includes(secret.toString('base64'))).toBe(false);
        expect(bytes.includes(secret.toString('hex'))).toBe(false);
      }
    }
    // Personal data stays encrypted in the dump.
    const dump = await readFile(path.join(work, 'backup', 'database', 'account.ndjson'), 'utf8');
    expect(dump).not.toContain(citizen.nik);
    expect(dump).not.toContain(citizen.fullName);
  });

  it('refuses a database that is not empty, changing nothing (through the real CLI)', async () => {
    const accountsBefore = await source.database.db
      .selectFrom('account')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const run = await runLoket(['restore', path.join(work, 'backup')], {
      DATABASE_URL: source.database.url,
      LOKET_FILES_DIR: path.join(work, 'refused-files'),
      NODE_ENV: 'test',
      LOKET_LOG_LEVEL: 'warn',
    });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/restore refused, nothing changed: the target database is not empty .* create one \(createdb\)/);
    const accountsAfter = await source.database.db
      .selectFrom('account')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(accountsAfter).toEqual(accountsBefore);
  });

  it('refuses when this Loket does not hold the master key the data keys are wrapped under', async () => {
    const stderr = sink();
    const code = await runRestore(
      { db: target.db, filesDir: work, source: path.join(work, 'backup'), masterKeyIds: ['0000000000000000'], audit: createAuditLog(target.db) },
      { stdout: sink(), stderr },
    );
    expect(code).toBe(2);
    expect(stderr.lines.join('')).toContain('which this Loket does not hold: set LOKET_MASTER_KEY');
  });

  it('restores into an empty database: counts match, the audit chain verifies, personal data and files read back', async () => {
    const filesDir = path.join(work, 'restored-files');
    const stdout = sink();
    const code = await runRestore(
      {
        db: target.db,
        filesDir,
        source: path.join(work, 'backup'),
        masterKeyIds: [keyRing(source.secrets).current.id],
        audit: createAuditLog(target.db),
      },
      { stdout, stderr: sink() },
    );
    expect(stdout.lines.join('')).toMatch(/^Restored and verified: \d+ rows in \d+ tables match the manifest; audit chain intact \(\d+ entries\)\.\n$/);
    expect(code).toBe(0);

    const restored = createServices({ config: { ...source.config, filesDir }, db: target.db, secrets: source.secrets, log: pino({ level: 'silent' }) });
    try {
      const profile = await restored.accounts.profile(citizen.actor);
      expect(profile.fullName).toBe(citizen.fullName);
      const file = await restored.storage.openFile(fileId);
      expect(file.name).toBe('akta-kelahiran.pdf');
      expect(await text(file.stream)).toMatch(/^%PDF-1\.4/);
      // The restored database goes on: identity sequences were moved past the restored rows.
      const audit = createAuditLog(target.db);
      await audit.record({ actor: { accountId: null, role: 'system', agencyId: null }, action: 'backup.restored', subject: null, details: {} });
      expect(await audit.verify()).toEqual({ ok: true, checked: manifest.audit.entries + 1 });
    } finally {
      await restored.notifier.close();
    }
  });
});

describe('dependency order', () => {
  it('puts parents before children and names the tables of a cycle', () => {
    const graph = (edges: Record<string, string[]>) => new Map(Object.entries(edges).map(([name, parents]) => [name, new Set(parents)]));
    expect(dependencyOrder(graph({ child: ['parent'], parent: [], grandchild: ['child', 'parent'] }))).toEqual(['parent', 'child', 'grandchild']);
    expect(() => dependencyOrder(graph({ a: ['b'], b: ['a'], c: [] }))).toThrow('foreign keys form a cycle between tables a, b');
  });
});

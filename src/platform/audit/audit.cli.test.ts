import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoket } from '../../../test/helpers/cli.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { createAuditLog } from './audit.service.ts';

/** Runs `npx loket audit verify` as an operator would, against the test database. */
function loketAuditVerify(databaseUrl: string) {
  return runLoket(['audit', 'verify'], { DATABASE_URL: databaseUrl, NODE_ENV: 'test', LOKET_LOG_LEVEL: 'warn' }, { viaBin: true });
}

describe('loket audit verify', () => {
  let database: TestDatabase;
  const ids: number[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
    const audit = createAuditLog(database.db);
    for (let i = 0; i < 5; i++) {
      const entry = await audit.record({
        actor: { accountId: null, role: 'system', agencyId: null },
        action: 'export.created',
        subject: { type: 'export', id: `EXP-${i}` },
        details: { rows: i },
      });
      ids.push(entry.id);
    }
  });
  afterAll(async () => {
    await database.drop();
  });

  it('exits 0 on an intact chain, then 1 naming the entry a superuser changed', async () => {
    const intact = await loketAuditVerify(database.url);
    expect(intact, intact.stderr).toMatchObject({ code: 0, stdout: 'Audit log intact: 5 entries checked.\n' });

    await database.db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      await sql`update audit_event set details = '{"rows": 1000}' where id = ${ids[3]}`.execute(trx);
    });
    const broken = await loketAuditVerify(database.url);
    expect(broken.code, broken.stderr).toBe(1);
    expect(broken.stdout).toContain(`Audit log broken at entry ${ids[3]}: its content no longer matches its hash`);
    expect(broken.stdout).toContain('The 3 entries before it are intact.');
  });
});

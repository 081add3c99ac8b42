import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { openDatabase } from '../db/database.ts';
import type { AuditEntryInput } from './audit.input.ts';
import { AuditInputError } from './audit.input.ts';
import { type AuditLog, createAuditLog } from './audit.service.ts';

const officer = { accountId: '9b2f6c1e-3a4d-4e5f-8a9b-0c1d2e3f4a5b', role: 'officer', agencyId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f' };

function entry(overrides: Partial<AuditEntryInput> = {}): AuditEntryInput {
  return {
    actor: officer,
    action: 'record.state_changed',
    subject: { type: 'application', id: 'APP-1' },
    ip: '203.0.113.7',
    requestId: crypto.randomUUID(),
    details: { from: 'submitted', to: 'verified' },
    ...overrides,
  };
}

async function appendMany(audit: AuditLog, count: number) {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) ids.push((await audit.record(entry({ subject: { type: 'application', id: `APP-${i}` } }))).id);
  return ids;
}

/** What a superuser can do: switch the triggers off for one transaction and rewrite history. */
async function tamper(database: TestDatabase, statement: ReturnType<typeof sql>) {
  await database.db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await statement.execute(trx);
  });
}

describe('audit log', () => {
  let database: TestDatabase;
  let audit: AuditLog;
  beforeEach(async () => {
    database = await createTestDatabase({ poolSize: 10 });
    audit = createAuditLog(database.db);
  });
  afterEach(async () => {
    await database.drop();
  });

  it('forms one unbroken chain from 200 concurrent transactions on two nodes', async () => {
    const otherNode = openDatabase(database.url, 10, () => {});
    try {
      const nodes = [audit, createAuditLog(otherNode.db)];
      const dbs = [database.db, otherNode.db];
      await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          (dbs[i % 2] ?? database.db).transaction().execute(async (trx) => {
            await sql`select pg_sleep(${(i % 5) / 1000})`.execute(trx);
            return nodes[i % 2]?.record(entry({ subject: { type: 'application', id: `APP-${i}` } }), trx);
          }),
        ),
      );
    } finally {
      await otherNode.close();
    }
    const rows = await database.db.selectFrom('auditEvent').select(['id', 'previousHash', 'hash']).orderBy('id').execute();
    expect(rows).toHaveLength(200);
    expect(new Set(rows.map((r) => r.previousHash.toString('hex'))).size).toBe(200);
    rows.forEach((row, i) => {
      if (i > 0) expect(row.previousHash).toEqual(rows[i - 1]?.hash);
    });
    const progress: number[] = [];
    expect(await audit.verify(({ checked }) => progress.push(checked), 64)).toEqual({ ok: true, checked: 200 });
    expect(progress).toEqual([64, 128, 192, 200]);
  });

  it('verifies an untouched log, including an empty one and entries with IPv6 addresses and upper-case uuids', async () => {
    expect(await audit.verify()).toEqual({ ok: true, checked: 0 });
    await audit.record(entry({ ip: '2001:DB8:0:0::1', actor: { ...officer, accountId: officer.accountId.toUpperCase() } }));
    await audit.record(
      entry({ actor: { accountId: null, role: 'anonymous', agencyId: null }, action: 'auth.sign_in_failed', subject: null, ip: null, requestId: null }),
    );
    await audit.record(entry({ details: { from_role: 'officer', nested: { list: [1, 2.5, 'three', null, { to_role: 'x' }], b: 'x', a: 'y' } } }));
    expect(await audit.verify()).toEqual({ ok: true, checked: 3 });
    expect((await audit.search({ limit: 1 })).entries[0]?.details).toEqual({
      from_role: 'officer',
      nested: { list: [1, 2.5, 'three', null, { to_role: 'x' }], b: 'x', a: 'y' },
    });
    const [row] = await database.db.selectFrom('auditEvent').select(['ip', 'actorAccountId']).orderBy('id').limit(1).execute();
    expect(row).toEqual({ ip: '2001:db8::1', actorAccountId: officer.accountId });
  });

  it('names exactly the entry whose details a superuser changed with the triggers off', async () => {
    const ids = await appendMany(audit, 12);
    const target = ids[6];
    await tamper(database, sql`update audit_event set details = '{"from": "submitted", "to": "rejected"}' where id = ${target}`);
    expect(await audit.verify(undefined, 5)).toEqual({ ok: false, brokenAt: target, checked: 6, reason: 'hash_mismatch' });
  });

  it('detects a middle entry deleted by a superuser at the entry after it', async () => {
    const ids = await appendMany(audit, 10);
    await tamper(database, sql`delete from audit_event where id = ${ids[4]}`);
    expect(await audit.verify()).toEqual({ ok: false, brokenAt: ids[5], checked: 4, reason: 'link_mismatch' });
  });

  it('detects the first entry deleted, and a changed entry whose hash was recomputed without relinking the next', async () => {
    const ids = await appendMany(audit, 4);
    await tamper(database, sql`update audit_event set actor_role = 'platform_admin', hash = sha256(hash) where id = ${ids[2]}`);
    expect(await audit.verify()).toMatchObject({ ok: false, brokenAt: ids[2] });
    await tamper(database, sql`delete from audit_event where id = ${ids[0]}`);
    expect(await audit.verify()).toEqual({ ok: false, brokenAt: ids[1], checked: 0, reason: 'link_mismatch' });
  });

  it('refuses UPDATE, DELETE and TRUNCATE through the app connection', async () => {
    const { id } = await audit.record(entry());
    await expect(sql`update audit_event set details = '{}' where id = ${id}`.execute(database.db)).rejects.toThrow(
      /audit_event is append-only: UPDATE refused/,
    );
    await expect(sql`delete from audit_event where id = ${id}`.execute(database.db)).rejects.toThrow(/audit_event is append-only: DELETE refused/);
    await expect(sql`truncate audit_event`.execute(database.db)).rejects.toThrow(/audit_event is append-only: TRUNCATE refused/);
    expect(await audit.verify()).toEqual({ ok: true, checked: 1 });
  });

  it('keeps an entry exactly when the transaction it joined commits', async () => {
    const committed = await database.db.transaction().execute(async (trx) => {
      await trx.insertInto('platformMeta').values({ key: 'audited-change', value: '"kept"' }).execute();
      return audit.record(entry({ action: 'account.role_changed' }), trx);
    });
    await expect(
      database.db.transaction().execute(async (trx) => {
        await trx.insertInto('platformMeta').values({ key: 'rolled-back-change', value: '"lost"' }).execute();
        await audit.record(entry({ action: 'export.created' }), trx);
        throw new Error('the change failed after it was audited');
      }),
    ).rejects.toThrow('the change failed');
    const after = await audit.record(entry({ action: 'auth.sign_in' }));

    const actions = await database.db.selectFrom('auditEvent').select(['id', 'action']).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['account.role_changed', 'auth.sign_in']);
    expect(actions.map((a) => a.id)).toEqual([committed.id, after.id]);
    expect(await database.db.selectFrom('platformMeta').select('key').where('key', 'like', '%change').execute()).toEqual([{ key: 'audited-change' }]);
    // The rolled-back append used up an id; a gap is not a break.
    expect(await audit.verify()).toEqual({ ok: true, checked: 2 });
  });

  it('refuses, rather than forks the chain, an append from a snapshot older than the last entry', async () => {
    await audit.record(entry());
    await expect(
      database.db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (trx) => {
          await trx.selectFrom('auditEvent').select('id').execute();
          await audit.record(entry({ action: 'auth.sign_in' }));
          await audit.record(entry({ action: 'auth.sign_out' }), trx);
        }),
    ).rejects.toThrow(/audit_event_previous_hash_key/);
    expect(await audit.verify()).toEqual({ ok: true, checked: 2 });
  });

  it('refuses details holding personal data before touching the database, so the caller can carry on', async () => {
    await database.db.transaction().execute(async (trx) => {
      await expect(audit.record(entry({ details: { email: 'siti@example.id' } }), trx)).rejects.toThrow(AuditInputError);
      await expect(audit.record(entry({ details: { officer: { fullName: 'Siti' } } }), trx)).rejects.toThrow(/details.officer.fullName/);
      await expect(audit.record(entry({ details: { value: '3171014501900001' } }), trx)).rejects.toThrow(/looks like personal data/);
      await audit.record(entry({ action: 'personal_data.read', details: { fields: ['nik', 'address'] } }), trx);
    });
    const rows = await database.db.selectFrom('auditEvent').select(['action', 'details']).execute();
    expect(rows).toEqual([{ action: 'personal_data.read', details: { fields: ['nik', 'address'] } }]);
  });
});

describe('audit search', () => {
  let database: TestDatabase;
  let audit: AuditLog;
  const other = { accountId: '2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b', role: 'auditor', agencyId: null };
  beforeAll(async () => {
    database = await createTestDatabase();
    audit = createAuditLog(database.db);
    for (let i = 0; i < 30; i++) {
      await audit.record(
        entry({
          actor: i % 3 === 0 ? other : officer,
          action: i % 2 === 0 ? 'record.state_changed' : 'personal_data.read',
          subject: { type: i % 5 === 0 ? 'complaint' : 'application', id: `ID-${i % 4}` },
          details: { n: i },
        }),
      );
    }
  });
  afterAll(async () => {
    await database.drop();
  });

  const numbers = (entries: { details: unknown }[]) => entries.map((e) => (e.details as { n: number }).n);

  it('pages through everything newest first by id', async () => {
    const seen: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await audit.search({ limit: 7, before });
      seen.push(...numbers(page.entries));
      if (page.nextBefore === null) break;
      before = page.nextBefore;
    }
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => 29 - i));
  });

  it('filters by actor, subject and action, alone and together', async () => {
    const byActor = await audit.search({ actorAccountId: other.accountId, limit: 100 });
    expect(numbers(byActor.entries)).toEqual([27, 24, 21, 18, 15, 12, 9, 6, 3, 0]);
    expect(byActor.entries[0]).toMatchObject({ actor: other, subject: { type: 'application', id: 'ID-3' }, ip: '203.0.113.7' });
    expect(byActor.entries[0]?.hash).toMatch(/^[0-9a-f]{64}$/);

    const bySubject = await audit.search({ subjectType: 'complaint', subjectId: 'ID-0', limit: 100 });
    expect(numbers(bySubject.entries)).toEqual([20, 0]);

    const combined = await audit.search({ actorAccountId: officer.accountId, action: 'personal_data.read', subjectType: 'application', limit: 3 });
    expect(numbers(combined.entries)).toEqual([29, 23, 19]);
    expect(combined.nextBefore).toBe(combined.entries[2]?.id);
  });

  it('filters by a half-open time range', async () => {
    const all = (await audit.search({ limit: 100 })).entries;
    const from = all.find((e) => (e.details as { n: number }).n === 10)?.occurredAt;
    const to = all.find((e) => (e.details as { n: number }).n === 20)?.occurredAt;
    const page = await audit.search({ from, to, limit: 100 });
    const found = numbers(page.entries);
    expect(found).toContain(10);
    expect(found).not.toContain(21);
    // Entries written in the same millisecond share a time, so the range is checked on times, not numbers.
    for (const entry of page.entries) {
      expect(entry.occurredAt.getTime()).toBeGreaterThanOrEqual(from?.getTime() ?? Number.NaN);
      expect(entry.occurredAt.getTime()).toBeLessThan(to?.getTime() ?? Number.NaN);
    }
  });

  it('refuses a malformed actor id and a subject id without its type', async () => {
    await expect(audit.search({ actorAccountId: 'budi', limit: 10 })).rejects.toThrow(AuditInputError);
    await expect(audit.search({ subjectId: 'ID-1', limit: 10 })).rejects.toThrow(/subjectId needs subjectType/);
  });

  it('answers each filtered search from an index', async () => {
    await database.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const plans = [
        sql`explain select * from audit_event where actor_account_id = ${other.accountId} order by id desc limit 51`,
        sql`explain select * from audit_event where subject_type = 'application' and subject_id = 'ID-1' order by id desc limit 51`,
        sql`explain select * from audit_event where action = 'auth.sign_in' and id < 100 order by id desc limit 51`,
      ];
      const expected = ['audit_event_actor_idx', 'audit_event_subject_idx', 'audit_event_action_idx'];
      for (const [i, plan] of plans.entries()) {
        const { rows } = await plan.execute(trx);
        expect(JSON.stringify(rows)).toContain(expected[i]);
      }
    });
  });
});

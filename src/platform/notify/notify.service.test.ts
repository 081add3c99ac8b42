import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { PgBoss } from 'pg-boss';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { openDatabase } from '../db/database.ts';
import { createGatewaySender } from './notify.gateway.ts';
import type { ChannelSender, OutgoingMessage } from './notify.sender.ts';
import { createNotifier, NotCommittedYetError } from './notify.service.ts';
import { TemplateError } from './notify.templates.ts';
import { capturedLog, startGateway, testDataKeys } from './notify.test-support.ts';

const ADDRESS = 'budi.santoso@contoh.go.id';

/** A channel that keeps what it is given. */
function recordingSender(): ChannelSender & { sent: OutgoingMessage[] } {
  const sent: OutgoingMessage[] = [];
  return {
    sent,
    async send(message) {
      sent.push(message);
    },
    async close() {},
  };
}

/** Stands in for pg-boss: records the wake-up jobs the notifier asks for. */
function recordingQueue() {
  const jobs: { id: string; xid?: string }[] = [];
  const boss = {
    async send(_name: string, data: { id: string; xid?: string }) {
      jobs.push(data);
      return 'job';
    },
  };
  return { jobs, boss: boss as unknown as PgBoss };
}

const verify = (code: string) => ({ kind: 'account.verify_contact', channel: 'email', recipient: ADDRESS, locale: 'id', params: { code } }) as const;

describe('notification outbox', () => {
  // A database per test: sweeps and the mailbox read the whole table.
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => database.drop());

  const rowCount = async (id: string) =>
    Number(
      (
        await database.db
          .selectFrom('notification')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('never sends a notification whose transaction rolled back', async () => {
    const email = recordingSender();
    const queue = recordingQueue();
    const notifier = createNotifier({
      db: database.db,
      dataKeys: testDataKeys(database.db).dataKeys,
      boss: queue.boss,
      channels: { email },
      log: capturedLog().log,
    });

    await expect(
      database.db.transaction().execute(async (trx) => {
        await notifier.enqueue(verify('650001'), trx);
        throw new Error('the registration failed after the code was queued');
      }),
    ).rejects.toThrow('the registration failed');

    // The wake-up job was queued before the rollback; it finds nothing and finishes quietly.
    const [job] = queue.jobs;
    expect(job?.xid).toMatch(/^\d+$/);
    expect(await notifier.deliver(job?.id ?? '', job?.xid)).toBe('nothing-due');
    expect(await notifier.deliverDue()).toBe(0);
    expect(await rowCount(job?.id ?? '')).toBe(0);
    expect(email.sent).toHaveLength(0);
  });

  it('makes a job that arrives before its transaction commits wait, then sends once it has', async () => {
    const email = recordingSender();
    const queue = recordingQueue();
    const notifier = createNotifier({
      db: database.db,
      dataKeys: testDataKeys(database.db).dataKeys,
      boss: queue.boss,
      channels: { email },
      log: capturedLog().log,
    });

    await database.db.transaction().execute(async (trx) => {
      await notifier.enqueue(verify('650002'), trx);
      const [job] = queue.jobs;
      await expect(notifier.deliver(job?.id ?? '', job?.xid)).rejects.toBeInstanceOf(NotCommittedYetError);
    });
    const [job] = queue.jobs;
    expect(await notifier.deliver(job?.id ?? '', job?.xid)).toBe('sent');
    expect(email.sent.map((message) => message.to)).toEqual([ADDRESS]);
  });

  it('delivers each message exactly once when two nodes race for the same messages', async () => {
    const gateway = await startGateway();
    const { dataKeys, masterKeyBase64 } = testDataKeys(database.db);
    // A second node: its own connection pool and key cache, the same database and master key.
    const other = openDatabase(database.url, 5, () => {});
    const secret = randomBytes(32);
    const node = (db: typeof database.db, keys: typeof dataKeys) =>
      createNotifier({ db, dataKeys: keys, channels: { sms: createGatewaySender({ url: gateway.url, secret }) }, log: capturedLog().log });
    const nodeA = node(database.db, dataKeys);
    const nodeB = node(other.db, testDataKeys(other.db, masterKeyBase64).dataKeys);
    try {
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) {
        const { id } = await nodeA.enqueue(
          {
            kind: 'account.verify_contact',
            channel: 'sms',
            recipient: `+62812000000${String(i).padStart(2, '0')}`,
            locale: 'id',
            params: { code: `7000${i}` },
          },
          database.db,
        );
        ids.push(id);
      }
      // Both nodes' jobs and both nodes' sweeps, all at once.
      await Promise.all([nodeA.deliverDue(), nodeB.deliverDue(), ...ids.flatMap((id) => [nodeA.deliver(id), nodeB.deliver(id)])]);

      const delivered = gateway.requests.map((request) => (JSON.parse(request.body) as { id: string }).id);
      expect(delivered.toSorted()).toEqual(ids.toSorted());
      const statuses = await database.db.selectFrom('notification').select(['status', 'attempts']).where('id', 'in', ids).execute();
      expect(statuses.every((row) => row.status === 'sent' && row.attempts === 1)).toBe(true);
    } finally {
      await gateway.close();
      await other.close();
    }
  });

  it('stores the recipient only as ciphertext, and the table refuses an address in clear', async () => {
    const { dataKeys } = testDataKeys(database.db);
    const notifier = createNotifier({ db: database.db, dataKeys, channels: {}, devMailbox: true, log: capturedLog().log });
    const { id } = await notifier.enqueue(verify('650003'), database.db);
    const { id: smsId } = await notifier.enqueue({ ...verify('650004'), channel: 'sms', recipient: '+6285712345678' }, database.db);

    // What a dump would show: the raw columns, as text.
    const { rows } = await sql<{
      recipient: string;
      whole: string;
    }>`select recipient, n::text as whole from notification n where id in (${id}, ${smsId})`.execute(database.db);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.recipient).toMatch(/^v1\./);
      for (const clear of [ADDRESS, 'budi.santoso', '+6285712345678', '85712345678']) expect(row.whole).not.toContain(clear);
    }
    // …and it still decrypts for delivery.
    expect((await notifier.mailbox()).map((entry) => entry.recipient).toSorted()).toEqual(['+6285712345678', ADDRESS].toSorted());

    const dataKey = await dataKeys.create();
    await expect(
      sql`insert into notification (id, kind, channel, recipient, data_key_id, locale) values (gen_random_uuid(), 'account.verify_contact', 'email', ${ADDRESS}, ${dataKey.id}, 'id')`.execute(
        database.db,
      ),
    ).rejects.toThrow(/notification_recipient_check/);
  });

  it('fails a message for an unconfigured channel with a clear reason when there is no development mailbox', async () => {
    const notifier = createNotifier({ db: database.db, dataKeys: testDataKeys(database.db).dataKeys, channels: {}, devMailbox: false, log: capturedLog().log });
    const { id } = await notifier.enqueue(verify('650005'), database.db);
    const { id: sms } = await notifier.enqueue({ ...verify('650006'), channel: 'whatsapp', recipient: '+6285700000001' }, database.db);
    expect(await notifier.deliver(id)).toBe('failed');
    expect(await notifier.deliver(sms)).toBe('failed');
    const rows = await database.db.selectFrom('notification').select(['id', 'status', 'lastError']).where('id', 'in', [id, sms]).execute();
    expect(rows.find((row) => row.id === id)).toMatchObject({ status: 'failed', lastError: 'channel email is not configured (LOKET_SMTP_URL)' });
    expect(rows.find((row) => row.id === sms)).toMatchObject({ status: 'failed', lastError: 'channel whatsapp is not configured (LOKET_MESSAGE_GATEWAY_URL)' });
    // Failed is final: nothing retries it.
    expect(await notifier.deliver(id)).toBe('nothing-due');
    await expect(notifier.mailbox()).rejects.toThrow('the development mailbox is off');
  });

  it('keeps a message for an unconfigured channel in the development mailbox, readable there', async () => {
    const notifier = createNotifier({ db: database.db, dataKeys: testDataKeys(database.db).dataKeys, channels: {}, devMailbox: true, log: capturedLog().log });
    const { id } = await notifier.enqueue(verify('650007'), database.db);
    expect(await notifier.deliver(id)).toBe('mailbox');
    const entry = (await notifier.mailbox()).find((candidate) => candidate.id === id);
    expect(entry).toMatchObject({ status: 'sent', recipient: ADDRESS, subject: 'Kode verifikasi Loket Anda', label: 'notify.verifyContact.label' });
    expect(entry?.text).toContain('650007');
  });

  it('takes over a message whose node stopped in the middle of sending it', async () => {
    const email = recordingSender();
    const notifier = createNotifier({ db: database.db, dataKeys: testDataKeys(database.db).dataKeys, channels: { email }, log: capturedLog().log });
    const { id } = await notifier.enqueue(verify('650008'), database.db);
    // As a node leaves it when it stops after claiming: sending, one attempt counted, claim expired.
    await database.db
      .updateTable('notification')
      .set({ status: 'sending', attempts: 1, nextAttemptAt: sql<Date>`now() - interval '1 second'` })
      .where('id', '=', id)
      .execute();
    expect(await notifier.deliverDue()).toBe(1);
    expect(email.sent.map((message) => message.id)).toEqual([id]);
    expect(await database.db.selectFrom('notification').select(['status', 'attempts']).where('id', '=', id).executeTakeFirst()).toEqual({
      status: 'sent',
      attempts: 2,
    });
  });

  it('refuses an unknown kind or a missing parameter before writing anything', async () => {
    const notifier = createNotifier({ db: database.db, dataKeys: testDataKeys(database.db).dataKeys, channels: {}, log: capturedLog().log });
    const before = await database.db
      .selectFrom('notification')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    // Callers are typed; these are what an untyped caller could still send.
    const untyped = notifier.enqueue as (request: unknown, trx: unknown) => Promise<unknown>;
    await expect(untyped({ ...verify('1'), kind: 'account.unknown' }, database.db)).rejects.toThrow(TemplateError);
    await expect(untyped({ ...verify('1'), params: {} }, database.db)).rejects.toThrow('parameter code missing for account.verify_contact');
    await expect(
      untyped({ kind: 'account.sign_in_alert', channel: 'sms', recipient: '+628', locale: 'en', params: { at: 'yesterday', device: 'x' } }, database.db),
    ).rejects.toThrow('parameter at is not a time');
    const after = await database.db
      .selectFrom('notification')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

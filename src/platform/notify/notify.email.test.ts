import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { createSmtpSender } from './notify.email.ts';
import { createNotifier } from './notify.service.ts';
import { capturedLog, startSmtpServer, testDataKeys } from './notify.test-support.ts';

const ADDRESS = 'siti.rahayu@contoh.go.id';

describe('e-mail delivery over SMTP', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.drop());

  async function row(id: string) {
    return database.db
      .selectFrom('notification')
      .select(['status', 'attempts', 'lastError', 'sentAt', sql<number>`(extract(epoch from next_attempt_at - now()) * 1000)::float8`.as('waitMs')])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  }

  it('delivers the verification code to a real SMTP server in the language of each recipient', async () => {
    const smtp = await startSmtpServer();
    const { log, text: logs } = capturedLog();
    const notifier = createNotifier({
      db: database.db,
      dataKeys: testDataKeys(database.db).dataKeys,
      channels: { email: createSmtpSender({ url: smtp.url, from: 'Loket <no-reply@loket.test>' }) },
      log,
    });
    try {
      const { id: indonesian } = await notifier.enqueue(
        { kind: 'account.verify_contact', channel: 'email', recipient: ADDRESS, locale: 'id', params: { code: '482913' } },
        database.db,
      );
      const { id: english } = await notifier.enqueue(
        { kind: 'account.verify_contact', channel: 'email', recipient: 'tourist@example.org', locale: 'en', params: { code: '105577' } },
        database.db,
      );
      expect(await notifier.deliver(indonesian)).toBe('sent');
      expect(await notifier.deliver(english)).toBe('sent');

      expect(smtp.messages).toHaveLength(2);
      const [first, second] = smtp.messages;
      expect(first?.to).toMatchObject({ text: ADDRESS });
      expect(first?.subject).toBe('Kode verifikasi Loket Anda');
      expect(first?.text).toContain('Kode verifikasi Anda:\n\n482913');
      expect(first?.text).toContain('berlaku selama 10 menit');
      expect(first?.headers.get('x-loket-notification')).toBe(indonesian);
      expect(second?.subject).toBe('Your Loket verification code');
      expect(second?.text).toContain('Your verification code:\n\n105577');

      expect(await row(indonesian)).toMatchObject({ status: 'sent', attempts: 1, lastError: null, sentAt: expect.any(Date) });
      expect(logs()).toContain('notification sent');
      for (const secret of [ADDRESS, '482913', '105577', 'Kode verifikasi Anda']) expect(logs()).not.toContain(secret);
    } finally {
      await notifier.close();
      await smtp.close();
    }
  });

  it('retries a rejected e-mail after growing waits, gives it up as dead, and keeps enqueue fast meanwhile', async () => {
    const smtp = await startSmtpServer({ rejectRecipients: true });
    const { log, text: logs } = capturedLog();
    const notifier = createNotifier({
      db: database.db,
      dataKeys: testDataKeys(database.db).dataKeys,
      channels: { email: createSmtpSender({ url: smtp.url, from: 'Loket <no-reply@loket.test>' }) },
      log,
      retry: { maxAttempts: 3, baseDelayMs: 300 },
    });
    try {
      const started = performance.now();
      const { id } = await notifier.enqueue(
        { kind: 'account.verify_contact', channel: 'email', recipient: ADDRESS, locale: 'id', params: { code: '771204' } },
        database.db,
      );
      // The front door never waits for SMTP: enqueue is two inserts.
      expect(performance.now() - started).toBeLessThan(250);

      expect(await notifier.deliver(id)).toBe('retrying');
      const afterFirst = await row(id);
      expect(afterFirst).toMatchObject({ status: 'pending', attempts: 1, lastError: 'smtp EENVELOPE 550' });
      expect(afterFirst.waitMs).toBeGreaterThan(200);
      expect(afterFirst.waitMs).toBeLessThanOrEqual(300);

      // Not due yet: asking again does not hammer the server.
      expect(await notifier.deliver(id)).toBe('nothing-due');
      expect(smtp.recipientsTried).toBe(1);

      await new Promise((resolve) => setTimeout(resolve, afterFirst.waitMs + 20));
      expect(await notifier.deliver(id)).toBe('retrying');
      const afterSecond = await row(id);
      expect(afterSecond).toMatchObject({ status: 'pending', attempts: 2 });
      // Exponential: the second wait is twice the first.
      expect(afterSecond.waitMs).toBeGreaterThan(500);
      expect(afterSecond.waitMs).toBeLessThanOrEqual(600);

      await new Promise((resolve) => setTimeout(resolve, afterSecond.waitMs + 20));
      expect(await notifier.deliver(id)).toBe('dead');
      expect(await row(id)).toMatchObject({ status: 'dead', attempts: 3, lastError: 'smtp EENVELOPE 550', sentAt: null });
      expect(await notifier.deliver(id)).toBe('nothing-due');
      expect(smtp.recipientsTried).toBe(3);
      expect(smtp.messages).toHaveLength(0);

      // The server's answer quoted the address; neither the row nor the log does.
      expect(logs()).toContain('notification dead');
      expect(logs()).not.toContain(ADDRESS);
      expect(logs()).not.toContain('771204');
    } finally {
      await notifier.close();
      await smtp.close();
    }
  });

  it('counts an unreachable SMTP server as a failed attempt', async () => {
    const smtp = await startSmtpServer();
    const closedPortUrl = smtp.url;
    await smtp.close();
    const notifier = createNotifier({
      db: database.db,
      dataKeys: testDataKeys(database.db).dataKeys,
      channels: { email: createSmtpSender({ url: closedPortUrl, from: 'Loket <no-reply@loket.test>', timeoutMs: 2_000 }) },
      log: capturedLog().log,
    });
    try {
      const { id } = await notifier.enqueue(
        {
          kind: 'account.sign_in_alert',
          channel: 'email',
          recipient: ADDRESS,
          locale: 'en',
          params: { at: '2027-01-14T02:30:00Z', device: 'Firefox, Android' },
        },
        database.db,
      );
      expect(await notifier.deliver(id)).toBe('retrying');
      expect(await row(id)).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringMatching(/^smtp [A-Z]+ ECONNREFUSED$/) });
    } finally {
      await notifier.close();
    }
  });
});

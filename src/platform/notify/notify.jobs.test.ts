import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { startJobs } from '../jobs/jobs.ts';
import { createSmtpSender } from './notify.email.ts';
import { notifyJobDefinitions } from './notify.jobs.ts';
import { createNotifier } from './notify.service.ts';
import { capturedLog, startSmtpServer, testDataKeys, waitFor } from './notify.test-support.ts';

describe('notification jobs', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.drop());

  it('deliver a committed notification through pg-boss right after commit, and never one whose transaction rolled back', async () => {
    const smtp = await startSmtpServer();
    const notifier = createNotifier({
      db: database.db,
      dataKeys: testDataKeys(database.db).dataKeys,
      channels: { email: createSmtpSender({ url: smtp.url, from: 'Loket <no-reply@loket.test>' }) },
      log: capturedLog().log,
    });
    // As main.ts does: the workers need the notifier, the notifier gets the queue once it runs.
    const jobs = await startJobs({ databaseUrl: database.url, definitions: notifyJobDefinitions(notifier), onError: () => {} });
    notifier.attachQueue(jobs.boss);
    try {
      await database.db
        .transaction()
        .execute(async (trx) => {
          await notifier.enqueue(
            { kind: 'account.verify_contact', channel: 'email', recipient: 'batal@contoh.go.id', locale: 'id', params: { code: '000111' } },
            trx,
          );
          throw new Error('rolled back');
        })
        .catch(() => {});
      const { id } = await database.db
        .transaction()
        .execute((trx) =>
          notifier.enqueue({ kind: 'account.verify_contact', channel: 'email', recipient: 'jadi@contoh.go.id', locale: 'id', params: { code: '222333' } }, trx),
        );

      await waitFor(() => smtp.messages.length > 0, 15_000);
      // Both wake-up jobs have run to completion: the rolled-back one found nothing and did not fail.
      const openJobs = sql<{ n: number }>`select count(*)::int as n from pgboss.job where name = 'notify.deliver' and state <> 'completed'`;
      await waitFor(async () => (await openJobs.execute(database.db)).rows[0]?.n === 0, 15_000);

      expect(smtp.messages.map((message) => message.text)).toEqual([expect.stringContaining('222333')]);
      expect(await database.db.selectFrom('notification').select(['id', 'status']).execute()).toEqual([{ id, status: 'sent' }]);
    } finally {
      await jobs.stop();
      await notifier.close();
      await smtp.close();
    }
  });
});

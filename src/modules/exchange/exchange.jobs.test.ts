import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobs } from '../../platform/jobs/jobs.ts';
import { DEMO_CITIZEN } from '../accounts/accounts.seed.ts';
import { exchangeJobDefinitions } from './exchange.jobs.ts';
import { createExchangeTestEnv, type ExchangeTestEnv } from './exchange.test-support.ts';

let env: ExchangeTestEnv;
beforeAll(async () => {
  env = await createExchangeTestEnv();
});
afterAll(() => env.close());

async function waitFor<T>(probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('queued fetches on pg-boss', () => {
  it('a fetch queued in a committed transaction is run by the exchange.fetch job; a rolled-back one leaves nothing', async () => {
    const jobs = await startJobs({ databaseUrl: env.database.url, definitions: exchangeJobDefinitions(env.exchange), onError: () => {} });
    env.exchange.queue.attachQueue(jobs.boss);
    try {
      const request = {
        productCode: 'dtsen-kepesertaan',
        subjectKey: DEMO_CITIZEN.nik,
        purpose: 'social_assistance',
        legalBasis: 'Perwali 10/2024',
        caseReference: 'Q-1',
        actor: { agencyId: await env.agencyId('dinsos-kota-surabaya'), role: 'officer' },
      };
      let rolledBack = '';
      await env.db
        .transaction()
        .execute(async (trx) => {
          rolledBack = (await env.exchange.queue.queueFetch(trx, request)).id;
          throw new Error('rolled back');
        })
        .catch(() => {});
      const { id } = await env.db.transaction().execute((trx) => env.exchange.queue.queueFetch(trx, request));
      const done = await waitFor(async () => {
        const status = await env.exchange.queue.fetchStatus(id);
        return status?.status === 'queued' ? undefined : status;
      });
      expect(done).toMatchObject({ status: 'fetched', attempts: 1, result: { ok: true, data: { registered: true } } });
      expect(await env.exchange.queue.fetchStatus(rolledBack)).toBeUndefined();
    } finally {
      await jobs.stop();
    }
  });
});

import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/platform/db/database.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { LONG, request, sleep, startTcpProxy } from './support.ts';

// The database goes away under load and comes back. test/startup/startup.test.ts proves it for the
// real process (API 503, recovery without a restart); here, in-process for speed and with the
// database behind a proxy this test can cut: the HTML pages answer a friendly localized 503 too,
// nothing is left unanswered, no answer is any other 5xx, and no connection is leaked.

const POOL_SIZE = 5;
/** Outages in a row: one in `npm test`, five with LOKET_LONG_TESTS=1. */
const OUTAGES = LONG ? 5 : 1;

let database: TestDatabase;
let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
let t: TestApp;
let base: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const target = new URL(database.url);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
  const viaProxy = new URL(database.url);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  const handle = openDatabase(viaProxy.toString(), POOL_SIZE, () => {});
  t = await createTestApp({
    database: { ...handle, name: database.name, url: viaProxy.toString(), drop: () => handle.close() },
    env: { LOKET_RATE_LIMIT_MAX: '1000000' },
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await t?.close();
  await proxy?.close();
  await database?.drop();
});

/** Clients reading an API list and an HTML page until stopped; every answer (or its absence) is kept. */
function readers(clients: number) {
  const outcomes: { status: number; ms: number; error?: string }[] = [];
  let running = true;
  const loops = Array.from({ length: clients }, async (_, index) => {
    while (running) {
      const started = Date.now();
      const path = index % 2 === 0 ? '/api/v1/agencies' : '/';
      try {
        const response = await request(`${base}${path}`, { headers: { accept: index % 2 === 0 ? 'application/json' : 'text/html' }, timeoutMs: 5_000 });
        outcomes.push({ status: response.status, ms: Date.now() - started });
      } catch (error) {
        outcomes.push({ status: 0, ms: Date.now() - started, error: error instanceof Error ? error.message : String(error) });
      }
      await sleep(20);
    }
  });
  return {
    outcomes,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

async function readyz(): Promise<number> {
  return (await request(`${base}/readyz`, { timeoutMs: 5_000 })).status;
}

describe('database outage under load', () => {
  it(
    'answers 503 (problem+json or a localized page) while the database is away, and recovers by itself within 5 s',
    async () => {
      const load = readers(4);
      const recoveries: number[] = [];
      try {
        await sleep(300);
        for (let outage = 0; outage < OUTAGES; outage += 1) {
          await proxy.cut();
          const outageStarted = Date.now();
          while ((await readyz()) !== 503 && Date.now() - outageStarted < 10_000) await sleep(100);
          expect(await readyz()).toBe(503);

          const api = await request(`${base}/api/v1/agencies`, { headers: { accept: 'application/json' } });
          expect(api.status, api.body).toBe(503);
          expect(Number(api.headers['retry-after'])).toBeGreaterThan(0);
          expect(api.headers['content-type']).toContain('application/problem+json');
          expect(JSON.parse(api.body)).toMatchObject({ type: '/problems/platform.unavailable', status: 503 });

          for (const [language, title] of [
            ['id', 'Layanan sedang tidak tersedia'],
            ['en', 'The service is unavailable'],
          ] as const) {
            const page = await request(`${base}/`, { headers: { accept: 'text/html', 'accept-language': language } });
            expect(page.status).toBe(503);
            expect(page.headers['content-type']).toContain('text/html');
            expect(Number(page.headers['retry-after'])).toBeGreaterThan(0);
            expect(page.body).toContain(title);
            expect(page.body).toContain(`lang="${language}"`);
          }
          await sleep(500);

          await proxy.restore();
          const restored = Date.now();
          while ((await readyz()) !== 200 && Date.now() - restored < 10_000) await sleep(100);
          const recoveryMs = Date.now() - restored;
          expect(recoveryMs).toBeLessThan(5_000);
          expect((await request(`${base}/api/v1/agencies`, { headers: { accept: 'application/json' } })).status).toBe(200);
          expect((await request(`${base}/`)).status).toBe(200);
          await sleep(200);
          recoveries.push(recoveryMs);
        }
        console.info(`db-outage figures: ${JSON.stringify({ outages: OUTAGES, recoveriesMs: recoveries, requests: load.outcomes.length })}`);
      } finally {
        await load.stop();
      }

      // Every request was answered within the client's 5 s, by a 200 or a 503: never another 5xx.
      const unanswered = load.outcomes.filter((o) => o.status === 0);
      expect(unanswered).toEqual([]);
      const statuses = new Set(load.outcomes.map((o) => o.status));
      expect([...statuses].sort()).toEqual([200, 503]);

      // No connection leaked: the pool holds at most its size, and the database sees no more than that
      // (plus the live-events listener).
      expect(t.database.pool.totalCount).toBeLessThanOrEqual(POOL_SIZE);
      expect(t.database.pool.waitingCount).toBe(0);
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = ${database.name}`.execute(database.db);
      // This test's own direct pool holds one of them.
      expect(rows[0]?.n).toBeLessThanOrEqual(POOL_SIZE + 2 + 1);
      expect(proxy.connections()).toBeLessThanOrEqual(POOL_SIZE + 2);
    },
    LONG ? 120_000 : 30_000,
  );
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { SMALL_DEMO, seedDemo } from '../../seed.ts';
import { purgeExpiredRateLimits } from './rate-limit-store.ts';

describe('rate limiting', () => {
  let database: TestDatabase;
  let nodeA: TestApp;
  let nodeB: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase();
    const env = { LOKET_RATE_LIMIT_MAX: '4', LOKET_RATE_LIMIT_WINDOW: '60' };
    nodeA = await createTestApp({ env, database });
    nodeB = await createTestApp({ env, database, secrets: nodeA.secrets });
  });
  afterAll(async () => {
    await nodeA.close();
    await nodeB.close();
    await database.drop();
  });

  it('holds across two nodes on one database and answers 429 with Retry-After, localized', async () => {
    const client = { remoteAddress: '203.0.113.7' };
    const statuses: number[] = [];
    for (const node of [nodeA, nodeB, nodeA, nodeB]) {
      statuses.push((await node.app.inject({ url: '/api/v1/agencies', ...client })).statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 200]);
    const refused = await nodeB.app.inject({ url: '/api/v1/agencies', headers: { 'accept-language': 'en' }, ...client });
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json()).toMatchObject({ type: '/problems/platform.rate_limited', title: 'Too many requests' });
    expect(refused.json().detail).toMatch(/^Wait \d+ seconds/);

    const page = await nodeA.app.inject({ url: '/', ...client });
    expect(page.statusCode).toBe(429);
    expect(page.body).toContain('Terlalu banyak permintaan');
  });

  it('counts each client separately', async () => {
    const response = await nodeA.app.inject({ url: '/api/v1/agencies', remoteAddress: '198.51.100.9' });
    expect(response.statusCode).toBe(200);
  });

  it('does not limit health checks', async () => {
    for (let i = 0; i < 8; i++) {
      expect((await nodeA.app.inject({ url: '/healthz', remoteAddress: '203.0.113.7' })).statusCode).toBe(200);
    }
  });

  it('limits a signed-in account across addresses, on its own budget', async () => {
    await seedDemo(database.db, nodeA.services, SMALL_DEMO);
    const account = await nodeA.services.accountsRepository.findByIndex('emailIndex', nodeA.services.personalData.index('email', 'budi@demo.loket.test'));
    if (!account) throw new Error('demo account missing');
    const token = await nodeA.services.sessions.create({ accountId: account.id, accountKind: 'citizen', kind: 'api', mfaVerified: true, userAgent: 'test' });
    const call = (node: TestApp, address: string) =>
      node.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` }, remoteAddress: address });
    // Each request from a fresh address: only the account's own limit can refuse.
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(i % 2 ? nodeA : nodeB, `192.0.2.${i + 1}`)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200]);
    const refused = await call(nodeA, '192.0.2.99');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json().type).toBe('/problems/platform.rate_limited');
  });

  it('purges expired counters', async () => {
    await database.db
      .updateTable('rateLimitCounter')
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .execute();
    expect(await purgeExpiredRateLimits(database.db)).toBeGreaterThan(0);
    expect(await database.db.selectFrom('rateLimitCounter').selectAll().execute()).toEqual([]);
  });
});

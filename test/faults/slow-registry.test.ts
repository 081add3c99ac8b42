import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type CryptoKey, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CITIZEN } from '../../src/modules/accounts/accounts.seed.ts';
import { EXCHANGE_BASE } from '../../src/modules/exchange/exchange.api.ts';
import { DEMO_PRODUCTS, seedDemoExchange } from '../../src/modules/exchange/exchange.seed.ts';
import { seedDemoAgencies } from '../../src/modules/exchange/exchange.test-support.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { percentile } from './support.ts';

// A registry that hangs (issue 10): the national lesson is that external registries are the usual
// bottleneck. Agency queries to a product whose provider accepts connections and never answers get a
// 503 within the provider's timeout, then, once its circuit opens, at once and without a call; queries
// to a healthy product answered meanwhile keep their latency, and every refusal is in the exchange log.

let t: TestApp;
let hanging: Server;
/** Requests the hanging registry received (not connections: the HTTP client may open those ahead). */
let calls = 0;
const sockets = new Set<Socket>();
let privateKey: CryptoKey;
let clientId: string;
// Long enough that the healthy queries, slow as they may be on a loaded machine, finish well inside it.
const TIMEOUT_MS = 2_000;

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

async function query(product: string): Promise<{ status: number; ms: number; at: number }> {
  const payload = JSON.stringify({
    subject: DEMO_CITIZEN.nik,
    purpose: 'social_assistance',
    legalBasis: 'Perwali Surabaya 10/2024',
    caseReference: `DTKS-${randomUUID().slice(0, 8)}`,
    official: { reference: 'NIP-198001012005011001', role: 'officer' },
  });
  const now = Math.floor(Date.now() / 1000);
  const assertion = await new SignJWT({ body_sha256: sha256Hex(payload) })
    .setProtectedHeader({ alg: 'EdDSA' })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(`${t.config.publicUrl}${EXCHANGE_BASE}/products/${product}/query`)
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + 120)
    .sign(privateKey);
  const started = performance.now();
  const response = await t.app.inject({
    method: 'POST',
    url: `${EXCHANGE_BASE}/products/${product}/query`,
    headers: { 'content-type': 'application/json', 'client-assertion': assertion },
    payload,
  });
  return { status: response.statusCode, ms: performance.now() - started, at: performance.now() };
}

beforeAll(async () => {
  // Accepts every request and never answers.
  hanging = createServer(() => {
    calls += 1;
  });
  hanging.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  t = await createTestApp({ env: { LOKET_RATE_LIMIT_MAX: '100000' } });
  await seedDemoAgencies(t.database.db);
  await seedDemoExchange(t.database.db, { dataKeys: t.services.dataKeys, subjectIndexOf: t.services.exchange.subjectIndexOf });
  const dtsen = DEMO_PRODUCTS.find((product) => product.code === 'dtsen-kepesertaan');
  if (!dtsen) throw new Error('no demo DTSEN product');
  await t.services.exchange.products.upsert({
    ...dtsen,
    code: 'dtsen-lambat',
    providerKind: 'http',
    providerUrl: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/dtsen`,
    providerLimits: { timeoutMs: TIMEOUT_MS, retries: 0 },
  });
  const ed = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  privateKey = ed.privateKey;
  const created = await t.services.exchange.clients.create(
    {
      agencyCode: 'dinsos-kota-surabaya',
      name: 'SIKS-NG Surabaya',
      jwk: await exportJWK(ed.publicKey),
      purposes: ['social_assistance'],
      products: ['dtsen-lambat', 'kependudukan-nik'],
      requestsPerMinute: 100_000,
    },
    { accountId: null, role: 'operator', agencyId: null },
  );
  if (!created.ok) throw new Error(created.problem);
  clientId = created.id;
});

afterAll(async () => {
  await t?.close();
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => hanging?.close(resolve));
});

describe('agency queries while a registry hangs', () => {
  it('answer 503 within the timeout, then at once once the circuit is open, while a healthy product keeps its latency', async () => {
    const [slow, healthy] = await Promise.all([
      Promise.all(Array.from({ length: 6 }, () => query('dtsen-lambat'))),
      Promise.all(Array.from({ length: 20 }, () => query('kependudukan-nik'))),
    ]);
    expect(slow.map((answer) => answer.status)).toEqual(Array(6).fill(503));
    for (const answer of slow) expect(answer.ms).toBeGreaterThanOrEqual(TIMEOUT_MS * 0.9);
    for (const answer of slow) expect(answer.ms).toBeLessThan(TIMEOUT_MS + 2_000);
    expect(healthy.every((answer) => answer.status === 200)).toBe(true);
    // The healthy product does not wait for the hanging one: all its answers are out before the first refusal.
    const figures = {
      healthyP99: percentile(
        healthy.map((answer) => answer.ms),
        99,
      ),
      slowMin: Math.min(...slow.map((answer) => answer.ms)),
    };
    expect(Math.max(...healthy.map((answer) => answer.at)), JSON.stringify(figures)).toBeLessThan(Math.min(...slow.map((answer) => answer.at)));

    // The circuit is open: the next queries are refused without calling the provider.
    expect(t.services.exchange.circuitState('dtsen-lambat')).toBe('open');
    const before = calls;
    expect(before).toBe(6);
    const fast = await Promise.all(Array.from({ length: 5 }, () => query('dtsen-lambat')));
    expect(fast.map((answer) => answer.status)).toEqual(Array(5).fill(503));
    expect(Math.max(...fast.map((answer) => answer.ms))).toBeLessThan(TIMEOUT_MS);
    expect(calls).toBe(before);

    const logged = await t.database.db.selectFrom('exchangeLog').select(['statusCode', 'caseReference']).where('productCode', '=', 'dtsen-lambat').execute();
    expect(
      logged.map((row) => row.statusCode),
      JSON.stringify(logged),
    ).toEqual(Array(11).fill(503));
  });
});

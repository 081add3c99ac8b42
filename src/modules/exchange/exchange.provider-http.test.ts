import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CITIZEN } from '../accounts/accounts.seed.ts';
import { createHttpProvider, createRateLimiter } from './exchange.provider-http.ts';
import { DEMO_PRODUCTS } from './exchange.seed.ts';
import { createExchangeTestEnv, type ExchangeTestEnv } from './exchange.test-support.ts';

// A real HTTP server standing in for an agency's service, switched between behaviours per test.
type Mode = 'ok' | 'fail' | 'hang' | 'missing';
let mode: Mode = 'ok';
let hits = 0;
let server: Server;
let url: string;
const hanging: ServerResponse[] = [];

function handle(request: IncomingMessage, response: ServerResponse) {
  hits += 1;
  let body = '';
  request.on('data', (chunk: Buffer) => {
    body += chunk.toString();
  });
  request.on('end', () => {
    if (mode === 'hang') {
      hanging.push(response);
      return;
    }
    if (mode === 'fail') return response.writeHead(500).end('boom');
    if (mode === 'missing') return response.writeHead(404).end();
    const asked = JSON.parse(body) as { subject: string; purpose: string };
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { nik: asked.subject, active: true, segment: 'PBI' } }));
  });
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/kepesertaan`;
});
afterAll(async () => {
  for (const response of hanging) response.destroy();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  mode = 'ok';
  hits = 0;
});

const request = { subject: DEMO_CITIZEN.nik, fields: ['active'], purpose: 'health_service', caseReference: 'K-1' };

describe('the http provider adapter', () => {
  it('answers with the data, or not_found for a 404', async () => {
    const provider = createHttpProvider({ url });
    expect(await provider.fetch(request)).toEqual({ ok: true, data: { nik: DEMO_CITIZEN.nik, active: true, segment: 'PBI' } });
    mode = 'missing';
    expect(await provider.fetch(request)).toEqual({ ok: false, reason: 'not_found' });
    expect(provider.breaker.state).toBe('closed');
  });

  it('retries a 500, opens the circuit, then fails fast without calling, and closes again after the cool-down', async () => {
    const provider = createHttpProvider({ url, retries: 2, backoffMs: 5, failureThreshold: 4, coolDownMs: 300 });
    mode = 'fail';
    expect(await provider.fetch(request)).toMatchObject({ ok: false, reason: 'unavailable' });
    expect(hits).toBe(3);
    expect(provider.breaker.state).toBe('closed');
    expect(await provider.fetch(request)).toMatchObject({ ok: false, reason: 'unavailable' });
    // The fourth failure opened the circuit: the retry budget stops there.
    expect(hits).toBe(4);
    expect(provider.breaker.state).toBe('open');

    const started = Date.now();
    const refused = await provider.fetch(request);
    expect(Date.now() - started).toBeLessThan(50);
    expect(hits).toBe(4);
    expect(refused).toMatchObject({ ok: false, reason: 'unavailable' });
    expect((refused as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(0);

    mode = 'ok';
    await new Promise((resolve) => setTimeout(resolve, 320));
    expect(provider.breaker.state).toBe('half-open');
    expect(await provider.fetch(request)).toMatchObject({ ok: true });
    expect(provider.breaker.state).toBe('closed');
  });

  it('gives up on a provider that never answers within its timeouts', async () => {
    const provider = createHttpProvider({ url, timeoutMs: 150, retries: 1, backoffMs: 10, failureThreshold: 2, coolDownMs: 10_000 });
    mode = 'hang';
    const started = Date.now();
    expect(await provider.fetch(request)).toMatchObject({ ok: false, reason: 'unavailable' });
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(1_500);
    expect(hits).toBe(2);
    expect(provider.breaker.state).toBe('open');
    const again = Date.now();
    expect(await provider.fetch(request)).toMatchObject({ ok: false, reason: 'unavailable' });
    expect(Date.now() - again).toBeLessThan(50);
  });

  it('limits the calls per second to a provider', () => {
    let now = 0;
    const limiter = createRateLimiter(2, () => now);
    expect(limiter.take().ok).toBe(true);
    expect(limiter.take().ok).toBe(true);
    expect(limiter.take()).toEqual({ ok: false, waitMs: 500 });
    now = 500;
    expect(limiter.take().ok).toBe(true);
  });
});

describe('an http data product through the exchange service', () => {
  let env: ExchangeTestEnv;
  let dinkes: string;
  beforeAll(async () => {
    env = await createExchangeTestEnv({ providerOptions: { retries: 1, backoffMs: 5, failureThreshold: 2, coolDownMs: 200, timeoutMs: 300 } });
    dinkes = await env.agencyId('dinkes-provinsi-jawa-timur');
    const bpjs = DEMO_PRODUCTS.find((product) => product.code === 'bpjs-kesehatan-kepesertaan');
    if (!bpjs) throw new Error('no demo BPJS product');
    await env.defineProduct({ ...bpjs, code: 'bpjs-http', providerKind: 'http', providerUrl: url });
  });
  afterAll(() => env.close());

  const fetchRequest = () => ({
    productCode: 'bpjs-http',
    subjectKey: DEMO_CITIZEN.nik,
    purpose: 'health_service',
    legalBasis: 'Pergub Jatim 5/2025',
    caseReference: 'RS-77',
    actor: { agencyId: dinkes, role: 'officer' },
  });

  it('returns provider_unavailable (typed, quickly) while the provider fails, and data once it is back', async () => {
    mode = 'fail';
    expect(await env.exchange.fetchFromProduct(fetchRequest())).toMatchObject({ ok: false, reason: 'provider_unavailable' });
    expect(env.exchange.circuitState('bpjs-http')).toBe('open');
    mode = 'ok';
    await new Promise((resolve) => setTimeout(resolve, 220));
    const result = await env.exchange.fetchFromProduct(fetchRequest());
    expect(result).toMatchObject({ ok: true, data: { active: true, segment: 'PBI' }, provenance: { source: 'http' } });
  });

  it('queues a fetch in the caller transaction and retries it later until the provider answers', async () => {
    mode = 'fail';
    const { id } = await env.db.transaction().execute((trx) => env.exchange.queue.queueFetch(trx, fetchRequest()));
    expect(await env.exchange.queue.runFetch(id)).toBe('queued');
    const waiting = await env.exchange.queue.fetchStatus(id);
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1, result: null });
    expect(waiting?.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    // Not due yet: a second worker does not run it.
    expect(await env.exchange.queue.runFetch(id)).toBe('busy');

    mode = 'ok';
    await new Promise((resolve) => setTimeout(resolve, 220));
    await env.db.updateTable('exchangeFetch').set({ nextAttemptAt: new Date() }).where('id', '=', id).execute();
    expect(await env.exchange.queue.runDue()).toBe(1);
    const done = await env.exchange.queue.fetchStatus(id);
    expect(done).toMatchObject({ status: 'fetched', attempts: 2, result: { ok: true, data: { active: true } } });
    const event = await env.db.selectFrom('outboxEvent').selectAll().where('aggregateId', '=', id).executeTakeFirst();
    expect(event).toMatchObject({ topic: 'exchange.fetch_completed' });
    const sealed = await env.db.selectFrom('exchangeFetch').select(['requestEnc', 'resultEnc']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.stringify(sealed)).not.toContain(DEMO_CITIZEN.nik);
  });
});

import { createHash, randomUUID } from 'node:crypto';
import { type CryptoKey, compactVerify, createLocalJWKSet, exportJWK, generateKeyPair, type JSONWebKeySet, SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { DEMO_CITIZEN } from '../accounts/accounts.seed.ts';
import { EXCHANGE_BASE, SIGNATURE_HEADER } from './exchange.api.ts';
import { seedDemoExchange } from './exchange.seed.ts';
import { seedDemoAgencies } from './exchange.test-support.ts';

let t: TestApp;
let clientId: string;
let esClientId: string;
let privateKey: CryptoKey;
let esPrivateKey: CryptoKey;
const operator = { accountId: null, role: 'operator', agencyId: null };

const queryUrl = (product: string) => `${t.config.publicUrl}${EXCHANGE_BASE}/products/${product}/query`;
const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

function body(overrides: Record<string, unknown> = {}) {
  return JSON.stringify({
    subject: DEMO_CITIZEN.nik,
    purpose: 'social_assistance',
    legalBasis: 'Perwali Surabaya 10/2024',
    caseReference: 'DTKS-2026-0042',
    official: { reference: 'NIP-198001012005011001', role: 'officer' },
    ...overrides,
  });
}

interface AssertionOptions {
  iss?: string;
  aud?: string;
  key?: CryptoKey;
  alg?: string;
  iat?: number;
  exp?: number;
  jti?: string;
  bodyHash?: string;
}

async function assertion(payload: string, product: string, options: AssertionOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const iss = options.iss ?? clientId;
  return new SignJWT({ body_sha256: options.bodyHash ?? sha256Hex(payload) })
    .setProtectedHeader({ alg: options.alg ?? 'EdDSA' })
    .setIssuer(iss)
    .setSubject(iss)
    .setAudience(options.aud ?? queryUrl(product))
    .setJti(options.jti ?? randomUUID())
    .setIssuedAt(options.iat ?? now)
    .setExpirationTime(options.exp ?? now + 120)
    .sign(options.key ?? privateKey);
}

function query(product: string, payload: string, token: string | undefined) {
  return t.app.inject({
    method: 'POST',
    url: `${EXCHANGE_BASE}/products/${product}/query`,
    headers: { 'content-type': 'application/json', 'accept-language': 'en', ...(token ? { 'client-assertion': token } : {}) },
    payload,
  });
}

async function verifySignature(response: { body: string; headers: Record<string, unknown> }) {
  const jwks = (await t.app.inject({ method: 'GET', url: `${EXCHANGE_BASE}/jwks.json` })).json() as JSONWebKeySet;
  const [header, , signature] = String(response.headers[SIGNATURE_HEADER]).split('.');
  const compact = `${header}.${Buffer.from(response.body).toString('base64url')}.${signature}`;
  const verified = await compactVerify(compact, createLocalJWKSet(jwks));
  return new TextDecoder().decode(verified.payload);
}

async function lastLog() {
  return t.database.db.selectFrom('exchangeLog').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
}

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoAgencies(t.database.db);
  await seedDemoExchange(t.database.db, { dataKeys: t.services.dataKeys, subjectIndexOf: t.services.exchange.subjectIndexOf });

  const ed = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  privateKey = ed.privateKey;
  const created = await t.services.exchange.clients.create(
    {
      agencyCode: 'dinsos-kota-surabaya',
      name: 'SIKS-NG Surabaya',
      jwk: await exportJWK(ed.publicKey),
      purposes: ['social_assistance'],
      products: ['dtsen-kepesertaan', 'kependudukan-nik'],
    },
    operator,
  );
  if (!created.ok) throw new Error(created.problem);
  clientId = created.id;

  const es = await generateKeyPair('ES256');
  esPrivateKey = es.privateKey;
  const esCreated = await t.services.exchange.clients.create(
    {
      agencyCode: 'dinsos-kota-surabaya',
      name: 'ES client',
      jwk: await exportJWK(es.publicKey),
      purposes: ['social_assistance'],
      products: ['dtsen-kepesertaan'],
    },
    operator,
  );
  if (!esCreated.ok) throw new Error(esCreated.problem);
  esClientId = esCreated.id;
});
afterAll(() => t.close());

describe('the agency exchange API', () => {
  it('answers a valid assertion with the data, signed with a key published at the JWKS URL, and logs both hashes', async () => {
    const payload = body();
    const response = await query('dtsen-kepesertaan', payload, await assertion(payload, 'dtsen-kepesertaan'));
    expect(response.statusCode).toBe(200);
    const answer = response.json();
    expect(answer).toMatchObject({ product: 'dtsen-kepesertaan', providerAgency: { code: 'kementerian-sosial' }, data: { registered: true, decile: 2 } });
    expect(await verifySignature(response)).toBe(response.body);

    const log = await lastLog();
    expect(log).toMatchObject({
      clientId,
      statusCode: 200,
      outcome: 'answered',
      purpose: 'social_assistance',
      caseReference: 'DTKS-2026-0042',
      officialRef: 'NIP-198001012005011001',
    });
    expect(log.requestSha256.toString('hex')).toBe(sha256Hex(payload));
    expect(log.responseSha256.toString('hex')).toBe(sha256Hex(response.body));
    expect(JSON.stringify(log)).not.toContain(DEMO_CITIZEN.nik);

    const tracker = await t.services.exchange.listSubjectAccesses([{ kind: 'nik', key: DEMO_CITIZEN.nik }]);
    expect(tracker.items[0]).toMatchObject({
      channel: 'agency_api',
      viaAgencySystem: true,
      caseReference: 'DTKS-2026-0042',
      agency: { code: 'dinsos-kota-surabaya' },
    });
  });

  it('accepts ES256 clients too', async () => {
    const payload = body();
    const token = await assertion(payload, 'dtsen-kepesertaan', { iss: esClientId, key: esPrivateKey, alg: 'ES256' });
    expect((await query('dtsen-kepesertaan', payload, token)).statusCode).toBe(200);
  });

  const refusals: [string, number, string, () => Promise<{ product: string; payload: string; token: string | undefined }>][] = [
    ['no assertion', 401, 'assertion_missing', async () => ({ product: 'dtsen-kepesertaan', payload: body(), token: undefined })],
    [
      'an expired assertion',
      401,
      'assertion_expired',
      async () => {
        const now = Math.floor(Date.now() / 1000);
        const payload = body();
        return { product: 'dtsen-kepesertaan', payload, token: await assertion(payload, 'dtsen-kepesertaan', { iat: now - 600, exp: now - 400 }) };
      },
    ],
    [
      'an assertion issued in the future',
      401,
      'assertion_not_yet_valid',
      async () => {
        const now = Math.floor(Date.now() / 1000);
        const payload = body();
        return { product: 'dtsen-kepesertaan', payload, token: await assertion(payload, 'dtsen-kepesertaan', { iat: now + 600, exp: now + 700 }) };
      },
    ],
    [
      'an assertion valid for more than 5 minutes',
      401,
      'lifetime_too_long',
      async () => {
        const now = Math.floor(Date.now() / 1000);
        const payload = body();
        return { product: 'dtsen-kepesertaan', payload, token: await assertion(payload, 'dtsen-kepesertaan', { iat: now, exp: now + 3600 }) };
      },
    ],
    [
      'an assertion signed by another key',
      401,
      'signature_invalid',
      async () => {
        const other = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
        const payload = body();
        return { product: 'dtsen-kepesertaan', payload, token: await assertion(payload, 'dtsen-kepesertaan', { key: other.privateKey }) };
      },
    ],
    [
      'an assertion for another endpoint',
      401,
      'audience_mismatch',
      async () => {
        const payload = body();
        return { product: 'dtsen-kepesertaan', payload, token: await assertion(payload, 'dtsen-kepesertaan', { aud: queryUrl('kependudukan-nik') }) };
      },
    ],
    [
      'an HS256 assertion',
      401,
      'algorithm_refused',
      async () => {
        const payload = body();
        const now = Math.floor(Date.now() / 1000);
        const token = await new SignJWT({ body_sha256: sha256Hex(payload) })
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer(clientId)
          .setSubject(clientId)
          .setAudience(queryUrl('dtsen-kepesertaan'))
          .setJti(randomUUID())
          .setIssuedAt(now)
          .setExpirationTime(now + 60)
          .sign(new TextEncoder().encode('a shared secret that nobody should accept'));
        return { product: 'dtsen-kepesertaan', payload, token };
      },
    ],
    [
      'an unsigned (alg none) assertion',
      401,
      'algorithm_refused',
      async () => {
        const payload = body();
        const token = new UnsecuredJWT({ body_sha256: sha256Hex(payload) })
          .setIssuer(clientId)
          .setSubject(clientId)
          .setAudience(queryUrl('dtsen-kepesertaan'))
          .setJti(randomUUID())
          .setIssuedAt()
          .setExpirationTime('1m')
          .encode();
        return { product: 'dtsen-kepesertaan', payload, token };
      },
    ],
    [
      'an unknown client',
      401,
      'client_unknown',
      async () => {
        const payload = body();
        return { product: 'dtsen-kepesertaan', payload, token: await assertion(payload, 'dtsen-kepesertaan', { iss: randomUUID() }) };
      },
    ],
    [
      'a body other than the one the assertion names',
      401,
      'body_hash_mismatch',
      async () => {
        const payload = body();
        return { product: 'dtsen-kepesertaan', payload, token: await assertion(body({ caseReference: 'OTHER' }), 'dtsen-kepesertaan') };
      },
    ],
    [
      "a purpose outside the client's permissions",
      403,
      'purpose_not_permitted',
      async () => {
        const payload = body({ purpose: 'public_service' });
        return { product: 'kependudukan-nik', payload, token: await assertion(payload, 'kependudukan-nik') };
      },
    ],
    [
      'a product the client may not use',
      403,
      'product_not_permitted',
      async () => {
        const payload = body();
        return { product: 'bpjs-kesehatan-kepesertaan', payload, token: await assertion(payload, 'bpjs-kesehatan-kepesertaan') };
      },
    ],
    [
      'a malformed NIK',
      422,
      'invalid',
      async () => {
        const payload = body({ subject: '12345' });
        return { product: 'dtsen-kepesertaan', payload, token: await assertion(payload, 'dtsen-kepesertaan') };
      },
    ],
    [
      'a body that is not JSON',
      422,
      'invalid',
      async () => {
        const payload = '{"subject": ';
        return { product: 'dtsen-kepesertaan', payload, token: await assertion(payload, 'dtsen-kepesertaan') };
      },
    ],
  ];

  it.each(refusals)('refuses %s with a signed problem and logs it', async (_name, status, code, make) => {
    const { product, payload, token } = await make();
    const response = await query(product, payload, token);
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json();
    expect(problem).toMatchObject({ type: `/problems/exchange.${code}`, status });
    expect(problem.detail.length).toBeGreaterThan(10);
    expect(await verifySignature(response)).toBe(response.body);
    const log = await lastLog();
    expect(log).toMatchObject({ statusCode: status, outcome: `refused.${code}`, requestId: problem.requestId });
    expect(log.requestSha256.toString('hex')).toBe(sha256Hex(payload));
    expect(t.logs.some((line) => line.includes(`"code":"exchange.${code}"`) && line.includes('exchange request refused'))).toBe(true);
  });

  it('refuses a replayed assertion, even with the same body', async () => {
    const payload = body();
    const token = await assertion(payload, 'dtsen-kepesertaan');
    expect((await query('dtsen-kepesertaan', payload, token)).statusCode).toBe(200);
    const replay = await query('dtsen-kepesertaan', payload, token);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().type).toBe('/problems/exchange.assertion_replayed');
    expect(await lastLog()).toMatchObject({ outcome: 'refused.assertion_replayed', clientId });
  });

  it('holds a client to its queries per minute: a small limit exactly, a large one over shards that together allow it', async () => {
    const ed = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const jwk = await exportJWK(ed.publicKey);
    const make = async (requestsPerMinute: number) => {
      const created = await t.services.exchange.clients.create(
        {
          agencyCode: 'dinsos-kota-surabaya',
          name: `Limit ${requestsPerMinute}`,
          jwk,
          purposes: ['social_assistance'],
          products: ['dtsen-kepesertaan'],
          requestsPerMinute,
        },
        operator,
      );
      if (!created.ok) throw new Error(created.problem);
      return created.id;
    };
    const small = await make(2);
    const send = async (iss: string) => {
      const payload = body();
      return query('dtsen-kepesertaan', payload, await assertion(payload, 'dtsen-kepesertaan', { iss, key: ed.privateKey }));
    };
    expect((await send(small)).statusCode).toBe(200);
    expect((await send(small)).statusCode).toBe(200);
    const refused = await send(small);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(await lastLog()).toMatchObject({ outcome: 'refused.rate_limited', clientId: small });
    // 400 a minute: two shards of 200, so 400 pass and the next queries are refused.
    const large = await make(400);
    const outcomes = await Promise.all(Array.from({ length: 430 }, () => t.services.exchange.clients.throttle({ id: large, requestsPerMinute: 400 })));
    const passed = outcomes.filter((outcome) => outcome.ok).length;
    expect(passed).toBeLessThanOrEqual(400);
    // Random shards fill unevenly: a few refusals may come before the total is reached, never many.
    expect(passed).toBeGreaterThan(360);
  });

  it('speaks Indonesian by default', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `${EXCHANGE_BASE}/products/dtsen-kepesertaan/query`,
      headers: { 'content-type': 'application/json' },
      payload: body(),
    });
    expect(response.json().detail).toContain('Kirim client assertion');
  });

  it('keeps the exchange log append-only', async () => {
    await expect(t.database.db.updateTable('exchangeLog').set({ statusCode: 200 }).execute()).rejects.toThrow(/append-only/);
    await expect(t.database.db.deleteFrom('exchangeLog').execute()).rejects.toThrow(/append-only/);
  });

  it('lists the public data products', async () => {
    const response = await t.app.inject({ method: 'GET', url: `${EXCHANGE_BASE}/products` });
    expect(response.statusCode).toBe(200);
    expect(response.json().items.map((item: { code: string }) => item.code)).toEqual(
      expect.arrayContaining(['kependudukan-nik', 'kartu-keluarga', 'dtsen-kepesertaan', 'oss-nib', 'bpjs-kesehatan-kepesertaan']),
    );
  });
});

import { createPublicKey } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { type DocumentFields, documentSigningInput, encodeQrPayload, generateSigningKeyPair, privateKeyFromDer, sign, verify } from './signing.ts';
import type { SigningKeysService } from './signing-keys.service.ts';

const FIELDS: DocumentFields = { number: 'SIP/2025/0042', kind: 'Surat Izin Praktik', holder: 'Ni Luh Ayu', validUntil: '2030-01-31' };

let t: TestApp;
let keys: SigningKeysService;
let agencyId: string;

beforeAll(async () => {
  t = await createTestApp();
  keys = t.services.signingKeys;
  const agency = await t.database.db
    .insertInto('agency')
    .values({ code: 'dinkes-test', level: 'national', nameId: 'Dinas Uji', nameEn: 'Test Office' })
    .returning('id')
    .executeTakeFirstOrThrow();
  agencyId = agency.id;
});

afterAll(async () => {
  await t?.close();
});

describe('signing keys', () => {
  it('create one active key on first use and keep returning it', async () => {
    const first = await keys.activeKey(agencyId);
    const again = await keys.activeKey(agencyId);
    expect(again.kid).toBe(first.kid);
    expect(first.status).toBe('active');
  });

  it('create a single key when two callers ask for the first one at once', async () => {
    const [a, b] = await Promise.all([keys.activeKey(null), keys.activeKey(null)]);
    expect(a.kid).toBe(b.kid);
  });

  it('create the first key on the caller’s transaction when given one, so it rolls back with it', async () => {
    const agency = await t.database.db
      .insertInto('agency')
      .values({ code: 'dinkes-trx', level: 'national', nameId: 'Dinas Uji Transaksi', nameEn: 'Transaction Test Office' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rollback = new Error('rollback');
    await expect(
      t.database.db.transaction().execute(async (trx) => {
        const key = await keys.activeKey(agency.id, trx);
        expect((await keys.activeKey(agency.id, trx)).kid).toBe(key.kid);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(await t.database.db.selectFrom('signingKey').select('id').where('agencyId', '=', agency.id).execute()).toEqual([]);

    // Two transactions creating it at once: the unique index keeps one, and both sign with it.
    const [a, b] = await Promise.all([
      t.database.db.transaction().execute((trx) => keys.activeKey(agency.id, trx)),
      t.database.db.transaction().execute((trx) => keys.activeKey(agency.id, trx)),
    ]);
    expect(a.kid).toBe(b.kid);
  });

  it('verify a signed document', async () => {
    const signed = await keys.signDocument(agencyId, FIELDS);
    const result = await keys.verifyDocument({ fields: FIELDS, ...signed });
    expect(result).toMatchObject({ ok: true, key: { kid: signed.kid, agencyId } });
  });

  it('refuse a document whose field changed', async () => {
    const signed = await keys.signDocument(agencyId, FIELDS);
    expect(await keys.verifyDocument({ fields: { ...FIELDS, holder: 'Someone Else' }, ...signed })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('still verify a document signed by a key that was rotated out', async () => {
    const signed = await keys.signDocument(agencyId, FIELDS);
    const next = await keys.rotate(agencyId);
    expect(next.kid).not.toBe(signed.kid);
    expect((await keys.activeKey(agencyId)).kid).toBe(next.kid);
    expect(await keys.verifyDocument({ fields: FIELDS, ...signed })).toMatchObject({ ok: true, key: { kid: signed.kid, status: 'retired' } });
  });

  it('refuse a document signed by a key that is not theirs', async () => {
    const stranger = generateSigningKeyPair();
    const signature = sign(privateKeyFromDer(stranger.privateKeyDer), documentSigningInput(FIELDS));
    expect(await keys.verifyDocument({ fields: FIELDS, kid: stranger.kid, signature })).toEqual({ ok: false, reason: 'unknown_key' });
  });

  it('refuse a stranger signature that borrows a known kid', async () => {
    const stranger = generateSigningKeyPair();
    const signature = sign(privateKeyFromDer(stranger.privateKeyDer), documentSigningInput(FIELDS));
    const { kid } = await keys.activeKey(agencyId);
    expect(await keys.verifyDocument({ fields: FIELDS, kid, signature })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuse a QR payload with a changed field', async () => {
    const signed = await keys.signDocument(agencyId, FIELDS);
    const genuine = encodeQrPayload({ fields: FIELDS, ...signed });
    expect(await keys.verifyQrPayload(genuine)).toMatchObject({ ok: true });
    const [prefix, kid, body, signature] = genuine.split('.');
    const changed = Buffer.from(
      Buffer.from(body ?? '', 'base64url')
        .toString('utf8')
        .replace('2030-01-31', '2040-01-31'),
    ).toString('base64url');
    expect(await keys.verifyQrPayload([prefix, kid, changed, signature].join('.'))).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it.each([
    ['a QR payload of garbage', () => keys.verifyQrPayload('LK1.%%%')],
    ['fields of the wrong shape', () => keys.verifyDocument({ fields: { number: 5 }, kid: 'AAAAAAAAAAAAAAAA', signature: new Uint8Array(64) })],
    ['a kid that cannot be one', () => keys.verifyDocument({ fields: FIELDS, kid: "x' or 1=1 --", signature: new Uint8Array(64) })],
    ['a signature that is not bytes', () => keys.verifyDocument({ fields: FIELDS, kid: 'AAAAAAAAAAAAAAAA', signature: 'abc' })],
  ])('answer %s with a result value', async (_label, attempt) => {
    expect(await attempt()).toEqual({ ok: false, reason: 'malformed' });
  });

  it('never store a private key in clear', async () => {
    const key = await keys.activeKey(agencyId);
    const der = key.privateKey.export({ format: 'der', type: 'pkcs8' });
    const seed = Buffer.from(key.privateKey.export({ format: 'jwk' }).d ?? '', 'base64url');
    expect(seed).toHaveLength(32);
    const { rows } = await sql<{ row: string; privateKeyEnc: string }>`select t::text as row, private_key_enc from signing_key t`.execute(t.database.db);
    expect(rows.length).toBeGreaterThan(0);
    const dump = rows.map((r) => r.row).join('\n');
    for (const secret of [der.toString('base64'), der.toString('base64url'), der.toString('hex'), seed.toString('base64url'), seed.toString('hex')]) {
      expect(dump).not.toContain(secret);
    }
    expect(rows.every((r) => r.privateKeyEnc.startsWith('v1.'))).toBe(true);
  });
});

describe('GET /.well-known/jwks.json', () => {
  it('publishes active and retired keys whose x verifies the signatures made with them', async () => {
    const before = await keys.signDocument(agencyId, FIELDS);
    await keys.rotate(agencyId);
    const after = await keys.signDocument(agencyId, FIELDS);

    const response = await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
    const jwks = response.json<{ keys: { kty: string; crv: string; x: string; kid: string; use: string; alg: string }[] }>();

    for (const signed of [before, after]) {
      const jwk = jwks.keys.find((k) => k.kid === signed.kid);
      expect(jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', use: 'sig', alg: 'EdDSA' });
      const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk?.x ?? '' }, format: 'jwk' });
      expect(verify(publicKey, documentSigningInput(FIELDS), signed.signature)).toBe(true);
    }
  });

  it('publishes no private material', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
    expect(response.body).not.toMatch(/"d"\s*:/);
  });
});

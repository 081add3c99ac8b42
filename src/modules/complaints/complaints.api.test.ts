import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, sessionTokenFor, type TestApp } from '../../../test/helpers/app.ts';
import { type ComplaintsFixture, createComplaintsFixture, forwardedComplaint } from './complaints.test-support.ts';

let t: TestApp;
let fx: ComplaintsFixture;
let bearer: string;

beforeAll(async () => {
  t = await createTestApp();
  fx = await createComplaintsFixture(t.services, t.database.db);
  bearer = await sessionTokenFor(t.services, { accountId: fx.citizen.accountId, kind: 'citizen' }, 'api');
});
afterAll(() => t.close());

const body = {
  kind: 'complaint',
  category: 'pelayanan-kependudukan',
  title: 'KTP-el belum jadi setelah tiga bulan',
  description: 'Saya merekam KTP-el di kantor dinas pada bulan Juli, sampai sekarang belum dicetak dan petugas tidak bisa memberi kepastian.',
  regionCode: '32.73',
};

function file(payload: unknown, key: string | undefined, headers: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/complaints',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}), ...headers },
    payload: JSON.stringify(payload),
  });
}

describe('complaints JSON API', () => {
  it('files once per idempotency key: 201, then 200 with the same tracking id; the safe privacy default applies', async () => {
    const key = crypto.randomUUID();
    const first = await file(body, key);
    expect(first.statusCode).toBe(201);
    const { trackingId } = first.json();
    expect(trackingId).toMatch(/^ADU-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(first.headers.location).toBe(`/api/v1/complaints/${trackingId}`);
    const again = await file(body, key);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ trackingId, replayed: true });

    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/me/complaints', headers: { authorization: `Bearer ${bearer}` } });
    expect(mine.statusCode).toBe(200);
    const item = mine.json().items.find((c: { trackingId: string }) => c.trackingId === trackingId);
    expect(item).toMatchObject({ isSecret: true, isAnonymous: true, status: 'unverified' });
    expect(mine.headers['cache-control']).toBe('no-store');
  });

  it('answers problems in the reporter’s language: missing key 400, invalid fields 422, signed out 401', async () => {
    const noKey = await file(body, undefined);
    expect(noKey.statusCode).toBe(400);
    expect(noKey.headers['content-type']).toContain('application/problem+json');
    // The citizen's account language (Bahasa Indonesia) wins over the header.
    expect(noKey.json().title).toBe('Header Idempotency-Key wajib diisi');

    const invalid = await file({ ...body, title: '', category: 'tidak-ada' }, crypto.randomUUID());
    expect(invalid.statusCode).toBe(422);
    const names = invalid.json().invalidParams.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['title']));

    const signedOut = await t.app.inject({ method: 'GET', url: '/api/v1/me/complaints' });
    expect(signedOut.statusCode).toBe(401);
  });

  it('shows a public report without the reporter, and answers 404 for a secret one', async () => {
    const open = await forwardedComplaint(t.services, fx);
    const secret = await forwardedComplaint(t.services, fx, { isSecret: true });
    const shown = await t.app.inject({ method: 'GET', url: `/api/v1/complaints/${open}` });
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({ trackingId: open, status: 'not_followed_up' });
    expect(shown.body).not.toContain('rina.');
    expect(shown.body).not.toContain(fx.citizenNik);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/complaints/${secret}` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/complaints/ADU-0000-0000' })).statusCode).toBe(404);
  });
});

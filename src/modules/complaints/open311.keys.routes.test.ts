import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, sessionTokenFor, type TestApp } from '../../../test/helpers/app.ts';
import { type CsrfPair, csrfPair } from '../../../test/security/forms.ts';
import { createStaff } from '../applications/applications.test-support.ts';

let t: TestApp;
let csrf: CsrfPair;
let cookie: string;

beforeAll(async () => {
  t = await createTestApp();
  csrf = await csrfPair(t.app);
  const admin = await createStaff(t.services, null, 'platform_admin');
  cookie = `loket_session=${await sessionTokenFor(t.services, admin)}; ${csrf.cookie}`;
});
afterAll(() => t.close());

const post = (url: string, fields: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrf.token, ...fields }).toString(),
  });

describe('Open311 keys admin page', () => {
  it('creates a key shown once, lists it by prefix, revokes it; refuses an empty name', async () => {
    const created = await post('/admin/open311-keys', { name: 'Aplikasi <Kota>' });
    expect(created.statusCode).toBe(200);
    const key = /<code>(o311_[A-Za-z0-9_-]+)<\/code>/.exec(created.body)?.[1] ?? '';
    expect(await t.services.open311Keys.authenticate(key)).toBeDefined();
    expect(created.body).toContain('Aplikasi &lt;Kota');
    expect(created.body).not.toContain('<Kota>');

    const listed = await t.app.inject({ url: '/admin/open311-keys', headers: { cookie, 'accept-language': 'en' } });
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain(key);
    const [row] = await t.services.open311Keys.list();
    expect(listed.body).toContain(`/admin/open311-keys/${row?.id}/revoke`);

    const revoked = await post(`/admin/open311-keys/${row?.id}/revoke`, {});
    expect(revoked.statusCode).toBe(303);
    expect(await t.services.open311Keys.authenticate(key)).toBeUndefined();

    const empty = await post('/admin/open311-keys', { name: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Isi nama aplikasi mitra');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, sessionTokenFor, type TestApp } from '../../../test/helpers/app.ts';
import { type CsrfPair, csrfPair } from '../../../test/security/forms.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import { createServiceFixture, createStaff } from '../applications/applications.test-support.ts';

let t: TestApp;
let csrf: CsrfPair;
let agencyA: string;
let adminA: SignedInActor;
let cookieA: string;
let cookieB: string;

beforeAll(async () => {
  t = await createTestApp();
  csrf = await csrfPair(t.app);
  agencyA = (await createServiceFixture(t.database.db)).agencyId;
  const agencyB = (await createServiceFixture(t.database.db)).agencyId;
  adminA = await createStaff(t.services, agencyA, 'agency_admin');
  const adminB = await createStaff(t.services, agencyB, 'agency_admin');
  cookieA = `loket_session=${await sessionTokenFor(t.services, { accountId: adminA.accountId, kind: 'staff' })}; ${csrf.cookie}`;
  cookieB = `loket_session=${await sessionTokenFor(t.services, { accountId: adminB.accountId, kind: 'staff' })}; ${csrf.cookie}`;
});
afterAll(() => t.close());

const post = (url: string, cookie: string, fields: [string, string][], language = 'id') =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'accept-language': language },
    payload: new URLSearchParams([['_csrf', csrf.token], ...fields]).toString(),
  });

describe('webhook administration pages', () => {
  it('create a subscription and show its signing secret once; the list never shows it again', async () => {
    const created = await post('/admin/webhooks', cookieA, [
      ['agencyId', agencyA],
      ['targetUrl', 'http://127.0.0.1:9/hook'],
      ['description', 'SIMPEG <dinas>'],
      ['eventTypes', 'application.status_changed'],
      ['eventTypes', 'complaint.forwarded'],
    ]);
    expect(created.statusCode).toBe(200);
    expect(created.headers['cache-control']).toBe('no-store');
    const secret = /<code id="signing-secret">(whsec_[A-Za-z0-9+/=]+)<\/code>/.exec(created.body)?.[1];
    expect(secret).toBeDefined();
    expect(created.body).toContain('SIMPEG &lt;dinas');

    const [subscription] = await t.services.webhooks.list(adminA);
    expect(subscription?.eventTypes).toEqual(['application.status_changed', 'complaint.forwarded']);
    // Sealed at rest: the clear secret is nowhere in the row.
    const row = await t.database.db
      .selectFrom('webhookSubscription')
      .selectAll()
      .where('id', '=', subscription?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(secret?.slice(6));

    const listed = await t.app.inject({ url: '/admin/webhooks', headers: { cookie: cookieA } });
    expect(listed.statusCode).toBe(200);
    expect(listed.body).toContain('Webhook sistem instansi');
    expect(listed.body).toContain('http://127.0.0.1:9/hook');
    expect(listed.body).not.toContain(secret);

    const detail = await t.app.inject({ url: `/admin/webhooks/${subscription?.id}`, headers: { cookie: cookieA } });
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('Belum ada pesan');
    expect(detail.body).not.toContain(secret);
  });

  it('refuse an invalid form with every problem named beside its field, keeping the answers', async () => {
    const refused = await post('/admin/webhooks', cookieA, [
      ['agencyId', agencyA],
      ['targetUrl', 'ftp://example.go.id/x'],
      ['description', 'x'.repeat(201)],
    ]);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#targetUrl"');
    expect(refused.body).toContain('href="#eventTypes"');
    expect(refused.body).toContain('href="#description"');
    expect(refused.body).toContain('Alamat tujuan harus memakai https.');
    expect(refused.body).toContain('value="ftp://example.go.id/x"');

    // The account's language decides: admin B reads English.
    expect((await post('/account/language', cookieB, [['locale', 'en']])).statusCode).toBeLessThan(400);
    const english = await post('/admin/webhooks', cookieB, [
      ['targetUrl', 'not a url'],
      ['agencyId', agencyA],
    ]);
    expect(english.statusCode).toBe(400);
    expect(english.body).toContain('Choose your agency.');
    expect(english.body).toContain('Enter a complete URL');
  });

  it('another agency’s admin finds nothing: no page, no switch, no redelivery', async () => {
    const [subscription] = await t.services.webhooks.list(adminA);
    const id = subscription?.id ?? '';
    expect((await t.app.inject({ url: `/admin/webhooks/${id}`, headers: { cookie: cookieB } })).statusCode).toBe(404);
    expect((await post(`/admin/webhooks/${id}/disable`, cookieB, [])).statusCode).toBe(404);
    expect((await post(`/admin/webhooks/${id}/messages/msg_${'0'.repeat(32)}/redeliver`, cookieB, [])).statusCode).toBe(404);
    const theirs = await t.app.inject({ url: '/admin/webhooks', headers: { cookie: cookieB } });
    expect(theirs.body).not.toContain(id);
    expect((await t.services.webhooks.get(adminA, id))?.enabled).toBe(true);
  });

  it('disable and enable a subscription with plain form posts; an unknown message is not redelivered', async () => {
    const [subscription] = await t.services.webhooks.list(adminA);
    const id = subscription?.id ?? '';
    const disabled = await post(`/admin/webhooks/${id}/disable`, cookieA, []);
    expect(disabled.statusCode).toBe(303);
    expect(disabled.headers.location).toBe(`/admin/webhooks/${id}`);
    expect((await t.services.webhooks.get(adminA, id))?.enabled).toBe(false);
    const page = await t.app.inject({ url: `/admin/webhooks/${id}`, headers: { cookie: cookieA } });
    expect(page.body).toContain(`/admin/webhooks/${id}/enable`);
    expect((await post(`/admin/webhooks/${id}/enable`, cookieA, [])).statusCode).toBe(303);
    expect((await t.services.webhooks.get(adminA, id))?.enabled).toBe(true);

    const unknown = await post(`/admin/webhooks/${id}/messages/msg_${'0'.repeat(32)}/redeliver`, cookieA, []);
    expect(unknown.statusCode).toBe(303);
    expect(unknown.headers.location).toBe(`/admin/webhooks/${id}?notice=not_redelivered`);
    expect((await post('/admin/webhooks/not-a-uuid/disable', cookieA, [])).statusCode).toBe(404);
  });

  it('record every change in the audit log without the URL or the secret', async () => {
    const entries = await t.database.db.selectFrom('auditEvent').select(['action', 'details']).where('action', 'like', 'webhook.%').execute();
    expect(entries.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['webhook.subscription_created', 'webhook.subscription_disabled', 'webhook.subscription_enabled']),
    );
    expect(JSON.stringify(entries)).not.toMatch(/whsec_|127\.0\.0\.1/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, sessionTokenFor, type TestApp } from '../../../test/helpers/app.ts';
import { type CsrfPair, csrfPair, formBody } from '../../../test/security/forms.ts';
import { createCitizen, createStaff } from '../applications/applications.test-support.ts';
import { citizenWithEverything } from './privacy.test-support.ts';

// The privacy pages over HTTP, as a browser without JavaScript uses them: forms post, redirect, and
// answer in the person's language.

let t: TestApp;
let csrf: CsrfPair;
let everything: Awaited<ReturnType<typeof citizenWithEverything>>;
let citizenCookie: string;

beforeAll(async () => {
  t = await createTestApp();
  csrf = await csrfPair(t.app);
  everything = await citizenWithEverything(t.services, t.database.db);
  citizenCookie = `loket_session=${await sessionTokenFor(t.services, { accountId: everything.actor.accountId, kind: 'citizen' })}`;
}, 60_000);

afterAll(async () => t?.close());

function post(url: string, cookie: string, fields: Record<string, string>, language = 'id') {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: `${cookie}; ${csrf.cookie}`, 'content-type': 'application/x-www-form-urlencoded', 'accept-language': language },
    payload: formBody(csrf, fields),
  });
}

describe('the citizen’s privacy pages', () => {
  it('list the person’s requests with their status, and the account page links here', async () => {
    const overview = await t.app.inject({ url: '/account/privacy', headers: { cookie: citizenCookie } });
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toContain(everything.correctionReference);
    expect(overview.body).toContain('Perbaikan data');
    const account = await t.app.inject({ url: '/account', headers: { cookie: citizenCookie } });
    expect(account.body).toContain('href="/account/privacy"');
  });

  it('download the data as JSON and as PDF, each recorded as a fulfilled request', async () => {
    const json = await post('/account/privacy/export', citizenCookie, { format: 'json' });
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.headers['content-disposition']).toMatch(/^attachment; filename="loket-data-PRV-/);
    const data = JSON.parse(json.body) as { account: { nik: string }; applications: unknown[] };
    expect(data.account.nik).toBe(everything.nik);
    expect(data.applications.length).toBeGreaterThan(0);

    const pdf = await post('/account/privacy/export', citizenCookie, { format: 'pdf' }, 'en');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    // The signed-in person's own language (Indonesian here) wins over the browser's.
    const refused = await post('/account/privacy/export', citizenCookie, { format: 'xml' }, 'en');
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Pilih JSON atau PDF.');
    const accessRequests = await t.database.db
      .selectFrom('privacyRequest')
      .select('status')
      .where('accountId', '=', everything.actor.accountId)
      .where('kind', '=', 'access')
      .execute();
    expect(accessRequests).toEqual([{ status: 'fulfilled' }, { status: 'fulfilled' }]);
  });

  it('file an objection through the form, with errors explained and values kept, then show it with its deadlines', async () => {
    const form = await t.app.inject({ url: '/account/privacy/requests/new?kind=objection', headers: { cookie: citizenCookie } });
    expect(form.statusCode).toBe(200);
    const invalid = await post('/account/privacy/requests', citizenCookie, {
      kind: 'objection',
      dataCategory: 'application',
      trackingNumber: 'LKT-0000-0000',
      details: '',
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('Jelaskan permintaan Anda.');
    expect(invalid.body).toContain('Nomor permohonan tidak ditemukan di akun Anda.');
    expect(invalid.body).toContain('value="LKT-0000-0000"');

    const filed = await post('/account/privacy/requests', citizenCookie, {
      kind: 'objection',
      dataCategory: 'profile',
      trackingNumber: '',
      details: 'Saya keberatan data saya dipakai untuk <script>alert(1)</script> promosi.',
    });
    expect(filed.statusCode).toBe(303);
    const location = String(filed.headers.location);
    expect(location).toMatch(/^\/account\/privacy\/requests\/PRV-[0-9A-Z]{4}-[0-9A-Z]{4}\?done=filed$/);
    const page = await t.app.inject({ url: location, headers: { cookie: citizenCookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Permintaan Anda sudah kami terima');
    expect(page.body).toContain('Pengelola Loket');
    expect(page.body).not.toContain('<script>alert');

    // Another person cannot open it.
    const stranger = await createCitizen(t.services);
    const strangerCookie = `loket_session=${await sessionTokenFor(t.services, { accountId: stranger.actor.accountId, kind: 'citizen' })}`;
    const other = await t.app.inject({ url: location.split('?')[0] ?? '', headers: { cookie: strangerCookie } });
    expect(other.statusCode).toBe(404);
  });

  it('show why deletion is refused before asking, and record the refusal when asked anyway', async () => {
    const page = await t.app.inject({ url: '/account/privacy/deletion', headers: { cookie: citizenCookie } });
    expect(page.body).toContain('wajib disimpan selama masa retensinya');
    const unconfirmed = await post('/account/privacy/deletion', citizenCookie, {});
    expect(unconfirmed.statusCode).toBe(400);
    const asked = await post('/account/privacy/deletion', citizenCookie, { confirm: 'yes' });
    expect(asked.statusCode).toBe(303);
    const refusal = await t.app.inject({ url: String(asked.headers.location), headers: { cookie: citizenCookie } });
    expect(refusal.body).toContain('Ditolak');
    expect(refusal.body).toContain('wajib disimpan selama masa retensinya');
  });

  it('carry out a deletion with nothing under retention and sign the person out', async () => {
    const citizen = await createCitizen(t.services);
    const cookie = `loket_session=${await sessionTokenFor(t.services, { accountId: citizen.actor.accountId, kind: 'citizen' })}`;
    const done = await post('/account/privacy/deletion', cookie, { confirm: 'yes' });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('Data Anda sudah dihapus');
    expect(String(done.headers['set-cookie'])).toMatch(/loket_session=;/);
    const after = await t.app.inject({ url: '/account', headers: { cookie } });
    expect(after.statusCode).toBe(303);
  });
});

describe('the staff queue', () => {
  it('shows the agency’s requests to its admin, who acknowledges and closes one; the person sees the response', async () => {
    const admin = await createStaff(t.services, everything.fixture.agencyId, 'agency_admin');
    const cookie = `loket_session=${await sessionTokenFor(t.services, { accountId: admin.accountId, kind: 'staff' })}`;
    const queue = await t.app.inject({ url: '/backoffice/privacy', headers: { cookie } });
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain(everything.correctionReference);

    const detail = await t.app.inject({ url: `/backoffice/privacy/${everything.correctionReference}`, headers: { cookie } });
    expect(detail.body).toContain('Bayu Pratama');
    const empty = await post(`/backoffice/privacy/${everything.correctionReference}/respond`, cookie, { action: 'close', response: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Tulis tanggapan sebelum menyelesaikan permintaan.');
    const acknowledged = await post(`/backoffice/privacy/${everything.correctionReference}/respond`, cookie, { action: 'acknowledge' });
    expect(acknowledged.statusCode).toBe(303);
    const closed = await post(`/backoffice/privacy/${everything.correctionReference}/respond`, cookie, {
      action: 'close',
      response: 'Nama anak sudah diperbaiki.',
    });
    expect(closed.statusCode).toBe(303);
    const again = await post(`/backoffice/privacy/${everything.correctionReference}/respond`, cookie, { action: 'close', response: 'Lagi.' });
    expect(again.statusCode).toBe(409);

    const mine = await t.app.inject({ url: `/account/privacy/requests/${everything.correctionReference}`, headers: { cookie: citizenCookie } });
    expect(mine.body).toContain('Nama anak sudah diperbaiki.');
    expect(mine.body).toContain('Selesai ditanggapi');
  });
});

describe('the legal holds page', () => {
  it('lets a platform admin hold a record (problems explained), list it with the retention rules, and release it', async () => {
    const admin = await createStaff(t.services, null, 'platform_admin');
    const cookie = `loket_session=${await sessionTokenFor(t.services, { accountId: admin.accountId, kind: 'staff' })}`;
    const page = await t.app.inject({ url: '/backoffice/privacy/holds', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('complaint_guest_contact');

    const invalid = await post('/backoffice/privacy/holds', cookie, { recordType: 'everything', recordId: '', reason: '' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('Pilih jenis data.');
    expect(invalid.body).toContain('Tulis alasan penahanan.');

    const held = await post('/backoffice/privacy/holds', cookie, { recordType: 'account', recordId: everything.actor.accountId, reason: 'Perkara 44/2026' });
    expect(held.statusCode).toBe(303);
    const twice = await post('/backoffice/privacy/holds', cookie, { recordType: 'account', recordId: everything.actor.accountId, reason: 'Perkara lain' });
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toContain('Data ini sudah ditahan.');
    const listed = await t.app.inject({ url: '/backoffice/privacy/holds?done=set', headers: { cookie } });
    expect(listed.body).toContain('Perkara 44/2026');
    expect(await t.services.privacy.deletion.assess(everything.actor)).toContain('legal_hold');

    const holdId = /action="\/backoffice\/privacy\/holds\/([0-9a-f-]{36})\/release"/.exec(listed.body)?.[1] ?? '';
    expect((await post(`/backoffice/privacy/holds/${holdId}/release`, cookie, {})).statusCode).toBe(303);
    expect((await post(`/backoffice/privacy/holds/${holdId}/release`, cookie, {})).statusCode).toBe(404);
    expect((await post('/backoffice/privacy/holds/not-a-uuid/release', cookie, {})).statusCode).toBe(404);
    expect(await t.services.privacy.deletion.assess(everything.actor)).not.toContain('legal_hold');

    // An agency admin works requests but cannot hold records.
    const agencyAdmin = await createStaff(t.services, everything.fixture.agencyId, 'agency_admin');
    const agencyCookie = `loket_session=${await sessionTokenFor(t.services, { accountId: agencyAdmin.accountId, kind: 'staff' })}`;
    expect((await t.app.inject({ url: '/backoffice/privacy/holds', headers: { cookie: agencyCookie } })).statusCode).toBe(403);
  });
});

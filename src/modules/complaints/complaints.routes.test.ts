import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, sessionTokenFor, type TestApp } from '../../../test/helpers/app.ts';
import { type CsrfPair, csrfPair } from '../../../test/security/forms.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import { actOk, type ComplaintsFixture, createComplaintsFixture, fileComplaint, forwardedComplaint, respondedComplaint } from './complaints.test-support.ts';

// The public and reporter pages over HTTP, as a browser without JavaScript uses them.

let t: TestApp;
let fx: ComplaintsFixture;
let csrf: CsrfPair;
let publicId: string;
let address = 0;

beforeAll(async () => {
  t = await createTestApp();
  fx = await createComplaintsFixture(t.services, t.database.db);
  csrf = await csrfPair(t.app);
  publicId = await forwardedComplaint(t.services, fx, { isSecret: false, isAnonymous: true });
});

afterAll(async () => t?.close());

function nextAddress(): string {
  address += 1;
  return `10.30.${(address >> 8) & 255}.${address & 255}`;
}

async function citizenCookie(actor: SignedInActor = fx.citizen): Promise<string> {
  return `loket_session=${await sessionTokenFor(t.services, actor)}; ${csrf.cookie}`;
}

function get(url: string, cookie = csrf.cookie, lang = 'id') {
  return t.app.inject({ url, headers: { cookie, 'accept-language': lang }, remoteAddress: nextAddress() });
}

function post(url: string, fields: Record<string, string | string[]>, cookie = csrf.cookie) {
  const body = new URLSearchParams({ _csrf: csrf.token });
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) body.append(name, one);
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
    remoteAddress: nextAddress(),
  });
}

const PDF = Buffer.from('%PDF-1.4\n% foto\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** A multipart post as a browser sends it: the CSRF token first, then the fields, then the files. */
function postMultipart(url: string, fields: Record<string, string>, file: { name: string; body: Buffer }, cookie: string) {
  const boundary = `----loket${crypto.randomUUID()}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries({ _csrf: csrf.token, ...fields })) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="files"; filename="${file.name}"\r\ncontent-type: application/pdf\r\n\r\n`));
  parts.push(file.body, Buffer.from(`\r\n--${boundary}--\r\n`));
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
    remoteAddress: nextAddress(),
  });
}

const GUEST_FILING = {
  kind: 'complaint',
  categoryCode: 'infrastruktur-jalan',
  title: 'Lampu jalan mati di Jalan Merdeka',
  description: 'Sudah dua minggu lampu jalan di depan taman mati sehingga jalan gelap dan rawan pada malam hari.',
  incidentDate: '2026-11-20',
  address: 'Jl. Merdeka dekat Taman Vanda, Bandung',
  province: '32',
  regency: '32.73',
  flags: ['secret', 'anonymous'],
  reporterEmail: 'warga@contoh.id',
};

describe('public pages', () => {
  it('answers every public page in both languages', async () => {
    for (const [lang, text] of [
      ['id', 'Pengaduan dan aspirasi'],
      ['en', 'Complaints and aspirations'],
    ] as const) {
      const list = await get('/complaints', csrf.cookie, lang);
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain(text);
      expect(list.body).toContain(publicId);
      expect(list.body.length).toBeLessThan(50_000);
      const form = await get('/complaints/new', csrf.cookie, lang);
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain(lang === 'id' ? 'Sampaikan laporan' : 'File a report');
      expect(form.body.length).toBeLessThan(50_000);
      const report = await get(`/complaints/${publicId}`, csrf.cookie, lang);
      expect(report.statusCode).toBe(200);
      expect(report.body).toContain(lang === 'id' ? 'Saya juga mengalami ini' : 'This happened to me too');
      expect((await get('/complaints/follow', csrf.cookie, lang)).statusCode).toBe(200);
    }
  });

  it('filters the list and keeps the search', async () => {
    const none = await get('/complaints?q=zzzzqqqq-tidak-ada&status=done&kind=aspiration&category=perizinan&region=32&page=abc');
    expect(none.statusCode).toBe(200);
    expect(none.body).not.toContain(publicId);
    expect(none.body).toContain('zzzzqqqq-tidak-ada');
  });

  it('ticks both privacy flags by default and refreshes the regencies by a GET round trip that keeps the text', async () => {
    const fresh = await get('/complaints/new');
    expect(fresh.body.match(/type="checkbox"[^>]*checked/g)?.length ?? 0).toBe(2);
    const refreshed = await get('/complaints/new?refresh=regions&title=Jalan+rusak+parah&province=32&flags=secret');
    expect(refreshed.body).toContain('value="Jalan rusak parah"');
    expect(refreshed.body).toContain('value="32.73"');
    expect(refreshed.body.match(/type="checkbox"[^>]*checked/g)?.length ?? 0).toBe(1);
  });

  it('shows the error summary and the field errors, keeping the values', async () => {
    const response = await post('/complaints/new', { kind: 'complaint', categoryCode: '', title: 'ab', description: 'pendek', latitude: 'x' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('error-summary');
    expect(response.body).toContain('href="#field-categoryCode"');
    expect(response.body).toContain('href="#field-title"');
    expect(response.body).toContain('value="ab"');
  });

  it('refuses a post without the CSRF token', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/complaints/new',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ title: 'x' }).toString(),
      remoteAddress: nextAddress(),
    });
    expect(response.statusCode).toBe(403);
  });

  it('files as a guest and reaches the follow-up page by the link shown once', async () => {
    const response = await post('/complaints/new', { ...GUEST_FILING, idempotencyKey: crypto.randomUUID() });
    expect(response.statusCode).toBe(200);
    const trackingId = /data-tracking-id="(ADU-[A-Z0-9-]+)"/.exec(response.body)?.[1];
    const link = /href="[^"]*(\/complaints\/follow\/[^"]+)"/.exec(response.body)?.[1];
    expect(trackingId).toBeDefined();
    expect(link).toBeDefined();
    const follow = await get(link as string);
    expect(follow.statusCode).toBe(200);
    expect(follow.body).toContain('Lampu jalan mati di Jalan Merdeka');
    expect(follow.headers['cache-control']).toContain('no-store');
    // Secret by default: not public.
    expect((await get(`/complaints/${trackingId}`)).statusCode).toBe(404);
    expect((await get('/complaints/follow/not-a-real-secret')).statusCode).toBe(404);
  });

  it('answers 404 for a secret or unknown report and shows no identity on an anonymous one', async () => {
    const secretId = await forwardedComplaint(t.services, fx, { isSecret: true });
    expect((await get(`/complaints/${secretId}`)).statusCode).toBe(404);
    expect((await get('/complaints/ADU-AAAA-AAAA')).statusCode).toBe(404);
    const page = await get(`/complaints/${publicId}`);
    const profile = await t.services.accounts.profile(fx.citizen);
    expect(page.body).not.toContain(profile.fullName);
  });

  it('plots the listed reports that have a point, without script', async () => {
    const pointed = await forwardedComplaint(t.services, fx, { isSecret: false, overrides: { latitude: -6.9175, longitude: 107.6191 } });
    const list = await get('/complaints');
    expect(list.body).toContain(`<a href="/complaints/${pointed}"><circle`);
  });

  it('suggests similar public reports after filing', async () => {
    const similar = await forwardedComplaint(t.services, fx, { isSecret: false, overrides: { title: 'Air PDAM keruh di Cibeunying sejak minggu lalu' } });
    const response = await post('/complaints/new', {
      ...GUEST_FILING,
      title: 'Air PDAM keruh di Cibeunying sejak minggu lalu',
      idempotencyKey: crypto.randomUUID(),
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(`href="/complaints/${similar}"`);
  });

  it('counts "me too" once per browser', async () => {
    const first = await post(`/complaints/${publicId}/support`, {});
    expect(first.statusCode).toBe(303);
    const supporter = /loket_supporter=([^;]+)/.exec(String(first.headers['set-cookie']))?.[1];
    expect(supporter).toBeDefined();
    const cookie = `${csrf.cookie}; loket_supporter=${supporter}`;
    const before = (await t.services.complaints.publicView(publicId))?.reportedBy;
    await post(`/complaints/${publicId}/support`, {}, cookie);
    expect((await t.services.complaints.publicView(publicId))?.reportedBy).toBe(before);
  });
});

describe('reporter pages', () => {
  it('lets a guest accept and rate a response through the follow-up link, the secret travelling in the body', async () => {
    const { trackingId, followUpSecret } = await fileComplaint(t.services, { kind: 'guest', email: 'tamu@contoh.id' }, { isSecret: false });
    await actOk(t.services, fx.desk, trackingId, { type: 'forward', agencyId: fx.agencyId, unitId: fx.unitId, isSecret: false, isAnonymous: false });
    await actOk(t.services, fx.officer, trackingId, { type: 'plan', message: 'Kami periksa minggu ini.' });
    await actOk(t.services, fx.officer, trackingId, { type: 'respond', message: 'Sudah kami perbaiki.' });
    const page = await get(`/complaints/follow/${followUpSecret}`);
    expect(page.body).toContain('action="/complaints/follow/accept"');
    const accepted = await post('/complaints/follow/accept', { s: followUpSecret as string });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.body).toContain('Pelapor menerima tanggapan');
    const rated = await post('/complaints/follow/rate', { s: followUpSecret as string, rating: '5' });
    expect(rated.statusCode).toBe(200);
    expect((await t.services.complaints.publicView(trackingId))?.rating).toBe(5);
    expect((await post('/complaints/follow/accept', { s: 'wrong' })).statusCode).toBe(404);
    // Visited by path, posted in bodies, looked up by query: the secret is in no log line.
    await get(`/complaints/follow?s=${followUpSecret}`);
    expect(t.logs.some((line) => line.includes('/complaints/follow/accept'))).toBe(true);
    expect(t.logs.filter((line) => line.includes(followUpSecret as string))).toEqual([]);
  });

  it('shows the signed-in reporter their list and report, and takes a rejection with a reason', async () => {
    const trackingId = await respondedComplaint(t.services, fx);
    const cookie = await citizenCookie();
    const list = await get('/account/complaints', cookie);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(trackingId);
    const mine = await get(`/complaints/mine/${trackingId}`, cookie);
    expect(mine.statusCode).toBe(200);
    const empty = await post(`/complaints/mine/${trackingId}/reject`, { reason: ' ' }, cookie);
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#reason"');
    const rejected = await post(`/complaints/mine/${trackingId}/reject`, { reason: 'Belum selesai.' }, cookie);
    expect(rejected.statusCode).toBe(303);
    const again = await post(`/complaints/mine/${trackingId}/reject`, { reason: 'Lagi.' }, cookie);
    expect(again.statusCode).not.toBe(303);
    const publicPage = await get(`/complaints/${trackingId}`, cookie);
    expect(publicPage.body).toContain(`/complaints/mine/${trackingId}`);
  });

  it('takes attachments from a signed-in reporter, and no multipart post from a guest', async () => {
    const cookie = await citizenCookie();
    const form = await get('/complaints/new', cookie);
    expect(form.body).toContain('enctype="multipart/form-data"');
    const { flags: _flags, reporterEmail: _email, ...fields } = GUEST_FILING;
    const response = await postMultipart(
      '/complaints/new',
      { ...fields, flags: 'secret', idempotencyKey: crypto.randomUUID() },
      { name: 'foto.pdf', body: PDF },
      cookie,
    );
    expect(response.statusCode).toBe(200);
    const trackingId = /data-tracking-id="(ADU-[A-Z0-9-]+)"/.exec(response.body)?.[1] as string;
    const report = await t.services.complaints.reporterView({ kind: 'account', accountId: fx.citizen.accountId }, trackingId);
    expect(report?.attachments.map((file) => file.name)).toEqual(['foto.pdf']);
    expect(report?.isAnonymous).toBe(false);
    const guest = await postMultipart('/complaints/new', { ...fields, idempotencyKey: crypto.randomUUID() }, { name: 'foto.pdf', body: PDF }, csrf.cookie);
    expect(guest.statusCode).toBe(415);
  });

  it('lets the reporter and the staff who may see the report download its attachments, and no one else', async () => {
    const cookie = await citizenCookie();
    const { flags: _flags, reporterEmail: _email, ...fields } = GUEST_FILING;
    const filed = await postMultipart('/complaints/new', { ...fields, idempotencyKey: crypto.randomUUID() }, { name: 'foto.pdf', body: PDF }, cookie);
    const trackingId = /data-tracking-id="(ADU-[A-Z0-9-]+)"/.exec(filed.body)?.[1] as string;
    const report = await t.services.complaints.reporterView({ kind: 'account', accountId: fx.citizen.accountId }, trackingId);
    const fileId = report?.attachments[0]?.fileId as string;
    const mine = `/complaints/mine/${trackingId}/files/${fileId}`;

    // The reporter's page links it, and the link gives the file as a download.
    expect((await get(`/complaints/mine/${trackingId}`, cookie)).body).toContain(`href="${mine}"`);
    const own = await get(mine, cookie);
    expect(own.statusCode).toBe(200);
    expect(own.rawPayload.equals(PDF)).toBe(true);
    expect(own.headers['content-disposition']).toMatch(/^attachment;/);
    expect(own.headers['cache-control']).toBe('private, no-store');

    // The desk sees the unverified report: its workspace links the file, and reading it is recorded.
    const desk = await citizenCookie(fx.desk);
    const deskFile = `/backoffice/complaints/triage/${trackingId}/files/${fileId}`;
    expect((await get(`/backoffice/complaints/triage/${trackingId}`, desk)).body).toContain(`href="${deskFile}"`);
    expect((await get(deskFile, desk)).statusCode).toBe(200);
    const row = await t.database.db.selectFrom('complaint').select('id').where('trackingId', '=', trackingId).executeTakeFirstOrThrow();
    const reads = await t.database.db
      .selectFrom('auditEvent')
      .select(['action', 'actorAccountId'])
      .where('subjectId', '=', row.id)
      .where('action', '=', 'personal_data.read')
      .execute();
    expect(reads).toContainEqual({ action: 'personal_data.read', actorAccountId: fx.desk.accountId });

    // Not yet forwarded: no agency may read it; another person, another report's path or a bad id: 404.
    expect((await get(`/backoffice/complaints/${trackingId}/files/${fileId}`, await citizenCookie(fx.officer))).statusCode).toBe(404);
    expect((await get(mine, await citizenCookie(fx.otherOfficer))).statusCode).toBe(404);
    expect((await get(`/complaints/mine/${publicId}/files/${fileId}`, cookie)).statusCode).toBe(404);
    expect((await get(`/complaints/mine/${trackingId}/files/bukan-id`, cookie)).statusCode).toBe(404);
    expect((await get(mine)).statusCode).not.toBe(200);
  });

  it('needs a sign-in for the reporter pages and hides other people’s reports', async () => {
    expect((await get('/account/complaints')).statusCode).not.toBe(200);
    const other = await citizenCookie(fx.officer);
    expect((await get(`/complaints/mine/${publicId}`, other)).statusCode).toBe(404);
  });
});

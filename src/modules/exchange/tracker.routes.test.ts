import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, sessionTokenFor, type TestApp } from '../../../test/helpers/app.ts';
import { createCitizen, createServiceFixture, createStaff } from '../applications/applications.test-support.ts';
import { trackerProduct } from './tracker.test-support.ts';

// The citizen's data tracker over HTTP: only their own accesses, labelled in their language, paged,
// exported as CSV and JSON with the same records, and law-enforcement accesses held back until released.

let t: TestApp;
let alice: Awaited<ReturnType<typeof createCitizen>>;
let bob: Awaited<ReturnType<typeof createCitizen>>;
let aliceCookie: string;
let bobCookie: string;
let agencyId: string;
let agencyName: string;
let product: Awaited<ReturnType<typeof trackerProduct>>;
const bobCase = `BOB-${crypto.randomUUID().slice(0, 8)}`;
const ORIGIN = { ip: '127.0.0.1', requestId: 'test', userAgent: 'test' };

beforeAll(async () => {
  t = await createTestApp();
  const fixture = await createServiceFixture(t.database.db);
  agencyId = fixture.agencyId;
  agencyName = (await t.database.db.selectFrom('agency').select('nameId').where('id', '=', agencyId).executeTakeFirstOrThrow()).nameId;
  alice = await createCitizen(t.services);
  bob = await createCitizen(t.services);
  product = await trackerProduct(t.services, t.database.db, agencyId, [alice.nik, bob.nik]);
  aliceCookie = `loket_session=${await sessionTokenFor(t.services, { accountId: alice.actor.accountId, kind: 'citizen' })}`;
  await t.services.accounts.setLocale(bob.actor, 'en');
  bobCookie = `loket_session=${await sessionTokenFor(t.services, { accountId: bob.actor.accountId, kind: 'citizen' })}`;
  await product.fetch(bob.nik, bobCase);
}, 60_000);

afterAll(async () => t?.close());

const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });

/** The case references in the order the page lists them. */
function casesOnPage(html: string, prefix: string): string[] {
  return [...html.matchAll(new RegExp(`(${prefix}-[0-9a-z-]+)`, 'g'))].map((match) => match[1] as string);
}

describe('the data tracker page', () => {
  it('shows each access to the citizen’s own data with agency, role, data, purpose, legal basis and case, and nobody else’s', async () => {
    const caseReference = `ALICE-${crypto.randomUUID().slice(0, 8)}`;
    await product.fetch(alice.nik, caseReference, 'public_service', ['fullName', 'address']);
    const page = await get('/account/data-tracker', aliceCookie);
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain(caseReference);
    expect(page.body).toContain(agencyName);
    expect(page.body).toContain('Petugas layanan');
    expect(page.body).toContain('Nama lengkap');
    expect(page.body).toContain('Alamat');
    expect(page.body).toContain('Pelayanan publik');
    expect(page.body).toContain('UU 24/2013 tentang Administrasi Kependudukan');
    expect(page.body).toContain('Pengambilan data untuk permohonan');
    expect(page.body).toContain('Data kependudukan uji');
    // The NIK shows masked, and another citizen's accesses never show.
    expect(page.body).not.toContain(alice.nik);
    expect(page.body).not.toContain(bobCase);
  });

  it('speaks the citizen’s language', async () => {
    const page = await get('/account/data-tracker', bobCookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Who has seen your data');
    expect(page.body).toContain(bobCase);
    expect(page.body).toContain('Public service delivery');
    expect(page.body).toContain('Full name');
  });

  it('labels an official’s view of the citizen’s record, which has no data product', async () => {
    const recorded = await t.services.exchange.recordAccess({
      subjectKind: 'nik',
      subjectKey: alice.nik,
      agencyId,
      role: 'supervisor',
      productCode: null,
      fields: ['application_answers'],
      purpose: 'application_processing',
      legalBasis: 'UU 25/2009 tentang Pelayanan Publik',
      caseReference: 'ALICE-officer-view',
      channel: 'officer_view',
    });
    expect(recorded).toBe(true);
    const page = await get('/account/data-tracker', aliceCookie);
    expect(page.body).toContain('ALICE-officer-view');
    expect(page.body).toContain('Penyelia');
    expect(page.body).toContain('Isian formulir permohonan');
    expect(page.body).toContain('Memproses permohonan Anda');
    expect(page.body).toContain('Petugas membuka berkas Anda');
    expect(page.body).toContain('Berkas Anda di Loket');
  });

  it('shows accesses to a business the citizen owns, by its NIB', async () => {
    const nib = `91${String(Date.now()).slice(-11)}`;
    const registered = await t.services.organisations.register(alice.actor, { nib, name: 'CV Uji Pelacak' }, ORIGIN);
    expect(registered.ok).toBe(true);
    const recorded = await t.services.exchange.recordAccess({
      subjectKind: 'nib',
      subjectKey: nib,
      agencyId,
      role: 'officer',
      productCode: null,
      fields: ['application'],
      purpose: 'application_processing',
      legalBasis: 'PP 5/2021',
      caseReference: 'ALICE-business',
      channel: 'officer_view',
    });
    expect(recorded).toBe(true);
    const page = await get('/account/data-tracker', aliceCookie);
    expect(page.body).toContain('ALICE-business');
    expect(page.body).toContain(`${nib.slice(0, 3)}`);
    expect(page.body).not.toContain(nib);
    expect((await get('/account/data-tracker', bobCookie)).body).not.toContain('ALICE-business');
  });

  it('holds back a law-enforcement access until the case is released', async () => {
    const caseReference = `ALICE-police-${crypto.randomUUID().slice(0, 8)}`;
    await product.fetch(alice.nik, caseReference, 'law_enforcement');
    const before = await get('/account/data-tracker', aliceCookie);
    expect(before.body).not.toContain(caseReference);
    expect((await get('/account/data-tracker.json', aliceCookie)).body).not.toContain(caseReference);
    expect((await get('/account/data-tracker.csv', aliceCookie)).body).not.toContain(caseReference);

    const released = await t.services.exchange.releaseWithheld(caseReference, agencyId, { accountId: null, role: 'system', agencyId: null });
    expect(released).toBe(1);
    const after = await get('/account/data-tracker', aliceCookie);
    expect(after.body).toContain(caseReference);
    expect(after.body).toContain('Penegakan hukum');
  });

  it('pages newest first, and the CSV and JSON exports hold the same records in the same order', async () => {
    const carol = await createCitizen(t.services);
    const carolProduct = await trackerProduct(t.services, t.database.db, agencyId, [carol.nik]);
    for (let n = 1; n <= 23; n += 1) await carolProduct.fetch(carol.nik, `CAROL-${String(n).padStart(2, '0')}`);
    // A value a spreadsheet would run as a formula.
    await carolProduct.fetch(carol.nik, '=HYPERLINK("http://contoh.test")');
    const cookie = `loket_session=${await sessionTokenFor(t.services, { accountId: carol.actor.accountId, kind: 'citizen' })}`;

    const first = await get('/account/data-tracker', cookie);
    const second = await get('/account/data-tracker?page=2', cookie);
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(first.body).toContain('href="/account/data-tracker?page=2"');
    const onPages = [...casesOnPage(first.body, 'CAROL'), ...casesOnPage(second.body, 'CAROL')];
    expect(onPages).toEqual(Array.from({ length: 23 }, (_, i) => `CAROL-${String(23 - i).padStart(2, '0')}`));
    expect(first.body).toContain('=HYPERLINK');

    const json = await get('/account/data-tracker.json', cookie);
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.headers['content-disposition']).toContain('attachment');
    const document = JSON.parse(json.body) as { total: number; records: { caseReference: string; purpose: { code: string; label: { id: string } } }[] };
    expect(document.total).toBe(24);
    expect(document.records[0]?.caseReference).toBe('=HYPERLINK("http://contoh.test")');
    expect(document.records.slice(1).map((record) => record.caseReference)).toEqual(onPages);
    expect(document.records[1]?.purpose).toEqual({ code: 'public_service', label: { id: 'Pelayanan publik', en: 'Public service delivery' } });

    const csv = await get('/account/data-tracker.csv', cookie);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);
    expect(lines[0]).toBe(
      'id,accessed_at,agency_code,agency,official_role,via_agency_system,data_product_code,data_product,fields,purpose_code,purpose,legal_basis,case_reference,channel_code,channel',
    );
    expect(lines).toHaveLength(25);
    // The formula is neutralised with a leading apostrophe.
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://contoh.test"")"`);
    expect(lines.slice(2).map((line) => casesOnPage(line, 'CAROL')[0])).toEqual(onPages);
    expect(lines[2]).toContain(',Petugas layanan,false,');
    expect(lines[2]).toContain('NIK; Nama lengkap; Alamat');
  });

  it('shows an empty page past the last one', async () => {
    const page = await get('/account/data-tracker?page=500', aliceCookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('ALICE-');
  });

  it.each(
    [
      'page=abc',
      'page=0',
      'page=-1',
      'page=1.5',
      'page=10001',
      'page=1e3',
      'page=%00',
      'page=1&page=2',
      'page=%3Cscript%3E',
      ['a 5000-digit page', `page=${'9'.repeat(5000)}`],
    ].map((query) => (typeof query === 'string' ? [query, query] : query)),
  )('answers a hostile query (%s) with a 400 in the citizen’s language, never a 5xx', async (_name, query) => {
    const page = await get(`/account/data-tracker?${query}`, aliceCookie);
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Nomor halaman harus bilangan bulat 1 sampai 10000.');
    expect(page.body).not.toContain('<script>');
  });

  it('ignores unknown query parameters', async () => {
    const page = await get('/account/data-tracker?sort=%27%3B+drop+table+exchange_access&x=%3Cscript%3E&page[]=2', aliceCookie);
    expect(page.statusCode).toBe(200);
  });

  it('is for signed-in people only; staff without a NIK see that nothing is tracked', async () => {
    for (const url of ['/account/data-tracker', '/account/data-tracker.csv', '/account/data-tracker.json']) {
      const anonymous = await t.app.inject({ url });
      expect([302, 303, 401]).toContain(anonymous.statusCode);
      expect(anonymous.body).not.toContain('ALICE-');
    }
    const officer = await createStaff(t.services, agencyId, 'officer');
    const cookie = `loket_session=${await sessionTokenFor(t.services, { accountId: officer.accountId, kind: 'staff' })}`;
    const page = await get('/account/data-tracker', cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Akun Anda tidak memiliki NIK');
    expect(JSON.parse((await get('/account/data-tracker.json', cookie)).body)).toMatchObject({ total: 0, records: [] });
  });

  it('is linked from the account page', async () => {
    const account = await get('/account', aliceCookie);
    expect(account.body).toContain('href="/account/data-tracker"');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { type CsrfPair, csrfPair } from '../../../test/security/forms.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import { localDate } from '../../platform/calendar/working-days.ts';
import { ALL_MESSAGES } from '../../platform/i18n/index.ts';
import { multipartBody, PNG } from '../../platform/storage/storage.test-support.ts';
import { createServiceFixture, createStaff, type ServiceFixture } from '../applications/applications.test-support.ts';

// The admin's upload page and what the public then sees: the agency's dashboard and the open-data file.

let t: TestApp;
let csrf: CsrfPair;
let fixture: ServiceFixture;
let agencyCode: string;
let address = 0;
const today = localDate(new Date());
const year = today.slice(0, 4);
const HEADER = 'tahun_anggaran,kode_program,nama_program,kode_layanan,pagu,realisasi,tanggal_posisi';

beforeAll(async () => {
  t = await createTestApp({ env: { LOKET_RATE_LIMIT_MAX: '100000' } });
  csrf = await csrfPair(t.app);
  fixture = await createServiceFixture(t.database.db);
  agencyCode = (await t.database.db.selectFrom('agency').select('code').where('id', '=', fixture.agencyId).executeTakeFirstOrThrow()).code;
});

afterAll(async () => t?.close());

const nextAddress = () => `10.78.${(++address >> 8) & 255}.${address & 255}`;

async function session(actor: SignedInActor): Promise<string> {
  const token = await t.services.sessions.create({ accountId: actor.accountId, accountKind: actor.kind, kind: 'web', mfaVerified: true, userAgent: 'test' });
  return `loket_session=${token}`;
}

function upload(cookie: string, fields: { agency: string; file?: { name: string; data: Buffer } }, language = 'id') {
  const { payload, contentType } = multipartBody([
    { name: '_csrf', value: csrf.token },
    { name: 'agency', value: fields.agency },
    ...(fields.file ? [{ name: 'file', filename: fields.file.name, data: fields.file.data, type: 'text/csv' }] : []),
  ]);
  return t.app.inject({
    method: 'POST',
    url: '/admin/budget',
    remoteAddress: nextAddress(),
    headers: { cookie: `${csrf.cookie}; ${cookie}`, 'content-type': contentType, 'accept-language': language },
    payload,
  });
}

const get = (url: string, cookie?: string, language = 'id') =>
  t.app.inject({ url, remoteAddress: nextAddress(), headers: { ...(cookie ? { cookie } : {}), 'accept-language': language } });

const csv = (...rows: string[]) => Buffer.from([HEADER, ...rows].join('\n'));
const lineCount = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('budgetLine')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('agencyId', '=', fixture.agencyId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('budget upload', () => {
  it('saves a good file for the admin’s agency and shows it on the public dashboard beside the service it pays for', async () => {
    const admin = await createStaff(t.services, fixture.agencyId, 'agency_admin');
    const cookie = await session(admin);
    const page = await get('/admin/budget', cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toContain(ALL_MESSAGES.id['budget.admin.none']);

    const saved = await upload(cookie, {
      agency: fixture.agencyId,
      file: {
        name: 'anggaran.csv',
        data: csv(
          `${year},WA.02,Program Pelayanan Publik,${fixture.code},2000000000,1500000000.5,${today}`,
          `${year},WA.01,Program Penunjang,,500000000,125000000,${today}`,
        ),
      },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain(ALL_MESSAGES.id['budget.admin.uploaded'].replace('{lines}', '2').replace('{year}', year));
    expect(saved.body).toContain('2.000.000.000');
    expect(await lineCount()).toBe(2);

    const dashboard = await get(`/transparency/agencies/${agencyCode}`, undefined, 'en');
    expect(dashboard.statusCode).toBe(200);
    expect(dashboard.body).toContain(ALL_MESSAGES.en['budget.section.heading'].replace('{year}', year));
    expect(dashboard.body).toContain('1,500,000,000.50');
    // 1,625,000,000.50 of 2,500,000,000: 65.0 %; the service links to its own performance page.
    expect(dashboard.body).toContain('65.0');
    expect(dashboard.body).toContain(`href="/transparency/services/${fixture.code}"`);

    const data = await get('/data/budget-realization.json');
    expect(data.statusCode).toBe(200);
    const rows = (data.json() as { data?: Record<string, unknown>[] }).data ?? (data.json() as Record<string, unknown>[]);
    const ours = (rows as Record<string, unknown>[]).filter((row) => row.agency_code === agencyCode);
    expect(ours.map((row) => [row.programme_code, row.budget, row.realization, row.realization_percent, row.service_codes])).toEqual([
      ['WA.01', 500000000, 125000000, 25, null],
      ['WA.02', 2000000000, 1500000000.5, 75, fixture.code],
    ]);

    // A second upload of the year replaces the lines; the history keeps both uploads.
    const again = await upload(cookie, { agency: fixture.agencyId, file: { name: 'revisi.csv', data: csv(`${year},WA.03,Program Baru,,10,5,${today}`) } });
    expect(again.statusCode).toBe(200);
    expect(await lineCount()).toBe(1);
    expect(again.body).toContain('revisi.csv');
    expect(again.body).toContain('anggaran.csv');
  });

  it('shows every row error in the person’s language and changes nothing', async () => {
    const admin = await createStaff(t.services, fixture.agencyId, 'agency_admin');
    // Staff pages speak the account's language.
    await t.services.accountsRepository.update(admin.accountId, { locale: 'en' });
    const cookie = await session(admin);
    const before = await lineCount();
    const refused = await upload(
      cookie,
      {
        agency: fixture.agencyId,
        file: { name: 'salah.csv', data: csv(`${year},WA.09,Program,,1.000.000,5,${today}`, `${year},WA.10,Program,layanan-orang-lain,5,10,${today}`) },
      },
      'en',
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Line 2: pagu must be an amount in rupiah');
    expect(refused.body).toContain('Line 3: kode_layanan layanan-orang-lain is not a service of this agency.');
    expect(refused.body).toContain('Line 3: the realization (10) is more than the budget (5).');
    expect(refused.body).toContain(ALL_MESSAGES.en['budget.admin.errorsLead']);
    expect(await lineCount()).toBe(before);
  });

  it('refuses a picture, an empty post and another agency with a 4xx, never a 5xx', async () => {
    const admin = await createStaff(t.services, fixture.agencyId, 'agency_admin');
    const cookie = await session(admin);
    const other = await createServiceFixture(t.database.db);
    const picture = await upload(cookie, { agency: fixture.agencyId, file: { name: 'anggaran.csv', data: PNG } });
    expect(picture.statusCode).toBe(415);
    expect(picture.body).toContain('CSV (UTF-8)');
    const none = await upload(cookie, { agency: fixture.agencyId });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain(ALL_MESSAGES.id['budget.error.file']);
    const foreign = await upload(cookie, { agency: other.agencyId, file: { name: 'a.csv', data: csv(`${year},X1,Program,,1,1,${today}`) } });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.body).toContain(ALL_MESSAGES.id['budget.error.agency']);
    const big = await upload(cookie, { agency: fixture.agencyId, file: { name: 'a.csv', data: Buffer.alloc(1024 * 1024 + 10, 'a') } });
    expect(big.statusCode).toBe(413);
    expect(
      Number(
        (
          await t.database.db
            .selectFrom('budgetLine')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('agencyId', '=', other.agencyId)
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(0);
  });

  it('is for agency and platform admins only', async () => {
    const officer = await createStaff(t.services, fixture.agencyId, 'officer');
    expect((await get('/admin/budget', await session(officer))).statusCode).toBe(403);
    const platform = await createStaff(t.services, null, 'platform_admin');
    const page = await get('/admin/budget', await session(platform));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<select');
    expect((await get('/admin/budget')).statusCode).toBe(303);
  });
});

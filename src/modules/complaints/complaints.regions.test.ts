import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { type CsrfPair, csrfPair } from '../../../test/security/forms.ts';
import { createCatalogueRepository } from '../catalogue/catalogue.repository.ts';
import { DEMO_REGIONS } from '../catalogue/seed/demo-regions.ts';
import { COMPLAINT_ORIGIN, type ComplaintsFixture, createComplaintsFixture, fileComplaint, forwardedComplaint } from './complaints.test-support.ts';

// Choosing where it happened down to the village, as a browser without JavaScript does: each select
// refreshes the one below by a GET round trip, and the filing keeps the most specific level chosen.

let t: TestApp;
let fx: ComplaintsFixture;
let csrf: CsrfPair;
let address = 0;

beforeAll(async () => {
  t = await createTestApp();
  fx = await createComplaintsFixture(t.services, t.database.db);
  await createCatalogueRepository(t.database.db).upsertRegions(DEMO_REGIONS);
  csrf = await csrfPair(t.app);
});

afterAll(async () => t?.close());

function nextAddress(): string {
  address += 1;
  return `10.31.${(address >> 8) & 255}.${address & 255}`;
}

function get(url: string, lang = 'id') {
  return t.app.inject({ url, headers: { cookie: csrf.cookie, 'accept-language': lang }, remoteAddress: nextAddress() });
}

function post(fields: Record<string, string | string[]>, lang = 'id') {
  const body = new URLSearchParams({ _csrf: csrf.token });
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) body.append(name, one);
  return t.app.inject({
    method: 'POST',
    url: '/complaints/new',
    headers: { cookie: csrf.cookie, 'content-type': 'application/x-www-form-urlencoded', 'accept-language': lang },
    payload: body.toString(),
    remoteAddress: nextAddress(),
  });
}

const FILING = {
  kind: 'complaint',
  categoryCode: 'infrastruktur-jalan',
  title: 'Lubang besar di Jalan Dago',
  description: 'Ada lubang besar di Jalan Ir. H. Juanda dekat simpang Dipatiukur yang membahayakan pengendara motor.',
  address: 'Jl. Ir. H. Juanda',
  province: '32',
  regency: '32.73',
  district: '32.73.02',
  village: '32.73.02.1004',
  flags: ['secret', 'anonymous'],
};

async function complaintCount(): Promise<number> {
  const row = await t.database.db
    .selectFrom('complaint')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The options of one select, as value → label. */
function options(body: string, id: string): Map<string, string> {
  const select = new RegExp(`<select[^>]*id="${id}"[^>]*>([\\s\\S]*?)</select>`).exec(body)?.[1] ?? '';
  return new Map([...select.matchAll(/<option[^>]*value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((m) => [m[1] ?? '', m[2] ?? '']));
}

describe('choosing the place down to the village without JavaScript', () => {
  it("offers the chosen regency's districts, then the chosen district's villages, by a GET refresh that keeps the text", async () => {
    const regency = await get('/complaints/new?refresh=regions&title=Jalan+rusak+parah&province=32&regency=32.73');
    expect(regency.statusCode).toBe(200);
    expect(regency.body).toContain('value="Jalan rusak parah"');
    const districts = options(regency.body, 'field-district');
    const districtCodes = [...districts.keys()].filter((code) => code !== '');
    expect(districtCodes).toHaveLength(30);
    expect(districtCodes.every((code) => code.startsWith('32.73.'))).toBe(true);
    expect(districts.get('32.73.02')).toBe('Coblong');
    expect(regency.body).not.toContain('id="field-village"');

    const district = await get('/complaints/new?refresh=regions&province=32&regency=32.73&district=32.73.02');
    const villages = options(district.body, 'field-village');
    expect([...villages.keys()].filter((code) => code !== '').sort()).toEqual([
      '32.73.02.1001',
      '32.73.02.1002',
      '32.73.02.1003',
      '32.73.02.1004',
      '32.73.02.1005',
      '32.73.02.1006',
    ]);
    expect(villages.get('32.73.02.1004')).toBe('Dago');
    expect(district.body).toContain('Tampilkan kelurahan/desa');
    expect((await get('/complaints/new?refresh=regions&province=32&regency=32.73', 'en')).body).toContain('Show villages');
  });

  it('clears the levels a changed province or regency no longer holds', async () => {
    const moved = await get('/complaints/new?refresh=regions&province=35&regency=32.73&district=32.73.02&village=32.73.02.1004');
    expect(moved.statusCode).toBe(200);
    expect(options(moved.body, 'field-regionCode').get('35.78')).toBe('Kota Surabaya');
    expect(moved.body).not.toContain('id="field-district"');
    expect(moved.body).not.toContain('id="field-village"');
  });

  it('stores a report filed at a village with that code and shows the full place name', async () => {
    const response = await post({ ...FILING, idempotencyKey: crypto.randomUUID() });
    expect(response.statusCode).toBe(200);
    const trackingId = /data-tracking-id="(ADU-[A-Z0-9-]+)"/.exec(response.body)?.[1] ?? '';
    const row = await t.database.db.selectFrom('complaint').select('regionCode').where('trackingId', '=', trackingId).executeTakeFirst();
    expect(row?.regionCode).toBe('32.73.02.1004');
    const staff = await t.services.complaints.staffView(fx.desk, trackingId, COMPLAINT_ORIGIN);
    expect(staff?.place.regionName).toBe('Dago, Coblong, Kota Bandung, Jawa Barat');

    const publicId = await forwardedComplaint(t.services, fx, { isSecret: false, overrides: { regionCode: '32.73.02.1004' } });
    expect((await get(`/complaints/${publicId}`)).body).toContain('Dago, Coblong, Kota Bandung, Jawa Barat');
  });

  it('keeps the regency when no district is chosen, and the district when no village is', async () => {
    for (const [fields, stored] of [
      [{ district: '', village: '' }, '32.73'],
      [{ village: '' }, '32.73.02'],
      // A village left over under a cleared district is ignored, as the page no longer shows it.
      [{ district: '', village: '32.73.02.1004' }, '32.73'],
    ] as const) {
      const response = await post({ ...FILING, ...fields, idempotencyKey: crypto.randomUUID() });
      expect(response.statusCode).toBe(200);
      const trackingId = /data-tracking-id="(ADU-[A-Z0-9-]+)"/.exec(response.body)?.[1] ?? '';
      const row = await t.database.db.selectFrom('complaint').select('regionCode').where('trackingId', '=', trackingId).executeTakeFirst();
      expect(row?.regionCode).toBe(stored);
    }
  });

  it('refuses a village outside the chosen district, an unknown village or a malformed code, on that field in both languages, storing nothing', async () => {
    const before = await complaintCount();
    for (const [fields, field, messageId, messageEn] of [
      [
        { village: '32.73.01.1001' },
        'field-village',
        'Kelurahan/desa ini tidak berada di kecamatan yang Anda pilih.',
        'This village is not in the district you chose.',
      ],
      [{ village: '32.73.02.1999' }, 'field-village', 'Pilih kelurahan/desa dari daftar.', 'Choose a village from the list.'],
      [
        { district: '35.78.02', village: '' },
        'field-district',
        'Kecamatan ini tidak berada di kabupaten/kota yang Anda pilih.',
        'This district is not in the regency or city you chose.',
      ],
      [{ district: 'bukan-kode', village: '' }, 'field-district', 'Pilih kecamatan dari daftar.', 'Choose a district from the list.'],
      [
        { regency: '35.78', district: '', village: '' },
        'field-regionCode',
        'Kabupaten/kota ini tidak berada di provinsi yang Anda pilih.',
        'This regency or city is not in the province you chose.',
      ],
    ] as const) {
      for (const [lang, message] of [
        ['id', messageId],
        ['en', messageEn],
      ] as const) {
        const response = await post({ ...FILING, ...fields, idempotencyKey: crypto.randomUUID() }, lang);
        expect(response.statusCode).toBe(400);
        expect(response.body).toContain(`href="#${field}"`);
        expect(response.body).toContain(message);
        // The values stay, so the person only chooses again.
        expect(response.body).toContain('value="Lubang besar di Jalan Dago"');
      }
    }
    expect(await complaintCount()).toBe(before);
  });
});

describe('routing a report filed at a village', () => {
  it("routes by its regency's rule, ahead of its province's", async () => {
    await t.database.db
      .insertInto('complaintRoute')
      .values([
        { categoryCode: 'kebersihan', regionCode: '32', agencyId: fx.agencyId, unitId: null },
        { categoryCode: 'kebersihan', regionCode: '32.73', agencyId: fx.otherAgencyId, unitId: null },
      ])
      .execute();
    const { trackingId } = await fileComplaint(
      t.services,
      { kind: 'account', accountId: fx.citizen.accountId },
      {
        categoryCode: 'kebersihan',
        regionCode: '32.73.02.1004',
      },
    );
    const staff = await t.services.complaints.staffView(fx.desk, trackingId, COMPLAINT_ORIGIN);
    expect(staff?.place.regionCode).toBe('32.73.02.1004');
    expect(staff?.routedTo?.agency.id).toBe(fx.otherAgencyId);
  });
});

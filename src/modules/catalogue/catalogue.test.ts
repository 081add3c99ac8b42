import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { isDemoSeeded, SMALL_DEMO, seedDemo } from '../../seed.ts';
import { DEMO_AGENCIES, DEMO_SERVICES } from './catalogue.seed.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('demo catalogue', () => {
  it('starts empty, and the home page says so', async () => {
    expect(await isDemoSeeded(t.database.db)).toBe(false);
    const home = await t.app.inject({ url: '/' });
    expect(home.body).toContain('Belum ada instansi yang terdaftar.');
  });

  it('seeds agencies at national, provincial and city level in all three time zones, idempotently', async () => {
    const first = await seedDemo(t.database.db, t.services, SMALL_DEMO);
    const second = await seedDemo(t.database.db, t.services, SMALL_DEMO);
    expect(second).toEqual(first);
    expect(await isDemoSeeded(t.database.db)).toBe(true);

    const agencies = await t.database.db.selectFrom('agency').select(['code', 'level']).execute();
    expect(agencies).toHaveLength(DEMO_AGENCIES.length);
    expect(new Set(agencies.map((a) => a.level))).toEqual(new Set(['national', 'provincial', 'regency', 'city']));
    const zones = await t.database.db.selectFrom('agencyUnit').select('timeZone').distinct().execute();
    expect(zones.map((z) => z.timeZone).sort()).toEqual(['Asia/Jakarta', 'Asia/Jayapura', 'Asia/Makassar']);
    const units = await t.database.db.selectFrom('agencyUnit').selectAll().execute();
    expect(units).toHaveLength(first.units);
    for (const unit of units) expect(unit.streetAddress.length).toBeGreaterThan(5);
  });

  it('seeds services of at least eight different agencies, each with one published version, idempotently', async () => {
    const report = await seedDemo(t.database.db, t.services, SMALL_DEMO);
    expect(report).toMatchObject({ services: DEMO_SERVICES.length });
    expect(DEMO_SERVICES.length).toBeGreaterThanOrEqual(8);
    const versions = await t.database.db
      .selectFrom('serviceVersion as v')
      .innerJoin('service as s', 's.id', 'v.serviceId')
      .select(['s.code', 's.agencyId', 'v.version', 'v.status', 'v.searchText'])
      .execute();
    expect(versions.map((v) => v.code).sort()).toEqual(DEMO_SERVICES.map((service) => service.code).sort());
    // The Dinas Sosial offers two: DTKS registration at the counter, and meal assistance online (once-only with consent).
    expect(new Set(versions.map((v) => v.agencyId)).size).toBe(DEMO_SERVICES.length - 1);
    for (const version of versions) {
      expect(version, version.code).toMatchObject({ version: 1, status: 'published' });
      expect(version.searchText.length, version.code).toBeGreaterThan(200);
    }
  });

  it('lists agencies on the API in the language of the request, national first', async () => {
    const id = (await t.app.inject({ url: '/api/v1/agencies' })).json();
    const en = (await t.app.inject({ url: '/api/v1/agencies', headers: { 'accept-language': 'en' } })).json();
    expect(id.items).toHaveLength(DEMO_AGENCIES.length);
    expect(id.items[0].level).toBe('national');
    const jayapura = en.items.find((a: { code: string }) => a.code === 'disdukcapil-kota-jayapura');
    expect(jayapura).toMatchObject({
      name: 'Population and Civil Registration Office, City of Jayapura',
      regionName: 'Kota Jayapura',
      unitCount: 1,
      level: 'city',
    });
  });

  it('shows the agencies on the home page', async () => {
    const home = await t.app.inject({ url: '/' });
    expect(home.body).toContain('Dinas Kependudukan dan Pencatatan Sipil Kota Bandung');
    expect(home.body).toContain('Kota · Kota Bandung');
  });
});

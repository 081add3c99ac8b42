import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { SMALL_DEMO, seedDemo } from '../../seed.ts';
import { DEMO_SERVICES } from './catalogue.seed.ts';
import { BIRTH_CERTIFICATE } from './seed/demo-services-civil.ts';
import { POLICE_CLEARANCE } from './seed/demo-services-social.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.database.db, t.services, SMALL_DEMO);
});
afterAll(async () => t.close());

const get = (url: string, locale: 'id' | 'en' = 'id') => t.app.inject({ url, headers: { 'accept-language': locale } });

describe('services API', () => {
  it('is described in the OpenAPI document, which stays valid', async () => {
    const document = (await get('/api/openapi.json')).json();
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/services', '/api/v1/services/{code}']));
    expect(document.paths['/api/v1/services'].get.tags).toEqual(['catalogue']);
    expect(document.components.schemas).toHaveProperty('ServiceStandard');
    expect(document.components.schemas).toHaveProperty('FormSchema');
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
  });

  it('searches like the page: "akte lahir" gives the birth certificate first, in the language of the request', async () => {
    const response = await get('/api/v1/services?q=akte%20lahir', 'en');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ q: 'akte lahir', page: 1, pageSize: 20 });
    expect(body.items[0]).toEqual({
      code: BIRTH_CERTIFICATE.code,
      name: BIRTH_CERTIFICATE.nameEn,
      summary: BIRTH_CERTIFICATE.summaryEn,
      agency: { code: 'disdukcapil-kabupaten-sleman', name: 'Population and Civil Registration Office, Sleman Regency' },
      lifeEvents: ['birth'],
      applicantTypes: ['citizen'],
      channels: ['online', 'counter'],
      timeLimitWorkingDays: 5,
      costKind: 'free',
      costAmount: 0,
    });
  });

  it('lists every service without a query, and filters by agency, life event (one or several) and applicant type', async () => {
    expect((await get('/api/v1/services')).json().total).toBe(DEMO_SERVICES.length);
    const codes = async (query: string) => (await get(`/api/v1/services?${query}`)).json().items.map((item: { code: string }) => item.code);
    expect(await codes('agency=polrestabes-makassar')).toEqual([POLICE_CLEARANCE.code]);
    expect(await codes('lifeEvent=moving')).toEqual(['surat-keterangan-pindah-kota-jayapura']);
    expect((await codes('lifeEvent=moving&lifeEvent=birth')).sort()).toEqual([BIRTH_CERTIFICATE.code, 'surat-keterangan-pindah-kota-jayapura']);
    expect(await codes('applicantType=business')).toEqual(['persetujuan-bangunan-gedung-dki-jakarta']);
  });

  it('refuses a malformed filter with a problem in the language of the request', async () => {
    for (const query of ['applicantType=alien', 'lifeEvent=party', 'page=0', 'page=x', `q=${'a'.repeat(2001)}`]) {
      const response = await get(`/api/v1/services?${query}`, 'en');
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().type).toBe('/problems/platform.validation');
    }
  });

  it('cuts a long query instead of refusing it, and survives hostile ones', async () => {
    const long = await get(`/api/v1/services?q=${encodeURIComponent(`akta ${'x'.repeat(1500)}`)}`);
    expect(long.statusCode).toBe(200);
    expect(long.json().q).toHaveLength(200);
    for (const q of ["' OR 1=1 --", '"unterminated', '\u0000\u0001', '-(-)', '<script>']) {
      expect((await get(`/api/v1/services?q=${encodeURIComponent(q)}`)).statusCode, q).toBe(200);
    }
  });

  it('gives a published service with its full standard and form schema', async () => {
    const response = await get(`/api/v1/services/${POLICE_CLEARANCE.code}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      code: POLICE_CLEARANCE.code,
      name: POLICE_CLEARANCE.nameId,
      version: 1,
      costKind: 'paid',
      costAmount: 30_000,
      timeLimitWorkingDays: 3,
      priorityGroups: ['elderly', 'disabled', 'pregnant'],
    });
    expect(body.versionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number.isNaN(Date.parse(body.publishedAt))).toBe(false);
    expect(body.standard).toEqual(POLICE_CLEARANCE.standard);
    expect(body.form).toEqual(POLICE_CLEARANCE.form);
  });

  it('answers an unknown code with a 404 problem', async () => {
    for (const code of ['tidak-ada', 'x', '..%2F..%2Fetc']) {
      const response = await get(`/api/v1/services/${code}`, 'en');
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ type: '/problems/catalogue.service_not_found', status: 404, title: 'Service not found' });
    }
  });
});

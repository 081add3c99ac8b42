import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { SMALL_DEMO, seedDemo } from '../../seed.ts';
import { DEMO_SERVICES } from './catalogue.seed.ts';
import type { CatalogueSearch } from './catalogue.service.ts';

// Search over the eight demo services on real PostgreSQL: full text with Indonesian stemming plus
// trigram similarity for misspellings and spelling variants.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.database.db, t.services, SMALL_DEMO);
});
afterAll(async () => t.close());

function search(params: Partial<CatalogueSearch>) {
  return t.services.catalogue.search({ q: '', locale: 'id', ...params });
}

async function codes(q: string, params: Partial<CatalogueSearch> = {}): Promise<string[]> {
  return (await search({ q, ...params })).items.map((item) => item.code);
}

describe('catalogue search', () => {
  it('finds the birth certificate "Akta Kelahiran" first for "akte lahir"', async () => {
    const found = await codes('akte lahir');
    expect(found[0]).toBe('akta-kelahiran-kabupaten-sleman');
  });

  it('finds the replacement of a damaged KTP-el first for "ktp rusak", and not services that merely ask for a KTP', async () => {
    const found = await codes('ktp rusak');
    expect(found[0]).toBe('penggantian-ktp-el-kota-bandung');
    expect(found).not.toContain('persetujuan-bangunan-gedung-dki-jakarta');
  });

  it.each([
    ['akta kelahiarn', 'akta-kelahiran-kabupaten-sleman'],
    ['surat pindh', 'surat-keterangan-pindah-kota-jayapura'],
    ['skck', 'skck-polrestabes-makassar'],
    ['catatan kepolisian', 'skck-polrestabes-makassar'],
    ['izin bangun rumah', 'persetujuan-bangunan-gedung-dki-jakarta'],
    ['nomor induk berusaha', 'nib-usaha-mikro'],
    ['bpjs kesehatan', 'pbi-jkn-provinsi-jawa-timur'],
    ['bantuan sosial', 'pendaftaran-dtks-kota-surabaya'],
    ['cara membuat akta kelahiran', 'akta-kelahiran-kabupaten-sleman'],
    ['birth certificate', 'akta-kelahiran-kabupaten-sleman'],
    ['police clearance', 'skck-polrestabes-makassar'],
  ])('puts the right service first for "%s" (typos, stems, synonyms in both languages)', async (q, code) => {
    expect((await codes(q))[0]).toBe(code);
  });

  it('answers a query that matches nothing with no results', async () => {
    const results = await search({ q: 'kapal selam nuklir' });
    expect(results.items).toEqual([]);
    expect(results.total).toBe(0);
  });

  it('lists every published service by name when the query is empty', async () => {
    const results = await search({});
    expect(results.total).toBe(DEMO_SERVICES.length);
    const names = results.items.map((item) => item.nameId.toLowerCase());
    expect(names).toEqual([...names].sort());
  });

  it('filters by agency, life event and applicant type, with and without a query', async () => {
    expect(await codes('', { agency: 'disdukcapil-kabupaten-sleman' })).toEqual(['akta-kelahiran-kabupaten-sleman']);
    expect(await codes('akta', { agency: 'disdukcapil-kota-bandung' })).toEqual([]);
    expect((await codes('', { lifeEvents: ['moving'] })).sort()).toEqual(['surat-keterangan-pindah-kota-jayapura']);
    expect((await codes('', { lifeEvents: ['birth', 'moving'] })).sort()).toEqual(['akta-kelahiran-kabupaten-sleman', 'surat-keterangan-pindah-kota-jayapura']);
    expect(await codes('', { applicantType: 'business' })).toEqual(['persetujuan-bangunan-gedung-dki-jakarta']);
    expect(await codes('bangunan', { applicantType: 'business', lifeEvents: ['building'] })).toEqual(['persetujuan-bangunan-gedung-dki-jakarta']);
  });

  it('drops unknown filter values instead of failing', async () => {
    const results = await search({ lifeEvents: ['not-an-event', "'; drop table service; --"], applicantType: 'alien', agency: '../../etc' });
    expect(results.filters).toEqual({ agency: undefined, lifeEvents: [], applicantType: undefined });
    expect(results.total).toBe(DEMO_SERVICES.length);
  });

  it('pages the results', async () => {
    const first = await search({ page: 1 });
    expect(first.pageSize).toBe(20);
    expect(first.pageCount).toBe(1);
    const beyond = await search({ page: 7 });
    expect(beyond.items).toEqual([]);
    expect(beyond.total).toBe(DEMO_SERVICES.length);
    expect((await search({ page: -3 })).page).toBe(1);
    expect((await search({ page: 1e9 })).page).toBe(500);
  });

  it.each([
    ['a very long query', `akta ${'kelahiran '.repeat(2000)}`],
    ['SQL', "' OR 1=1; DROP TABLE service_version; --"],
    ['websearch operators', '"akta -kelahiran or or ( ) & | ! <-> :*'],
    ['NUL and control characters', 'akta\u0000kelahiran\u0007\u001b[31m'],
    ['unpaired surrogates', 'akta \ud800 kelahiran \udfff'],
    ['emoji and other scripts', '👶 出生証明 شهادة ميلاد akta'],
    ['only punctuation', '!!!???'],
    ['backslashes and percent signs', '\\% _ %% \\\\ akta'],
  ])('never fails on hostile input: %s', async (_name, q) => {
    const results = await search({ q });
    expect(results.q.length).toBeLessThanOrEqual(200);
    expect(results.q).not.toContain('\u0000');
    expect(Array.isArray(results.items)).toBe(true);
  });
});

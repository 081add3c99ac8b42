import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BUSINESS_OWNER, DEMO_CITIZEN } from '../accounts/accounts.seed.ts';
import { provenanceHash } from './exchange.service.ts';
import { createExchangeTestEnv, type ExchangeTestEnv } from './exchange.test-support.ts';

let env: ExchangeTestEnv;
let dinsos: string;
let police: string;
beforeAll(async () => {
  env = await createExchangeTestEnv();
  dinsos = await env.agencyId('dinsos-kota-surabaya');
  police = await env.agencyId('polrestabes-makassar');
});
afterAll(() => env.close());

const socialRequest = (agencyId: string, caseReference: string) => ({
  productCode: 'dtsen-kepesertaan',
  subjectKey: DEMO_CITIZEN.nik,
  purpose: 'social_assistance',
  legalBasis: 'Perwali Surabaya 10/2024 tentang bantuan sosial',
  caseReference,
  actor: { agencyId, role: 'officer' },
});

describe('fetching from a registry data product', () => {
  it('returns the registry data with provenance and records the access for the data tracker', async () => {
    const result = await env.exchange.fetchFromProduct(socialRequest(dinsos, 'DTKS-2026-0001'));
    if (!result.ok) throw new Error(`refused: ${result.reason}`);
    expect(result.data).toMatchObject({ nik: DEMO_CITIZEN.nik, registered: true, decile: 2 });
    expect(result.provenance).toMatchObject({ productCode: 'dtsen-kepesertaan', source: 'registry', providerAgency: { code: 'kementerian-sosial' } });
    expect(result.provenance.sha256).toBe(provenanceHash('dtsen-kepesertaan', 'kementerian-sosial', result.provenance.fetchedAt, result.data));

    const page = await env.exchange.listSubjectAccesses([{ kind: 'nik', key: DEMO_CITIZEN.nik }]);
    const access = page.items.find((item) => item.id === result.provenance.accessId);
    expect(access).toMatchObject({
      agency: { code: 'dinsos-kota-surabaya' },
      actorRole: 'officer',
      product: { code: 'dtsen-kepesertaan' },
      purpose: { code: 'social_assistance', label: { id: 'Penyaluran bantuan sosial' } },
      caseReference: 'DTKS-2026-0001',
      channel: 'application',
      viaAgencySystem: false,
    });
    expect(access?.fields.map((f) => f.name)).toContain('decile');
    // Another person's tracker does not show it.
    const other = await env.exchange.listSubjectAccesses([{ kind: 'nik', key: DEMO_BUSINESS_OWNER.nik }]);
    expect(other.items.some((item) => item.id === result.provenance.accessId)).toBe(false);
  });

  it('stores no NIK in clear: the registry and the tracker hold only blind indexes and ciphertext', async () => {
    const rows = await env.db.selectFrom('exchangeRegistryRecord').selectAll().execute();
    const accesses = await env.db.selectFrom('exchangeAccess').selectAll().execute();
    const dump = JSON.stringify([rows, accesses]);
    expect(rows.length).toBeGreaterThan(0);
    expect(dump).not.toContain(DEMO_CITIZEN.nik);
    expect(dump).not.toContain(DEMO_CITIZEN.fullName);
  });

  it('refuses agencies that are not consumers, purposes the product does not allow, bad keys and unknown fields', async () => {
    const base = socialRequest(dinsos, 'C-1');
    const disdukcapilSleman = await env.agencyId('disdukcapil-kabupaten-sleman');
    expect(await env.exchange.fetchFromProduct({ ...base, actor: { agencyId: disdukcapilSleman, role: 'officer' } })).toEqual({
      ok: false,
      reason: 'agency_not_permitted',
    });
    expect(await env.exchange.fetchFromProduct({ ...base, purpose: 'marketing' })).toEqual({ ok: false, reason: 'purpose_not_permitted' });
    expect(await env.exchange.fetchFromProduct({ ...base, subjectKey: '1234' })).toEqual({ ok: false, reason: 'invalid_subject' });
    expect(await env.exchange.fetchFromProduct({ ...base, fields: ['password'] })).toEqual({ ok: false, reason: 'unknown_field' });
    expect(await env.exchange.fetchFromProduct({ ...base, productCode: 'tidak-ada' })).toEqual({ ok: false, reason: 'unknown_product' });
    expect(await env.exchange.fetchFromProduct({ ...base, caseReference: '' })).toEqual({ ok: false, reason: 'invalid_request' });
    expect(await env.exchange.fetchFromProduct({ ...base, subjectKey: '3171014101010001' })).toEqual({ ok: false, reason: 'not_found' });
  });

  it('returns only the fields asked for, and records only those', async () => {
    const result = await env.exchange.fetchFromProduct({ ...socialRequest(dinsos, 'C-2'), fields: ['registered'] });
    if (!result.ok) throw new Error(result.reason);
    expect(result.data).toEqual({ registered: true });
    const row = await env.db.selectFrom('exchangeAccess').select('fields').where('id', '=', result.provenance.accessId).executeTakeFirstOrThrow();
    expect(row.fields).toEqual(['registered']);
  });
});

describe('law-enforcement accesses', () => {
  it('are hidden from the subject until the case is released', async () => {
    const result = await env.exchange.fetchFromProduct({
      productCode: 'kependudukan-nik',
      subjectKey: DEMO_BUSINESS_OWNER.nik,
      purpose: 'law_enforcement',
      legalBasis: 'KUHAP pasal 7',
      caseReference: 'LP/B/123/XII/2026',
      actor: { agencyId: police, role: 'investigator' },
    });
    if (!result.ok) throw new Error(result.reason);
    const before = await env.exchange.listSubjectAccesses([{ kind: 'nik', key: DEMO_BUSINESS_OWNER.nik }]);
    expect(before.items.some((item) => item.id === result.provenance.accessId)).toBe(false);
    expect(before.total).toBe(before.items.length);

    const released = await env.exchange.releaseWithheld('LP/B/123/XII/2026', police, { accountId: null, role: 'operator', agencyId: police });
    expect(released).toBe(1);
    const after = await env.exchange.listSubjectAccesses([{ kind: 'nik', key: DEMO_BUSINESS_OWNER.nik }]);
    expect(after.items.find((item) => item.id === result.provenance.accessId)).toMatchObject({
      purpose: { code: 'law_enforcement' },
      agency: { code: 'polrestabes-makassar' },
    });
  });

  it('access records cannot be deleted or rewritten, only released', async () => {
    await expect(env.db.deleteFrom('exchangeAccess').execute()).rejects.toThrow(/append-only/);
    await expect(env.db.updateTable('exchangeAccess').set({ purpose: 'other' }).execute()).rejects.toThrow(/append-only/);
  });
});

describe('officer views recorded by other modules', () => {
  it('appear in the tracker with the officer_view channel', async () => {
    const bandung = await env.agencyId('disdukcapil-kota-bandung');
    const recorded = await env.exchange.recordAccess({
      subjectKind: 'nik',
      subjectKey: DEMO_CITIZEN.nik,
      agencyId: bandung,
      role: 'officer',
      productCode: null,
      fields: ['application'],
      purpose: 'application_processing',
      legalBasis: 'UU 25/2009 tentang Pelayanan Publik',
      caseReference: 'AKT-2026-XYZ',
      channel: 'officer_view',
    });
    expect(recorded).toBe(true);
    const page = await env.exchange.listSubjectAccesses([{ kind: 'nik', key: DEMO_CITIZEN.nik }], { pageSize: 1 });
    expect(page.items[0]).toMatchObject({ channel: 'officer_view', caseReference: 'AKT-2026-XYZ', product: null });
    expect(page.total).toBeGreaterThan(1);
  });
});

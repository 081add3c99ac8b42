import { describe, expect, it } from 'vitest';
import { validateFormSchema } from '../../platform/forms/validate-schema.ts';
import { birthCertificateWorkflow } from '../workflow/workflow.examples.ts';
import { validateWorkflow } from '../workflow/workflow.schema.ts';
import { buildSearchText, MAX_QUERY_LENGTH, parseQuery, termsNeeded } from './catalogue.search.ts';
import { DEMO_AGENCIES, DEMO_SERVICES } from './catalogue.seed.ts';
import { checkStandard, emptyStandard, isIncompleteness } from './catalogue.standard.ts';
import { KTP_EL_REPLACEMENT } from './seed/demo-services-civil.ts';
import { answerNamesOf, checkWorkflow, publishProblems, standardFieldId } from './service-draft.ts';
import { fieldsFromStandard, rowCount, standardFieldsFromBody, standardFromFields } from './standard-fields.ts';

describe('the demo services’ workflows', () => {
  it.each(DEMO_SERVICES.map((service) => [service.code, service] as const))('%s: passes validateWorkflow with its form’s answer names', (_code, service) => {
    expect(validateWorkflow(service.workflow, { answerNames: answerNamesOf(service.form) })).toEqual({ ok: true, workflow: service.workflow });
    // Condition values must also be options of the field they test.
    expect(checkWorkflow(service.workflow, service.form)).toMatchObject({ ok: true });
    const units = new Set(DEMO_AGENCIES.find((agency) => agency.code === service.agencyCode)?.units.map((unit) => unit.code));
    for (const step of service.workflow.steps) {
      if (step.responsible.unitCode !== undefined) expect(units.has(step.responsible.unitCode), `${service.code} ${step.id}`).toBe(true);
      for (const item of step.checklist) expect(item.label.id !== '' && item.label.en !== '' && item.label.id !== item.label.en, item.id).toBe(true);
    }
    expect(service.workflow.steps.length).toBeGreaterThanOrEqual(3);
    expect(service.workflow.steps.length).toBeLessThanOrEqual(5);
  });

  it('uses the birth certificate example, some conditions, and waits for payment where a fee is charged', () => {
    expect(DEMO_SERVICES.find((service) => service.code === 'akta-kelahiran-kabupaten-sleman')?.workflow).toBe(birthCertificateWorkflow);
    expect(DEMO_SERVICES.filter((service) => service.workflow.steps.some((step) => step.condition)).length).toBeGreaterThan(1);
    for (const service of DEMO_SERVICES) {
      const waits = service.workflow.steps.some((step) => step.waitForPayment === true);
      expect(waits, service.code).toBe(service.standard.cost.kind === 'paid' && service.standard.cost.amount > 0);
    }
    expect(new Set(DEMO_SERVICES.map((service) => JSON.stringify(service.workflow))).size).toBe(DEMO_SERVICES.length);
  });
});

describe('the service standard schema', () => {
  it.each(DEMO_SERVICES.map((service) => [service.code, service] as const))(
    'accepts the demo service %s, standard and form, ready to publish',
    (_code, service) => {
      expect(checkStandard(service.standard)).toEqual({ ok: true, standard: service.standard });
      expect(validateFormSchema(service.form)).toMatchObject({ ok: true });
      expect(publishProblems(service)).toEqual([]);
    },
  );

  it('gives every demo form a file field, a NIK field, an address field and several pages, and some a condition', () => {
    for (const service of DEMO_SERVICES) {
      const fields = service.form.pages.flatMap((page) => page.fields);
      expect(service.form.pages.length, service.code).toBeGreaterThanOrEqual(3);
      expect(
        fields.some((field) => field.type === 'file'),
        service.code,
      ).toBe(true);
      expect(
        fields.some((field) => field.type === 'nik'),
        service.code,
      ).toBe(true);
      expect(
        fields.some((field) => field.type === 'address'),
        service.code,
      ).toBe(true);
    }
    expect(DEMO_SERVICES.every((service) => service.form.pages.some((page) => page.fields.some((field) => field.showWhen)))).toBe(true);
  });

  it('gets the legal facts right: population documents free by law, SKCK Rp30.000, PBG by local regulation', () => {
    const cost = (code: string) => DEMO_SERVICES.find((service) => service.code === code)?.standard.cost;
    for (const code of ['penggantian-ktp-el-kota-bandung', 'akta-kelahiran-kabupaten-sleman', 'surat-keterangan-pindah-kota-jayapura']) {
      expect(cost(code)).toMatchObject({ kind: 'free', legalBasis: { id: expect.stringContaining('Undang-Undang Nomor 24 Tahun 2013') } });
    }
    expect(cost('skck-polrestabes-makassar')).toMatchObject({
      kind: 'paid',
      amount: 30_000,
      legalBasis: { id: expect.stringContaining('Nomor 76 Tahun 2020') },
    });
    expect(cost('persetujuan-bangunan-gedung-dki-jakarta')).toMatchObject({ kind: 'variable', legalBasis: { id: expect.stringContaining('Retribusi') } });
    expect(cost('nib-usaha-mikro')?.kind).toBe('free');
  });

  it('names where each problem is, and checks the cost against the kind it claims', () => {
    const paidWithoutAmount = { ...structuredClone(KTP_EL_REPLACEMENT.standard), cost: { kind: 'paid', legalBasis: { id: 'PP', en: 'GR' } } };
    const result = checkStandard(paidWithoutAmount);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.map((problem) => problem.path)).toEqual(['/cost']);
    const badText = structuredClone(KTP_EL_REPLACEMENT.standard);
    badText.requirements[1] = { ...badText.requirements[1], id: 'kk' } as (typeof badText.requirements)[number];
    badText.timeLimit.workingDays = 400;
    const problems = checkStandard(badText);
    expect(problems.ok ? [] : problems.problems.map((problem) => `${problem.path} ${problem.keyword}`)).toEqual(['/timeLimit/workingDays maximum']);
    badText.timeLimit.workingDays = 4;
    expect(checkStandard(badText)).toEqual({ ok: false, problems: [{ path: '/requirements/1/id', keyword: 'unique', message: 'duplicate requirement id' }] });
  });

  it('treats an empty standard as incomplete, not as wrong', () => {
    const result = checkStandard(emptyStandard());
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.filter((problem) => !isIncompleteness(problem))).toEqual([]);
  });

  it('points a problem at the input of the back-office form that holds it', () => {
    expect(standardFieldId('/requirements/2/label/en')).toBe('std.requirements.2.label.en');
    expect(standardFieldId('/requirements')).toBe('std.requirements.0.label.id');
    expect(standardFieldId('/legalBasis')).toBe('std.legalBasis.0.id');
    expect(standardFieldId('/complaintChannel/channels')).toBe('std.complaintChannel.channels.0.label.id');
  });
});

describe('the standard as form fields', () => {
  it('round-trips every demo standard through the fields of the editor', () => {
    for (const service of DEMO_SERVICES) {
      expect(standardFromFields(fieldsFromStandard(service.standard)), service.code).toEqual(service.standard);
    }
  });

  it('drops blank rows, names a requirement from its label, and reads amounts as people type them', () => {
    const fields = new Map([
      ['std.requirements.0.label.id', ''],
      ['std.requirements.1.label.id', 'Fotokopi Kartu Keluarga'],
      ['std.requirements.1.label.en', 'Copy of the family card'],
      ['std.requirements.1.kind', 'data'],
      ['std.requirements.2.label.id', 'Fotokopi kartu keluarga'],
      ['std.cost.kind', 'paid'],
      ['std.cost.amount', 'Rp 30.000'],
      ['std.timeLimit.workingDays', 'lima'],
    ]);
    const standard = standardFromFields(fields) as {
      requirements: { id: string; kind: string }[];
      cost: { amount: unknown };
      timeLimit: { workingDays: unknown };
    };
    expect(standard.requirements.map((requirement) => requirement.id)).toEqual(['fotokopi-kartu-keluarga', 'fotokopi-kartu-keluarga-2']);
    expect(standard.requirements[0]?.kind).toBe('data');
    expect(standard.cost.amount).toBe(30_000);
    expect(standard.timeLimit.workingDays).toBe('lima');
    expect(rowCount(fields, 'requirements')).toBe(3);
  });

  it('takes only text std.* fields from a posted body, whatever else it holds', () => {
    const body = { 'std.product.name.id': 'KTP', 'std.x': ['a', 'b'], other: 'x', ['std.'.padEnd(100, 'y')]: 'long', __proto__: { polluted: true } };
    expect([...standardFieldsFromBody(body).entries()]).toEqual([['std.product.name.id', 'KTP']]);
    expect(standardFieldsFromBody(null).size).toBe(0);
  });
});

describe('search text and queries', () => {
  it('cleans and cuts a query, and keeps the words that name a service', () => {
    expect(parseQuery('  Cara membuat   AKTA kelahiran?  ')).toEqual({ text: 'Cara membuat AKTA kelahiran?', terms: ['membuat', 'akta', 'kelahiran'] });
    expect(parseQuery('a\u0000b\u200bc').text).toBe('a b c');
    expect(parseQuery('x'.repeat(500)).text).toHaveLength(MAX_QUERY_LENGTH);
    expect(parseQuery('Pérmohonan ÉKTP').terms).toEqual(['permohonan', 'ektp']);
    expect(parseQuery('\ud800 akta').text).toBe('\ufffd akta');
    expect(parseQuery('satu dua tiga empat lima enam tujuh delapan').terms).toHaveLength(6);
  });

  it('asks most of the words of a longer query to match', () => {
    expect([1, 2, 3, 4, 5, 6].map(termsNeeded)).toEqual([1, 2, 2, 3, 3, 4]);
  });

  it('finds a service by its names, requirements, product, life events and agency in both languages', () => {
    const text = buildSearchText({
      ...KTP_EL_REPLACEMENT,
      lifeEventLabels: ['Dokumen identitas', 'Identity documents'],
      agencyNameId: 'Disdukcapil Kota Bandung',
      agencyNameEn: 'Bandung Civil Registry',
    });
    for (const expected of [
      'Penggantian KTP-el',
      'Replacing a Damaged',
      'Surat keterangan kehilangan',
      'Police report',
      'KTP elektronik (KTP-el) baru',
      'Identity documents',
      'Bandung Civil Registry',
      'penggantian ktp el kota bandung',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('\n');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { STANDARD_WORKFLOW } from '../workflow/workflow.defaults.ts';
import { createCatalogueRepository } from './catalogue.repository.ts';
import { seedDemoCatalogue } from './catalogue.seed.ts';
import { agencyId, draftInputFrom, ORIGIN, staffAt } from './catalogue.test-support.ts';
import { BIRTH_CERTIFICATE, KTP_EL_REPLACEMENT } from './seed/demo-services-civil.ts';

// Versions move draft → published → retired; only a draft changes; publishing is one transaction
// under the service's lock; another agency's services are answered as missing.

let t: TestApp;
let bandung: string;
let sleman: string;
let bandungAdmin: SignedInActor;
let platformAdmin: SignedInActor;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoCatalogue(createCatalogueRepository(t.database.db));
  bandung = await agencyId(t.services, 'disdukcapil-kota-bandung');
  sleman = await agencyId(t.services, 'disdukcapil-kabupaten-sleman');
  bandungAdmin = await staffAt(t.services, bandung);
  platformAdmin = await staffAt(t.services, null, 'platform_admin');
});
afterAll(async () => t.close());

let counter = 0;
/** A new service of Bandung with a complete, saved draft version 1. */
async function completeDraft(actor = bandungAdmin, agency = bandung) {
  counter += 1;
  const code = `uji-ktp-${counter}`;
  const created = await t.services.serviceAdmin.createService(actor, { agencyId: agency, code, nameId: 'Uji KTP', nameEn: 'Test ID' }, ORIGIN);
  if (!created.ok) throw new Error(JSON.stringify(created.problems));
  const saved = await t.services.serviceAdmin.saveDraft(actor, created.value.versionId, draftInputFrom(KTP_EL_REPLACEMENT), ORIGIN);
  if (!saved.ok) throw new Error(JSON.stringify(saved.problems));
  return { code, ...created.value };
}

async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return `${error.statusCode} ${error.code}`;
    throw error;
  }
  return 'no error';
}

describe('service versions', () => {
  it('creates a service with an empty draft that cannot be published until it is complete', async () => {
    const created = await t.services.serviceAdmin.createService(bandungAdmin, { agencyId: bandung, code: 'uji-kosong', nameId: 'Uji', nameEn: 'Test' }, ORIGIN);
    if (!created.ok) throw new Error('not created');
    const draft = await t.services.serviceAdmin.getVersion(bandungAdmin, created.value.versionId);
    expect(draft).toMatchObject({ status: 'draft', version: 1, code: 'uji-kosong' });
    const missing = t.services.serviceAdmin.publishProblems(draft).map((problem) => problem.field);
    expect(missing).toEqual(expect.arrayContaining(['std.requirements.0.label.id', 'std.product.name.id', 'form']));
    expect(await errorCode(t.services.serviceAdmin.publish(bandungAdmin, draft.id, ORIGIN))).toBe('422 catalogue.version_incomplete');
    expect(await t.services.catalogue.publishedVersionByCode('uji-kosong')).toBeUndefined();
  });

  it('refuses a service code that is malformed or already used', async () => {
    const bad = await t.services.serviceAdmin.createService(bandungAdmin, { agencyId: bandung, code: 'Bad Code!', nameId: '', nameEn: 'x' }, ORIGIN);
    expect(bad.ok ? [] : bad.problems.map((problem) => problem.field).sort()).toEqual(['code', 'nameId']);
    const taken = await t.services.serviceAdmin.createService(
      bandungAdmin,
      { agencyId: bandung, code: KTP_EL_REPLACEMENT.code, nameId: 'Lagi', nameEn: 'Again' },
      ORIGIN,
    );
    expect(taken.ok ? [] : taken.problems).toEqual([{ field: 'code', key: 'catalogue.admin.error.codeTaken' }]);
  });

  it('publishes a complete draft: it becomes readable by code and searchable, and the publication is audited', async () => {
    const { code, versionId, serviceId } = await completeDraft();
    expect(t.services.serviceAdmin.publishProblems(await t.services.serviceAdmin.getVersion(bandungAdmin, versionId))).toEqual([]);
    expect(await t.services.serviceAdmin.publish(bandungAdmin, versionId, ORIGIN)).toEqual({ retiredVersionId: undefined });
    const published = await t.services.catalogue.publishedVersionByCode(code);
    expect(published).toMatchObject({ id: versionId, status: 'published', version: 1, timeLimitWorkingDays: 14, costAmount: 0 });
    expect(published?.publishedAt).toBeInstanceOf(Date);
    const found = await t.services.catalogue.search({ q: 'uji ktp', locale: 'id', agency: 'disdukcapil-kota-bandung' });
    expect(found.items.map((item) => item.code)).toContain(code);
    const audit = await t.services.audit.search({ action: 'catalogue.version_published', subjectType: 'service', subjectId: serviceId, limit: 5 });
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]?.actor).toMatchObject({ accountId: bandungAdmin.accountId, role: 'agency_admin', agencyId: bandung });
    expect(audit.entries[0]?.details).toMatchObject({ code, versionId, version: 1 });
  });

  it('publishing version 2 retires version 1, which stays readable by id with its own form and standard', async () => {
    const { code, versionId: v1, serviceId } = await completeDraft();
    await t.services.serviceAdmin.publish(bandungAdmin, v1, ORIGIN);
    const v2 = await t.services.serviceAdmin.startNewVersion(bandungAdmin, serviceId, ORIGIN);
    expect(v2).not.toBe(v1);
    const copy = await t.services.serviceAdmin.getVersion(bandungAdmin, v2);
    expect(copy).toMatchObject({ status: 'draft', version: 2, nameId: KTP_EL_REPLACEMENT.nameId });
    expect(copy.form).toEqual(KTP_EL_REPLACEMENT.form);

    const newForm = { schemaVersion: 1, pages: [KTP_EL_REPLACEMENT.form.pages[0]] };
    // The workflow's condition tests an answer of the page left out: version 2 runs the standard workflow.
    const changed = draftInputFrom(KTP_EL_REPLACEMENT, { nameId: 'Uji KTP versi dua', form: JSON.stringify(newForm), workflow: '' });
    const saved = await t.services.serviceAdmin.saveDraft(bandungAdmin, v2, changed, ORIGIN);
    expect(saved).toEqual({ ok: true, value: undefined });
    expect(await t.services.serviceAdmin.publish(bandungAdmin, v2, ORIGIN)).toEqual({ retiredVersionId: v1 });

    const current = await t.services.catalogue.publishedVersionByCode(code);
    expect(current).toMatchObject({ id: v2, version: 2, nameId: 'Uji KTP versi dua' });
    expect(current?.form).toEqual(newForm);
    const old = await t.services.catalogue.getVersion(v1);
    expect(old).toMatchObject({ id: v1, status: 'retired', version: 1, nameId: KTP_EL_REPLACEMENT.nameId, code });
    expect(old?.retiredAt).toBeInstanceOf(Date);
    expect(old?.form).toEqual(KTP_EL_REPLACEMENT.form);
    expect(old?.standard).toEqual(KTP_EL_REPLACEMENT.standard);
  });

  it('never edits a published or retired version: saving it is refused and nothing changes', async () => {
    const { versionId } = await completeDraft();
    await t.services.serviceAdmin.publish(bandungAdmin, versionId, ORIGIN);
    const attempt = t.services.serviceAdmin.saveDraft(bandungAdmin, versionId, draftInputFrom(KTP_EL_REPLACEMENT, { nameId: 'Diubah diam-diam' }), ORIGIN);
    expect(await errorCode(attempt)).toBe('409 catalogue.version_not_draft');
    expect(await errorCode(t.services.serviceAdmin.publish(bandungAdmin, versionId, ORIGIN))).toBe('409 catalogue.version_not_draft');
    expect((await t.services.catalogue.getVersion(versionId))?.nameId).toBe(KTP_EL_REPLACEMENT.nameId);
  });

  it('starting a new version twice gives the same draft', async () => {
    const { versionId, serviceId } = await completeDraft();
    await t.services.serviceAdmin.publish(bandungAdmin, versionId, ORIGIN);
    const [first, second] = await Promise.all([
      t.services.serviceAdmin.startNewVersion(bandungAdmin, serviceId, ORIGIN),
      t.services.serviceAdmin.startNewVersion(bandungAdmin, serviceId, ORIGIN),
    ]);
    expect(first).toBe(second);
    expect(await t.services.serviceAdmin.startNewVersion(bandungAdmin, serviceId, ORIGIN)).toBe(first);
  });

  it('of concurrent publish attempts exactly one succeeds, and exactly one version is published', async () => {
    const { versionId, serviceId } = await completeDraft();
    await t.services.serviceAdmin.publish(bandungAdmin, versionId, ORIGIN);
    const draft = await t.services.serviceAdmin.startNewVersion(bandungAdmin, serviceId, ORIGIN);
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => t.services.serviceAdmin.publish(bandungAdmin, draft, ORIGIN)));
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') expect((outcome.reason as AppError).code).toBe('catalogue.version_not_draft');
    }
    const statuses = await t.database.db
      .selectFrom('serviceVersion')
      .select(['version', 'status'])
      .where('serviceId', '=', serviceId)
      .orderBy('version')
      .execute();
    expect(statuses).toEqual([
      { version: 1, status: 'retired' },
      { version: 2, status: 'published' },
    ]);
  });

  it('saves an incomplete draft but refuses what is filled in wrongly, by field', async () => {
    const { versionId } = await completeDraft();
    const incomplete = structuredClone(KTP_EL_REPLACEMENT.standard);
    incomplete.product.description = { id: '', en: '' };
    expect(
      await t.services.serviceAdmin.saveDraft(bandungAdmin, versionId, draftInputFrom(KTP_EL_REPLACEMENT, { standard: incomplete, form: '' }), ORIGIN),
    ).toEqual({
      ok: true,
      value: undefined,
    });
    const wrong = structuredClone(KTP_EL_REPLACEMENT.standard) as unknown as Record<string, unknown>;
    wrong.cost = { kind: 'paid', amount: 'tiga puluh ribu', legalBasis: { id: 'PP', en: 'GR' } };
    (wrong.requirements as { id: string }[])[0] = { ...(wrong.requirements as { id: string }[])[0], id: 'Bukan Kode!' } as { id: string };
    const result = await t.services.serviceAdmin.saveDraft(
      bandungAdmin,
      versionId,
      draftInputFrom(KTP_EL_REPLACEMENT, { standard: wrong, form: '{"pages": 3', applicantTypes: [], channels: ['fax'], outputTemplate: '[1,2]' }),
      ORIGIN,
    );
    expect(result.ok).toBe(false);
    const fields = result.ok ? [] : result.problems.map((problem) => problem.field);
    expect(fields).toEqual(expect.arrayContaining(['std.cost.amount', 'std.requirements.0.id', 'form', 'applicantTypes', 'channels', 'outputTemplate']));
  });

  it('refuses a form whose upload names a requirement the standard lacks', async () => {
    const { versionId } = await completeDraft();
    const form = structuredClone(KTP_EL_REPLACEMENT.form);
    const page = form.pages[1];
    const upload = page?.fields.find((field) => field.type === 'file');
    if (upload?.type !== 'file') throw new Error('the demo form has no upload');
    upload.requirement = 'tidak-ada';
    const result = await t.services.serviceAdmin.saveDraft(bandungAdmin, versionId, draftInputFrom(KTP_EL_REPLACEMENT, { form: JSON.stringify(form) }), ORIGIN);
    expect(result.ok ? [] : result.problems).toEqual([{ field: 'form', key: 'catalogue.admin.error.formRequirement', params: { ids: 'tidak-ada' } }]);
  });
});

describe('the workflow of a version', () => {
  const ktpWorkflow = KTP_EL_REPLACEMENT.workflow;

  it('is saved with the draft and read back by every reader, null when a version has none', async () => {
    const { versionId, code } = await completeDraft();
    expect((await t.services.catalogue.getVersion(versionId))?.workflow).toEqual(ktpWorkflow);
    await t.services.serviceAdmin.publish(bandungAdmin, versionId, ORIGIN);
    expect((await t.services.catalogue.publishedVersionByCode(code))?.workflow).toEqual(ktpWorkflow);
    const created = await t.services.serviceAdmin.createService(bandungAdmin, { agencyId: bandung, code: 'uji-tanpa-alur', nameId: 'x', nameEn: 'x' }, ORIGIN);
    if (!created.ok) throw new Error('not created');
    expect((await t.services.catalogue.getVersion(created.value.versionId))?.workflow).toBeNull();
    // An empty box means the standard workflow.
    const { versionId: cleared } = await completeDraft();
    await t.services.serviceAdmin.saveDraft(bandungAdmin, cleared, draftInputFrom(KTP_EL_REPLACEMENT, { workflow: '' }), ORIGIN);
    expect((await t.services.catalogue.getVersion(cleared))?.workflow).toBeNull();
  });

  it('refuses an invalid workflow with every problem explained, and saves nothing', async () => {
    const { versionId } = await completeDraft();
    const broken = structuredClone(ktpWorkflow);
    broken.steps[0] = { ...broken.steps[0], shareOfTimeLimit: 50 } as (typeof broken.steps)[0];
    broken.steps[1] = { ...broken.steps[1], condition: { field: 'noSuchAnswer', equals: ['x'] } } as (typeof broken.steps)[1];
    const result = await t.services.serviceAdmin.saveDraft(
      bandungAdmin,
      versionId,
      draftInputFrom(KTP_EL_REPLACEMENT, { nameId: 'Tidak tersimpan', workflow: JSON.stringify(broken) }),
      ORIGIN,
    );
    if (result.ok) throw new Error('saved an invalid workflow');
    expect(result.problems).toHaveLength(1);
    const [problem] = result.problems;
    expect(problem).toMatchObject({ field: 'workflow', key: 'catalogue.admin.error.workflow', params: { count: 2 } });
    expect(problem?.details).toEqual([
      'The shares of the time limit add up to 130%; they must add up to 100%.',
      expect.stringContaining('Step 2 ("check-loss-report"): "condition" refers to "noSuchAnswer"'),
    ]);
    const stored = await t.services.catalogue.getVersion(versionId);
    expect(stored?.nameId).toBe(KTP_EL_REPLACEMENT.nameId);
    expect(stored?.workflow).toEqual(ktpWorkflow);

    const notJson = await t.services.serviceAdmin.saveDraft(bandungAdmin, versionId, draftInputFrom(KTP_EL_REPLACEMENT, { workflow: '{"steps": [' }), ORIGIN);
    expect(notJson.ok ? [] : notJson.problems).toEqual([{ field: 'workflow', key: 'catalogue.admin.error.json' }]);
    const option = structuredClone(ktpWorkflow);
    option.steps[1] = { ...option.steps[1], condition: { field: 'reason', equals: ['dicuri'] } } as (typeof option.steps)[1];
    const wrongOption = await t.services.serviceAdmin.saveDraft(
      bandungAdmin,
      versionId,
      draftInputFrom(KTP_EL_REPLACEMENT, { workflow: JSON.stringify(option) }),
      ORIGIN,
    );
    expect(wrongOption.ok ? [] : wrongOption.problems[0]?.details).toEqual([expect.stringContaining('"dicuri" is not an option of the form field "reason"')]);
  });

  it('refuses a step at a unit the agency does not have', async () => {
    const { versionId } = await completeDraft();
    const elsewhere = structuredClone(ktpWorkflow);
    elsewhere.steps[2] = { ...elsewhere.steps[2], responsible: { role: 'supervisor', unitCode: 'gerai-skck' } } as (typeof elsewhere.steps)[2];
    const result = await t.services.serviceAdmin.saveDraft(
      bandungAdmin,
      versionId,
      draftInputFrom(KTP_EL_REPLACEMENT, { workflow: JSON.stringify(elsewhere) }),
      ORIGIN,
    );
    expect(result.ok ? [] : result.problems).toEqual([{ field: 'workflow', key: 'catalogue.admin.error.workflowUnits', params: { codes: 'gerai-skck' } }]);
  });

  it('is copied into a new draft, which may change it while the published version keeps its own', async () => {
    const { versionId: v1, serviceId, code } = await completeDraft();
    await t.services.serviceAdmin.publish(bandungAdmin, v1, ORIGIN);
    const v2 = await t.services.serviceAdmin.startNewVersion(bandungAdmin, serviceId, ORIGIN);
    expect((await t.services.serviceAdmin.getVersion(bandungAdmin, v2)).workflow).toEqual(ktpWorkflow);
    const saved = await t.services.serviceAdmin.saveDraft(
      bandungAdmin,
      v2,
      draftInputFrom(KTP_EL_REPLACEMENT, { workflow: JSON.stringify(STANDARD_WORKFLOW) }),
      ORIGIN,
    );
    expect(saved.ok).toBe(true);
    expect((await t.services.catalogue.getVersion(v2))?.workflow).toEqual(STANDARD_WORKFLOW);
    expect((await t.services.catalogue.publishedVersionByCode(code))?.workflow).toEqual(ktpWorkflow);
  });

  it('publishing refuses a draft whose stored workflow does not validate against its form', async () => {
    const { versionId } = await completeDraft();
    const stale = structuredClone(ktpWorkflow);
    stale.steps[1] = { ...stale.steps[1], condition: { field: 'removedField', equals: ['ya'] } } as (typeof stale.steps)[1];
    // As if written before the form lost that field (or by an older schema): the save-time check is not enough.
    await t.database.db
      .updateTable('serviceVersion')
      .set({ workflow: JSON.stringify(stale) })
      .where('id', '=', versionId)
      .execute();
    const draft = await t.services.serviceAdmin.getVersion(bandungAdmin, versionId);
    expect(t.services.serviceAdmin.publishProblems(draft).map((problem) => problem.field)).toEqual(['workflow']);
    expect(await errorCode(t.services.serviceAdmin.publish(bandungAdmin, versionId, ORIGIN))).toBe('422 catalogue.version_incomplete');
    expect((await t.services.catalogue.getVersion(versionId))?.status).toBe('draft');
  });
});

describe('who may manage a service', () => {
  it('answers an agency admin of another agency as if the service did not exist', async () => {
    const { versionId, serviceId } = await completeDraft();
    const slemanAdmin = await staffAt(t.services, sleman);
    const admin = t.services.serviceAdmin;
    expect(await errorCode(admin.getVersion(slemanAdmin, versionId))).toBe('404 platform.not_found');
    expect(await errorCode(admin.saveDraft(slemanAdmin, versionId, draftInputFrom(BIRTH_CERTIFICATE), ORIGIN))).toBe('404 platform.not_found');
    expect(await errorCode(admin.publish(slemanAdmin, versionId, ORIGIN))).toBe('404 platform.not_found');
    expect(await errorCode(admin.startNewVersion(slemanAdmin, serviceId, ORIGIN))).toBe('404 platform.not_found');
    expect(await errorCode(admin.createService(slemanAdmin, { agencyId: bandung, code: 'uji-titipan', nameId: 'x', nameEn: 'x' }, ORIGIN))).toBe(
      '404 platform.not_found',
    );
    expect(await errorCode(admin.list(slemanAdmin, bandung))).toBe('404 platform.not_found');
    expect((await admin.list(slemanAdmin)).map((service) => service.agencyId)).not.toContain(bandung);
    expect((await t.services.catalogue.getVersion(versionId))?.status).toBe('draft');
  });

  it('answers a malformed id as missing, not as an error', async () => {
    expect(await errorCode(t.services.serviceAdmin.getVersion(bandungAdmin, "1' or '1'='1"))).toBe('404 platform.not_found');
    expect(await t.services.catalogue.getVersion('not-a-uuid')).toBeUndefined();
    expect(await t.services.catalogue.publishedVersionByCode('../etc/passwd')).toBeUndefined();
  });

  it('lets a platform admin manage any agency’s services', async () => {
    const { versionId } = await completeDraft(platformAdmin, sleman);
    await t.services.serviceAdmin.publish(platformAdmin, versionId, ORIGIN);
    const audit = await t.services.audit.search({ action: 'catalogue.version_published', actorAccountId: platformAdmin.accountId, limit: 5 });
    expect(audit.entries[0]?.actor).toMatchObject({ role: 'platform_admin', agencyId: sleman });
    expect((await t.services.serviceAdmin.list(platformAdmin, sleman)).length).toBeGreaterThan(1);
  });
});

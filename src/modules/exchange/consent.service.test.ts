import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/helpers/app.ts';
import { createCitizen } from '../applications/applications.test-support.ts';
import { fetchProblemsAgainst, fetchRequirementProblems } from '../catalogue/fetch-requirements.ts';
import { SOCIAL_ASSISTANCE } from '../catalogue/seed/demo-services-assistance.ts';
import {
  createConsentTestApp,
  DTSEN,
  dtsenOverHttp,
  ORIGIN,
  REQUIREMENT,
  registeredCitizen,
  socialAssistanceAnswers,
  socialAssistanceDraft,
  submitDraft,
} from './consent.test-support.ts';
import { provenanceHash } from './exchange.service.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createConsentTestApp();
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const consentsOf = (accountId: string) => t.database.db.selectFrom('consent').selectAll().where('accountId', '=', accountId).execute();
const dtsenPage = SOCIAL_ASSISTANCE.form.pages.find((page) => page.id === 'dtsen');

describe('once-only in applications', () => {
  it('is checked against the exchange: the demo service fetches from a product its agency may use, for a permitted purpose', async () => {
    const products = await t.services.exchange.listProducts();
    const agency = await t.database.db.selectFrom('agency').select('id').where('code', '=', SOCIAL_ASSISTANCE.agencyCode).executeTakeFirstOrThrow();
    expect(fetchRequirementProblems(SOCIAL_ASSISTANCE.standard, SOCIAL_ASSISTANCE.form, agency.id, products)).toEqual([]);
    const other = await t.database.db.selectFrom('agency').select('id').where('code', '=', 'dinkes-provinsi-jawa-timur').executeTakeFirstOrThrow();
    const wrongPurpose = structuredClone(SOCIAL_ASSISTANCE.standard);
    const fetch = wrongPurpose.requirements[1]?.fetch;
    if (!fetch) throw new Error('the demo requirement is not fetched');
    fetch.purpose = 'law_enforcement';
    fetch.fields = ['registered', 'income'];
    const problems = fetchRequirementProblems(wrongPurpose, { schemaVersion: 1, pages: [] }, other.id, products).map((problem) => problem.keyword);
    expect(problems).toEqual(['consumer', 'purpose', 'field', 'upload']);
    // At publication (service-admin.service.ts), against the products the exchange lists.
    const atPublication = fetchProblemsAgainst(() => t.services.exchange.listProducts());
    expect(await atPublication({ agencyId: agency.id, standard: SOCIAL_ASSISTANCE.standard, form: SOCIAL_ASSISTANCE.form })).toEqual([]);
    expect((await atPublication({ agencyId: other.id, standard: SOCIAL_ASSISTANCE.standard, form: SOCIAL_ASSISTANCE.form }))[0]).toMatchObject({
      path: '/requirements/1/fetch/product',
      keyword: 'consumer',
    });
  });

  it('asks for consent first, then records it, fetches the membership and keeps it with provenance the officer sees as verified data', async () => {
    const citizen = await registeredCitizen(t);
    const draft = await socialAssistanceDraft(t, citizen.actor);
    if (!dtsenPage) throw new Error('no DTSEN page');
    const key = async () => draft.submissionKey;
    expect(await t.services.consents.pageRedirect(citizen.actor, draft, dtsenPage, key)).toBe(`/apply/${draft.id}/once-only/${REQUIREMENT}`);

    const screen = await t.services.consents.screen(citizen.actor, draft, REQUIREMENT);
    expect(screen.provider.id).toBe('Kementerian Sosial');
    expect(screen.fields.map((field) => field.name)).toEqual(['registered', 'decile', 'programmes', 'updatedAt']);
    expect(screen.purpose.id).toBe('Penyaluran bantuan sosial');
    expect(screen.consentMonths).toBe(12);
    expect(screen.activeConsent).toBeUndefined();
    expect(await consentsOf(citizen.actor.accountId)).toEqual([]);

    const fetched = await t.services.consents.agree(citizen.actor, draft, REQUIREMENT, ORIGIN);
    expect(fetched.status).toBe('fetched');
    expect(await t.services.consents.uploadProblems(citizen.actor, draft, {}, key)).toEqual([]);
    expect(Object.fromEntries(fetched.fields.map((field) => [field.name, field.value]))).toEqual({
      registered: true,
      decile: 3,
      programmes: ['PKH'],
      updatedAt: '2026-10-01',
    });
    // Only what the requirement needs: the NIK the product also holds is not fetched.
    expect(fetched.fields.map((field) => field.name)).not.toContain('nik');
    const data = Object.fromEntries(fetched.fields.map((field) => [field.name, field.value]));
    if (!fetched.fetchedAt) throw new Error('no fetch time');
    expect(fetched.sha256).toBe(provenanceHash(DTSEN, 'kementerian-sosial', fetched.fetchedAt, data));
    expect(fetched.provider.code).toBe('kementerian-sosial');

    const [consent] = await consentsOf(citizen.actor.accountId);
    expect(consent).toMatchObject({ productCode: DTSEN, purpose: 'social_assistance', requirementId: REQUIREMENT, revokedAt: null });
    expect(consent?.fields).toEqual(['registered', 'decile', 'programmes', 'updatedAt']);
    expect(consent && consent.validUntil.getTime() - consent.grantedAt.getTime()).toBeGreaterThan(360 * 24 * 3600 * 1000);

    // The data tracker shows the fetch, for the stated purpose and this draft's case.
    const accesses = await t.services.exchange.listSubjectAccesses([{ kind: 'nik', key: citizen.nik }]);
    expect(
      accesses.items.some(
        (access) => access.product?.code === DTSEN && access.purpose.code === 'social_assistance' && access.caseReference === draft.submissionKey,
      ),
    ).toBe(true);

    // Audited, without personal data.
    const audit = await t.database.db
      .selectFrom('auditEvent')
      .select(['action', 'details'])
      .where('subjectId', '=', consent?.id ?? '')
      .execute();
    expect(audit.map((entry) => entry.action)).toEqual(['consent.granted']);
    expect(JSON.stringify(audit)).not.toContain(citizen.nik);

    // The page of the requirement now shows what was fetched; the application submits without an upload.
    expect(await t.services.consents.pageRedirect(citizen.actor, draft, dtsenPage, key)).toBe(`/apply/${draft.id}/once-only/${REQUIREMENT}`);
    const application = await submitDraft(t, citizen.actor, draft, citizen);
    const verified = await t.services.consents.verifiedData(application.id);
    expect(verified).toHaveLength(1);
    expect(verified[0]).toMatchObject({ status: 'fetched', productCode: DTSEN, sha256: fetched.sha256, consentId: consent?.id });
    const listed = await t.services.consents.listConsents(citizen.actor);
    expect(listed[0]?.trackingNumber).toBe(application.trackingNumber);
  });

  it('declining records no consent and falls back to the upload', async () => {
    const citizen = await registeredCitizen(t);
    const draft = await socialAssistanceDraft(t, citizen.actor);
    if (!dtsenPage) throw new Error('no DTSEN page');
    const key = async () => draft.submissionKey;
    const missing = [{ field: 'field-dtsenProof', key: 'form.required.file' }];
    // Undecided, the upload is still needed; declined too, until a file is there.
    expect(await t.services.consents.uploadProblems(citizen.actor, draft, {}, key)).toEqual(missing);
    expect(await t.services.consents.decline(citizen.actor, draft, REQUIREMENT, ORIGIN)).toEqual({ pageId: 'dtsen' });
    expect(await t.services.consents.uploadProblems(citizen.actor, draft, {}, key)).toEqual(missing);
    expect(await t.services.consents.uploadProblems(citizen.actor, draft, { dtsenProof: { fileIds: [crypto.randomUUID()] } }, key)).toEqual([]);
    const refused = await t.services.applications.submitOnline(
      citizen.actor,
      { versionId: draft.versionId, answers: socialAssistanceAnswers(citizen), idempotencyKey: draft.submissionKey, draftId: draft.id },
      ORIGIN,
    );
    // The service itself accepts it (the field is optional in the form): the apply route asks for the upload first.
    expect(refused.ok).toBe(true);
    expect(await consentsOf(citizen.actor.accountId)).toEqual([]);
    expect(await t.services.consents.pageRedirect(citizen.actor, draft, dtsenPage, async () => draft.submissionKey)).toBeUndefined();
    const accesses = await t.services.exchange.listSubjectAccesses([{ kind: 'nik', key: citizen.nik }]);
    expect(accesses.items).toEqual([]);
    if (!refused.ok) throw new Error('refused');
    expect(await t.services.consents.verifiedData(refused.application.id)).toEqual([]);
  });

  it('reuses a consent in force for the next application, and asks again once it is revoked; past fetches stay', async () => {
    const citizen = await registeredCitizen(t);
    const first = await socialAssistanceDraft(t, citizen.actor);
    await t.services.consents.agree(citizen.actor, first, REQUIREMENT, ORIGIN);
    const application = await submitDraft(t, citizen.actor, first, citizen);
    const [consent] = await consentsOf(citizen.actor.accountId);
    if (!consent) throw new Error('no consent');

    const second = await socialAssistanceDraft(t, citizen.actor);
    expect(second.id).not.toBe(first.id);
    expect((await t.services.consents.screen(citizen.actor, second, REQUIREMENT)).activeConsent?.id).toBe(consent.id);
    expect((await t.services.consents.agree(citizen.actor, second, REQUIREMENT, ORIGIN)).consentId).toBe(consent.id);
    expect(await consentsOf(citizen.actor.accountId)).toHaveLength(1);

    expect(await t.services.consents.revoke(citizen.actor, consent.id, ORIGIN)).toBe(true);
    expect(await t.services.consents.revoke(citizen.actor, consent.id, ORIGIN)).toBe(false);
    await submitDraft(t, citizen.actor, second, citizen);
    const third = await socialAssistanceDraft(t, citizen.actor);
    expect((await t.services.consents.screen(citizen.actor, third, REQUIREMENT)).activeConsent).toBeUndefined();
    if (!dtsenPage) throw new Error('no DTSEN page');
    expect(await t.services.consents.pageRedirect(citizen.actor, third, dtsenPage, async () => third.submissionKey)).toBe(
      `/apply/${third.id}/once-only/${REQUIREMENT}`,
    );
    const renewed = await t.services.consents.agree(citizen.actor, third, REQUIREMENT, ORIGIN);
    expect(renewed.consentId).not.toBe(consent.id);
    const states = (await t.services.consents.listConsents(citizen.actor)).map((listed) => [listed.id, listed.state]);
    expect(states).toEqual([
      [renewed.consentId, 'active'],
      [consent.id, 'revoked'],
    ]);
    // The first application keeps what was fetched under the revoked consent.
    expect((await t.services.consents.verifiedData(application.id))[0]?.status).toBe('fetched');
    const actions = await t.database.db.selectFrom('auditEvent').select('action').where('subjectId', '=', consent.id).orderBy('id').execute();
    expect(actions.map((entry) => entry.action)).toEqual(['consent.granted', 'consent.revoked']);
  });

  it("answers another person's consent and requirement as if they did not exist", async () => {
    const owner = await registeredCitizen(t);
    const draft = await socialAssistanceDraft(t, owner.actor);
    const fetched = await t.services.consents.agree(owner.actor, draft, REQUIREMENT, ORIGIN);
    const stranger = await createCitizen(t.services);
    await expect(t.services.consents.revoke(stranger.actor, fetched.consentId ?? '', ORIGIN)).rejects.toMatchObject({ statusCode: 404 });
    await expect(t.services.consents.consent(stranger.actor, fetched.consentId ?? '')).rejects.toMatchObject({ statusCode: 404 });
    await expect(t.services.consents.screen(owner.actor, draft, 'ktp-el')).rejects.toMatchObject({ statusCode: 404 });
    expect((await consentsOf(owner.actor.accountId))[0]?.revokedAt).toBeNull();
  });
});

describe('a provider that is unavailable', () => {
  let http: TestApp;
  let server: Server;
  let failing = true;
  let hanging = false;
  const held: ServerResponse[] = [];
  let hits = 0;

  beforeAll(async () => {
    server = createServer((request, response) => {
      hits += 1;
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      request.on('end', () => {
        if (hanging) return void held.push(response);
        if (failing) return void response.writeHead(503).end('down for maintenance');
        const asked = JSON.parse(body) as { subject: string };
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ data: { nik: asked.subject, registered: true, decile: 1, programmes: [], updatedAt: '2026-11-30' } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    http = await createConsentTestApp();
    await dtsenOverHttp(http, `http://127.0.0.1:${(server.address() as AddressInfo).port}/dtsen`);
  }, 60_000);
  afterAll(async () => {
    for (const response of held) response.destroy();
    await http?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('does not keep the applicant waiting on a provider that does not answer: the fetch is queued after the timeout', async () => {
    hanging = true;
    try {
      const citizen = await createCitizen(http.services);
      const draft = await socialAssistanceDraft(http, citizen.actor);
      const started = Date.now();
      const queued = await http.services.consents.agree(citizen.actor, draft, REQUIREMENT, ORIGIN);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(queued.status).toBe('queued');
      expect(held.length).toBeGreaterThan(0);
    } finally {
      hanging = false;
    }
  });

  it('lets the application submit, queues the fetch, and attaches the data when it arrives', async () => {
    const citizen = await createCitizen(http.services);
    const draft = await socialAssistanceDraft(http, citizen.actor);
    const queued = await http.services.consents.agree(citizen.actor, draft, REQUIREMENT, ORIGIN);
    expect(hits).toBeGreaterThan(0);
    expect(queued).toMatchObject({ status: 'queued', fields: [], sha256: null });
    expect(queued.consentId).not.toBeNull();

    const application = await submitDraft(http, citizen.actor, draft, citizen);
    expect((await http.services.consents.verifiedData(application.id))[0]?.status).toBe('queued');
    // The sweep finds nothing to attach while the exchange still has it queued.
    expect(await http.services.consents.attachArrived()).toBeGreaterThanOrEqual(1);
    expect((await http.database.db.selectFrom('requirementFetch').select('status').where('id', '=', queued.id).executeTakeFirstOrThrow()).status).toBe(
      'queued',
    );

    failing = false;
    expect(await http.services.exchange.queue.runDue()).toBeGreaterThanOrEqual(1);
    expect(await http.services.consents.attachArrived()).toBeGreaterThanOrEqual(1);
    const [attached] = await http.services.consents.verifiedData(application.id);
    expect(attached?.status).toBe('fetched');
    expect(Object.fromEntries((attached?.fields ?? []).map((field) => [field.name, field.value]))).toMatchObject({ registered: true, decile: 1 });
    expect(attached?.sha256).toMatch(/^[0-9a-f]{64}$/);
    const audit = await http.database.db.selectFrom('auditEvent').select('action').where('subjectId', '=', queued.id).orderBy('id').execute();
    expect(audit.map((entry) => entry.action)).toEqual(['consent.data_requested', 'consent.fetch_attached']);
  });
});

import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Services } from '../../services.ts';
import { createCitizen } from '../applications/applications.test-support.ts';
import { createCatalogueRepository } from '../catalogue/catalogue.repository.ts';
import { seedDemoCatalogue } from '../catalogue/catalogue.seed.ts';
import { SOCIAL_ASSISTANCE } from '../catalogue/seed/demo-services-assistance.ts';
import type { DraftRef } from './consent.service.ts';
import { upsertRegistryRecord } from './exchange.registry.ts';
import { DEMO_PRODUCTS, seedDemoExchange } from './exchange.seed.ts';

export const ORIGIN = { ip: '127.0.0.1', requestId: 'test', userAgent: 'test' };
export const SERVICE = SOCIAL_ASSISTANCE.code;
export const REQUIREMENT = 'bukti-dtsen';
export const DTSEN = 'dtsen-kepesertaan';

/** The production app on a fresh database with the demo agencies, services and data products. */
export async function createConsentTestApp(): Promise<TestApp> {
  const t = await createTestApp();
  const { db } = t.database;
  await db.transaction().execute((trx) => seedDemoCatalogue(createCatalogueRepository(trx)));
  await seedDemoExchange(db, { dataKeys: t.services.dataKeys, subjectIndexOf: t.services.exchange.subjectIndexOf });
  return t;
}

/** Puts the person in the social registry (registered, decile 3). */
async function inSocialRegistry(services: Services, db: Database, nik: string): Promise<void> {
  const index = services.exchange.subjectIndexOf('nik', nik);
  if (!index) throw new Error('test NIK refused');
  await upsertRegistryRecord(db, services.dataKeys, {
    productCode: DTSEN,
    subjectIndex: index,
    payload: { nik, registered: true, decile: 3, programmes: ['PKH'], updatedAt: '2026-10-01' },
  });
}

/** A registered citizen whom the social registry knows (registered, decile 3). */
export async function registeredCitizen(t: TestApp) {
  const citizen = await createCitizen(t.services);
  await inSocialRegistry(t.services, t.database.db, citizen.nik);
  return citizen;
}

/**
 * Gives a citizen once-only records in a database without the demo data (the privacy export's
 * fixture): the demo agencies, services and data products, then a consent and a fetch for a draft.
 * The registry does not know the person, so the fetch finds nothing and the data tracker (whose
 * records the export's own tests count) gets no entry.
 */
export async function onceOnlyRecordsFor(services: Services, db: Database, actor: SignedInActor): Promise<{ consentId: string }> {
  await db.transaction().execute((trx) => seedDemoCatalogue(createCatalogueRepository(trx)));
  await seedDemoExchange(db, { dataKeys: services.dataKeys, subjectIndexOf: services.exchange.subjectIndexOf });
  const draft = await services.applicationDrafts.startOrResume(actor, SERVICE);
  const ref = { id: draft.id, versionId: draft.version.id, organisationId: null, submissionKey: await services.applicationDrafts.submissionKey(draft) };
  const fetched = await services.consents.agree(actor, ref, REQUIREMENT, ORIGIN);
  if (!fetched.consentId || fetched.status !== 'not_found') throw new Error(`once-only fetch ${fetched.status}`);
  return { consentId: fetched.consentId };
}

/** A draft of the social-assistance service, as the consent service sees it. */
export async function socialAssistanceDraft(t: TestApp, actor: SignedInActor): Promise<DraftRef> {
  const draft = await t.services.applicationDrafts.startOrResume(actor, SERVICE);
  return {
    id: draft.id,
    versionId: draft.version.id,
    organisationId: draft.organisationId,
    submissionKey: await t.services.applicationDrafts.submissionKey(draft),
  };
}

/** Valid answers of the social-assistance form, without the DTSEN upload (fetched instead). */
export function socialAssistanceAnswers(citizen: { nik: string; fullName: string }) {
  return {
    nik: citizen.nik,
    fullName: citizen.fullName,
    phone: '081234567890',
    beneficiaryGroup: 'lansia',
    deliveryAddress: { provinceCode: '35', regencyCode: '35.78', district: 'Tegalsari', village: 'Kedungdoro', street: 'Jl. Kedungdoro No. 5' },
    declaration: ['true'],
  };
}

/** Files the draft's application online, as the submit route does. */
export async function submitDraft(t: TestApp, actor: SignedInActor, draft: DraftRef, citizen: { nik: string; fullName: string }) {
  const result = await t.services.applications.submitOnline(
    actor,
    { versionId: draft.versionId, answers: socialAssistanceAnswers(citizen), idempotencyKey: draft.submissionKey, draftId: draft.id },
    ORIGIN,
  );
  if (!result.ok) throw new Error(`submission refused: ${JSON.stringify(result.problems)}`);
  return result.application;
}

/** The DTSEN product switched to an http provider at `url` (a local test server). */
export async function dtsenOverHttp(t: TestApp, url: string): Promise<void> {
  const definition = DEMO_PRODUCTS.find((product) => product.code === DTSEN);
  if (!definition) throw new Error('no DTSEN product');
  await t.services.exchange.products.upsert({ ...definition, providerKind: 'http', providerUrl: url, providerLimits: { timeoutMs: 300, retries: 0 } });
}

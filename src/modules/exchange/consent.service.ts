import { sql } from 'kysely';
import type { AuditLog } from '../../platform/audit/audit.service.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import { authErrors } from '../../platform/auth/errors.ts';
import type { DataKeyStore } from '../../platform/crypto/data-keys.ts';
import { decryptField, encryptField } from '../../platform/crypto/envelope.ts';
import type { Database } from '../../platform/db/database.ts';
import type { FileField, FormData, FormPage, FormSchema, LocalizedText } from '../../platform/forms/form-schema.ts';
import { inputId } from '../../platform/forms/ids.ts';
import type { FormProblem } from '../../platform/forms/problems.ts';
import { fileIdsOf } from '../../platform/forms/views/values.ts';
import { answerOf } from '../../platform/forms/visibility.ts';
import type { RequestOrigin } from '../../platform/http/request-input.ts';
import type { Requirement, RequirementFetch, ServiceStandard } from '../catalogue/catalogue.standard.ts';
import { type ConsentRow, createConsentRepository, type RequirementFetchRow } from './consent.repository.ts';
import type { RequirementFetchStatus } from './consent.tables.ts';
import type { Exchange } from './exchange.module.ts';
import type { DataProduct } from './exchange.products.ts';
import type { FetchRequest, FetchResult, Provenance } from './exchange.service.ts';

/** The parts of a service version the consent service reads (the catalogue's ServiceVersion has them). */
export interface ConsentVersionSource {
  getVersion(id: string): Promise<{ id: string; agencyId: string; standard: ServiceStandard; form: FormSchema } | undefined>;
}

/** A draft of the apply journey, as the consent service needs it. */
export interface DraftRef {
  id: string;
  versionId: string;
  organisationId: string | null;
  /** The draft's submission key: the application filed from it carries it as its idempotency key. */
  submissionKey: string;
}

export interface ConsentServiceOptions {
  db: Database;
  dataKeys: DataKeyStore;
  audit: AuditLog;
  exchange: Pick<Exchange, 'product' | 'fetchFromProduct' | 'queue'>;
  versions: ConsentVersionSource;
  /** The applicant's NIK (the subject of the fetch), or null when the account has none. */
  nikOf(accountId: string): Promise<string | null>;
}

/** A requirement of a version that can be fetched, with the upload it falls back to. */
export interface FetchableRequirement {
  requirement: Requirement & { fetch: RequirementFetch };
  field: FileField;
  pageId: string;
}

export interface FetchedField {
  name: string;
  label: LocalizedText;
  value: unknown;
}

/** What became of a fetchable requirement of a draft or application. */
export interface RequirementFetchView {
  id: string;
  requirementId: string;
  status: RequirementFetchStatus;
  consentId: string | null;
  productCode: string;
  productName: LocalizedText;
  provider: { code: string; name: LocalizedText };
  /** Set once fetched. */
  fetchedAt: Date | null;
  sha256: string | null;
  fields: FetchedField[];
}

/** The consent screen of one requirement: everything the applicant agrees to, in plain words. */
export interface ConsentScreen {
  draftId: string;
  pageId: string;
  requirementId: string;
  requirementLabel: LocalizedText;
  productName: LocalizedText;
  provider: LocalizedText;
  consumer: LocalizedText;
  fields: { name: string; label: LocalizedText }[];
  purpose: LocalizedText;
  legalBasis: LocalizedText;
  productLegalBasis: string;
  consentMonths: number;
  /** A consent still in force from an earlier application: agreeing reuses it. */
  activeConsent: { id: string; grantedAt: Date; validUntil: Date } | undefined;
  decision: RequirementFetchView | undefined;
}

export type ConsentState = 'active' | 'revoked' | 'expired';

export interface ConsentView {
  id: string;
  productCode: string;
  productName: LocalizedText;
  provider: LocalizedText;
  consumer: LocalizedText;
  purpose: LocalizedText;
  legalBasis: string;
  fields: { name: string; label: LocalizedText }[];
  grantedAt: Date;
  validUntil: Date;
  revokedAt: Date | null;
  state: ConsentState;
  trackingNumber: string | null;
}

const resultContext = (id: string) => `requirement_fetch.result:${id}`;
const MAX_CONSENTS_LISTED = 200;

interface SealedResult {
  data: Record<string, unknown>;
  fields: string[];
  provenance: Omit<Provenance, 'fetchedAt'> & { fetchedAt: string };
}

function addMonths(from: Date, months: number): Date {
  const until = new Date(from);
  until.setUTCMonth(until.getUTCMonth() + months);
  return until;
}

const text = (id: string, en: string): LocalizedText => ({ id, en });

/**
 * Fetchable requirements of a version: a `fetch` in the standard and a file field naming it. A draft
 * version (or a fixture) may lack a complete standard or form: it has none.
 */
export function fetchableRequirements(version: { standard: ServiceStandard; form: FormSchema }): FetchableRequirement[] {
  const found: FetchableRequirement[] = [];
  const requirements = Array.isArray(version.standard?.requirements) ? version.standard.requirements : [];
  const pages = Array.isArray(version.form?.pages) ? version.form.pages : [];
  for (const requirement of requirements) {
    if (!requirement.fetch) continue;
    for (const page of pages) {
      const field = page.fields.find((candidate): candidate is FileField => candidate.type === 'file' && candidate.requirement === requirement.id);
      if (field) {
        found.push({ requirement: requirement as FetchableRequirement['requirement'], field, pageId: page.id });
        break;
      }
    }
  }
  return found;
}

/**
 * Once-only in applications: the consent screen of a requirement that can be fetched from another
 * agency's data product, the consent record, the fetch through the exchange (queued when the provider
 * is unavailable, attached when it arrives), the verified data with its provenance, and the citizen's
 * consent receipts with revocation. Consents and fetches are audited without personal data; the
 * fetched data is sealed under its own data key.
 */
export function createConsentService({ db, dataKeys, audit, exchange, versions, nikOf }: ConsentServiceOptions) {
  const repository = createConsentRepository(db);

  async function versionOf(draft: DraftRef) {
    const version = await versions.getVersion(draft.versionId);
    if (!version) throw authErrors.notFound();
    return version;
  }

  async function fetchable(draft: DraftRef, requirementId: string): Promise<{ spec: FetchableRequirement; agencyId: string; product: DataProduct }> {
    // Once-only fetches the applicant's own data: an application for an organisation uploads instead.
    if (draft.organisationId) throw authErrors.notFound();
    const version = await versionOf(draft);
    const spec = fetchableRequirements(version).find((candidate) => candidate.requirement.id === requirementId);
    const product = spec ? await exchange.product(spec.requirement.fetch.product) : undefined;
    if (!spec || !product?.active) throw authErrors.notFound();
    return { spec, agencyId: version.agencyId, product };
  }

  function fieldsOf(product: DataProduct, fetch: RequirementFetch) {
    const wanted = fetch.fields ?? product.fields.map((field) => field.name);
    return product.fields.filter((field) => wanted.includes(field.name)).map((field) => ({ name: field.name, label: text(field.labelId, field.labelEn) }));
  }

  async function agencyNames(ids: readonly string[]) {
    return new Map((await repository.agencies(ids)).map((agency) => [agency.id, agency]));
  }

  async function seal(id: string, result: Extract<FetchResult, { ok: true }>) {
    const key = await dataKeys.create();
    const sealed: SealedResult = {
      data: result.data,
      fields: result.fields,
      provenance: { ...result.provenance, fetchedAt: result.provenance.fetchedAt.toISOString() },
    };
    return {
      dataKeyId: key.id,
      resultEnc: encryptField(key.key, JSON.stringify(sealed), resultContext(id)),
      providerAgencyId: result.provenance.providerAgency.id,
      fetchedAt: result.provenance.fetchedAt,
      sha256: result.provenance.sha256,
    };
  }

  /** A queued fetch whose result has arrived is attached now (once: the row must still be queued). */
  async function resolveQueued(row: RequirementFetchRow): Promise<RequirementFetchRow> {
    if (row.status !== 'queued' || !row.queuedFetchId) return row;
    const queued = await exchange.queue.fetchStatus(row.queuedFetchId);
    if (!queued || queued.status === 'queued') return row;
    const result = queued.result;
    const changes = result?.ok
      ? { status: 'fetched' as const, ...(await seal(row.id, result)) }
      : { status: (queued.status === 'not_found' ? 'not_found' : 'failed') as RequirementFetchStatus };
    // Only the reader that attaches it records it: another page may be attaching the same fetch.
    const attached = await db
      .updateTable('requirementFetch')
      .set({ ...changes, updatedAt: new Date() })
      .where('id', '=', row.id)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    if (Number(attached.numUpdatedRows) > 0)
      await audit.record({
        actor: { accountId: null, role: 'system', agencyId: null },
        action: 'consent.fetch_attached',
        subject: { type: 'requirement_fetch', id: row.id },
        details: { productCode: row.productCode, status: result?.ok ? 'fetched' : queued.status },
      });
    return (await db.selectFrom('requirementFetch').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow()) as RequirementFetchRow;
  }

  async function view(row: RequirementFetchRow): Promise<RequirementFetchView> {
    const current = await resolveQueued(row);
    const product = await exchange.product(current.productCode);
    let fields: FetchedField[] = [];
    if (current.status === 'fetched' && current.resultEnc && current.dataKeyId) {
      const sealed = JSON.parse(decryptField(await dataKeys.open(current.dataKeyId), current.resultEnc, resultContext(current.id))) as SealedResult;
      fields = sealed.fields.map((name) => {
        const known = product?.fields.find((field) => field.name === name);
        return { name, label: known ? text(known.labelId, known.labelEn) : text(name, name), value: sealed.data[name] ?? null };
      });
    }
    return {
      id: current.id,
      requirementId: current.requirementId,
      status: current.status,
      consentId: current.consentId,
      productCode: current.productCode,
      productName: product?.name ?? text(current.productCode, current.productCode),
      provider: { code: product?.provider.agencyCode ?? '', name: product?.provider.name ?? text('', '') },
      fetchedAt: current.fetchedAt,
      sha256: current.sha256,
      fields,
    };
  }

  function stateOf(row: ConsentRow, now: Date): ConsentState {
    if (row.revokedAt) return 'revoked';
    return row.validUntil.getTime() <= now.getTime() ? 'expired' : 'active';
  }

  async function listConsents(actor: SignedInActor): Promise<ConsentView[]> {
    const rows = await repository.consentsOf(actor.accountId, MAX_CONSENTS_LISTED);
    const products = new Map<string, DataProduct | undefined>();
    for (const code of new Set(rows.map((row) => row.productCode))) products.set(code, await exchange.product(code));
    const names = await agencyNames(rows.flatMap((row) => [row.consumerAgencyId, row.providerAgencyId]));
    const numbers = await trackingNumbers(
      db,
      actor.accountId,
      rows.map((row) => row.submissionKey),
    );
    const now = new Date();
    return rows.map((row) => {
      const product = products.get(row.productCode);
      const consumer = names.get(row.consumerAgencyId);
      const provider = names.get(row.providerAgencyId);
      const purpose = product?.purposes.find((candidate) => candidate.code === row.purpose);
      return {
        id: row.id,
        productCode: row.productCode,
        productName: product?.name ?? text(row.productCode, row.productCode),
        provider: provider ? text(provider.nameId, provider.nameEn) : text('', ''),
        consumer: consumer ? text(consumer.nameId, consumer.nameEn) : text('', ''),
        purpose: purpose ? text(purpose.labelId, purpose.labelEn) : text(row.purpose, row.purpose),
        legalBasis: row.legalBasis,
        fields: row.fields.map((name) => {
          const known = product?.fields.find((field) => field.name === name);
          return { name, label: known ? text(known.labelId, known.labelEn) : text(name, name) };
        }),
        grantedAt: row.grantedAt,
        validUntil: row.validUntil,
        revokedAt: row.revokedAt,
        state: stateOf(row, now),
        trackingNumber: numbers.get(row.submissionKey) ?? null,
      };
    });
  }

  return {
    /**
     * Where the apply journey goes instead of `page`: the consent screen of a fetchable requirement
     * on it that is not decided yet, or its result when every field of the page is a requirement
     * fetched (or queued) with consent. Undefined: show the page (nothing to fetch, or declined).
     */
    async pageRedirect(actor: SignedInActor, draft: Omit<DraftRef, 'submissionKey'>, page: FormPage, submissionKey: () => Promise<string>) {
      if (draft.organisationId || actor.kind !== 'citizen') return undefined;
      if (!page.fields.some((field) => field.type === 'file' && field.requirement)) return undefined;
      const version = await versions.getVersion(draft.versionId);
      const onPage = version ? fetchableRequirements(version).filter((spec) => spec.pageId === page.id) : [];
      if (onPage.length === 0) return undefined;
      const key = await submissionKey();
      let covered = 0;
      for (const spec of onPage) {
        const decision = await repository.fetchFor(actor.accountId, key, spec.requirement.id);
        const target = `/apply/${draft.id}/once-only/${spec.requirement.id}`;
        if (!decision) return target;
        if (decision.status !== 'declined') covered += 1;
      }
      return covered === page.fields.length ? `/apply/${draft.id}/once-only/${onPage[0]?.requirement.id}` : undefined;
    },

    /**
     * The uploads a draft still needs because their requirement was not fetched (declined, not found,
     * failed, or not decided yet), as form problems on the file fields; fetched or queued ones need none.
     */
    async uploadProblems(actor: SignedInActor, draft: Omit<DraftRef, 'submissionKey'>, answers: FormData, submissionKey: () => Promise<string>) {
      const version = await versions.getVersion(draft.versionId);
      const specs = version ? fetchableRequirements(version) : [];
      const problems: FormProblem[] = [];
      for (const spec of specs) {
        if (fileIdsOf(answerOf(answers, spec.field.name)).length > 0) continue;
        const decision = draft.organisationId ? undefined : await repository.fetchFor(actor.accountId, await submissionKey(), spec.requirement.id);
        if (decision?.status === 'fetched' || decision?.status === 'queued') continue;
        problems.push({ field: inputId(spec.field.name), key: 'form.required.file' });
      }
      return problems;
    },

    /** The draft's requirements fetched (or queued) instead of uploaded, for the check page. */
    async fetchedForDraft(actor: SignedInActor, draft: Omit<DraftRef, 'submissionKey'>, submissionKey: () => Promise<string>) {
      if (draft.organisationId) return [];
      const version = await versions.getVersion(draft.versionId);
      const specs = version ? fetchableRequirements(version) : [];
      const found: { requirementId: string; label: LocalizedText; status: 'fetched' | 'queued'; provider: LocalizedText }[] = [];
      for (const spec of specs) {
        const decision = await repository.fetchFor(actor.accountId, await submissionKey(), spec.requirement.id);
        if (decision?.status !== 'fetched' && decision?.status !== 'queued') continue;
        const product = await exchange.product(decision.productCode);
        found.push({
          requirementId: spec.requirement.id,
          label: spec.requirement.label,
          status: decision.status,
          provider: product?.provider.name ?? text('', ''),
        });
      }
      return found;
    },

    /**
     * The consent screen of a fetchable requirement of the signed-in applicant's draft.
     * @throws platform.not_found for a requirement that is not fetchable, or a draft for an organisation
     */
    async screen(actor: SignedInActor, draft: DraftRef, requirementId: string): Promise<ConsentScreen> {
      const { spec, agencyId, product } = await fetchable(draft, requirementId);
      const fetch = spec.requirement.fetch;
      const fields = fieldsOf(product, fetch);
      const purpose = product.purposes.find((candidate) => candidate.code === fetch.purpose);
      const [active, decision, names] = await Promise.all([
        repository.activeConsent({
          accountId: actor.accountId,
          productCode: product.code,
          consumerAgencyId: agencyId,
          purpose: fetch.purpose,
          fields: fields.map((f) => f.name),
        }),
        repository.fetchFor(actor.accountId, draft.submissionKey, requirementId),
        agencyNames([agencyId]),
      ]);
      const consumer = names.get(agencyId);
      return {
        draftId: draft.id,
        pageId: spec.pageId,
        requirementId,
        requirementLabel: spec.requirement.label,
        productName: product.name,
        provider: product.provider.name,
        consumer: consumer ? text(consumer.nameId, consumer.nameEn) : text('', ''),
        fields,
        purpose: purpose ? text(purpose.labelId, purpose.labelEn) : text(fetch.purpose, fetch.purpose),
        legalBasis: fetch.legalBasis,
        productLegalBasis: product.legalBasis,
        consentMonths: fetch.consentMonths,
        activeConsent: active ? { id: active.id, grantedAt: active.grantedAt, validUntil: active.validUntil } : undefined,
        decision: decision ? await view(decision) : undefined,
      };
    },

    /**
     * The applicant agrees: records the consent (or reuses one still in force for the same product,
     * purpose, agency and fields), then fetches through the exchange as the agency that handles the
     * application. A provider that is unavailable queues the fetch (attached when it arrives); the
     * application can be submitted meanwhile. Returns what became of the requirement.
     * @throws platform.not_found for a requirement that is not fetchable
     */
    async agree(actor: SignedInActor, draft: DraftRef, requirementId: string, origin: RequestOrigin): Promise<RequirementFetchView> {
      const { spec, agencyId, product } = await fetchable(draft, requirementId);
      const fetch = spec.requirement.fetch;
      const fields = fieldsOf(product, fetch).map((field) => field.name);
      const consent = await db.transaction().execute(async (trx) => {
        // One consent per person and product at a time, even when "agree" is pressed twice at once.
        await sql`select pg_advisory_xact_lock(hashtextextended(${`consent:${actor.accountId}:${product.code}`}, 0))`.execute(trx);
        const active = await repository.activeConsent(
          { accountId: actor.accountId, productCode: product.code, consumerAgencyId: agencyId, purpose: fetch.purpose, fields },
          trx,
        );
        if (active) return active;
        const grantedAt = new Date();
        const inserted = await repository.insertConsent(
          {
            accountId: actor.accountId,
            productCode: product.code,
            providerAgencyId: product.provider.agencyId,
            consumerAgencyId: agencyId,
            purpose: fetch.purpose,
            legalBasis: fetch.legalBasis.id,
            fields,
            serviceVersionId: draft.versionId,
            requirementId,
            submissionKey: draft.submissionKey,
            grantedAt,
            validUntil: addMonths(grantedAt, fetch.consentMonths),
          },
          trx,
        );
        await audit.record(
          {
            actor: { accountId: actor.accountId, role: 'citizen', agencyId: null },
            action: 'consent.granted',
            subject: { type: 'consent', id: inserted.id },
            ip: origin.ip,
            requestId: origin.requestId,
            details: { productCode: product.code, purpose: fetch.purpose, requirementId, fields: fields.length },
          },
          trx,
        );
        return inserted;
      });

      const nik = await nikOf(actor.accountId);
      const request: FetchRequest = {
        productCode: product.code,
        subjectKey: nik ?? '',
        purpose: fetch.purpose,
        legalBasis: fetch.legalBasis.id,
        caseReference: draft.submissionKey,
        actor: { agencyId, role: 'applicant_consent' },
        channel: 'application',
        fields,
      };
      const base = {
        accountId: actor.accountId,
        submissionKey: draft.submissionKey,
        requirementId,
        serviceVersionId: draft.versionId,
        productCode: product.code,
        consentId: consent.id,
        queuedFetchId: null,
        providerAgencyId: product.provider.agencyId,
        fetchedAt: null,
        sha256: null,
        dataKeyId: null,
        resultEnc: null,
      };
      const result: FetchResult = nik ? await exchange.fetchFromProduct(request) : { ok: false, reason: 'invalid_subject' };
      const row = await db.transaction().execute(async (trx) => {
        if (result.ok) {
          const id = (await repository.fetchFor(actor.accountId, draft.submissionKey, requirementId, trx))?.id ?? crypto.randomUUID();
          return repository.upsertFetch({ ...base, id, status: 'fetched', ...(await seal(id, result)) }, trx);
        }
        if (result.reason === 'provider_unavailable') {
          const queued = await exchange.queue.queueFetch(trx, request);
          return repository.upsertFetch({ ...base, status: 'queued', queuedFetchId: queued.id }, trx);
        }
        return repository.upsertFetch({ ...base, status: result.reason === 'not_found' ? 'not_found' : 'failed' }, trx);
      });
      await audit.record({
        actor: { accountId: actor.accountId, role: 'citizen', agencyId: null },
        action: 'consent.data_requested',
        subject: { type: 'requirement_fetch', id: row.id },
        ip: origin.ip,
        requestId: origin.requestId,
        details: { productCode: product.code, consentId: consent.id, status: row.status },
      });
      return view(row);
    },

    /**
     * The applicant declines (or changes their mind after agreeing): the requirement is uploaded
     * instead. A consent given stays on record until revoked; what was fetched for this draft is dropped.
     * @throws platform.not_found for a requirement that is not fetchable
     */
    async decline(actor: SignedInActor, draft: DraftRef, requirementId: string, origin: RequestOrigin): Promise<{ pageId: string }> {
      const { spec, product } = await fetchable(draft, requirementId);
      const row = await repository.upsertFetch({
        accountId: actor.accountId,
        submissionKey: draft.submissionKey,
        requirementId,
        serviceVersionId: draft.versionId,
        productCode: product.code,
        consentId: null,
        status: 'declined',
        queuedFetchId: null,
        providerAgencyId: null,
        fetchedAt: null,
        sha256: null,
        dataKeyId: null,
        resultEnc: null,
      });
      await audit.record({
        actor: { accountId: actor.accountId, role: 'citizen', agencyId: null },
        action: 'consent.declined',
        subject: { type: 'requirement_fetch', id: row.id },
        ip: origin.ip,
        requestId: origin.requestId,
        details: { productCode: product.code, requirementId },
      });
      return { pageId: spec.pageId };
    },

    /** The page after which the requirement's result page continues, for the "continue" link. */
    async pageOf(draft: DraftRef, requirementId: string): Promise<string> {
      return (await fetchable(draft, requirementId)).spec.pageId;
    },

    /** The fetched (or still queued) data of an application, for the officer's workspace. */
    async verifiedData(applicationId: string): Promise<RequirementFetchView[]> {
      const rows = await repository.fetchesOfApplication(applicationId);
      return Promise.all(rows.map((row) => view(row)));
    },

    /** Attaches the results of queued fetches that have arrived (the job's sweep). Returns how many were looked at. */
    async attachArrived(limit = 100): Promise<number> {
      const rows = await repository.queuedFetches(limit);
      for (const row of rows) await resolveQueued(row);
      return rows.length;
    },

    /** The signed-in person's consents, newest first. */
    listConsents,

    /** For the right to deletion: the account's fetched data goes and its consents in force end, in the caller's transaction. */
    eraseFor: (accountId: string, trx: Database) => repository.eraseFor(accountId, trx),

    /**
     * Everything once-only keeps about a person, for their data export (UU 27/2022): their consents
     * and what became of each fetchable requirement of their drafts and applications, with the data
     * fetched (decrypted) and its provenance.
     */
    async exportFor(actor: SignedInActor) {
      const consents = await listConsents(actor);
      const rows = await db.selectFrom('requirementFetch').selectAll().where('accountId', '=', actor.accountId).orderBy('decidedAt').execute();
      const numbers = await trackingNumbers(
        db,
        actor.accountId,
        rows.map((row) => row.submissionKey),
      );
      const fetches = await Promise.all(
        rows.map(async (row) => {
          const shown = await view(row);
          return {
            requirementId: shown.requirementId,
            productCode: shown.productCode,
            provider: shown.provider.code,
            status: shown.status,
            consentId: shown.consentId,
            decidedAt: row.decidedAt,
            fetchedAt: shown.fetchedAt,
            sha256: shown.sha256,
            application: numbers.get(row.submissionKey) ?? null,
            data: Object.fromEntries(shown.fields.map((field) => [field.name, field.value])),
          };
        }),
      );
      return { consents, fetches };
    },

    /** One of the signed-in person's consents. @throws platform.not_found for another's or an unknown id */
    async consent(actor: SignedInActor, id: string): Promise<ConsentView> {
      const found = (await listConsents(actor)).find((consent) => consent.id === id);
      if (!found) throw authErrors.notFound();
      return found;
    },

    /**
     * Revokes a consent for future use: a new application asks again. Fetches already made stay
     * recorded (in the application and the data tracker). Audited. False when it was already revoked.
     * @throws platform.not_found for another's or an unknown consent
     */
    async revoke(actor: SignedInActor, id: string, origin: RequestOrigin): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        if (!(await repository.consentOf(actor.accountId, id, trx))) throw authErrors.notFound();
        const revoked = await repository.revoke(actor.accountId, id, trx);
        if (!revoked) return false;
        await audit.record(
          {
            actor: { accountId: actor.accountId, role: 'citizen', agencyId: null },
            action: 'consent.revoked',
            subject: { type: 'consent', id },
            ip: origin.ip,
            requestId: origin.requestId,
            details: { productCode: revoked.productCode },
          },
          trx,
        );
        return true;
      });
    },
  };
}

/** Tracking numbers of the person's applications filed from the drafts with these submission keys. */
async function trackingNumbers(db: Database, accountId: string, keys: readonly string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .selectFrom('application')
    .select(['idempotencyKey', 'trackingNumber'])
    .where('applicantAccountId', '=', accountId)
    .where('idempotencyKey', 'in', [...new Set(keys)])
    .execute();
  return new Map(rows.map((row) => [row.idempotencyKey, row.trackingNumber]));
}

export type ConsentService = ReturnType<typeof createConsentService>;

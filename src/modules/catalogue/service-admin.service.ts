import type { AuditLog } from '../../platform/audit/audit.service.ts';
import { agenciesFor, type SignedInActor } from '../../platform/auth/actor.ts';
import { authErrors } from '../../platform/auth/errors.ts';
import type { Database } from '../../platform/db/database.ts';
import type { RequestOrigin } from '../../platform/http/request-input.ts';
import { ALL_MESSAGES } from '../../platform/i18n/index.ts';
import { catalogueErrors, type FieldProblem, type Result } from './catalogue.errors.ts';
import { buildSearchText } from './catalogue.search.ts';
import { isServiceCode, isUuid, type ServiceVersion, toServiceVersion } from './catalogue.service.ts';
import { emptyStandard, type ServiceStandard, type StandardProblem } from './catalogue.standard.ts';
import type { LifeEvent } from './catalogue.vocabulary.ts';
import type { ManagedService, ServiceRepository } from './service.repository.ts';
import { checkDraft, type DraftInput, EMPTY_FORM, publishProblems, unknownUnitCodes } from './service-draft.ts';

export interface NewServiceInput {
  agencyId: string;
  code: string;
  nameId: string;
  nameEn: string;
}

/** Life-event labels in both languages, as the search text carries them. */
export function lifeEventLabels(events: readonly string[]): string[] {
  return events.flatMap((event) => {
    const key = `catalogue.lifeEvent.${event as LifeEvent}` as const;
    return [ALL_MESSAGES.id[key], ALL_MESSAGES.en[key]].filter((label): label is string => label !== undefined);
  });
}

/** What a version is found by in the catalogue (see buildSearchText). */
export function searchTextOf(
  version: Pick<ServiceVersion, 'code' | 'nameId' | 'nameEn' | 'summaryId' | 'summaryEn' | 'standard' | 'agencyNameId' | 'agencyNameEn'> & {
    lifeEvents: readonly string[];
  },
): string {
  return buildSearchText({
    code: version.code,
    nameId: version.nameId,
    nameEn: version.nameEn,
    summaryId: version.summaryId,
    summaryEn: version.summaryEn,
    standard: version.standard,
    lifeEventLabels: lifeEventLabels(version.lifeEvents),
    agencyNameId: version.agencyNameId,
    agencyNameEn: version.agencyNameEn,
  });
}

/**
 * Agency admins define their agency's services; platform admins any agency's. A service's versions
 * move draft → published → retired: only a draft changes, and publishing retires the version before it
 * in the same transaction, so applications keep the version they were filed under.
 */
export function createServiceAdminService(deps: {
  db: Database;
  services: ServiceRepository;
  audit: AuditLog;
  /**
   * Problems of the requirements the version fetches from data products (fetch-requirements.ts),
   * checked against the exchange's products at publication; bound in src/services.ts.
   */
  fetchProblems?: (version: { agencyId: string; standard: unknown; form: unknown }) => Promise<StandardProblem[]>;
}) {
  const { db, services, audit } = deps;

  function scopeOf(actor: SignedInActor): 'all' | string[] {
    return agenciesFor(actor, 'catalogue.manage');
  }

  function inScope(actor: SignedInActor, agencyId: string): boolean {
    const scope = scopeOf(actor);
    return scope === 'all' || scope.includes(agencyId);
  }

  function auditActor(actor: SignedInActor, agencyId: string) {
    return { accountId: actor.accountId, role: scopeOf(actor) === 'all' ? 'platform_admin' : 'agency_admin', agencyId };
  }

  /** A version the actor may manage; otherwise 404, as if it did not exist. */
  async function managedVersion(actor: SignedInActor, versionId: string, trx: Database = db): Promise<ServiceVersion> {
    const row = isUuid(versionId) ? await services.findVersion(versionId, trx) : undefined;
    if (!row || !inScope(actor, row.agencyId)) throw authErrors.notFound();
    return toServiceVersion(row);
  }

  return {
    /** Agencies whose services the actor manages: 'all' for a platform admin. */
    manageableAgencyIds: scopeOf,

    /** The services of the actor's agencies (optionally one of them) with every version. */
    async list(actor: SignedInActor, agencyId?: string): Promise<ManagedService[]> {
      if (agencyId !== undefined && !inScope(actor, agencyId)) throw authErrors.notFound();
      return services.listManaged(scopeOf(actor), agencyId);
    },

    /** One version for the editor or the preview. @throws 404 AppError outside the actor's agencies. */
    getVersion: managedVersion,

    /**
     * Creates a service with an empty draft version 1 in an agency the actor manages.
     * @throws 404 AppError for an agency outside the actor's scope.
     */
    async createService(actor: SignedInActor, input: NewServiceInput, origin: RequestOrigin): Promise<Result<{ serviceId: string; versionId: string }>> {
      if (!isUuid(input.agencyId) || !inScope(actor, input.agencyId)) throw authErrors.notFound();
      const problems: FieldProblem[] = [];
      const code = input.code.trim().toLowerCase();
      if (!isServiceCode(code)) problems.push({ field: 'code', key: 'catalogue.admin.error.code' });
      for (const field of ['nameId', 'nameEn'] as const) {
        if (input[field].trim() === '') problems.push({ field, key: 'catalogue.admin.error.required' });
        else if (input[field].length > 200) problems.push({ field, key: 'catalogue.admin.error.tooLong' });
      }
      if (problems.length > 0) return { ok: false, problems };
      return db.transaction().execute(async (trx) => {
        const serviceId = await services.insertService({ agencyId: input.agencyId, code }, trx);
        if (!serviceId) return { ok: false, problems: [{ field: 'code', key: 'catalogue.admin.error.codeTaken' }] };
        const versionId = await services.insertVersion(
          {
            serviceId,
            version: 1,
            nameId: input.nameId.trim(),
            nameEn: input.nameEn.trim(),
            summaryId: '',
            summaryEn: '',
            lifeEvents: [],
            applicantTypes: ['citizen'],
            channels: ['online', 'counter'],
            priorityGroups: [],
            timeLimitWorkingDays: 0,
            costAmount: 0,
            searchText: '',
            standard: JSON.stringify(emptyStandard()),
            form: JSON.stringify(EMPTY_FORM),
            createdBy: actor.accountId,
          },
          trx,
        );
        await audit.record(
          {
            actor: auditActor(actor, input.agencyId),
            action: 'catalogue.service_created',
            subject: { type: 'service', id: serviceId },
            ip: origin.ip,
            requestId: origin.requestId,
            details: { code, versionId },
          },
          trx,
        );
        return { ok: true, value: { serviceId, versionId } };
      });
    },

    /**
     * The draft to edit: the service's open draft if it has one, otherwise a new draft copied from its
     * latest version. Clicking twice gives the same draft. @throws 404 AppError outside the actor's scope.
     */
    async startNewVersion(actor: SignedInActor, serviceId: string, origin: RequestOrigin): Promise<string> {
      const service = isUuid(serviceId) ? await services.findService(serviceId) : undefined;
      if (!service || !inScope(actor, service.agencyId)) throw authErrors.notFound();
      return db.transaction().execute(async (trx) => {
        await services.lockService(service.id, trx);
        const latest = await services.latestVersion(service.id, trx);
        if (!latest) throw authErrors.notFound();
        if (latest.status === 'draft') return latest.id;
        const versionId = await services.insertVersion(
          {
            serviceId: service.id,
            version: latest.version + 1,
            nameId: latest.nameId,
            nameEn: latest.nameEn,
            summaryId: latest.summaryId,
            summaryEn: latest.summaryEn,
            lifeEvents: latest.lifeEvents,
            applicantTypes: latest.applicantTypes,
            channels: latest.channels,
            priorityGroups: latest.priorityGroups,
            timeLimitWorkingDays: latest.timeLimitWorkingDays,
            costAmount: latest.costAmount,
            standard: JSON.stringify(latest.standard),
            form: JSON.stringify(latest.form),
            // The workflow belongs to the version: a new draft starts from the latest one's.
            workflow: latest.workflow === null ? null : JSON.stringify(latest.workflow),
            outputTemplate: latest.outputTemplate === null ? null : JSON.stringify(latest.outputTemplate),
            // Filled when the draft is published: only published versions are searched.
            searchText: '',
            createdBy: actor.accountId,
          },
          trx,
        );
        await audit.record(
          {
            actor: auditActor(actor, service.agencyId),
            action: 'catalogue.version_created',
            subject: { type: 'service', id: service.id },
            ip: origin.ip,
            requestId: origin.requestId,
            details: { versionId, version: latest.version + 1, copiedFrom: latest.id },
          },
          trx,
        );
        return versionId;
      });
    },

    /**
     * Saves a draft. What is filled in must be valid; texts may still be empty (publishing needs them).
     * @throws 404 AppError outside the actor's scope; 409 when the version is no longer a draft.
     */
    async saveDraft(actor: SignedInActor, versionId: string, input: DraftInput, origin: RequestOrigin): Promise<Result<void>> {
      const version = await managedVersion(actor, versionId);
      if (version.status !== 'draft') throw catalogueErrors.notDraft();
      const checked = checkDraft(input);
      if (!checked.ok) return checked;
      // Units are per agency, so the schema cannot know them: a step at a unit the agency lacks would
      // land in a queue nobody works.
      const unknownUnits = checked.workflow ? unknownUnitCodes(checked.workflow, await services.unitCodes(version.agencyId)) : [];
      if (unknownUnits.length > 0) {
        return { ok: false, problems: [{ field: 'workflow', key: 'catalogue.admin.error.workflowUnits', params: { codes: unknownUnits.join(', ') } }] };
      }
      const { workflow: _workflow, ...rest } = input;
      const saved = { ...version, ...rest, standard: input.standard as ServiceStandard };
      await db.transaction().execute(async (trx) => {
        const updated = await services.updateDraft(version.id, { ...checked.values, searchText: searchTextOf(saved) }, trx);
        if (updated === 0) throw catalogueErrors.notDraft();
        await audit.record(
          {
            actor: auditActor(actor, version.agencyId),
            action: 'catalogue.draft_saved',
            subject: { type: 'service', id: version.serviceId },
            ip: origin.ip,
            requestId: origin.requestId,
            details: { versionId: version.id, version: version.version },
          },
          trx,
        );
      });
      return { ok: true, value: undefined };
    },

    /** What still stops this draft from being published; empty when it is ready. */
    publishProblems(version: ServiceVersion): FieldProblem[] {
      return publishProblems(version);
    },

    /**
     * Publishes a complete draft: in one transaction, under the service's row lock, the published
     * version (if any) is retired and the draft published. Of concurrent attempts exactly one wins.
     * @throws 404 AppError outside the actor's scope; 409 when it is not a draft (any more);
     *   422 when the standard or the form is incomplete.
     */
    async publish(actor: SignedInActor, versionId: string, origin: RequestOrigin): Promise<{ retiredVersionId: string | undefined }> {
      const { serviceId } = await managedVersion(actor, versionId);
      return db.transaction().execute(async (trx) => {
        await services.lockService(serviceId, trx);
        // Read again under the lock: another admin may have published it meanwhile.
        const version = await managedVersion(actor, versionId, trx);
        if (version.status !== 'draft') throw catalogueErrors.notDraft();
        const problems = publishProblems(version);
        if (problems.length > 0) throw catalogueErrors.incomplete(problems.map((problem) => ({ name: problem.field, reason: problem.key })));
        const fetches = (await deps.fetchProblems?.(version)) ?? [];
        if (fetches.length > 0) throw catalogueErrors.incomplete(fetches.map((problem) => ({ name: `standard${problem.path}`, reason: problem.message })));
        // Again at publication: a copied draft may never have been saved, and the agency's name may have changed.
        await services.updateDraft(version.id, { searchText: searchTextOf(version) }, trx);
        const retiredVersionId = await services.retirePublished(serviceId, trx);
        if ((await services.publishDraft(version.id, trx)) === 0) throw catalogueErrors.notDraft();
        await audit.record(
          {
            actor: auditActor(actor, version.agencyId),
            action: 'catalogue.version_published',
            subject: { type: 'service', id: serviceId },
            ip: origin.ip,
            requestId: origin.requestId,
            details: { code: version.code, versionId: version.id, version: version.version, retiredVersionId: retiredVersionId ?? null },
          },
          trx,
        );
        return { retiredVersionId };
      });
    },
  };
}

export type ServiceAdminService = ReturnType<typeof createServiceAdminService>;

import { randomInt } from 'node:crypto';
import type { AuditActor } from '../../platform/audit/audit.input.ts';
import type { AuditLog } from '../../platform/audit/audit.service.ts';
import { agenciesFor, type SignedInActor } from '../../platform/auth/actor.ts';
import type { DataKeyStore } from '../../platform/crypto/data-keys.ts';
import { decryptField, encryptField } from '../../platform/crypto/envelope.ts';
import type { Database } from '../../platform/db/database.ts';
import type { RequestOrigin } from '../../platform/http/request-input.ts';
import type { FieldProblem, Result } from '../accounts/accounts.service.ts';
import type { ApplicationsRepository } from '../applications/applications.repository.ts';
import { newTrackingNumber, parseTrackingNumber } from '../applications/tracking-number.ts';
import { privacyErrors } from './privacy.errors.ts';
import type { PrivacyRepository, RequestRow } from './privacy.repository.ts';
import { type CaseKind, DATA_CATEGORIES, type DataCategory, type RefusalReason, type RequestKind, type RequestStatus } from './privacy.tables.ts';

export const REFERENCE_PREFIX = 'PRV';
const HOUR_MS = 3600_000;
/** UU 27/2022: access, and here the acknowledgement of every request, within 3×24 hours. */
export const ACKNOWLEDGE_HOURS = 72;
/** Corrections, objections and restrictions are resolved within 14 days (docs/privacy.md says why). */
export const RESOLUTION_DAYS = 14;
export const DETAILS_MAX = 4000;
export const RESPONSE_MAX = 4000;

/** A request as its owner (and staff) see it, decrypted. */
export interface RequestView {
  id: string;
  reference: string;
  kind: RequestKind;
  dataCategory: DataCategory;
  applicationTrackingNumber: string | null;
  agencyId: string | null;
  status: RequestStatus;
  details: string | null;
  response: string | null;
  refusalReason: RefusalReason | null;
  createdAt: Date;
  acknowledgeBy: Date;
  dueAt: Date;
  acknowledgedAt: Date | null;
  fulfilledAt: Date | null;
  closedAt: Date | null;
  overdue: boolean;
}

export interface CaseInput {
  kind: CaseKind;
  dataCategory: string;
  trackingNumber: string;
  details: string;
}

const detailsContext = (id: string) => `privacy_request.details:${id}`;
const responseContext = (id: string) => `privacy_request.response:${id}`;

export function citizenAuditActor(actor: SignedInActor): AuditActor {
  return { accountId: actor.accountId, role: actor.kind === 'citizen' ? 'citizen' : 'staff', agencyId: null };
}

export interface PrivacyRequestsDependencies {
  db: Database;
  repository: PrivacyRepository;
  dataKeys: DataKeyStore;
  audit: AuditLog;
  applications: Pick<ApplicationsRepository, 'findByTrackingNumber' | 'trackingNumberOf'>;
  clock?: (() => Date) | undefined;
}

/** Tracked data-subject requests: filing, the owner's list, and the staff queue with acknowledgement and closing. */
export function createPrivacyRequestsService(deps: PrivacyRequestsDependencies) {
  const { db, repository, dataKeys, audit, applications } = deps;
  const clock = deps.clock ?? (() => new Date());

  async function newReference(trx: Database): Promise<string> {
    for (;;) {
      const reference = newTrackingNumber(randomInt, REFERENCE_PREFIX);
      if (!(await repository.referenceTaken(reference, trx))) return reference;
    }
  }

  async function view(row: RequestRow): Promise<RequestView> {
    const key = await dataKeys.open(row.dataKeyId);
    const tracking = row.applicationId ? await trackingNumberOf(row.applicationId) : null;
    return {
      id: row.id,
      reference: row.reference,
      kind: row.kind,
      dataCategory: row.dataCategory,
      applicationTrackingNumber: tracking,
      agencyId: row.agencyId,
      status: row.status,
      details: row.detailsEnc ? decryptField(key, row.detailsEnc, detailsContext(row.id)) : null,
      response: row.responseEnc ? decryptField(key, row.responseEnc, responseContext(row.id)) : null,
      refusalReason: row.refusalReason,
      createdAt: row.createdAt,
      acknowledgeBy: row.acknowledgeBy,
      dueAt: row.dueAt,
      acknowledgedAt: row.acknowledgedAt,
      fulfilledAt: row.fulfilledAt,
      closedAt: row.closedAt,
      overdue: row.closedAt === null && row.dueAt.getTime() < clock().getTime(),
    };
  }

  async function trackingNumberOf(applicationId: string): Promise<string | null> {
    return (await applications.trackingNumberOf(applicationId)) ?? null;
  }

  /**
   * Records a request that is answered at once (a copy of the data, a deletion carried out or
   * refused), inside the caller's transaction, and audits it.
   */
  async function recordImmediate(
    trx: Database,
    actor: SignedInActor,
    input: { kind: 'access' | 'deletion'; outcome: 'fulfilled' | 'refused'; refusalReason?: RefusalReason; format?: 'json' | 'pdf' },
    origin: RequestOrigin,
  ): Promise<{ reference: string; createdAt: Date }> {
    const now = clock();
    const id = crypto.randomUUID();
    const reference = await newReference(trx);
    const dataKey = await dataKeys.create(trx);
    await repository.insertRequest(
      {
        id,
        reference,
        accountId: actor.accountId,
        kind: input.kind,
        dataCategory: 'all',
        applicationId: null,
        agencyId: null,
        status: input.outcome,
        dataKeyId: dataKey.id,
        detailsEnc: null,
        refusalReason: input.refusalReason ?? null,
        responseEnc: null,
        createdAt: now,
        acknowledgeBy: new Date(now.getTime() + ACKNOWLEDGE_HOURS * HOUR_MS),
        dueAt: new Date(now.getTime() + ACKNOWLEDGE_HOURS * HOUR_MS),
        acknowledgedAt: now,
        fulfilledAt: input.outcome === 'fulfilled' ? now : null,
        closedAt: now,
        closedBy: null,
      },
      trx,
    );
    await audit.record(
      {
        actor: citizenAuditActor(actor),
        action: `privacy.${input.kind}_${input.outcome}`,
        subject: { type: 'privacy_request', id },
        ip: origin.ip,
        requestId: origin.requestId,
        details: { reference, ...(input.format ? { format: input.format } : {}), ...(input.refusalReason ? { reason: input.refusalReason } : {}) },
      },
      trx,
    );
    return { reference, createdAt: now };
  }

  return {
    recordImmediate,

    /**
     * Files a correction, objection or restriction as a tracked case: acknowledged within 3×24 hours,
     * resolved within RESOLUTION_DAYS, routed to the agency of the application it names (else to the
     * platform). The person's text is encrypted under the request's own data key.
     * Returns field problems for a missing category or text, or an application not theirs.
     */
    async file(actor: SignedInActor, input: CaseInput, origin: RequestOrigin): Promise<Result<{ reference: string }>> {
      const problems: FieldProblem[] = [];
      const category = (DATA_CATEGORIES as readonly string[]).includes(input.dataCategory) ? (input.dataCategory as DataCategory) : undefined;
      if (!category) problems.push({ field: 'dataCategory', key: 'privacy.error.category' });
      let application: { id: string; agencyId: string } | undefined;
      const typed = input.trackingNumber.trim();
      if (typed !== '') {
        const canonical = parseTrackingNumber(typed);
        const row = canonical ? await applications.findByTrackingNumber(canonical) : undefined;
        // Another person's application reads as unknown: its existence is not revealed.
        if (!row || row.applicantAccountId !== actor.accountId) problems.push({ field: 'trackingNumber', key: 'privacy.error.trackingNumber' });
        else application = { id: row.id, agencyId: row.agencyId };
      } else if (category === 'application') {
        problems.push({ field: 'trackingNumber', key: 'privacy.error.trackingNumberMissing' });
      }
      // After the number: the error summary follows the order of the fields on the page.
      const details = input.details.trim();
      if (details === '') problems.push({ field: 'details', key: 'privacy.error.detailsMissing' });
      else if (details.length > DETAILS_MAX) problems.push({ field: 'details', key: 'privacy.error.detailsTooLong', params: { max: DETAILS_MAX } });
      if (problems.length > 0 || !category) return { ok: false, problems };

      const reference = await db.transaction().execute(async (trx) => {
        const now = clock();
        const id = crypto.randomUUID();
        const ref = await newReference(trx);
        const dataKey = await dataKeys.create(trx);
        await repository.insertRequest(
          {
            id,
            reference: ref,
            accountId: actor.accountId,
            kind: input.kind,
            dataCategory: category,
            applicationId: application?.id ?? null,
            agencyId: application?.agencyId ?? null,
            status: 'received',
            dataKeyId: dataKey.id,
            detailsEnc: encryptField(dataKey.key, details, detailsContext(id)),
            refusalReason: null,
            responseEnc: null,
            createdAt: now,
            acknowledgeBy: new Date(now.getTime() + ACKNOWLEDGE_HOURS * HOUR_MS),
            dueAt: new Date(now.getTime() + RESOLUTION_DAYS * 24 * HOUR_MS),
            acknowledgedAt: null,
            fulfilledAt: null,
            closedAt: null,
            closedBy: null,
          },
          trx,
        );
        await audit.record(
          {
            actor: citizenAuditActor(actor),
            action: `privacy.${input.kind}_requested`,
            subject: { type: 'privacy_request', id },
            ip: origin.ip,
            requestId: origin.requestId,
            details: { reference: ref, category, routedTo: application ? 'agency' : 'platform' },
          },
          trx,
        );
        return ref;
      });
      return { ok: true, value: { reference } };
    },

    /** The person's own requests, newest first, decrypted for them. */
    async mine(actor: SignedInActor): Promise<RequestView[]> {
      return Promise.all((await repository.requestsOf(actor.accountId)).map(view));
    },

    /**
     * One of the person's own requests.
     * @throws privacy.not_found for another person's request or an unknown reference
     */
    async mineByReference(actor: SignedInActor, reference: string): Promise<RequestView> {
      const canonical = parseTrackingNumber(reference, REFERENCE_PREFIX);
      const row = canonical ? await repository.requestByReference(canonical) : undefined;
      if (!row || row.accountId !== actor.accountId) throw privacyErrors.notFound();
      return view(row);
    },

    /** The staff queue: requests routed to the actor's agencies (platform admins: every request). */
    async queue(actor: SignedInActor): Promise<RequestView[]> {
      return Promise.all((await repository.queue(agenciesFor(actor, 'privacy.handle'))).map(view));
    },

    /**
     * One request for staff, with the person's text: a personal_data.read entry records the reading.
     * @throws privacy.not_found outside the actor's agencies
     */
    async forStaff(actor: SignedInActor, reference: string, origin: RequestOrigin): Promise<RequestView> {
      const row = await staffRow(actor, reference);
      await audit.record({
        actor: staffActor(actor, row),
        action: 'personal_data.read',
        subject: { type: 'privacy_request', id: row.id },
        ip: origin.ip,
        requestId: origin.requestId,
        details: { purpose: 'data_subject_request' },
      });
      return view(row);
    },

    /**
     * Staff acknowledge a request (received → in progress) or close it with a response the person sees.
     * @throws privacy.not_found outside the actor's agencies; privacy.not_allowed_now for a closed request
     */
    async respond(
      actor: SignedInActor,
      reference: string,
      input: { action: 'acknowledge' | 'close'; response: string },
      origin: RequestOrigin,
    ): Promise<Result<{ reference: string }>> {
      const response = input.response.trim();
      if (input.action === 'close' && response === '') return { ok: false, problems: [{ field: 'response', key: 'privacy.staff.responseMissing' }] };
      if (response.length > RESPONSE_MAX)
        return { ok: false, problems: [{ field: 'response', key: 'privacy.error.detailsTooLong', params: { max: RESPONSE_MAX } }] };
      const scoped = await staffRow(actor, reference);
      await db.transaction().execute(async (trx) => {
        const row = await repository.requestByReference(scoped.reference, trx, true);
        if (!row || row.closedAt !== null) throw privacyErrors.notAllowedNow();
        const now = clock();
        if (input.action === 'acknowledge') {
          if (row.status !== 'received') throw privacyErrors.notAllowedNow();
          await repository.updateRequest(row.id, { status: 'in_progress', acknowledgedAt: now }, trx);
        } else {
          const key = await dataKeys.open(row.dataKeyId, trx);
          await repository.updateRequest(
            row.id,
            {
              status: 'closed',
              acknowledgedAt: row.acknowledgedAt ?? now,
              closedAt: now,
              closedBy: actor.accountId,
              responseEnc: encryptField(key, response, responseContext(row.id)),
            },
            trx,
          );
        }
        await audit.record(
          {
            actor: staffActor(actor, row),
            action: input.action === 'acknowledge' ? 'privacy.request_acknowledged' : 'privacy.request_closed',
            subject: { type: 'privacy_request', id: row.id },
            ip: origin.ip,
            requestId: origin.requestId,
            details: { reference: row.reference, kind: row.kind },
          },
          trx,
        );
      });
      return { ok: true, value: { reference: scoped.reference } };
    },
  };

  async function staffRow(actor: SignedInActor, reference: string): Promise<RequestRow> {
    const canonical = parseTrackingNumber(reference, REFERENCE_PREFIX);
    const row = canonical ? await repository.requestByReference(canonical) : undefined;
    if (!row || row.kind === 'access' || row.kind === 'deletion') throw privacyErrors.notFound();
    const agencies = agenciesFor(actor, 'privacy.handle');
    if (agencies !== 'all' && (row.agencyId === null || !agencies.includes(row.agencyId))) throw privacyErrors.notFound();
    return row;
  }

  function staffActor(actor: SignedInActor, row: RequestRow): AuditActor {
    const agencies = agenciesFor(actor, 'privacy.handle');
    return { accountId: actor.accountId, role: agencies === 'all' ? 'platform_admin' : 'agency_admin', agencyId: agencies === 'all' ? null : row.agencyId };
  }
}

export type PrivacyRequestsService = ReturnType<typeof createPrivacyRequestsService>;

import type { AuditActor } from '../../platform/audit/audit.input.ts';
import type { AuditLog } from '../../platform/audit/audit.service.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import { authErrors } from '../../platform/auth/errors.ts';
import type { HolidaySource } from '../../platform/calendar/calendar.service.ts';
import type { DataKeyStore } from '../../platform/crypto/data-keys.ts';
import { decryptField } from '../../platform/crypto/envelope.ts';
import type { Database } from '../../platform/db/database.ts';
import type { TimeZone } from '../../platform/db/schema.ts';
import type { FormData, FormSchema } from '../../platform/forms/form-schema.ts';
import type { RequestOrigin } from '../../platform/http/request-input.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import type { FileStorage } from '../../platform/storage/storage.service.ts';
import { answersContext, messageContext, openJson, staffMayAct, type VersionSource, type VersionView } from './application-records.ts';
import type { ApplicationRow, ApplicationsRepository } from './applications.repository.ts';
import { type ApplicationChannel, type ApplicationStatus, INTERNAL_EVENT_KINDS } from './applications.tables.ts';
import { parseTrackingNumber } from './tracking-number.ts';

export interface Named {
  id: string;
  en: string;
}

export interface ApplicationSummary {
  trackingNumber: string;
  status: ApplicationStatus;
  channel: ApplicationChannel;
  serviceCode: string;
  serviceName: Named;
  agencyName: Named;
  timeZone: TimeZone;
  submittedAt: Date;
  dueAt: Date;
  /** The version's time limit, as the receipt states it. */
  timeLimitWorkingDays: number;
  organisationId: string | null;
  /** The business the application was filed for; null for a person's own. */
  organisationName: string | null;
  applicantAccountId: string | null;
  /** The agency's holidays and closures, so "working days left" skips them as the due date did. */
  holidays: ReadonlySet<string>;
}

export interface TimelineEntry {
  kind: string;
  occurredAt: Date;
  /** The agency that acted; null when the applicant did. Never an officer's name. */
  agencyName: Named | null;
  byApplicant: boolean;
  /** A message to or from the applicant (the applicant's own view only). */
  message: string | null;
}

export interface ApplicationDetail extends ApplicationSummary {
  /** For the modules that add their parts to the applicant's page (fees, issued documents). */
  id: string;
  /** The form of the version the application was filed under, to show the answers as they were asked. */
  form: FormSchema;
  answers: FormData;
  /** Newest first. */
  timeline: TimelineEntry[];
  attachments: { fieldName: string; fileId: string; name: string }[];
  /** The latest request for information, while one is open. */
  openRequest: string | null;
  /** Whether the reader filed it: only they withdraw it or answer a request (other members read it). */
  viewerIsApplicant: boolean;
  /** The times the clock stood still waiting for the applicant, oldest first; `to` is null while it still waits. */
  pauses: { from: Date; to: Date | null }[];
  /** The due date now: later than the receipt's by the working time paused (same as ApplicationSummary.dueAt). */
  dueAt: Date;
}

/** What anyone with the tracking number may see: no personal data, no answers, no messages. */
export interface PublicStatus {
  trackingNumber: string;
  status: ApplicationStatus;
  serviceName: Named;
  agencyName: Named;
  timeZone: TimeZone;
  submittedAt: Date;
  dueAt: Date;
  timeline: { kind: string; occurredAt: Date; agencyName: Named | null; byApplicant: boolean }[];
  channel: ApplicationChannel;
}

/**
 * An official was shown an applicant's data: the data tracker records it for the applicant, in the
 * audit entry's transaction (bound in src/services.ts, so this module never imports the exchange).
 */
export type PersonalDataViewedHook = (
  trx: Database,
  view: { subjectAccountId: string; viewer: AuditActor; fields: readonly string[]; caseReference: string },
) => Promise<unknown>;

/** Staff roles that may read an application's attachments, within their agency (auditors: any). */
const ATTACHMENT_READERS = new Set(['officer', 'supervisor', 'agency_admin', 'auditor']);

/**
 * Who reads an application as its applicant: the person who filed it (or claimed it), and, for an
 * application filed for a business, every current member of that organisation (owner and staff):
 * the business is the applicant, its members act for it. The memberships are the actor's, read from
 * the database at each request, so a former member loses access to the organisation's applications
 * at once (they keep the ones they filed themselves). Anyone else gets a 404.
 */
export function readsAsApplicant(actor: SignedInActor, row: Pick<ApplicationRow, 'applicantAccountId' | 'organisationId'>): boolean {
  if (row.applicantAccountId !== null && row.applicantAccountId === actor.accountId) return true;
  return actor.kind === 'citizen' && row.organisationId !== null && actor.organisations.some((o) => o.organisationId === row.organisationId);
}

const organisationIdsOf = (actor: SignedInActor): string[] => (actor.kind === 'citizen' ? actor.organisations.map((o) => o.organisationId) : []);

/**
 * What applicants and the public read about applications, with the audit of each download.
 * Applicant reads (list, application page, receipt, downloads) follow readsAsApplicant.
 */
export function createReadingService(deps: {
  db: Database;
  repository: ApplicationsRepository;
  versions: VersionSource;
  dataKeys: DataKeyStore;
  audit: AuditLog;
  storage: Pick<FileStorage, 'describeFiles'>;
  calendar?: HolidaySource | undefined;
  onPersonalDataViewed?: PersonalDataViewedHook | undefined;
}) {
  const { db, repository, versions, dataKeys, audit, storage } = deps;

  async function versionsOf(rows: readonly ApplicationRow[]): Promise<Map<string, VersionView>> {
    const map = new Map<string, VersionView>();
    for (const id of new Set(rows.map((row) => row.serviceVersionId))) {
      const version = await versions.getVersion(id);
      if (version) map.set(id, version);
    }
    return map;
  }

  /** Lookups shared by the rows of one list, so that a page of applications reads each agency once. */
  function newLookups() {
    const agencies = new Map<string, ReturnType<ApplicationsRepository['agency']>>();
    const organisations = new Map<string, ReturnType<ApplicationsRepository['organisationName']>>();
    return {
      agency(id: string) {
        if (!agencies.has(id)) agencies.set(id, repository.agency(id));
        return agencies.get(id) as ReturnType<ApplicationsRepository['agency']>;
      },
      organisationName(id: string) {
        if (!organisations.has(id)) organisations.set(id, repository.organisationName(id));
        return organisations.get(id) as ReturnType<ApplicationsRepository['organisationName']>;
      },
    };
  }

  async function summarise(row: ApplicationRow, version: VersionView | undefined, lookups = newLookups()): Promise<ApplicationSummary> {
    const agency = await lookups.agency(row.agencyId);
    const organisationName = row.organisationId ? ((await lookups.organisationName(row.organisationId)) ?? null) : null;
    return {
      trackingNumber: row.trackingNumber,
      status: row.status,
      channel: row.channel,
      serviceCode: version?.code ?? '',
      serviceName: { id: version?.nameId ?? '', en: version?.nameEn ?? '' },
      agencyName: { id: agency?.nameId ?? '', en: agency?.nameEn ?? '' },
      timeZone: agency?.timeZone ?? 'Asia/Jakarta',
      submittedAt: row.submittedAt,
      dueAt: row.dueAt,
      timeLimitWorkingDays: version?.timeLimitWorkingDays ?? 0,
      organisationId: row.organisationId,
      organisationName,
      applicantAccountId: row.applicantAccountId,
      holidays: (await deps.calendar?.holidaysFor(row.agencyId)) ?? new Set<string>(),
    };
  }

  async function timeline(row: ApplicationRow, withMessages: boolean): Promise<TimelineEntry[]> {
    // Who holds the file and staff notes are the agency's business, not the applicant's.
    const events = (await repository.listEvents(row.id)).filter((event) => !INTERNAL_EVENT_KINDS.has(event.kind));
    const key = withMessages && events.some((e) => e.messageEnc) ? await dataKeys.open(row.dataKeyId) : undefined;
    return events
      .map((event) => ({
        kind: event.kind,
        occurredAt: event.occurredAt,
        agencyName: event.actorAgencyId ? { id: event.actorAgencyNameId ?? '', en: event.actorAgencyNameEn ?? '' } : null,
        byApplicant: event.actorRole === 'applicant',
        message: key && event.messageEnc ? decryptField(key, event.messageEnc, messageContext(row.id)) : null,
      }))
      .reverse();
  }

  /** An application the actor reads as its applicant (readsAsApplicant); anyone else's (or none) is a 404. */
  async function own(actor: SignedInActor, trackingNumber: string): Promise<ApplicationRow> {
    const canonical = parseTrackingNumber(trackingNumber);
    const row = canonical ? await repository.findByTrackingNumber(canonical) : undefined;
    if (!row || !readsAsApplicant(actor, row)) throw authErrors.notFound();
    return row;
  }

  return {
    /**
     * The signed-in person's applications, newest first (online, and counter ones linked or
     * claimed), with those of the organisations they currently belong to, whoever filed them.
     */
    async listMine(actor: SignedInActor): Promise<ApplicationSummary[]> {
      const rows = await repository.listByApplicantOrOrganisations(actor.accountId, organisationIdsOf(actor));
      const byVersion = await versionsOf(rows);
      const lookups = newLookups();
      return Promise.all(rows.map((row) => summarise(row, byVersion.get(row.serviceVersionId), lookups)));
    },

    /**
     * One of the signed-in person's applications, with its answers rendered by the form of the
     * version it was filed under, its timeline (newest first) and attachments.
     * @throws platform.not_found for another person's application (unless the actor is a member of
     *   the organisation it was filed for), or an unknown or malformed number
     */
    async getForApplicant(actor: SignedInActor, trackingNumber: string): Promise<ApplicationDetail> {
      const row = await own(actor, trackingNumber);
      const version = await versions.getVersion(row.serviceVersionId);
      if (!version) throw new Error('an application names a service version that does not exist');
      const key = await dataKeys.open(row.dataKeyId);
      const events = await timeline(row, true);
      const attachments = await repository.listAttachments(row.id);
      const names = new Map((await storage.describeFiles(attachments.map((a) => a.fileId))).map((file) => [file.id, file.name]));
      const lastRequest = events.find((event) => event.kind === 'information_requested');
      return {
        ...(await summarise(row, version)),
        id: row.id,
        form: version.form,
        answers: openJson(key, row.answersEnc, answersContext(row.id)),
        timeline: events,
        attachments: attachments.map((a) => ({ fieldName: a.fieldName, fileId: a.fileId, name: names.get(a.fileId) ?? '' })),
        openRequest: row.status === 'information_requested' ? (lastRequest?.message ?? '') : null,
        viewerIsApplicant: row.applicantAccountId === actor.accountId,
        pauses: (await repository.listPauses(row.id)).map((p) => ({ from: p.startedAt, to: p.endedAt })),
        dueAt: row.dueAt,
      };
    },

    /**
     * What a receipt shows (no personal data): to the applicant (readsAsApplicant), and to counter staff of the
     * application's agency (who print it for a walk-in applicant).
     * @throws platform.not_found for anyone else
     */
    async receiptFor(actor: SignedInActor, trackingNumber: string): Promise<ApplicationSummary> {
      const canonical = parseTrackingNumber(trackingNumber);
      const row = canonical ? await repository.findByTrackingNumber(canonical) : undefined;
      if (!row) throw authErrors.notFound();
      if (!readsAsApplicant(actor, row) && !staffMayAct(actor, 'application.counter', row.agencyId)) throw authErrors.notFound();
      return summarise(row, await versions.getVersion(row.serviceVersionId));
    },

    /** Status and timeline for the public tracking page; undefined for an unknown or mistyped number. */
    async publicStatus(trackingNumber: string): Promise<PublicStatus | undefined> {
      const canonical = parseTrackingNumber(trackingNumber);
      const row = canonical ? await repository.findByTrackingNumber(canonical) : undefined;
      if (!row) return undefined;
      const summary = await summarise(row, await versions.getVersion(row.serviceVersionId));
      const events = await timeline(row, false);
      return {
        trackingNumber: row.trackingNumber,
        status: row.status,
        serviceName: summary.serviceName,
        agencyName: summary.agencyName,
        timeZone: summary.timeZone,
        submittedAt: row.submittedAt,
        dueAt: row.dueAt,
        timeline: events.map((e) => ({ kind: e.kind, occurredAt: e.occurredAt, agencyName: e.agencyName, byApplicant: e.byApplicant })),
        channel: row.channel,
      };
    },

    /**
     * Allows the download of one attachment: to the applicant (readsAsApplicant), and to officers, supervisors and
     * agency admins of the application's agency and to auditors. Each download is audited. Returns
     * the file id to send.
     * @throws platform.not_found for anyone else, or a file that is not the application's
     */
    async authorizeDownload(actor: SignedInActor, trackingNumber: string, fileId: string, origin: RequestOrigin): Promise<string> {
      const canonical = parseTrackingNumber(trackingNumber);
      const row = canonical ? await repository.findByTrackingNumber(canonical) : undefined;
      if (!row || !isUuid(fileId)) throw authErrors.notFound();
      const applicant = readsAsApplicant(actor, row);
      const grant =
        actor.kind === 'staff'
          ? actor.grants.find((g) => ATTACHMENT_READERS.has(g.role) && (g.agencyId === row.agencyId || (g.agencyId === null && g.role === 'auditor')))
          : undefined;
      if (!applicant && !grant) throw authErrors.notFound();
      const attachment = await repository.findAttachment(row.id, fileId);
      if (!attachment) throw authErrors.notFound();
      const reader = { accountId: actor.accountId, role: grant?.role ?? 'citizen', agencyId: grant?.agencyId ?? null };
      await db.transaction().execute(async (trx) => {
        await audit.record(
          {
            actor: reader,
            // Staff reading a person's document is a read of personal data, shown to its owner later.
            action: applicant ? 'attachment.downloaded' : 'personal_data.read',
            subject: { type: 'application', id: row.id },
            ip: origin.ip,
            requestId: origin.requestId,
            details: { fileId, field: attachment.fieldName, via: 'attachment' },
          },
          trx,
        );
        if (applicant || !row.applicantAccountId || !deps.onPersonalDataViewed) return;
        await deps.onPersonalDataViewed(trx, {
          subjectAccountId: row.applicantAccountId,
          viewer: reader,
          fields: ['application_attachments'],
          caseReference: row.trackingNumber,
        });
      });
      return fileId;
    },
  };
}

export type ReadingService = ReturnType<typeof createReadingService>;

import type { AuditEntry, AuditLog } from '../../platform/audit/audit.service.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import type { Database } from '../../platform/db/database.ts';
import type { RequestOrigin } from '../../platform/http/request-input.ts';
import type { StorageRepository } from '../../platform/storage/storage.repository.ts';
import type { FileStorage } from '../../platform/storage/storage.service.ts';
import type { AccountsRepository } from '../accounts/accounts.repository.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { OrganisationsService } from '../accounts/organisations.service.ts';
import type { SessionStore } from '../accounts/sessions.ts';
import type { ApplicationsRepository } from '../applications/applications.repository.ts';
import type { ApplicationsService } from '../applications/applications.service.ts';
import type { ComplaintsService } from '../complaints/complaints.contract.ts';
import type { ComplaintsRepository } from '../complaints/complaints.repository.ts';
import type { IssuingService } from '../documents/issuing.service.ts';
import type { ConsentService } from '../exchange/consent.service.ts';
import type { Exchange } from '../exchange/exchange.module.ts';
import type { PaymentsService } from '../payments/payments.service.ts';
import type { SurveysRepository } from '../surveys/surveys.repository.ts';
import type { PrivacyRequestsService } from './requests.service.ts';

export const EXPORT_FORMAT = 'loket.personal-data-export';
export const EXPORT_VERSION = 1;
const TRAIL_PER_SUBJECT = 500;
const ACCESS_PAGE = 100;
/** A bound on the data tracker's pages read into one export (10,000 accesses). */
const ACCESS_PAGES_MAX = 100;

/**
 * Where each table that holds data about a person appears in the export (documented in
 * docs/privacy.md). The export test compares this with every table that references an account, so
 * a new table about people fails the build until it is exported here or allow-listed there.
 */
export const EXPORT_COVERAGE: Readonly<Record<string, string>> = {
  account: 'account',
  recovery_code: 'account.recoveryCodes',
  verification_code: 'account.verificationCodes',
  staff_role: 'account.staffRoles',
  session: 'sessions',
  organisation_member: 'organisations',
  application: 'applications',
  application_event: 'applications[].timeline',
  application_attachment: 'applications[].attachments',
  application_draft: 'drafts',
  issued_document: 'applications[].documents',
  application_bill: 'applications[].payment',
  stored_file: 'files',
  complaint: 'complaints',
  complaint_event: 'complaints[].timeline',
  survey_invitation: 'surveyInvitations',
  privacy_request: 'privacyRequests',
  audit_event: 'processingTrail',
  exchange_access: 'dataAccesses',
  consent: 'consents',
  requirement_fetch: 'onceOnlyFetches',
};

export interface ExportDependencies {
  db: Database;
  accounts: Pick<AccountsService, 'profile'>;
  accountsRepository: Pick<AccountsRepository, 'privacyRecords'>;
  sessions: Pick<SessionStore, 'history'>;
  organisations: Pick<OrganisationsService, 'listFor' | 'ownedNibs'>;
  applications: Pick<ApplicationsService, 'listMine' | 'getForApplicant'>;
  applicationsRepository: Pick<ApplicationsRepository, 'draftsOf'>;
  issuing: Pick<IssuingService, 'documentsOf'>;
  payments: Pick<PaymentsService, 'billFor'>;
  complaints: Pick<ComplaintsService, 'reporterView'>;
  complaintsRepository: Pick<ComplaintsRepository, 'reportsOf'>;
  surveysRepository: Pick<SurveysRepository, 'invitationsFor'>;
  storage: Pick<FileStorage, 'describeFiles'>;
  storageRepository: Pick<StorageRepository, 'idsOwnedBy'>;
  audit: Pick<AuditLog, 'search'>;
  requests: Pick<PrivacyRequestsService, 'mine' | 'recordImmediate'>;
  exchange: Pick<Exchange, 'listSubjectAccesses'>;
  /** Once-only consents and fetches (the exchange module's consent service). */
  consents?: Pick<ConsentService, 'exportFor'> | undefined;
  clock?: (() => Date) | undefined;
}

async function trailOf(deps: ExportDependencies, accountId: string, subjects: readonly { type: string; id: string }[]) {
  const pages = await Promise.all([
    deps.audit.search({ actorAccountId: accountId, limit: TRAIL_PER_SUBJECT }),
    ...subjects.map((subject) => deps.audit.search({ subjectType: subject.type, subjectId: subject.id, limit: TRAIL_PER_SUBJECT })),
  ]);
  const byId = new Map<number, AuditEntry>();
  for (const entry of pages.flatMap((page) => page.entries)) byId.set(entry.id, entry);
  return [...byId.values()]
    .sort((a, b) => b.id - a.id)
    .map((entry) => ({
      id: entry.id,
      at: entry.occurredAt,
      action: entry.action,
      // Officials appear by role and agency, never by account: the tracker's rule for staff privacy.
      by: entry.actor.accountId === accountId ? ('you' as const) : { role: entry.actor.role, agencyId: entry.actor.agencyId },
      subject: entry.subject,
      details: entry.details,
    }));
}

/**
 * The data tracker (exchange module): every released access to the person's data, newest first, by
 * their NIK and the NIBs of the businesses they own (as the tracker page lists them).
 */
async function accessesOf(deps: ExportDependencies, actor: SignedInActor, nik: string | null) {
  const nibs = await deps.organisations.ownedNibs(actor);
  const subjects = [...(nik ? [{ kind: 'nik' as const, key: nik }] : []), ...nibs.map((nib) => ({ kind: 'nib' as const, key: nib }))];
  if (subjects.length === 0) return [];
  const items = [];
  for (let page = 1; page <= ACCESS_PAGES_MAX; page += 1) {
    const result = await deps.exchange.listSubjectAccesses(subjects, { page, pageSize: ACCESS_PAGE });
    items.push(...result.items);
    if (page * ACCESS_PAGE >= result.total || result.items.length === 0) break;
  }
  return items;
}

/** Everything about the person, read through each module's own functions. */
async function gatherExport(deps: ExportDependencies, actor: SignedInActor) {
  const clock = deps.clock ?? (() => new Date());
  const accountId = actor.accountId;
  const [profile, records, sessions, organisations, summaries, drafts, reports, requests, fileIds] = await Promise.all([
    deps.accounts.profile(actor),
    deps.accountsRepository.privacyRecords(accountId),
    deps.sessions.history(accountId),
    actor.kind === 'citizen' ? deps.organisations.listFor(actor) : Promise.resolve([]),
    deps.applications.listMine(actor),
    deps.applicationsRepository.draftsOf(accountId),
    deps.complaintsRepository.reportsOf(accountId),
    deps.requests.mine(actor),
    deps.storageRepository.idsOwnedBy(accountId),
  ]);

  const applications = [];
  for (const summary of summaries) {
    const detail = await deps.applications.getForApplicant(actor, summary.trackingNumber);
    const [documents, bill] = await Promise.all([deps.issuing.documentsOf(detail.trackingNumber), deps.payments.billFor(detail.id)]);
    applications.push({
      id: detail.id,
      trackingNumber: detail.trackingNumber,
      forOrganisation: detail.organisationName,
      yourOwn: detail.applicantAccountId === accountId,
      service: { code: detail.serviceCode, name: detail.serviceName },
      agency: detail.agencyName,
      channel: detail.channel,
      status: detail.status,
      submittedAt: detail.submittedAt,
      dueAt: detail.dueAt,
      answers: detail.answers,
      timeline: detail.timeline.map((entry) => ({
        kind: entry.kind,
        at: entry.occurredAt,
        agency: entry.agencyName,
        byYou: entry.byApplicant,
        message: entry.message,
      })),
      attachments: detail.attachments,
      documents: documents.map((document) => ({
        id: document.id,
        number: document.number,
        title: document.title,
        issuedAt: document.issuedAt,
        validUntil: document.validUntil,
        revokedAt: document.revokedAt,
        revocationReason: document.revocationReason,
      })),
      payment: bill
        ? { billingCode: bill.billingCode, amount: bill.amount, status: bill.status, createdAt: bill.createdAt, expiresAt: bill.expiresAt, paidAt: bill.paidAt }
        : null,
    });
  }

  const complaints = [];
  for (const report of reports) {
    const view = await deps.complaints.reporterView({ kind: 'account', accountId }, report.trackingId);
    if (!view) continue;
    complaints.push({
      id: report.id,
      trackingId: view.trackingId,
      kind: view.kind,
      category: view.category,
      title: view.title,
      description: view.description,
      incidentDate: view.incidentDate,
      place: view.place,
      isSecret: view.isSecret,
      isAnonymous: view.isAnonymous,
      status: view.status,
      agency: view.agency,
      createdAt: view.createdAt,
      closedAt: view.closedAt,
      rating: view.rating,
      timeline: view.timeline,
      attachments: view.attachments,
    });
  }

  const [applicationInvitations, complaintInvitations] = await Promise.all([
    deps.surveysRepository.invitationsFor(
      'application',
      applications.map((a) => a.id),
    ),
    deps.surveysRepository.invitationsFor(
      'complaint',
      complaints.map((c) => c.id),
    ),
  ]);
  const surveyInvitations = [...applicationInvitations, ...complaintInvitations].map((invitation) => ({
    about: invitation.subjectKind,
    reference: invitation.reference,
    invitedAt: invitation.invitedAt,
    answered: invitation.used,
  }));

  const onceOnly = (await deps.consents?.exportFor(actor)) ?? { consents: [], fetches: [] };
  const subjects = [
    { type: 'account', id: accountId },
    ...onceOnly.consents.map((consent) => ({ type: 'consent', id: consent.id })),
    ...applications.map((a) => ({ type: 'application', id: a.id })),
    ...applications.flatMap((a) => a.documents.map((d) => ({ type: 'issued_document', id: d.id }))),
    ...complaints.map((c) => ({ type: 'complaint', id: c.id })),
    ...organisations.map((o) => ({ type: 'organisation', id: o.id })),
    ...requests.map((r) => ({ type: 'privacy_request', id: r.id })),
    ...[...applicationInvitations, ...complaintInvitations].map((i) => ({ type: 'survey_invitation', id: i.id })),
  ];

  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    generatedAt: clock(),
    account: {
      id: accountId,
      kind: profile.kind,
      createdAt: records.createdAt,
      fullName: profile.fullName,
      nik: profile.nik,
      birthDate: profile.birthDate,
      email: profile.email,
      emailVerified: profile.emailVerified,
      phone: profile.phone,
      phoneVerified: profile.phoneVerified,
      locale: profile.locale,
      twoFactorEnabled: profile.totpEnabled,
      recoveryCodes: records.recoveryCodes,
      verificationCodes: records.verificationCodes,
      staffRoles: records.staffRoles,
    },
    sessions,
    organisations,
    applications,
    drafts,
    files: await deps.storage.describeFiles(fileIds),
    complaints,
    surveyInvitations,
    // Survey answers are anonymous by design (PermenPANRB 14/2017): nothing links one to a person.
    surveyResponses: { linked: false },
    // Messages are stored by encrypted address only, with no link to an account.
    notifications: { linked: false },
    privacyRequests: requests.map((request) => ({
      reference: request.reference,
      kind: request.kind,
      dataCategory: request.dataCategory,
      application: request.applicationTrackingNumber,
      status: request.status,
      details: request.details,
      response: request.response,
      refusalReason: request.refusalReason,
      createdAt: request.createdAt,
      acknowledgeBy: request.acknowledgeBy,
      dueAt: request.dueAt,
      fulfilledAt: request.fulfilledAt,
      closedAt: request.closedAt,
    })),
    // Withheld accesses (law enforcement, before release) are not listed: the exchange module holds them back.
    dataAccesses: await accessesOf(deps, actor, profile.nik),
    consents: onceOnly.consents,
    onceOnlyFetches: onceOnly.fetches,
    processingTrail: await trailOf(deps, accountId, subjects),
    coverage: EXPORT_COVERAGE,
  };
}

/** One person's data, as handed to them (JSON as is; the PDF renders it). */
export type PersonalDataExport = Awaited<ReturnType<typeof gatherExport>>;

/** A person's copy of all their data (UU 27/2022 access and portability), gathered through each module's own reads. */
export function createExportService(deps: ExportDependencies) {
  const gather = (actor: SignedInActor) => gatherExport(deps, actor);
  return {
    gather,

    /**
     * Gathers the person's data and records the access request as fulfilled at once (well within the
     * 3×24-hour window), with an audit entry naming the format. The request's own record is in the
     * copy too.
     */
    async exportFor(actor: SignedInActor, format: 'json' | 'pdf', origin: RequestOrigin): Promise<{ reference: string; data: PersonalDataExport }> {
      const { reference } = await deps.db
        .transaction()
        .execute((trx) => deps.requests.recordImmediate(trx, actor, { kind: 'access', outcome: 'fulfilled', format }, origin));
      return { reference, data: await gather(actor) };
    },
  };
}

export type ExportService = ReturnType<typeof createExportService>;

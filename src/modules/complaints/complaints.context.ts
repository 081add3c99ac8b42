import { createHash } from 'node:crypto';
import type { AuditActor } from '../../platform/audit/audit.input.ts';
import type { AuditLog } from '../../platform/audit/audit.service.ts';
import { agenciesFor, can, type SignedInActor } from '../../platform/auth/actor.ts';
import { roleHasPermission } from '../../platform/auth/permissions.ts';
import type { HolidaySource } from '../../platform/calendar/calendar.service.ts';
import type { DataKeyStore } from '../../platform/crypto/data-keys.ts';
import { decryptField } from '../../platform/crypto/envelope.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import type { Notifier } from '../../platform/notify/notify.service.ts';
import type { FileStorage } from '../../platform/storage/storage.service.ts';
import type { AccountsRepository } from '../accounts/accounts.repository.ts';
import type { PersonalData } from '../accounts/personal-data.ts';
import type { ApplicantContact } from '../applications/applicant-contact.ts';
import { storageFiles } from '../applications/applications.service.ts';
import type { ComplaintRefusal, ComplaintResult, ReporterAccess } from './complaints.contract.ts';
import { type ComplaintRow, createComplaintsRepository } from './complaints.repository.ts';
import { type StageCalendar, stageCalendar } from './complaints.sla.ts';

/** What the complaints service needs; wired in src/services.ts. */
export interface ComplaintsDependencies {
  db: Database;
  dataKeys: DataKeyStore;
  storage: Pick<FileStorage, 'attachFile' | 'describeFiles'>;
  audit: AuditLog;
  notifier: Pick<Notifier, 'enqueue'>;
  calendar: HolidaySource;
  personalData: PersonalData;
  /** A reporter's account, for the desk's view of who reported (the accounts module's repository). */
  accounts: Pick<AccountsRepository, 'findById'>;
  /** A citizen's verified contact (the applications module's). */
  contactOf(accountId: string | null, trx: Database): Promise<ApplicantContact | undefined>;
  /** Loket's public address (config.publicUrl): links in messages point there. */
  publicUrl: string;
  /**
   * A report closed (accepted by its reporter, or closed by itself after the confirmation window): the
   * satisfaction survey invites the reporter, in the same transaction. `contact`: where they hear about it.
   */
  onClosed?(
    trx: Database,
    complaint: { complaintId: string; trackingId: string; agencyId: string; unitId: string | null; contact?: ApplicantContact | undefined },
  ): Promise<void>;
  /**
   * Staff were shown a reporter's identity: the data tracker records it for the reporter, in the audit
   * entry's transaction (bound in src/services.ts, so this module never imports the exchange).
   */
  onPersonalDataViewed?(
    trx: Database,
    view: { subjectAccountId: string; viewer: AuditActor; fields: readonly string[]; caseReference: string },
  ): Promise<unknown>;
  now?: () => Date;
}

/** Where the pages live; the links in messages point there. */
export const complaintPaths = {
  public: (trackingId: string) => `/complaints/${trackingId}`,
  mine: (trackingId: string) => `/complaints/mine/${trackingId}`,
  followUp: (secret: string) => `/complaints/follow/${secret}`,
  /** For a guest's later notices: the secret is only in their receipt, so this page asks for the link. */
  followUpStart: '/complaints/follow',
  staff: (trackingId: string) => `/backoffice/complaints/${trackingId}`,
};

export const DAY_MS = 24 * 3600 * 1000;
export const PER_PAGE = 20;
export const MAX_PER_PAGE = 100;
export const TRACKING_ATTEMPTS = 5;
export const IDEMPOTENCY_INDEX = 'complaint_idempotency_idx';
export const TRACKING_CONSTRAINT = 'complaint_tracking_id_key';

/** Each ciphertext names its report, so it cannot be moved to another row and still open. */
export const reporterContext = (complaintId: string) => `complaint.reporter:${complaintId}`;

export interface StoredContact {
  name?: string;
  email?: string;
  phone?: string;
  locale?: Locale;
}

/** What is stored of a guest's follow-up secret: 32 random bytes need no salt or slow hash. */
export function followUpHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** The constraint a unique violation (23505) names, if that is what the error is. */
export function uniqueViolation(error: unknown): string | undefined {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23505' ? e.constraint : undefined;
}

export function refuse(reason: ComplaintRefusal): ComplaintResult {
  return { ok: false, reason };
}

/** How a staff member stands to one report. */
export interface StaffStanding {
  desk: boolean;
  /** Handles it at its agency (complaint.handle there). */
  handler: boolean;
  supervisor: boolean;
  agencyIds: 'all' | string[];
}

/** Where an actor handles reports: every agency, whole agencies, or some units of an agency (with the reports not yet given to a unit). */
export type HandleScope = 'all' | { agencies: Set<string>; units: Map<string, Set<string>> };

export function handleScope(actor: SignedInActor): HandleScope {
  if (actor.kind !== 'staff') return { agencies: new Set(), units: new Map() };
  const grants = actor.grants.filter((g) => roleHasPermission(g.role, 'complaint.handle'));
  if (grants.some((g) => g.agencyId === null)) return 'all';
  const agencies = new Set(grants.filter((g) => g.unitId === null).map((g) => g.agencyId as string));
  const units = new Map<string, Set<string>>();
  for (const g of grants) {
    if (g.unitId === null || g.agencyId === null || agencies.has(g.agencyId)) continue;
    units.set(g.agencyId, (units.get(g.agencyId) ?? new Set()).add(g.unitId));
  }
  return { agencies, units };
}

export function handles(scope: HandleScope, row: { agencyId: string | null; unitId: string | null }): boolean {
  if (row.agencyId === null) return false;
  if (scope === 'all' || scope.agencies.has(row.agencyId)) return true;
  const units = scope.units.get(row.agencyId);
  return units !== undefined && (row.unitId === null || units.has(row.unitId));
}

/** The desk sees every report; agency staff only those at the agencies (and units) they handle. Undefined: answer 404. */
export function standing(actor: SignedInActor, row: { agencyId: string | null; unitId: string | null }): StaffStanding | undefined {
  const desk = can(actor, 'complaint.triage');
  const scope = handleScope(actor);
  const handler = handles(scope, row);
  const supervise = agenciesFor(actor, 'complaint.supervise');
  const supervisor = row.agencyId !== null && (supervise === 'all' || supervise.includes(row.agencyId));
  if (!desk && !handler) return undefined;
  return { desk, handler, supervisor, agencyIds: scope === 'all' ? 'all' : [...scope.agencies, ...scope.units.keys()] };
}

/** How a staff action is recorded in the audit log: the role the actor acted in, and where. */
export function staffAuditActor(actor: SignedInActor, s: StaffStanding, agencyId: string | null): AuditActor {
  const role = s.handler ? (s.supervisor ? 'supervisor' : 'officer') : 'complaints_desk';
  return { accountId: actor.accountId, role, agencyId: s.handler ? agencyId : null };
}

/** A page number from a query string: a positive integer, bounded, else 1. */
export function pageOf(page: number | undefined): number {
  return Number.isInteger(page) && (page as number) > 0 ? Math.min(page as number, 10_000) : 1;
}

/** Which notices the reporter gets about their report. */
export type ReporterNotice = 'complaint.forwarded' | 'complaint.archived' | 'complaint.information_requested' | 'complaint.responded' | 'complaint.closed';

/**
 * What every part of the complaints service shares: the dependencies, the repository, the clock,
 * the calendars, and how the reporter is reached.
 */
export function createComplaintsContext(deps: ComplaintsDependencies) {
  const { db, dataKeys, notifier, publicUrl } = deps;
  const clock = deps.now ?? (() => new Date());
  const repository = createComplaintsRepository(db);
  const files = storageFiles(deps.storage);

  const calendarFor = (agencyId: string | null, unitId: string | null, trx?: Database): Promise<StageCalendar> =>
    stageCalendar(deps.calendar, repository, agencyId, unitId, trx);

  // ——— reporter contact and notices ———

  async function storedContact(row: Pick<ComplaintRow, 'id' | 'dataKeyId' | 'reporterEnc'>, trx: Database = db): Promise<StoredContact> {
    if (!row.reporterEnc) return {};
    const key = await dataKeys.open(row.dataKeyId, trx);
    return JSON.parse(decryptField(key, row.reporterEnc, reporterContext(row.id))) as StoredContact;
  }

  /** Where the reporter hears about their report: their account's verified contact, or the e-mail a guest gave. */
  async function reporterContact(row: ComplaintRow, trx: Database): Promise<{ contact: ApplicantContact; link: string } | undefined> {
    if (row.reporterAccountId) {
      const contact = await deps.contactOf(row.reporterAccountId, trx);
      return contact ? { contact, link: `${publicUrl}${complaintPaths.mine(row.trackingId)}` } : undefined;
    }
    const stored = await storedContact(row, trx);
    if (!stored.email) return undefined;
    const link = row.followUpHash ? `${publicUrl}${complaintPaths.followUpStart}` : `${publicUrl}${complaintPaths.public(row.trackingId)}`;
    return { contact: { channel: 'email', recipient: stored.email, locale: stored.locale ?? 'id' }, link };
  }

  async function tellReporter(row: ComplaintRow, kind: ReporterNotice, trx: Database): Promise<void> {
    const target = await reporterContact(row, trx);
    if (!target) return;
    await notifier.enqueue({ kind, ...target.contact, params: { trackingId: row.trackingId, link: target.link } }, trx);
  }

  /** Tells the surveys module that a report closed (see ComplaintsDependencies.onClosed). */
  async function closed(row: ComplaintRow, trx: Database): Promise<void> {
    if (!deps.onClosed || !row.agencyId) return;
    const target = await reporterContact(row, trx);
    await deps.onClosed(trx, { complaintId: row.id, trackingId: row.trackingId, agencyId: row.agencyId, unitId: row.unitId, contact: target?.contact });
  }

  /** The report, when it is the reporter's own (their account, or the secret of its follow-up link). */
  async function ownRow(access: ReporterAccess, trackingId: string, trx: Database = db): Promise<ComplaintRow | undefined> {
    const row = await repository.byTrackingId(trackingId.trim().toUpperCase(), trx);
    if (!row) return undefined;
    if (access.kind === 'account') return row.reporterAccountId === access.accountId ? row : undefined;
    if (!row.followUpHash || typeof access.secret !== 'string' || access.secret.length > 200) return undefined;
    return row.followUpHash === followUpHash(access.secret) ? row : undefined;
  }

  return {
    deps,
    db,
    dataKeys,
    audit: deps.audit,
    notifier,
    publicUrl,
    personalData: deps.personalData,
    clock,
    repository,
    files,
    calendarFor,
    storedContact,
    reporterContact,
    tellReporter,
    closed,
    ownRow,
  };
}

export type ComplaintsContext = ReturnType<typeof createComplaintsContext>;

/** A report that stopped running its clock (archived, closed). */
export const noStage = { stage: null, stageWarnAt: null, stageDueAt: null } as const;

/** Thrown inside a filing's transaction when a file id is not the reporter's pending upload: everything rolls back. */
export class RejectedFiles extends Error {
  constructor() {
    super('files that are not the reporter’s');
  }
}

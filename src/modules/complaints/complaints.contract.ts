import type { SignedInActor } from '../../platform/auth/actor.ts';
import type { FormProblem } from '../../platform/forms/problems.ts';
import type { RequestOrigin } from '../../platform/http/request-input.ts';
import type { ArchiveReason, ComplaintChannel, ComplaintEventVisibility, ComplaintKind, ComplaintStage, ComplaintStatus } from './complaints.tables.ts';

// What the complaints service offers the pages (public, reporter, staff), the Open311 API and the
// SLA job. Implemented by complaints.service.ts; the routes depend on these types only.
//
// Privacy is enforced here, not in the views: every read model is built for one audience, and a
// field the audience may not see is absent from the object, never merely hidden by a template.

/** Bilingual label, as the catalogue stores agency and category names. */
export interface Names {
  id: string;
  en: string;
}

/** A region to choose in a select: its Kemendagri code and name. */
export interface RegionOption {
  code: string;
  name: string;
}

export interface CategorySummary {
  code: string;
  name: Names;
  description: Names;
  group: string;
  keywords: readonly string[];
  verifyWorkingDays: number;
  planWorkingDays: number;
  resolveDays: number;
  autoCloseWorkingDays: number;
}

export interface AgencyRef {
  id: string;
  code: string;
  name: Names;
}

export interface UnitRef {
  id: string;
  code: string;
  name: Names;
}

export interface Place {
  regionCode: string | null;
  /** The region's name and its parents', most specific first ("Kota Bandung, Jawa Barat"). */
  regionName: string | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
}

/** The filing form's region selects, broadest first: codes, or empty when not chosen. */
export interface RegionSelection {
  province?: string | undefined;
  regency?: string | undefined;
  district?: string | undefined;
  village?: string | undefined;
}

/** What a filing page or an Open311 POST hands in. Text is validated and trimmed by the service. */
export interface FileComplaintInput {
  kind: ComplaintKind;
  categoryCode: string;
  title: string;
  description: string;
  /** yyyy-mm-dd, not in the future. */
  incidentDate?: string | undefined;
  regionCode?: string | undefined;
  /** The filing form's selects, in place of regionCode: the most specific level chosen is stored, each level checked against the one above. */
  regionSelection?: RegionSelection | undefined;
  address?: string | undefined;
  latitude?: number | undefined;
  longitude?: number | undefined;
  /** Both default to true (the safe choice) when absent. */
  isSecret?: boolean | undefined;
  isAnonymous?: boolean | undefined;
  /** A tracking number of one of the reporter's own applications. */
  applicationTrackingNumber?: string | undefined;
  suggestedAgencyCode?: string | undefined;
  /** Pending stored files uploaded by the same reporter (signed-in reporters only). */
  fileIds?: readonly string[] | undefined;
  idempotencyKey?: string | undefined;
  channel?: ComplaintChannel | undefined;
  locale: 'id' | 'en';
}

/** Who files. A guest (no account) gives optional contact details and receives a secret follow-up link. */
export type Reporter =
  | { kind: 'account'; accountId: string }
  | { kind: 'guest'; name?: string | undefined; email?: string | undefined; phone?: string | undefined }
  | { kind: 'open311'; keyId: string; name?: string | undefined; email?: string | undefined; phone?: string | undefined };

export interface DuplicateSuggestion {
  trackingId: string;
  title: string;
  status: ComplaintStatus;
  createdAt: Date;
  /** 0–1, trigram similarity of title and description. */
  similarity: number;
  /** Metres between the two places, when both have a point. */
  distanceMetres: number | null;
  /** Only public reports are suggested to reporters; the desk sees secret ones too. */
  isPublic: boolean;
}

export type FileComplaintResult =
  | {
      ok: true;
      trackingId: string;
      /** Only for guests: the secret of the follow-up link (/complaints/follow/<secret>); shown once, stored hashed. */
      followUpSecret?: string;
      /** Only for Open311 posts: resolved later through tokens/{token}. */
      open311Token?: string;
      /** True when an earlier filing with the same idempotency key was found instead. */
      replayed: boolean;
    }
  | { ok: false; problems: FormProblem[] };

export interface TimelineEntry {
  id: number;
  occurredAt: Date;
  kind: string;
  /** 'reporter', 'complaints_desk', 'agency', 'system' — never an official's name. */
  actorRole: string;
  agency: AgencyRef | null;
  visibility: ComplaintEventVisibility;
  /** For the public: with NIK-like numbers, e-mail addresses and phone numbers masked. */
  message: string | null;
  details: Readonly<Record<string, unknown>>;
}

/** One row of the public list and of Open311 results. Never carries the reporter. */
export interface PublicComplaintSummary {
  trackingId: string;
  kind: ComplaintKind;
  category: { code: string; name: Names };
  title: string;
  status: ComplaintStatus;
  agency: AgencyRef | null;
  place: Place;
  createdAt: Date;
  updatedAt: Date;
  respondedAt: Date | null;
  closedAt: Date | null;
  /** Days from filing to the response (or to now while open). */
  daysTaken: number;
  /** People who reported the same: 1 + merged reports + "me too". */
  reportedBy: number;
  rating: number | null;
}

export interface PublicComplaint extends PublicComplaintSummary {
  /** With NIK-like numbers, e-mail addresses and phone numbers masked. */
  description: string;
  incidentDate: string | null;
  /** Public events only. */
  timeline: TimelineEntry[];
  resolveDueAt: Date | null;
  archiveReason: ArchiveReason | null;
}

/** What the reporter may do now on their own report. */
export interface ReporterActions {
  canReply: boolean;
  /** The agency asked for information and waits for the reporter. */
  informationRequested: boolean;
  canAccept: boolean;
  /** Only once per report. */
  canReject: boolean;
  canRate: boolean;
}

export interface ReporterComplaint extends Omit<PublicComplaint, 'timeline'> {
  isSecret: boolean;
  isAnonymous: boolean;
  /** Public and reporter events. */
  timeline: TimelineEntry[];
  actions: ReporterActions;
  attachments: { fileId: string; name: string; mediaType: string; sizeBytes: number }[];
  autoCloseAt: Date | null;
}

/** How the reporter reaches their own report: signed in, or through the secret follow-up link. */
export type AttachmentReader = { kind: 'staff'; actor: SignedInActor } | { kind: 'reporter'; access: ReporterAccess };

export type ReporterAccess = { kind: 'account'; accountId: string } | { kind: 'follow_up'; secret: string };

export type ReporterAction =
  | { type: 'reply'; message: string; fileIds?: readonly string[] }
  | { type: 'accept' }
  | { type: 'reject'; reason: string }
  | { type: 'rate'; rating: number };

/** The reporter's identity, present only for the complaints desk, or for the agency when not anonymous. */
export interface ReporterIdentity {
  name: string | null;
  email: string | null;
  phone: string | null;
  /** True when the reporter has an account (the name then comes from it). */
  hasAccount: boolean;
}

export interface StaffComplaintSummary extends PublicComplaintSummary {
  isSecret: boolean;
  isAnonymous: boolean;
  stage: ComplaintStage | null;
  stageDueAt: Date | null;
  /** 'on_time' | 'warned' | 'breached' at the time of reading. */
  clock: 'on_time' | 'warned' | 'breached';
  escalationLevel: number;
  unit: UnitRef | null;
  channel: ComplaintChannel;
}

export interface StaffComplaint extends StaffComplaintSummary {
  description: string;
  incidentDate: string | null;
  resolveDueAt: Date | null;
  archiveReason: ArchiveReason | null;
  suggestedAgency: AgencyRef | null;
  /** Absent (undefined) when the viewer may not know who reported it. */
  reporter?: ReporterIdentity;
  /** The tracking number of the linked application, when the viewer may see it. */
  applicationTrackingNumber: string | null;
  mergedInto: string | null;
  /** Every event, internal ones included; messages unmasked. */
  timeline: TimelineEntry[];
  attachments: { fileId: string; name: string; mediaType: string; sizeBytes: number }[];
  /** Similar open reports (desk: all; agency: its own and public ones). */
  duplicates: DuplicateSuggestion[];
  /** Where the routing rules would send it. */
  routedTo: { agency: AgencyRef; unit: UnitRef | null } | null;
  /** What this viewer may do now. */
  actions: StaffActionType[];
}

export type StaffActionType = StaffAction['type'];

export type StaffAction =
  /** Desk: confirm the flags and send it to the agency (and unit) that can act. */
  | { type: 'forward'; agencyId: string; unitId?: string | null; isSecret: boolean; isAnonymous: boolean; message?: string }
  /** Desk: not our authority, unclear, duplicate, other — with the reason shown to the reporter. */
  | { type: 'archive'; reason: ArchiveReason; message: string }
  /** Desk: this report is the same as another; its reporter is counted there. */
  | { type: 'merge'; intoTrackingId: string }
  /** Desk: change the privacy flags after talking to the reporter (only ever towards more protection by agency staff). */
  | { type: 'set_flags'; isSecret: boolean; isAnonymous: boolean }
  /** Agency: the follow-up plan; the report moves to in process. */
  | { type: 'plan'; message: string }
  /** Agency: a message to the reporter; requestInformation waits for their reply. */
  | { type: 'message'; message: string; requestInformation: boolean }
  /** Agency: the answer; the reporter may accept or reject it once; closes by itself after the confirmation window. */
  | { type: 'respond'; message: string }
  | { type: 'postpone'; reason: string }
  | { type: 'resume' }
  /** Agency supervisor or desk: send it to another agency, carrying the history and the clock. */
  | { type: 'reroute'; agencyId: string; unitId?: string | null; message: string }
  /** Staff-only note. */
  | { type: 'note'; message: string };

export type ComplaintRefusal =
  /** Unknown tracking id, or not visible to this viewer: answered as 404. */
  | 'not_found'
  /** The action does not apply in the report's current status. */
  | 'not_allowed_now'
  | 'message_required'
  | 'unknown_agency'
  | 'unknown_unit'
  | 'unknown_report'
  | 'merge_into_self'
  | 'already_rejected'
  | 'already_rated'
  | 'invalid_rating'
  | 'too_long';

export type ComplaintResult = { ok: true } | { ok: false; reason: ComplaintRefusal };

export interface QueueFilter {
  status?: ComplaintStatus | undefined;
  categoryCode?: string | undefined;
  /** Only reports past a deadline, or escalated. */
  overdue?: boolean | undefined;
  q?: string | undefined;
  page?: number | undefined;
}

export interface PublicListQuery {
  q?: string | undefined;
  categoryCode?: string | undefined;
  status?: ComplaintStatus | undefined;
  kind?: ComplaintKind | undefined;
  /** A province or regency code: matches everything inside it. */
  regionCode?: string | undefined;
  agencyCode?: string | undefined;
  page?: number | undefined;
  perPage?: number | undefined;
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  perPage: number;
}

export interface RouteRule {
  id: string;
  category: { code: string; name: Names } | null;
  region: { code: string; name: string } | null;
  agency: AgencyRef;
  unit: UnitRef | null;
}

export interface AgencyStatistics {
  agency: AgencyRef;
  received: number;
  forwardedOnTime: number;
  resolved: number;
  resolvedOnTime: number;
  overdue: number;
  open: number;
  /** Mean reporter rating of responses (1–5), null without ratings. */
  averageRating: number | null;
  ratings: number;
}

export interface ComplaintSweepResult {
  warnings: number;
  breaches: number;
  escalations: number;
  autoClosed: number;
}

export interface ComplaintsService {
  categories(): Promise<CategorySummary[]>;
  /** The regions directly under one region, by name: the filing form's district and village choices. */
  regionChildren(parentCode: string): Promise<RegionOption[]>;
  /** Similar open reports for a draft (filing page) — public ones only. */
  suggestDuplicates(draft: {
    title: string;
    description: string;
    latitude?: number | undefined;
    longitude?: number | undefined;
  }): Promise<DuplicateSuggestion[]>;
  /** Files a report in one transaction (report, first event, attachments, audit, outbox, receipt notice, routing suggestion). */
  file(input: FileComplaintInput, reporter: Reporter, origin: RequestOrigin): Promise<FileComplaintResult>;

  publicList(query: PublicListQuery): Promise<Paged<PublicComplaintSummary>>;
  /** Undefined for unknown, secret or merged-away reports. */
  publicView(trackingId: string): Promise<PublicComplaint | undefined>;
  /** "Me too" from someone who did not file; once per supporter key. Returns the new count. */
  support(trackingId: string, supporterKey: string): Promise<{ ok: true; reportedBy: number } | { ok: false; reason: 'not_found' }>;

  /** A reporter's own report; undefined when it is not theirs (or the secret is wrong). */
  reporterView(access: ReporterAccess, trackingId: string): Promise<ReporterComplaint | undefined>;
  /** Resolves a follow-up secret to its tracking id. */
  trackingIdForFollowUp(secret: string): Promise<string | undefined>;
  /** The signed-in reporter's reports, newest first. */
  myComplaints(accountId: string, page?: number): Promise<Paged<PublicComplaintSummary & { isSecret: boolean; isAnonymous: boolean }>>;
  reporterAct(access: ReporterAccess, trackingId: string, action: ReporterAction, origin: RequestOrigin): Promise<ComplaintResult>;

  /** The desk's triage queue (unverified and unrouted reports, escalations to the national desk). */
  triageQueue(actor: SignedInActor, filter: QueueFilter): Promise<Paged<StaffComplaintSummary>>;
  /** Reports forwarded to the actor's agency (unit-scoped where the grant names a unit). */
  agencyQueue(actor: SignedInActor, filter: QueueFilter): Promise<Paged<StaffComplaintSummary>>;
  /** Undefined when the viewer may not see it (another agency's report for agency staff). */
  staffView(actor: SignedInActor, trackingId: string, origin: RequestOrigin): Promise<StaffComplaint | undefined>;
  /**
   * The id of one of a report's attachments, for a download by its reporter (account) or by staff who
   * may see the report; undefined otherwise (answered as 404). Staff downloads are recorded as reads
   * of personal data.
   */
  attachmentFor(reader: AttachmentReader, trackingId: string, fileId: string, origin: RequestOrigin): Promise<string | undefined>;
  act(actor: SignedInActor, trackingId: string, action: StaffAction, origin: RequestOrigin): Promise<ComplaintResult>;

  routeRules(actor: SignedInActor): Promise<RouteRule[]>;
  saveRouteRule(
    actor: SignedInActor,
    rule: { categoryCode: string | null; regionCode: string | null; agencyId: string; unitId: string | null },
    origin: RequestOrigin,
  ): Promise<ComplaintResult>;
  deleteRouteRule(actor: SignedInActor, ruleId: string, origin: RequestOrigin): Promise<ComplaintResult>;

  /** Desk: every agency; agency supervisors: their own. Counts over [from, to). */
  statistics(actor: SignedInActor, period: { from: Date; to: Date }): Promise<AgencyStatistics[]>;

  /** The SLA clock (a pg-boss cron job every minute): warnings, breaches, escalations, auto-close; each once across nodes. */
  sweep(now?: Date): Promise<ComplaintSweepResult>;
}

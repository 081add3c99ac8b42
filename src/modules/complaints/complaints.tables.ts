import type { Generated } from 'kysely';
import type { Json, Timestamp } from '../../platform/db/column-types.ts';

// Tables owned by the complaints module, as Kysely sees them (camelCase). Keep in step with
// migrations/0015_complaints.sql.

export const COMPLAINT_KINDS = ['complaint', 'aspiration', 'information_request'] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];

export const COMPLAINT_STATUSES = ['unverified', 'not_followed_up', 'in_process', 'done', 'closed', 'archived', 'postponed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const ARCHIVE_REASONS = ['not_authority', 'unclear', 'duplicate', 'other'] as const;
export type ArchiveReason = (typeof ARCHIVE_REASONS)[number];

/** The stage whose deadline runs: desk verification, the agency's follow-up plan, resolution, the reporter's confirmation. */
export type ComplaintStage = 'verify' | 'plan' | 'resolve' | 'confirm';
export type ComplaintChannel = 'web' | 'open311' | 'counter';
export type ComplaintEventVisibility = 'public' | 'reporter' | 'internal';
export type ComplaintAlertKind = 'warning' | 'breach' | 'escalation' | 'auto_close';

export interface ComplaintCategoryTable {
  code: string;
  nameId: string;
  nameEn: string;
  descriptionId: Generated<string>;
  descriptionEn: Generated<string>;
  groupName: Generated<string>;
  keywords: Generated<string[]>;
  verifyWorkingDays: Generated<number>;
  planWorkingDays: Generated<number>;
  resolveDays: Generated<number>;
  autoCloseWorkingDays: Generated<number>;
  active: Generated<boolean>;
  position: Generated<number>;
}

export interface ComplaintTable {
  id: Generated<string>;
  trackingId: string;
  kind: ComplaintKind;
  categoryCode: string;
  channel: Generated<ComplaintChannel>;
  title: string;
  description: string;
  /** ISO date (yyyy-mm-dd). */
  incidentDate: string | null;
  regionCode: string | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  isSecret: Generated<boolean>;
  isAnonymous: Generated<boolean>;
  reporterAccountId: string | null;
  dataKeyId: string;
  /** Encrypted JSON {name?, email?, phone?} of a reporter without an account. */
  reporterEnc: string | null;
  followUpHash: string | null;
  applicationId: string | null;
  suggestedAgencyId: string | null;
  status: Generated<ComplaintStatus>;
  archiveReason: ArchiveReason | null;
  agencyId: string | null;
  unitId: string | null;
  mergedIntoId: string | null;
  stage: ComplaintStage | null;
  stageSeq: Generated<number>;
  stageWarnAt: Timestamp | null;
  stageDueAt: Timestamp | null;
  resolveDueAt: Timestamp | null;
  escalationLevel: Generated<number>;
  verifiedAt: Timestamp | null;
  forwardedAt: Timestamp | null;
  followedUpAt: Timestamp | null;
  respondedAt: Timestamp | null;
  closedAt: Timestamp | null;
  closedBy: 'reporter' | 'timeout' | 'desk' | null;
  reopened: Generated<boolean>;
  rating: number | null;
  ratedAt: Timestamp | null;
  supportCount: Generated<number>;
  open311KeyId: string | null;
  open311Token: string | null;
  idempotencyKey: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface ComplaintEventTable {
  id: Generated<number>;
  complaintId: string;
  agencyId: string | null;
  occurredAt: Timestamp;
  kind: string;
  actorRole: string;
  actorAgencyId: string | null;
  actorAccountId: string | null;
  visibility: ComplaintEventVisibility;
  message: string | null;
  details: Json<Record<string, unknown>>;
}

export interface ComplaintAttachmentTable {
  complaintId: string;
  fileId: string;
  eventId: number | null;
  addedAt: Timestamp;
}

export interface ComplaintRouteTable {
  id: Generated<string>;
  categoryCode: string | null;
  regionCode: string | null;
  agencyId: string;
  unitId: string | null;
  createdBy: string | null;
  createdAt: Timestamp;
}

export interface ComplaintAlertTable {
  complaintId: string;
  stage: ComplaintStage;
  stageSeq: number;
  kind: ComplaintAlertKind;
  firedAt: Timestamp;
}

export interface ComplaintSupportTable {
  complaintId: string;
  supporterKey: string;
  createdAt: Timestamp;
}

export interface Open311KeyTable {
  id: Generated<string>;
  name: string;
  keyHash: string;
  keyPrefix: string;
  requestsPerMinute: Generated<number>;
  createdBy: string | null;
  createdAt: Timestamp;
  revokedAt: Timestamp | null;
}

export interface ComplaintsTables {
  complaintCategory: ComplaintCategoryTable;
  complaint: ComplaintTable;
  complaintEvent: ComplaintEventTable;
  complaintAttachment: ComplaintAttachmentTable;
  complaintRoute: ComplaintRouteTable;
  complaintAlert: ComplaintAlertTable;
  complaintSupport: ComplaintSupportTable;
  open311Key: Open311KeyTable;
}

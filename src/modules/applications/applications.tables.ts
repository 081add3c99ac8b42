import type { Generated } from 'kysely';
import type { Timestamp } from '../../platform/db/column-types.ts';

// Tables owned by the applications module, as Kysely sees them (camelCase). Keep in step with
// migrations/0010_applications.sql. Columns ending in Enc hold envelope-encrypted text.

export const APPLICATION_STATUSES = ['submitted', 'in_review', 'information_requested', 'approved', 'rejected', 'issued', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export type ApplicationChannel = 'online' | 'counter';

/** Timeline kinds the applicant's pages have a label for: this module's and the workflow's public ones (the column is open). */
export const EVENT_KINDS = [
  'submitted',
  'received',
  'checked',
  'information_requested',
  'information_provided',
  'decided',
  'issued',
  'withdrawn',
  'claimed',
  'step_entered',
  'step_skipped',
  'forwarded',
  'payment_received',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** Staff-only kinds of the workflow (who holds the file, notes): never on the applicant's or the public timeline. */
export const INTERNAL_EVENT_KINDS: ReadonlySet<string> = new Set(['work_claimed', 'work_released', 'work_assigned', 'note_added']);

export interface ApplicationTable {
  id: Generated<string>;
  trackingNumber: string;
  agencyId: string;
  serviceId: string;
  serviceVersionId: string;
  channel: ApplicationChannel;
  applicantAccountId: string | null;
  applicantNikIndex: string;
  organisationId: string | null;
  status: Generated<ApplicationStatus>;
  priorityGroup: 'elderly' | 'disabled' | 'pregnant' | null;
  dataKeyId: string;
  answersEnc: string;
  submittedAt: Timestamp;
  dueAt: Timestamp;
  createdBy: string | null;
  idempotencyKey: string;
  updatedAt: Timestamp;
  // Where the application stands in its workflow (migrations/0014_workflow.sql).
  /** Null once closed, or before the workflow starts. */
  stepId: string | null;
  stepSeq: Generated<number>;
  forwardedUnitCode: string | null;
  /** The unit (null: any unit of the agency) and role that must act now. */
  queueUnitCode: string | null;
  queueRole: 'officer' | 'supervisor' | 'agency_admin' | null;
  assigneeId: string | null;
  assignedAt: Timestamp | null;
  checklistDone: Generated<string[]>;
  stepStartedAt: Timestamp | null;
  stepWarnAt: Timestamp | null;
  stepDueAt: Timestamp | null;
  slaState: Generated<SlaState>;
  breachCount: Generated<number>;
  escalatedAt: Timestamp | null;
  feePaidAt: Timestamp | null;
  decidedAt: Timestamp | null;
  closedAt: Timestamp | null;
}

export type SlaState = 'on_time' | 'warned' | 'breached';

export interface ApplicationEventTable {
  id: Generated<number>;
  applicationId: string;
  agencyId: string;
  occurredAt: Timestamp;
  kind: string;
  actorRole: string;
  actorAgencyId: string | null;
  actorAccountId: string | null;
  messageEnc: string | null;
}

export interface ApplicationAttachmentTable {
  applicationId: string;
  agencyId: string;
  fieldName: string;
  fileId: string;
  eventId: number | null;
  addedAt: Timestamp;
}

export interface ApplicationDraftTable {
  id: Generated<string>;
  accountId: string;
  serviceId: string;
  serviceVersionId: string;
  organisationId: string | null;
  dataKeyId: string;
  answersEnc: string;
  currentPage: string | null;
  idempotencyKey: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface ApplicationsTables {
  application: ApplicationTable;
  applicationEvent: ApplicationEventTable;
  applicationAttachment: ApplicationAttachmentTable;
  applicationDraft: ApplicationDraftTable;
}

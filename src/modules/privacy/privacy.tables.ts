import type { Generated } from 'kysely';
import type { Timestamp } from '../../platform/db/column-types.ts';

// Tables owned by the privacy module, as Kysely sees them (camelCase). Keep in step with
// migrations/0026_privacy.sql.

export const REQUEST_KINDS = ['access', 'correction', 'deletion', 'objection', 'restriction'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** The kinds a person files as a free-text case for staff; access and deletion are answered at once. */
export const CASE_KINDS = ['correction', 'objection', 'restriction'] as const satisfies readonly RequestKind[];
export type CaseKind = (typeof CASE_KINDS)[number];

export const REQUEST_STATUSES = ['received', 'in_progress', 'fulfilled', 'refused', 'closed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Which data a request is about: the person picks one, and an application routes it to its agency. */
export const DATA_CATEGORIES = ['profile', 'contact', 'application', 'complaint', 'all'] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** Why a deletion request was refused; each has a message shown to the person. */
export const REFUSAL_REASONS = ['retention_application', 'retention_document', 'legal_hold', 'staff_account'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export type RetentionAction = 'delete' | 'anonymize' | 'keep';

/**
 * What a legal hold can name, by the id each record is known by (a session by its short handle).
 * A hold on a complaint also keeps its guest reporter's contact details.
 */
export const HOLD_RECORD_TYPES = ['account', 'application', 'complaint', 'session', 'notification', 'survey_response', 'privacy_request'] as const;
export type HoldRecordType = (typeof HOLD_RECORD_TYPES)[number];

export interface PrivacyRequestTable {
  id: string;
  reference: string;
  accountId: string;
  kind: RequestKind;
  dataCategory: DataCategory;
  applicationId: string | null;
  agencyId: string | null;
  status: RequestStatus;
  dataKeyId: string;
  detailsEnc: string | null;
  refusalReason: RefusalReason | null;
  responseEnc: string | null;
  createdAt: Timestamp;
  acknowledgeBy: Timestamp;
  dueAt: Timestamp;
  acknowledgedAt: Timestamp | null;
  fulfilledAt: Timestamp | null;
  closedAt: Timestamp | null;
  closedBy: string | null;
}

export interface RetentionRuleTable {
  recordType: string;
  action: RetentionAction;
  periodDays: number;
  basis: string;
  enabled: Generated<boolean>;
  updatedAt: Timestamp;
}

export interface LegalHoldTable {
  id: string;
  recordType: string;
  recordId: string;
  reason: string;
  setBy: string;
  setAt: Timestamp;
  releasedAt: Timestamp | null;
  releasedBy: string | null;
}

export interface PrivacyTables {
  privacyRequest: PrivacyRequestTable;
  retentionRule: RetentionRuleTable;
  legalHold: LegalHoldTable;
}

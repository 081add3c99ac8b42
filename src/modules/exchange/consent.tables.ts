import type { Generated } from 'kysely';
import type { Timestamp } from '../../platform/db/column-types.ts';

// Tables of consents and once-only requirement fetches, as Kysely sees them (camelCase). Keep in step
// with migrations/0027_consent.sql.

export type RequirementFetchStatus = 'declined' | 'fetched' | 'queued' | 'not_found' | 'failed';

export interface ConsentTable {
  id: Generated<string>;
  accountId: string;
  productCode: string;
  providerAgencyId: string;
  consumerAgencyId: string;
  purpose: string;
  legalBasis: string;
  fields: string[];
  serviceVersionId: string;
  requirementId: string;
  submissionKey: string;
  grantedAt: Timestamp;
  validUntil: Timestamp;
  revokedAt: Timestamp | null;
}

export interface RequirementFetchTable {
  id: Generated<string>;
  accountId: string;
  submissionKey: string;
  requirementId: string;
  serviceVersionId: string;
  productCode: string;
  consentId: string | null;
  status: RequirementFetchStatus;
  queuedFetchId: string | null;
  providerAgencyId: string | null;
  fetchedAt: Timestamp | null;
  sha256: string | null;
  dataKeyId: string | null;
  resultEnc: string | null;
  decidedAt: Timestamp;
  updatedAt: Timestamp;
}

export interface ConsentTables {
  consent: ConsentTable;
  requirementFetch: RequirementFetchTable;
}

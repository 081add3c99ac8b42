import type { Generated } from 'kysely';
import type { Json, Timestamp } from '../../platform/db/column-types.ts';

// Tables owned by the exchange module, as Kysely sees them (camelCase). Keep in step with
// migrations/0024_exchange.sql.

export const SUBJECT_KINDS = ['nik', 'kk', 'nib'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export const FIELD_TYPES = ['string', 'number', 'boolean', 'date', 'list'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export type ProviderKind = 'registry' | 'http';
export type AccessChannel = 'application' | 'agency_api' | 'officer_view';
export type ClientAlgorithm = 'EdDSA' | 'ES256';
export type FetchStatus = 'queued' | 'fetched' | 'not_found' | 'refused' | 'failed';

export interface ProductField {
  name: string;
  type: FieldType;
  labelId: string;
  labelEn: string;
  /** Personal data of the subject: a fetch that returns it is recorded for the data tracker. */
  personal: boolean;
}

export interface ProductPurpose {
  code: string;
  labelId: string;
  labelEn: string;
  /** Accesses for this purpose stay hidden from the subject until released. */
  lawEnforcement: boolean;
}

export interface ProviderLimits {
  requestsPerSecond?: number;
  timeoutMs?: number;
  retries?: number;
}

export interface ExchangeProductTable {
  code: string;
  nameId: string;
  nameEn: string;
  descriptionId: Generated<string>;
  descriptionEn: Generated<string>;
  providerAgencyId: string;
  subjectKind: SubjectKind;
  fields: Json<ProductField[]>;
  legalBasis: string;
  purposes: Json<ProductPurpose[]>;
  providerKind: ProviderKind;
  providerUrl: string | null;
  providerLimits: Json<ProviderLimits>;
  active: Generated<boolean>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface ExchangeProductConsumerTable {
  productCode: string;
  agencyId: string;
}

export interface ExchangeRegistryRecordTable {
  productCode: string;
  subjectIndex: string;
  dataKeyId: string;
  payloadEnc: string;
  loadedAt: Timestamp;
}

export interface ExchangeClientTable {
  id: Generated<string>;
  agencyId: string;
  name: string;
  alg: ClientAlgorithm;
  publicJwk: Json<Record<string, unknown>>;
  purposes: string[];
  products: string[];
  requestsPerMinute: Generated<number>;
  createdAt: Timestamp;
  revokedAt: Timestamp | null;
}

export interface ExchangeAssertionJtiTable {
  clientId: string;
  jti: string;
  expiresAt: Timestamp;
}

export interface ExchangeSigningKeyTable {
  id: string;
  publicKey: Buffer;
  dataKeyId: string;
  privateKeyEnc: string;
  status: Generated<'active' | 'retired'>;
  createdAt: Timestamp;
  retiredAt: Timestamp | null;
}

export interface ExchangeLogTable {
  id: Generated<number>;
  requestId: string;
  receivedAt: Timestamp;
  respondedAt: Timestamp;
  method: string;
  path: string;
  clientId: string | null;
  agencyId: string | null;
  jti: string | null;
  officialRef: string | null;
  productCode: string | null;
  purpose: string | null;
  legalBasis: string | null;
  caseReference: string | null;
  statusCode: number;
  outcome: string;
  requestSha256: Buffer;
  responseSha256: Buffer;
}

export interface ExchangeAccessTable {
  id: Generated<number>;
  subjectKind: SubjectKind;
  subjectIndex: string;
  accessedAt: Timestamp;
  agencyId: string | null;
  accountId: string | null;
  actorRole: string;
  clientId: string | null;
  productCode: string | null;
  fields: string[];
  purpose: string;
  legalBasis: string;
  caseReference: string;
  channel: AccessChannel;
  withheldUntil: Timestamp | null;
  releasedAt: Timestamp | null;
}

export interface ExchangeFetchTable {
  id: Generated<string>;
  productCode: string;
  agencyId: string | null;
  dataKeyId: string;
  requestEnc: string;
  status: Generated<FetchStatus>;
  attempts: Generated<number>;
  nextAttemptAt: Timestamp;
  resultEnc: string | null;
  createdAt: Timestamp;
  completedAt: Timestamp | null;
}

export interface ExchangeTables {
  exchangeProduct: ExchangeProductTable;
  exchangeProductConsumer: ExchangeProductConsumerTable;
  exchangeRegistryRecord: ExchangeRegistryRecordTable;
  exchangeClient: ExchangeClientTable;
  exchangeAssertionJti: ExchangeAssertionJtiTable;
  exchangeSigningKey: ExchangeSigningKeyTable;
  exchangeLog: ExchangeLogTable;
  exchangeAccess: ExchangeAccessTable;
  exchangeFetch: ExchangeFetchTable;
}

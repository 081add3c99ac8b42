import type { Generated } from 'kysely';
import type { AccountsTables } from '../../modules/accounts/accounts.tables.ts';
import type { ApplicationsTables } from '../../modules/applications/applications.tables.ts';
import type { CatalogueTables } from '../../modules/catalogue/catalogue.tables.ts';
import type { ComplaintsTables } from '../../modules/complaints/complaints.tables.ts';
import type { DocumentsTables } from '../../modules/documents/documents.tables.ts';
import type { ConsentTables } from '../../modules/exchange/consent.tables.ts';
import type { ExchangeTables } from '../../modules/exchange/exchange.tables.ts';
import type { PaymentsTables } from '../../modules/payments/payments.tables.ts';
import type { PrivacyTables } from '../../modules/privacy/privacy.tables.ts';
import type { SurveysTables } from '../../modules/surveys/surveys.tables.ts';
import type { TransparencyTables } from '../../modules/transparency/transparency.tables.ts';
import type { WebhooksTables } from '../../modules/webhooks/webhooks.tables.ts';
import type { WorkflowTables } from '../../modules/workflow/workflow.tables.ts';
import type { AuditTables } from '../audit/audit.tables.ts';
import type { EventsTables } from '../events/events.tables.ts';
import type { NotifyTables } from '../notify/notify.tables.ts';
import type { StorageTables } from '../storage/storage.tables.ts';
import type { Json, Timestamp } from './column-types.ts';

// Table types as Kysely sees them (camelCase through CamelCasePlugin). Each module owns its tables and
// describes them in its own `<module>.tables.ts`; DB joins them. Keep them in step with migrations/.

export interface PlatformMetaTable {
  key: string;
  value: Json<unknown>;
  updatedAt: Timestamp;
}

export interface RateLimitCounterTable {
  key: string;
  hits: number;
  expiresAt: Timestamp;
}

export type RegionLevel = 'province' | 'regency' | 'district' | 'village';

export interface RegionTable {
  code: string;
  parentCode: string | null;
  level: RegionLevel;
  name: string;
}

export type AgencyLevel = 'national' | 'provincial' | 'regency' | 'city';

export interface AgencyTable {
  id: Generated<string>;
  code: string;
  level: AgencyLevel;
  regionCode: string | null;
  nameId: string;
  nameEn: string;
  website: string | null;
  createdAt: Timestamp;
}

export type TimeZone = 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura';

export interface OpeningHours {
  /** ISO weekday, 1 = Monday. */
  days: number[];
  opens: string;
  closes: string;
}

export interface AgencyUnitTable {
  id: Generated<string>;
  agencyId: string;
  code: string;
  nameId: string;
  nameEn: string;
  streetAddress: string;
  regionCode: string;
  postalCode: string | null;
  timeZone: TimeZone;
  openingHours: Json<OpeningHours[]>;
  latitude: number | null;
  longitude: number | null;
  phone: string | null;
  email: string | null;
  createdAt: Timestamp;
}

export interface DataKeyTable {
  id: Generated<string>;
  masterKeyId: string;
  wrapped: Buffer;
  createdAt: Timestamp;
  rotatedAt: Timestamp | null;
}

export interface PlatformTables {
  dataKey: DataKeyTable;
  platformMeta: PlatformMetaTable;
  rateLimitCounter: RateLimitCounterTable;
  region: RegionTable;
  agency: AgencyTable;
  agencyUnit: AgencyUnitTable;
}

export interface DB
  extends PlatformTables,
    AuditTables,
    NotifyTables,
    AccountsTables,
    CatalogueTables,
    StorageTables,
    ApplicationsTables,
    DocumentsTables,
    WorkflowTables,
    PaymentsTables,
    ComplaintsTables,
    SurveysTables,
    TransparencyTables,
    PrivacyTables,
    EventsTables,
    WebhooksTables,
    ExchangeTables,
    ConsentTables {}

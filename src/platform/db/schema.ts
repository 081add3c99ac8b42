import type { ColumnType, Generated } from 'kysely';

// Table types as Kysely sees them (camelCase through CamelCasePlugin). Each module owns its tables;
// this file only describes them. Keep it in step with migrations/.

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

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

export interface DB {
  platformMeta: PlatformMetaTable;
  rateLimitCounter: RateLimitCounterTable;
  region: RegionTable;
  agency: AgencyTable;
  agencyUnit: AgencyUnitTable;
}

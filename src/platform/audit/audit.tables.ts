import type { ColumnType } from 'kysely';

// Tables owned by the audit module, as Kysely sees them (camelCase). Keep in step with migrations/.

/** A JSON value as stored in `details`: identifiers and codes, never personal data. */
export type AuditDetailValue = string | number | boolean | null | readonly AuditDetailValue[] | { readonly [key: string]: AuditDetailValue };
export type AuditDetails = { readonly [key: string]: AuditDetailValue };

/** Written once, never updated: the `never` update type keeps `updateTable('auditEvent')` from compiling. */
type Immutable<T> = ColumnType<T, T, never>;

export interface AuditEventTable {
  id: Immutable<number>;
  occurredAt: ColumnType<Date, Date | string, never>;
  actorAccountId: Immutable<string | null>;
  actorRole: Immutable<string>;
  actorAgencyId: Immutable<string | null>;
  action: Immutable<string>;
  subjectType: Immutable<string | null>;
  subjectId: Immutable<string | null>;
  /** inet, read back as PostgreSQL's text form. */
  ip: Immutable<string | null>;
  requestId: Immutable<string | null>;
  /** jsonb, written as JSON text. */
  details: ColumnType<AuditDetails, string, never>;
  previousHash: Immutable<Buffer>;
  hash: Immutable<Buffer>;
}

export interface AuditTables {
  auditEvent: AuditEventTable;
}

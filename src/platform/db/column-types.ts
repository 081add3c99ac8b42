import type { ColumnType } from 'kysely';

/** A timestamptz column: read as Date, written as Date or ISO text, optional on insert when it has a default. */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A jsonb column: read parsed, written as JSON text. */
export type Json<T> = ColumnType<T, string, string>;

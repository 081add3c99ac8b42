import type { Generated } from 'kysely';
import type { Timestamp } from '../db/column-types.ts';

// The calendar's table as Kysely sees it (camelCase). Keep in step with migrations/0012_calendar.sql.

export type HolidayKind = 'national' | 'joint_leave' | 'agency_closure';

export interface HolidayTable {
  id: Generated<string>;
  /** A calendar date; read it with to_char, pg would turn a date into a local-midnight Date. */
  date: string;
  kind: HolidayKind;
  nameId: string;
  nameEn: string;
  agencyId: string | null;
  unitId: string | null;
  createdAt: Generated<Timestamp>;
}

export interface CalendarTables {
  holiday: HolidayTable;
}

import { type RawBuilder, sql } from 'kysely';
import type { Database } from '../../platform/db/database.ts';

// The dashboard's reads. Every query here reads the rollups (one row per day and dimension), never the
// applications or complaints, so its cost grows with days × services, not with volume. Names come from
// the agency, unit and service tables, which are small.

export type Scope =
  | { kind: 'national' }
  | { kind: 'agency'; agencyId: string }
  | { kind: 'unit'; agencyId: string; unitId: string }
  | { kind: 'service'; agencyId: string; serviceId: string };

export interface MonthRow {
  /** yyyy-mm */
  month: string;
  received: number;
  completed: number;
  completedOnTime: number;
}

export interface DurationRow {
  month: string;
  durationDays: number;
  completed: number;
}

export interface BacklogRow {
  open: number;
  overdue: number;
  /** Open applications by age in days since filing: 0–7, 8–30, 31–90, over 90. */
  ageUpTo7: number;
  age8To30: number;
  age31To90: number;
  ageOver90: number;
}

export interface ComplaintMonthRow {
  month: string;
  received: number;
  forwarded: number;
  forwardedOnTime: number;
  resolved: number;
  resolvedOnTime: number;
  ratings: number;
  ratingSum: number;
}

export interface LeagueRow {
  agencyId: string;
  code: string;
  nameId: string;
  nameEn: string;
  regionCode: string | null;
  received: number;
  completed: number;
  completedOnTime: number;
  open: number;
  complaintsReceived: number;
  complaintsResolved: number;
  ratings: number;
  ratingSum: number;
}

export interface BreakdownRow {
  id: string;
  code: string;
  nameId: string;
  nameEn: string;
  received: number;
  completed: number;
  completedOnTime: number;
  open: number;
}

export interface DailyStatisticsRow {
  day: string;
  agencyCode: string;
  unitCode: string | null;
  serviceCode: string;
  received: number;
  completed: number;
  completedOnTime: number;
  backlog: number;
}

function applicationScope(scope: Scope, alias: string): RawBuilder<unknown> {
  const col = (name: string) => sql.ref(`${alias}.${name}`);
  switch (scope.kind) {
    case 'national':
      return sql`true`;
    case 'agency':
      return sql`${col('agency_id')} = ${scope.agencyId}::uuid`;
    case 'unit':
      return sql`${col('agency_id')} = ${scope.agencyId}::uuid and ${col('unit_id')} = ${scope.unitId}::uuid`;
    case 'service':
      return sql`${col('service_id')} = ${scope.serviceId}::uuid`;
  }
}

/** Complaints are not filed against a service: the service view has none. */
function complaintScope(scope: Exclude<Scope, { kind: 'service' }>, alias: string): RawBuilder<unknown> {
  return applicationScope(scope, alias);
}

const n = (value: unknown) => Number(value ?? 0);

export function createTransparencyRepository(db: Database) {
  return {
    async applicationMonths(scope: Scope, from: string): Promise<MonthRow[]> {
      const { rows } = await sql<Record<keyof MonthRow, unknown>>`
        select to_char(d.day, 'YYYY-MM') as month, sum(d.received) as received, sum(d.completed) as completed,
          sum(d.completed_on_time) as completed_on_time
        from transparency_application_daily d
        where d.day >= ${from}::date and ${applicationScope(scope, 'd')}
        group by 1 order by 1`.execute(db);
      return rows.map((r) => ({ month: String(r.month), received: n(r.received), completed: n(r.completed), completedOnTime: n(r.completedOnTime) }));
    },

    async durations(scope: Scope, from: string): Promise<DurationRow[]> {
      const { rows } = await sql<Record<keyof DurationRow, unknown>>`
        select to_char(d.day, 'YYYY-MM') as month, d.duration_days, sum(d.completed) as completed
        from transparency_application_duration d
        where d.day >= ${from}::date and ${applicationScope(scope, 'd')}
        group by 1, 2 having sum(d.completed) <> 0 order by 1, 2`.execute(db);
      return rows.map((r) => ({ month: String(r.month), durationDays: n(r.durationDays), completed: n(r.completed) }));
    },

    /** Open applications now, whatever their filing day: all days of the scope (one row per day at most). */
    async backlog(scope: Scope, today: string): Promise<BacklogRow> {
      const { rows } = await sql<Record<keyof BacklogRow, unknown>>`
        select coalesce(sum(d.open_by_received), 0) as open,
          coalesce(sum(d.open_by_due) filter (where d.day < ${today}::date), 0) as overdue,
          coalesce(sum(d.open_by_received) filter (where d.day >= ${today}::date - 7), 0) as age_up_to7,
          coalesce(sum(d.open_by_received) filter (where d.day < ${today}::date - 7 and d.day >= ${today}::date - 30), 0) as age8_to30,
          coalesce(sum(d.open_by_received) filter (where d.day < ${today}::date - 30 and d.day >= ${today}::date - 90), 0) as age31_to90,
          coalesce(sum(d.open_by_received) filter (where d.day < ${today}::date - 90), 0) as age_over90
        from transparency_application_daily d
        where ${applicationScope(scope, 'd')} and (d.open_by_received <> 0 or d.open_by_due <> 0)`.execute(db);
      const r = rows[0];
      return {
        open: n(r?.open),
        overdue: n(r?.overdue),
        ageUpTo7: n(r?.ageUpTo7),
        age8To30: n(r?.age8To30),
        age31To90: n(r?.age31To90),
        ageOver90: n(r?.ageOver90),
      };
    },

    async complaintMonths(scope: Exclude<Scope, { kind: 'service' }>, from: string): Promise<ComplaintMonthRow[]> {
      const { rows } = await sql<Record<keyof ComplaintMonthRow, unknown>>`
        select to_char(d.day, 'YYYY-MM') as month, sum(d.received) as received, sum(d.forwarded) as forwarded,
          sum(d.forwarded_on_time) as forwarded_on_time, sum(d.resolved) as resolved, sum(d.resolved_on_time) as resolved_on_time,
          sum(d.ratings) as ratings, sum(d.rating_sum) as rating_sum
        from transparency_complaint_daily d
        where d.day >= ${from}::date and ${complaintScope(scope, 'd')}
        group by 1 order by 1`.execute(db);
      return rows.map((r) => ({
        month: String(r.month),
        received: n(r.received),
        forwarded: n(r.forwarded),
        forwardedOnTime: n(r.forwardedOnTime),
        resolved: n(r.resolved),
        resolvedOnTime: n(r.resolvedOnTime),
        ratings: n(r.ratings),
        ratingSum: n(r.ratingSum),
      }));
    },

    async complaintBacklog(scope: Exclude<Scope, { kind: 'service' }>, today: string): Promise<{ open: number; overdue: number }> {
      const { rows } = await sql<{ open: unknown; overdue: unknown }>`
        select coalesce(sum(d.open), 0) as open, coalesce(sum(d.open_by_due) filter (where d.day < ${today}::date), 0) as overdue
        from transparency_complaint_daily d
        where ${complaintScope(scope, 'd')} and (d.open <> 0 or d.open_by_due <> 0)`.execute(db);
      return { open: n(rows[0]?.open), overdue: n(rows[0]?.overdue) };
    },

    /** Every agency with its figures since `from` (open: now), for the league tables. */
    async league(from: string): Promise<LeagueRow[]> {
      const { rows } = await sql<Record<keyof LeagueRow, unknown>>`
        with apps as (
          select agency_id, sum(received) filter (where day >= ${from}::date) as received,
            sum(completed) filter (where day >= ${from}::date) as completed,
            sum(completed_on_time) filter (where day >= ${from}::date) as completed_on_time,
            sum(open_by_received) as open
          from transparency_application_daily group by agency_id
        ), complaints as (
          select agency_id, sum(received) as complaints_received, sum(resolved) as complaints_resolved,
            sum(ratings) as ratings, sum(rating_sum) as rating_sum
          from transparency_complaint_daily where day >= ${from}::date and agency_id is not null group by agency_id
        )
        select a.id as agency_id, a.code, a.name_id, a.name_en, a.region_code, apps.received, apps.completed, apps.completed_on_time,
          apps.open, complaints.complaints_received, complaints.complaints_resolved, complaints.ratings, complaints.rating_sum
        from agency a
        left join apps on apps.agency_id = a.id
        left join complaints on complaints.agency_id = a.id
        order by a.code`.execute(db);
      return rows.map((r) => ({
        agencyId: String(r.agencyId),
        code: String(r.code),
        nameId: String(r.nameId),
        nameEn: String(r.nameEn),
        regionCode: r.regionCode === null ? null : String(r.regionCode),
        received: n(r.received),
        completed: n(r.completed),
        completedOnTime: n(r.completedOnTime),
        open: n(r.open),
        complaintsReceived: n(r.complaintsReceived),
        complaintsResolved: n(r.complaintsResolved),
        ratings: n(r.ratings),
        ratingSum: n(r.ratingSum),
      }));
    },

    /** Completion-time histograms per agency since `from`, for the league table's medians. */
    async durationsByAgency(from: string): Promise<{ agencyId: string; durationDays: number; completed: number }[]> {
      const { rows } = await sql<{ agencyId: string; durationDays: unknown; completed: unknown }>`
        select agency_id, duration_days, sum(completed) as completed from transparency_application_duration
        where day >= ${from}::date group by 1, 2 having sum(completed) <> 0`.execute(db);
      return rows.map((r) => ({ agencyId: r.agencyId, durationDays: n(r.durationDays), completed: n(r.completed) }));
    },

    /** An agency's services or units with their figures since `from`. */
    async breakdown(agencyId: string, by: 'service' | 'unit', from: string): Promise<BreakdownRow[]> {
      const totals = sql`
        select ${sql.ref(by === 'service' ? 'service_id' : 'unit_id')} as id,
          sum(received) filter (where day >= ${from}::date) as received, sum(completed) filter (where day >= ${from}::date) as completed,
          sum(completed_on_time) filter (where day >= ${from}::date) as completed_on_time, sum(open_by_received) as open
        from transparency_application_daily where agency_id = ${agencyId}::uuid group by 1`;
      const { rows } =
        by === 'service'
          ? await sql<Record<keyof BreakdownRow, unknown>>`
              with t as (${totals})
              select s.id, s.code, v.name_id, v.name_en, t.received, t.completed, t.completed_on_time, t.open
              from service s
              join lateral (select name_id, name_en from service_version where service_id = s.id and status <> 'draft'
                order by (status = 'published') desc, version desc limit 1) v on true
              left join t on t.id = s.id
              where s.agency_id = ${agencyId}::uuid order by s.code`.execute(db)
          : await sql<Record<keyof BreakdownRow, unknown>>`
              with t as (${totals})
              select u.id, u.code, u.name_id, u.name_en, t.received, t.completed, t.completed_on_time, t.open
              from agency_unit u left join t on t.id = u.id
              where u.agency_id = ${agencyId}::uuid order by u.code`.execute(db);
      return rows.map((r) => ({
        id: String(r.id),
        code: String(r.code),
        nameId: String(r.nameId),
        nameEn: String(r.nameEn),
        received: n(r.received),
        completed: n(r.completed),
        completedOnTime: n(r.completedOnTime),
        open: n(r.open),
      }));
    },

    async agencyByCode(code: string) {
      return db
        .selectFrom('agency as a')
        .leftJoin('region as r', 'r.code', 'a.regionCode')
        .select(['a.id', 'a.code', 'a.nameId', 'a.nameEn', 'a.regionCode', 'r.name as regionName'])
        .where('a.code', '=', code)
        .executeTakeFirst();
    },

    async unitByCode(agencyId: string, code: string) {
      return db
        .selectFrom('agencyUnit')
        .select(['id', 'code', 'nameId', 'nameEn'])
        .where('agencyId', '=', agencyId)
        .where('code', '=', code)
        .executeTakeFirst();
    },

    /** A service with the name and time limit of its published version (or latest retired one). */
    async serviceByCode(code: string) {
      const { rows } = await sql<{ id: string; code: string; agencyId: string; nameId: string; nameEn: string; timeLimitWorkingDays: number }>`
        select s.id, s.code, s.agency_id, v.name_id, v.name_en, v.time_limit_working_days
        from service s
        join lateral (select name_id, name_en, time_limit_working_days from service_version where service_id = s.id and status <> 'draft'
          order by (status = 'published') desc, version desc limit 1) v on true
        where s.code = ${code}`.execute(db);
      return rows[0];
    },

    async regions(codes: readonly string[]): Promise<Map<string, string>> {
      if (codes.length === 0) return new Map();
      const rows = await db
        .selectFrom('region')
        .select(['code', 'name'])
        .where('code', 'in', [...codes])
        .execute();
      return new Map(rows.map((r) => [r.code, r.name]));
    },

    async provinces(): Promise<{ code: string; name: string }[]> {
      return db.selectFrom('region').select(['code', 'name']).where('level', '=', 'province').orderBy('name').execute();
    },

    /** When the rollups last caught up, per source; null while the first backfill runs. */
    async freshness(): Promise<{ foldedAt: Date | null; backfilling: boolean }> {
      const rows = await db.selectFrom('transparencyWatermark').select(['foldedAt', 'backfillDone']).execute();
      const times = rows.map((r) => r.foldedAt);
      const backfilling = rows.some((r) => !r.backfillDone);
      if (times.some((t) => t === null) || rows.length === 0) return { foldedAt: null, backfilling };
      return { foldedAt: new Date(Math.min(...times.map((t) => (t as Date).getTime()))), backfilling };
    },

    /** Per day, agency, unit and service over [from, to]: the open-data daily statistics, raw counts. */
    async dailyStatistics(from: string, to: string): Promise<DailyStatisticsRow[]> {
      const { rows } = await sql<Record<keyof DailyStatisticsRow, unknown>>`
        select d.day::text as day, a.code as agency_code, u.code as unit_code, s.code as service_code,
          sum(d.received) as received, sum(d.completed) as completed, sum(d.completed_on_time) as completed_on_time,
          sum(d.open_by_received) as backlog
        from transparency_application_daily d
        join agency a on a.id = d.agency_id
        join service s on s.id = d.service_id
        left join agency_unit u on u.id = d.unit_id
        where d.day between ${from}::date and ${to}::date
        group by 1, 2, 3, 4
        having sum(d.received) <> 0 or sum(d.completed) <> 0 or sum(d.open_by_received) <> 0
        order by 1, 2, 3, 4`.execute(db);
      return rows.map((r) => ({
        day: String(r.day),
        agencyCode: String(r.agencyCode),
        unitCode: r.unitCode === null ? null : String(r.unitCode),
        serviceCode: String(r.serviceCode),
        received: n(r.received),
        completed: n(r.completed),
        completedOnTime: n(r.completedOnTime),
        backlog: n(r.backlog),
      }));
    },

    /** Completion-time histograms per day, agency, unit and service over [from, to], for the open data's percentiles. */
    async dailyDurations(from: string, to: string): Promise<{ key: string; durationDays: number; completed: number }[]> {
      const { rows } = await sql<{ key: string; durationDays: unknown; completed: unknown }>`
        select concat_ws('|', d.day::text, a.code, coalesce(u.code, ''), s.code) as key, d.duration_days, sum(d.completed) as completed
        from transparency_application_duration d
        join agency a on a.id = d.agency_id
        join service s on s.id = d.service_id
        left join agency_unit u on u.id = d.unit_id
        where d.day between ${from}::date and ${to}::date
        group by 1, 2 having sum(d.completed) <> 0`.execute(db);
      return rows.map((r) => ({ key: r.key, durationDays: n(r.durationDays), completed: n(r.completed) }));
    },
  };
}

export type TransparencyRepository = ReturnType<typeof createTransparencyRepository>;

import { sql } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import type { FoldSource, TransparencyApplicationFactTable, TransparencyComplaintFactTable } from './transparency.tables.ts';

// Keeps the dashboard's rollups in step with the applications and complaints, incrementally (see
// migrations/0019_transparency.sql for the tables and the reasoning).
//
// Each item's contribution to the rollups is a pure function of its fact row. Folding an item
// recomputes the fact from the base tables, subtracts the old fact's contribution and adds the new
// one, in the transaction that moves the watermark: folding twice changes nothing the second time.

/** The rollups count days in WIB, as the national dashboard reads them. */
export const DASHBOARD_TIME_ZONE = 'Asia/Jakarta';
const BATCH = 2_000;
/**
 * An event whose transaction started within this window may be followed by one with a lower id that
 * has not committed yet (ids are taken before commit). The watermark stays before such events, so the
 * next run folds them again (harmless) rather than skipping a late committer for ever.
 */
const SETTLE_MS = 60_000;

// A fact is the row of its table, as read from the base tables.
type ApplicationFact = TransparencyApplicationFactTable;
type ComplaintFact = TransparencyComplaintFactTable;

const APPLICATION_DAILY_COLUMNS = ['received', 'completed', 'completedOnTime', 'openByReceived', 'openByDue'] as const;
type ApplicationDailyColumn = (typeof APPLICATION_DAILY_COLUMNS)[number];
const COMPLAINT_DAILY_COLUMNS = [
  'received',
  'forwarded',
  'forwardedOnTime',
  'resolved',
  'resolvedOnTime',
  'ratings',
  'ratingSum',
  'open',
  'openByDue',
] as const;
type ComplaintDailyColumn = (typeof COMPLAINT_DAILY_COLUMNS)[number];

/** Sums of signed increments per rollup row. */
class Deltas<C extends string> {
  readonly rows = new Map<string, { key: readonly (string | number | null)[]; values: Map<C, number> }>();
  add(key: readonly (string | number | null)[], column: C, amount: number): void {
    const id = JSON.stringify(key);
    const row = this.rows.get(id) ?? { key, values: new Map<C, number>() };
    row.values.set(column, (row.values.get(column) ?? 0) + amount);
    this.rows.set(id, row);
  }
  /** Rows with at least one non-zero change, in a stable order (so concurrent writers lock rows alike). */
  changed() {
    return [...this.rows.entries()]
      .filter(([, row]) => [...row.values.values()].some((v) => v !== 0))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, row]) => row);
  }
}

function addApplication(fact: ApplicationFact, sign: 1 | -1, daily: Deltas<ApplicationDailyColumn>, durations: Deltas<'completed'>): void {
  const dims = [fact.agencyId, fact.serviceId, fact.unitId] as const;
  daily.add([fact.receivedOn, ...dims], 'received', sign);
  if (fact.completedOn !== null) {
    daily.add([fact.completedOn, ...dims], 'completed', sign);
    if (fact.onTime) daily.add([fact.completedOn, ...dims], 'completedOnTime', sign);
    if (fact.durationDays !== null) durations.add([fact.completedOn, ...dims, fact.durationDays], 'completed', sign);
  }
  if (fact.isOpen) {
    daily.add([fact.receivedOn, ...dims], 'openByReceived', sign);
    daily.add([fact.dueOn, ...dims], 'openByDue', sign);
  }
}

function addComplaint(fact: ComplaintFact, sign: 1 | -1, daily: Deltas<ComplaintDailyColumn>): void {
  const dims = [fact.agencyId, fact.unitId] as const;
  if (fact.receivedOn !== null) {
    daily.add([fact.receivedOn, ...dims], 'received', sign);
    if (fact.isOpen) daily.add([fact.receivedOn, ...dims], 'open', sign);
  }
  if (fact.forwardedOn !== null) {
    daily.add([fact.forwardedOn, ...dims], 'forwarded', sign);
    if (fact.forwardedOnTime) daily.add([fact.forwardedOn, ...dims], 'forwardedOnTime', sign);
  }
  if (fact.resolvedOn !== null) {
    daily.add([fact.resolvedOn, ...dims], 'resolved', sign);
    if (fact.resolvedOnTime) daily.add([fact.resolvedOn, ...dims], 'resolvedOnTime', sign);
  }
  if (fact.ratedOn !== null && fact.rating !== null) {
    daily.add([fact.ratedOn, ...dims], 'ratings', sign);
    daily.add([fact.ratedOn, ...dims], 'ratingSum', sign * fact.rating);
  }
  if (fact.isOpen && fact.dueOn !== null) daily.add([fact.dueOn, ...dims], 'openByDue', sign);
}

/** Rows per statement: well under PostgreSQL's 65,535 bind parameters at 13 columns a row. */
const ROWS_PER_STATEMENT = 1_000;

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) out.push(rows.slice(i, i + ROWS_PER_STATEMENT));
  return out;
}

const localDay = (column: string) => sql.raw(`(${column} at time zone '${DASHBOARD_TIME_ZONE}')::date::text`);

/**
 * The applications' facts as the base tables say now. An application's unit is the one whose queue it
 * sits in; closing clears the queue, so a closed application keeps the unit its fact last saw.
 */
async function currentApplicationFacts(trx: Database, ids: readonly string[]): Promise<ApplicationFact[]> {
  const { rows } = await sql<ApplicationFact>`
    select a.id as application_id, a.agency_id, a.service_id, coalesce(u.id, f.unit_id) as unit_id,
      ${localDay('a.submitted_at')} as received_on,
      case when a.closed_at is not null and a.status <> 'withdrawn' then ${localDay('a.closed_at')} end as completed_on,
      case when a.closed_at is not null and a.status <> 'withdrawn'
        then least(366, greatest(0, ceil(extract(epoch from (a.closed_at - a.submitted_at)) / 86400)))::int end as duration_days,
      case when a.closed_at is not null and a.status <> 'withdrawn' then a.closed_at <= a.due_at end as on_time,
      (a.closed_at is null and a.status <> 'withdrawn') as is_open,
      ${localDay('a.due_at')} as due_on
    from application a
    left join agency_unit u on u.agency_id = a.agency_id and u.code = a.queue_unit_code
    left join transparency_application_fact f on f.application_id = a.id
    where a.id = any(${[...ids]}::uuid[])`.execute(trx);
  return rows;
}

/**
 * The complaints' facts now. Merged-away reports count nowhere (their reporter counts in the report
 * they merged into). Forwarded on time: no verification breach fired, as the complaints desk's own
 * statistics count it; resolved on time: answered by the resolution deadline.
 */
async function currentComplaintFacts(trx: Database, ids: readonly string[]): Promise<ComplaintFact[]> {
  const { rows } = await sql<ComplaintFact>`
    select c.id as complaint_id, c.agency_id, c.unit_id,
      ${localDay('c.created_at')} as received_on,
      ${localDay('c.forwarded_at')} as forwarded_on,
      case when c.forwarded_at is not null then not exists (
        select 1 from complaint_alert s where s.complaint_id = c.id and s.stage = 'verify' and s.kind = 'breach') end as forwarded_on_time,
      ${localDay('c.responded_at')} as resolved_on,
      case when c.responded_at is not null then (c.resolve_due_at is null or c.responded_at <= c.resolve_due_at) end as resolved_on_time,
      case when c.rating is not null then ${localDay('c.rated_at')} end as rated_on,
      c.rating,
      c.status in ('unverified', 'not_followed_up', 'in_process', 'postponed') as is_open,
      case when c.status in ('not_followed_up', 'in_process', 'postponed') then ${localDay('c.stage_due_at')} end as due_on
    from complaint c
    where c.id = any(${[...ids]}::uuid[]) and c.merged_into_id is null`.execute(trx);
  const found = new Set(rows.map((r) => r.complaintId));
  const merged: ComplaintFact[] = ids
    .filter((id) => !found.has(id))
    .map((complaintId) => ({
      complaintId,
      agencyId: null,
      unitId: null,
      receivedOn: null,
      forwardedOn: null,
      forwardedOnTime: null,
      resolvedOn: null,
      resolvedOnTime: null,
      ratedOn: null,
      rating: null,
      isOpen: false,
      dueOn: null,
    }));
  return [...rows, ...merged];
}

/** Fact columns as the fold compares them: dates as yyyy-mm-dd text (pg would make them local-midnight Dates). */
const factColumns = (columns: readonly string[], dates: readonly string[]) =>
  sql.raw(columns.map((c) => (dates.includes(c) ? `f.${c}::text as ${c}` : `f.${c}`)).join(', '));

async function foldApplications(trx: Database, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const { rows: old } = await sql<ApplicationFact>`
    select ${factColumns(
      ['application_id', 'agency_id', 'service_id', 'unit_id', 'received_on', 'completed_on', 'duration_days', 'on_time', 'is_open', 'due_on'],
      ['received_on', 'completed_on', 'due_on'],
    )}
    from transparency_application_fact f where f.application_id = any(${[...ids]}::uuid[])`.execute(trx);
  const next = await currentApplicationFacts(trx, ids);
  const daily = new Deltas<ApplicationDailyColumn>();
  const durations = new Deltas<'completed'>();
  for (const fact of old) addApplication(fact, -1, daily, durations);
  for (const fact of next) addApplication(fact, 1, daily, durations);

  // One statement per chunk of rollup rows (keys are unique within it: Deltas summed them).
  for (const rows of chunks(daily.changed())) {
    await trx
      .insertInto('transparencyApplicationDaily')
      .values(
        rows.map((row) => {
          const [day, agencyId, serviceId, unitId] = row.key as [string, string, string, string | null];
          const values = Object.fromEntries(APPLICATION_DAILY_COLUMNS.map((c) => [c, row.values.get(c) ?? 0])) as Record<ApplicationDailyColumn, number>;
          return { day, agencyId, serviceId, unitId, ...values };
        }),
      )
      .onConflict((oc) =>
        oc.constraint('transparency_application_daily_key').doUpdateSet((eb) => ({
          received: eb('transparencyApplicationDaily.received', '+', eb.ref('excluded.received')),
          completed: eb('transparencyApplicationDaily.completed', '+', eb.ref('excluded.completed')),
          completedOnTime: eb('transparencyApplicationDaily.completedOnTime', '+', eb.ref('excluded.completedOnTime')),
          openByReceived: eb('transparencyApplicationDaily.openByReceived', '+', eb.ref('excluded.openByReceived')),
          openByDue: eb('transparencyApplicationDaily.openByDue', '+', eb.ref('excluded.openByDue')),
        })),
      )
      .execute();
  }
  for (const rows of chunks(durations.changed())) {
    await trx
      .insertInto('transparencyApplicationDuration')
      .values(
        rows.map((row) => {
          const [day, agencyId, serviceId, unitId, durationDays] = row.key as [string, string, string, string | null, number];
          return { day, agencyId, serviceId, unitId, durationDays, completed: row.values.get('completed') ?? 0 };
        }),
      )
      .onConflict((oc) =>
        oc
          .constraint('transparency_application_duration_key')
          .doUpdateSet((eb) => ({ completed: eb('transparencyApplicationDuration.completed', '+', eb.ref('excluded.completed')) })),
      )
      .execute();
  }
  for (const facts of chunks(next)) {
    await trx
      .insertInto('transparencyApplicationFact')
      .values(facts)
      .onConflict((oc) =>
        oc.column('applicationId').doUpdateSet((eb) => ({
          agencyId: eb.ref('excluded.agencyId'),
          serviceId: eb.ref('excluded.serviceId'),
          unitId: eb.ref('excluded.unitId'),
          receivedOn: eb.ref('excluded.receivedOn'),
          completedOn: eb.ref('excluded.completedOn'),
          durationDays: eb.ref('excluded.durationDays'),
          onTime: eb.ref('excluded.onTime'),
          isOpen: eb.ref('excluded.isOpen'),
          dueOn: eb.ref('excluded.dueOn'),
        })),
      )
      .execute();
  }
}

async function foldComplaints(trx: Database, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const { rows: old } = await sql<ComplaintFact>`
    select ${factColumns(
      [
        'complaint_id',
        'agency_id',
        'unit_id',
        'received_on',
        'forwarded_on',
        'forwarded_on_time',
        'resolved_on',
        'resolved_on_time',
        'rated_on',
        'rating',
        'is_open',
        'due_on',
      ],
      ['received_on', 'forwarded_on', 'resolved_on', 'rated_on', 'due_on'],
    )}
    from transparency_complaint_fact f where f.complaint_id = any(${[...ids]}::uuid[])`.execute(trx);
  const next = await currentComplaintFacts(trx, ids);
  const daily = new Deltas<ComplaintDailyColumn>();
  for (const fact of old) addComplaint(fact, -1, daily);
  for (const fact of next) addComplaint(fact, 1, daily);

  for (const rows of chunks(daily.changed())) {
    await trx
      .insertInto('transparencyComplaintDaily')
      .values(
        rows.map((row) => {
          const [day, agencyId, unitId] = row.key as [string, string | null, string | null];
          const values = Object.fromEntries(COMPLAINT_DAILY_COLUMNS.map((c) => [c, row.values.get(c) ?? 0])) as Record<ComplaintDailyColumn, number>;
          return { day, agencyId, unitId, ...values };
        }),
      )
      .onConflict((oc) =>
        oc
          .constraint('transparency_complaint_daily_key')
          .doUpdateSet((eb) =>
            Object.fromEntries(COMPLAINT_DAILY_COLUMNS.map((c) => [c, eb(`transparencyComplaintDaily.${c}`, '+', eb.ref(`excluded.${c}`))])),
          ),
      )
      .execute();
  }
  for (const facts of chunks(next)) {
    await trx
      .insertInto('transparencyComplaintFact')
      .values(facts)
      .onConflict((oc) =>
        oc
          .column('complaintId')
          .doUpdateSet((eb) =>
            Object.fromEntries(
              (
                [
                  'agencyId',
                  'unitId',
                  'receivedOn',
                  'forwardedOn',
                  'forwardedOnTime',
                  'resolvedOn',
                  'resolvedOnTime',
                  'ratedOn',
                  'rating',
                  'isOpen',
                  'dueOn',
                ] as const
              ).map((c) => [c, eb.ref(`excluded.${c}`)]),
            ),
          ),
      )
      .execute();
  }
}

interface SourceTables {
  base: 'application' | 'complaint';
  events: 'application_event' | 'complaint_event';
  itemColumn: 'application_id' | 'complaint_id';
  fold: (trx: Database, ids: readonly string[]) => Promise<void>;
}

const SOURCES: Record<FoldSource, SourceTables> = {
  application: { base: 'application', events: 'application_event', itemColumn: 'application_id', fold: foldApplications },
  complaint: { base: 'complaint', events: 'complaint_event', itemColumn: 'complaint_id', fold: foldComplaints },
};

/** What one batch did: items folded, and whether the source has caught up. */
export interface BatchResult {
  items: number;
  caughtUp: boolean;
  /** Where the next batch of the same run continues reading events (it may be past the watermark). */
  scan: EventScan;
}

/**
 * A run's reading position in the events. Once a run meets an unsettled event it keeps reading (and
 * folding) past it, but the stored watermark stays before it: `blocked`.
 */
export interface EventScan {
  after: number;
  blocked: boolean;
}

/**
 * One batch for one source, in one transaction holding the watermark row's lock (a second node waits,
 * then reads the advanced watermark). Until the backfill is done, a batch walks the base table by id;
 * afterwards it folds the items of the events after the watermark.
 */
export async function foldBatch(db: Database, source: FoldSource, batchSize = BATCH, scan: EventScan = { after: 0, blocked: false }): Promise<BatchResult> {
  const tables = SOURCES[source];
  return db.transaction().execute(async (trx) => {
    const mark = await trx
      .selectFrom('transparencyWatermark')
      .select(['lastEventId', 'backfillAfter', 'backfillDone'])
      .where('source', '=', source)
      .forUpdate()
      .executeTakeFirstOrThrow();

    if (!mark.backfillDone) {
      if (mark.backfillAfter === null) {
        // Events from here on are folded after the backfill; what they change is also read by it.
        const { rows } = await sql<{ max: number | null }>`select max(id) as max from ${sql.table(tables.events)}`.execute(trx);
        await trx
          .updateTable('transparencyWatermark')
          .set({ lastEventId: rows[0]?.max ?? 0 })
          .where('source', '=', source)
          .execute();
      }
      const { rows } = await sql<{ id: string }>`
        select id from ${sql.table(tables.base)}
        where ${mark.backfillAfter === null ? sql`true` : sql`id > ${mark.backfillAfter}::uuid`}
        order by id limit ${batchSize}`.execute(trx);
      const ids = rows.map((r) => r.id);
      await tables.fold(trx, ids);
      const done = ids.length < batchSize;
      await trx
        .updateTable('transparencyWatermark')
        .set({ backfillAfter: done ? null : (ids.at(-1) ?? null), backfillDone: done })
        .where('source', '=', source)
        .execute();
      return { items: ids.length, caughtUp: false, scan };
    }

    const { rows } = await sql<{ id: number; itemId: string; settled: boolean }>`
      select id, ${sql.ref(tables.itemColumn)} as item_id,
        not (occurred_at > now() - ${`${SETTLE_MS} milliseconds`}::interval and occurred_at <= now()) as settled
      from ${sql.table(tables.events)}
      where id > ${Math.max(Number(mark.lastEventId), scan.after)}
      order by id limit ${batchSize}`.execute(trx);
    const ids = [...new Set(rows.map((r) => r.itemId))];
    await tables.fold(trx, ids);
    const firstUnsettled = rows.findIndex((r) => !r.settled);
    const settledThrough = scan.blocked ? undefined : firstUnsettled === -1 ? rows.at(-1)?.id : firstUnsettled > 0 ? rows[firstUnsettled - 1]?.id : undefined;
    const caughtUp = rows.length < batchSize;
    if (settledThrough !== undefined || caughtUp) {
      await trx
        .updateTable('transparencyWatermark')
        .set({
          ...(settledThrough !== undefined ? { lastEventId: settledThrough } : {}),
          ...(caughtUp ? { foldedAt: new Date() } : {}),
        })
        .where('source', '=', source)
        .execute();
    }
    return {
      items: ids.length,
      caughtUp,
      scan: { after: rows.at(-1)?.id ?? scan.after, blocked: scan.blocked || firstUnsettled !== -1 },
    };
  });
}

/**
 * Folds both sources until caught up or `budgetMs` has passed (the backfill of a large database spans
 * several runs: each batch commits, so nothing done is lost when a run stops).
 */
export async function foldAll(db: Database, { budgetMs = 40_000, batchSize = BATCH } = {}): Promise<{ items: number }> {
  const started = Date.now();
  let items = 0;
  for (const source of ['application', 'complaint'] as const) {
    let scan: EventScan = { after: 0, blocked: false };
    for (;;) {
      const result = await foldBatch(db, source, batchSize, scan);
      scan = result.scan;
      items += result.items;
      if (result.caughtUp || Date.now() - started > budgetMs) break;
    }
  }
  return { items };
}

/** Starts the backfill again: every item is re-read from the base tables (idempotent, corrects any drift). */
export async function restartBackfill(db: Database): Promise<void> {
  await db.updateTable('transparencyWatermark').set({ backfillAfter: null, backfillDone: false }).execute();
}

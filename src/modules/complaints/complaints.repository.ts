import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import type { AgencyRef, AgencyStatistics, Names, UnitRef } from './complaints.contract.ts';
import type { ComplaintCategoryTable, ComplaintEventTable, ComplaintEventVisibility, ComplaintTable } from './complaints.tables.ts';

// Reading and writing the complaints tables. Rows come back with the names the read models need
// (category, agency, unit), so that one query serves a list.

export type ComplaintRow = Selectable<ComplaintTable> & {
  categoryNameId: string;
  categoryNameEn: string;
  agencyCode: string | null;
  agencyNameId: string | null;
  agencyNameEn: string | null;
  unitCode: string | null;
  unitNameId: string | null;
  unitNameEn: string | null;
};

export type CategoryRow = Selectable<ComplaintCategoryTable>;
export type EventRow = Selectable<ComplaintEventTable> & { agencyCode: string | null; agencyNameId: string | null; agencyNameEn: string | null };

export interface NewEvent {
  complaintId: string;
  agencyId: string | null;
  occurredAt: Date;
  kind: string;
  actorRole: 'reporter' | 'complaints_desk' | 'agency' | 'system';
  actorAgencyId?: string | null;
  actorAccountId?: string | null;
  visibility: ComplaintEventVisibility;
  message?: string | null;
  details?: Record<string, string | number | boolean | null>;
}

export const OPEN_STATUSES = ['unverified', 'not_followed_up', 'in_process', 'done', 'postponed'] as const;
/** Open at an agency: forwarded and not yet answered for good. */
export const AGENCY_OPEN_STATUSES = ['not_followed_up', 'in_process', 'postponed'] as const;

export function agencyRef(row: {
  agencyId: string | null;
  agencyCode: string | null;
  agencyNameId: string | null;
  agencyNameEn: string | null;
}): AgencyRef | null {
  if (!row.agencyId || !row.agencyCode) return null;
  return { id: row.agencyId, code: row.agencyCode, name: { id: row.agencyNameId ?? '', en: row.agencyNameEn ?? '' } };
}

export function unitRef(row: { unitId: string | null; unitCode: string | null; unitNameId: string | null; unitNameEn: string | null }): UnitRef | null {
  if (!row.unitId || !row.unitCode) return null;
  return { id: row.unitId, code: row.unitCode, name: { id: row.unitNameId ?? '', en: row.unitNameEn ?? '' } };
}

/** The report rows with the names the read models need (category, agency, unit), before filters. */
function reportsWithNames(trx: Database) {
  return trx
    .selectFrom('complaint as c')
    .innerJoin('complaintCategory as cc', 'cc.code', 'c.categoryCode')
    .leftJoin('agency as a', 'a.id', 'c.agencyId')
    .leftJoin('agencyUnit as u', 'u.id', 'c.unitId')
    .selectAll('c')
    .select([
      'cc.nameId as categoryNameId',
      'cc.nameEn as categoryNameEn',
      'a.code as agencyCode',
      'a.nameId as agencyNameId',
      'a.nameEn as agencyNameEn',
      'u.code as unitCode',
      'u.nameId as unitNameId',
      'u.nameEn as unitNameEn',
    ]);
}

export type BaseQuery = ReturnType<typeof reportsWithNames>;

export function createComplaintsRepository(db: Database) {
  const base = (trx: Database = db) => reportsWithNames(trx);

  return {
    base,

    /** One page of a query built on base(), and how many rows the whole query has. */
    async paged(query: BaseQuery, page: number, perPage: number, order: 'newest' | 'deadline'): Promise<{ rows: ComplaintRow[]; total: number }> {
      const counted = await query
        .clearSelect()
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      const ordered =
        order === 'newest'
          ? query.orderBy('c.createdAt', 'desc').orderBy('c.id')
          : query.orderBy(sql`c.stage_due_at asc nulls last`).orderBy('c.createdAt', 'desc').orderBy('c.id');
      const rows = (await ordered
        .limit(perPage)
        .offset((page - 1) * perPage)
        .execute()) as ComplaintRow[];
      return { rows, total: Number(counted.n) };
    },

    async byTrackingId(trackingId: string, trx: Database = db): Promise<ComplaintRow | undefined> {
      return base(trx).where('c.trackingId', '=', trackingId).executeTakeFirst();
    },

    async byId(id: string, trx: Database = db): Promise<ComplaintRow | undefined> {
      return base(trx).where('c.id', '=', id).executeTakeFirst();
    },

    /** Locks the report's row for the rest of the transaction (an action, or the sweep). */
    async lockByTrackingId(trackingId: string, trx: Database): Promise<ComplaintRow | undefined> {
      const row = await trx.selectFrom('complaint').select('id').where('trackingId', '=', trackingId).forUpdate().executeTakeFirst();
      return row ? base(trx).where('c.id', '=', row.id).executeTakeFirst() : undefined;
    },

    async category(code: string, trx: Database = db): Promise<CategoryRow | undefined> {
      return trx.selectFrom('complaintCategory').selectAll().where('code', '=', code).executeTakeFirst();
    },

    async categories(): Promise<CategoryRow[]> {
      return db.selectFrom('complaintCategory').selectAll().where('active', '=', true).orderBy('position').orderBy('code').execute();
    },

    async regionExists(code: string, trx: Database = db): Promise<boolean> {
      return (await trx.selectFrom('region').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;
    },

    /** The regions whose parent is the given one, by name: one regency's districts or one district's villages. */
    async regionChildren(parentCode: string): Promise<{ code: string; name: string }[]> {
      return db.selectFrom('region').select(['code', 'name']).where('parentCode', '=', parentCode).orderBy('name').orderBy('code').execute();
    },

    /** Each region's name followed by its parents', most specific first ("Kota Bandung, Jawa Barat"). */
    async regionNames(codes: readonly string[], trx: Database = db): Promise<Map<string, string>> {
      const unique = [...new Set(codes)];
      if (unique.length === 0) return new Map();
      const { rows } = await sql<{ code: string; name: string }>`
        with recursive chain (start, code, parent_code, name, depth) as (
          select r.code, r.code, r.parent_code, r.name, 0 from region r where r.code = any(${unique}::text[])
          union all
          select c.start, p.code, p.parent_code, p.name, c.depth + 1 from chain c join region p on p.code = c.parent_code
        )
        select start as code, string_agg(name, ', ' order by depth) as name from chain group by start`.execute(trx);
      return new Map(rows.map((r) => [r.code, r.name]));
    },

    async agencyById(id: string, trx: Database = db): Promise<AgencyRef | undefined> {
      if (!isUuid(id)) return undefined;
      const row = await trx.selectFrom('agency').select(['id', 'code', 'nameId', 'nameEn']).where('id', '=', id).executeTakeFirst();
      return row ? { id: row.id, code: row.code, name: { id: row.nameId, en: row.nameEn } } : undefined;
    },

    async agencyByCode(code: string, trx: Database = db): Promise<AgencyRef | undefined> {
      const row = await trx.selectFrom('agency').select(['id', 'code', 'nameId', 'nameEn']).where('code', '=', code).executeTakeFirst();
      return row ? { id: row.id, code: row.code, name: { id: row.nameId, en: row.nameEn } } : undefined;
    },

    async unitOf(agencyId: string, unitId: string, trx: Database = db): Promise<UnitRef | undefined> {
      if (!isUuid(agencyId) || !isUuid(unitId)) return undefined;
      const row = await trx
        .selectFrom('agencyUnit')
        .select(['id', 'code', 'nameId', 'nameEn'])
        .where('id', '=', unitId)
        .where('agencyId', '=', agencyId)
        .executeTakeFirst();
      return row ? { id: row.id, code: row.code, name: { id: row.nameId, en: row.nameEn } } : undefined;
    },

    /** The agency's time zone: its first office's (WIB when it has none). */
    async agencyTimeZone(agencyId: string, trx: Database = db) {
      const row = await trx.selectFrom('agencyUnit').select('timeZone').where('agencyId', '=', agencyId).orderBy('code').limit(1).executeTakeFirst();
      return row?.timeZone ?? 'Asia/Jakarta';
    },

    async insert(values: Insertable<ComplaintTable>, trx: Database): Promise<void> {
      await trx.insertInto('complaint').values(values).execute();
    },

    async update(id: string, values: Updateable<ComplaintTable>, trx: Database): Promise<void> {
      await trx.updateTable('complaint').set(values).where('id', '=', id).execute();
    },

    /** One more person reported the same (a merged report). */
    async addReporter(id: string, at: Date, trx: Database): Promise<void> {
      await trx
        .updateTable('complaint')
        .set((eb) => ({ supportCount: eb('supportCount', '+', 1), updatedAt: at }))
        .where('id', '=', id)
        .execute();
    },

    /** "Me too", once per supporter: the new count, or undefined when this supporter already counted. */
    async addSupport(id: string, supporterKey: string, at: Date): Promise<number | undefined> {
      return db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('complaintSupport')
          .values({ complaintId: id, supporterKey, createdAt: at })
          .onConflict((oc) => oc.doNothing())
          .returning('complaintId')
          .executeTakeFirst();
        if (!inserted) return undefined;
        const updated = await trx
          .updateTable('complaint')
          .set((eb) => ({ supportCount: eb('supportCount', '+', 1) }))
          .where('id', '=', id)
          .returning('supportCount')
          .executeTakeFirstOrThrow();
        return updated.supportCount;
      });
    },

    async attach(attachment: { complaintId: string; fileId: string; eventId: number; addedAt: Date }, trx: Database): Promise<void> {
      await trx
        .insertInto('complaintAttachment')
        .values(attachment)
        .onConflict((oc) => oc.doNothing())
        .execute();
    },

    async trackingIdByFollowUpHash(hash: string): Promise<string | undefined> {
      const row = await db.selectFrom('complaint').select('trackingId').where('followUpHash', '=', hash).executeTakeFirst();
      return row?.trackingId;
    },

    /** The first report a sender filed under an idempotency key (guests share one key space: the key is random per form). */
    async findByIdempotencyKey(
      sender: { accountId: string } | { open311KeyId: string } | 'guest',
      key: string,
    ): Promise<{ trackingId: string; open311Token: string | null } | undefined> {
      let query = db.selectFrom('complaint').select(['trackingId', 'open311Token']).where('idempotencyKey', '=', key);
      if (sender === 'guest') query = query.where('reporterAccountId', 'is', null).where('open311KeyId', 'is', null);
      else if ('accountId' in sender) query = query.where('reporterAccountId', '=', sender.accountId);
      else query = query.where('open311KeyId', '=', sender.open311KeyId);
      return query.orderBy('createdAt').limit(1).executeTakeFirst();
    },

    /** The id of an application, when it is the account's own. */
    async ownApplicationId(trackingNumber: string, accountId: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('application')
        .select('id')
        .where('trackingNumber', '=', trackingNumber)
        .where('applicantAccountId', '=', accountId)
        .executeTakeFirst();
      return row?.id;
    },

    /** When the report was last postponed, and from which status. */
    async lastPostponement(complaintId: string, trx: Database): Promise<{ at: Date; from: string | undefined } | undefined> {
      const row = await trx
        .selectFrom('complaintEvent')
        .select(['occurredAt', 'details'])
        .where('complaintId', '=', complaintId)
        .where('kind', '=', 'postponed')
        .orderBy('occurredAt', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? { at: row.occurredAt, from: (row.details as { from?: string }).from } : undefined;
    },

    /** Per agency over [from, to): see AgencyStatistics. `agencyIds` 'all' for the desk. */
    async statistics(agencyIds: 'all' | readonly string[], period: { from: Date; to: Date }, now: Date): Promise<AgencyStatistics[]> {
      const scoped = agencyIds === 'all' ? sql`true` : sql`a.id = any(${[...agencyIds]}::uuid[])`;
      const { rows } = await sql<{
        id: string;
        code: string;
        nameId: string;
        nameEn: string;
        received: string;
        forwardedOnTime: string;
        resolved: string;
        resolvedOnTime: string;
        overdue: string;
        open: string;
        averageRating: string | null;
        ratings: string;
      }>`
        select a.id, a.code, a.name_id, a.name_en,
          count(*) filter (where c.forwarded_at >= ${period.from} and c.forwarded_at < ${period.to}) as received,
          count(*) filter (where c.forwarded_at >= ${period.from} and c.forwarded_at < ${period.to}
            and not exists (select 1 from complaint_alert s where s.complaint_id = c.id and s.stage = 'verify' and s.kind = 'breach')) as forwarded_on_time,
          count(*) filter (where c.responded_at >= ${period.from} and c.responded_at < ${period.to}) as resolved,
          count(*) filter (where c.responded_at >= ${period.from} and c.responded_at < ${period.to}
            and (c.resolve_due_at is null or c.responded_at <= c.resolve_due_at)) as resolved_on_time,
          count(*) filter (where c.status in ('not_followed_up', 'in_process', 'postponed') and c.stage_due_at <= ${now}) as overdue,
          count(*) filter (where c.status in ('not_followed_up', 'in_process', 'postponed', 'done')) as open,
          avg(c.rating) filter (where c.rated_at >= ${period.from} and c.rated_at < ${period.to}) as average_rating,
          count(c.rating) filter (where c.rated_at >= ${period.from} and c.rated_at < ${period.to}) as ratings
        from agency a
        join complaint c on c.agency_id = a.id
        where ${scoped}
        group by a.id, a.code, a.name_id, a.name_en
        order by a.code`.execute(db);
      return rows.map((r) => ({
        agency: { id: r.id, code: r.code, name: { id: r.nameId, en: r.nameEn } },
        received: Number(r.received),
        forwardedOnTime: Number(r.forwardedOnTime),
        resolved: Number(r.resolved),
        resolvedOnTime: Number(r.resolvedOnTime),
        overdue: Number(r.overdue),
        open: Number(r.open),
        averageRating: r.averageRating === null ? null : Math.round(Number(r.averageRating) * 100) / 100,
        ratings: Number(r.ratings),
      }));
    },

    async insertEvent(event: NewEvent, trx: Database): Promise<number> {
      const row = await trx
        .insertInto('complaintEvent')
        .values({
          complaintId: event.complaintId,
          agencyId: event.agencyId,
          occurredAt: event.occurredAt,
          kind: event.kind,
          actorRole: event.actorRole,
          actorAgencyId: event.actorAgencyId ?? null,
          actorAccountId: event.actorAccountId ?? null,
          visibility: event.visibility,
          message: event.message ?? null,
          details: JSON.stringify(event.details ?? {}),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },

    async events(complaintId: string, visibilities: readonly ComplaintEventVisibility[], trx: Database = db): Promise<EventRow[]> {
      return trx
        .selectFrom('complaintEvent as e')
        .leftJoin('agency as a', 'a.id', 'e.agencyId')
        .selectAll('e')
        .select(['a.code as agencyCode', 'a.nameId as agencyNameId', 'a.nameEn as agencyNameEn'])
        .where('e.complaintId', '=', complaintId)
        .where('e.visibility', 'in', [...visibilities])
        .orderBy('e.occurredAt')
        .orderBy('e.id')
        .execute();
    },

    async attachmentIds(complaintId: string, trx: Database = db): Promise<string[]> {
      const rows = await trx.selectFrom('complaintAttachment').select('fileId').where('complaintId', '=', complaintId).orderBy('addedAt').execute();
      return rows.map((r) => r.fileId);
    },

    async applicationTrackingNumber(applicationId: string, trx: Database = db): Promise<string | null> {
      const row = await trx.selectFrom('application').select('trackingNumber').where('id', '=', applicationId).executeTakeFirst();
      return row?.trackingNumber ?? null;
    },

    /** Ids and tracking ids of the reports a person filed signed in, newest first (their data export). */
    async reportsOf(accountId: string): Promise<{ id: string; trackingId: string }[]> {
      return db.selectFrom('complaint').select(['id', 'trackingId']).where('reporterAccountId', '=', accountId).orderBy('createdAt', 'desc').execute();
    },

    /**
     * Retention (privacy module): forgets the contact details and follow-up secret of reports filed
     * without an account that closed (or were archived) before `cutoff`; held reports are skipped.
     */
    async eraseGuestContactsBefore(cutoff: Date, limit: number, held: readonly string[]): Promise<number> {
      const ids = db
        .selectFrom('complaint')
        .select('id')
        .where('reporterAccountId', 'is', null)
        .where((eb) => eb.or([eb('reporterEnc', 'is not', null), eb('followUpHash', 'is not', null)]))
        .where('closedAt', '<', cutoff)
        .$if(held.length > 0, (q) => q.where(sql<boolean>`id::text <> all(${sql.val(held)}::text[])`))
        .orderBy('closedAt')
        .limit(limit);
      const result = await db.updateTable('complaint').set({ reporterEnc: null, followUpHash: null }).where('id', 'in', ids).executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}

export type ComplaintsRepository = ReturnType<typeof createComplaintsRepository>;
/** Reports whose title or description contains the text, or whose tracking id it is. */
export function filterText<Q extends BaseQuery>(query: Q, q: string | undefined): Q {
  const text = (q ?? '').trim().slice(0, 200);
  if (text === '') return query;
  // ILIKE on the same expression as the trigram index, so the gin index serves it; the pattern's wildcards are escaped.
  const pattern = `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  const upper = text.toUpperCase();
  return query.where((eb) => eb.or([sql<boolean>`(c.title || ' ' || c.description) ilike ${pattern}`, eb('c.trackingId', '=', upper)])) as Q;
}

export function names(idText: string, enText: string): Names {
  return { id: idText, en: enText };
}

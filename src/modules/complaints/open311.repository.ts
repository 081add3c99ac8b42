import type { Database } from '../../platform/db/database.ts';
import { redact, redactOptional } from './complaints.redact.ts';
import type { ComplaintStatus } from './complaints.tables.ts';

// Open311 reads straight from the complaint tables. Privacy is enforced here as the public pages'
// service does it: secret, merged-away and not yet verified reports never appear, and nothing that
// identifies the reporter (account, contact, follow-up secret, key) is ever selected.

export const OPEN_STATUSES: readonly ComplaintStatus[] = ['unverified', 'not_followed_up', 'in_process', 'postponed'];
export const CLOSED_STATUSES: readonly ComplaintStatus[] = ['done', 'closed', 'archived'];

export interface Open311Category {
  code: string;
  nameId: string;
  nameEn: string;
  descriptionId: string;
  descriptionEn: string;
  groupName: string;
  keywords: string[];
}

export interface Open311Request {
  trackingId: string;
  status: ComplaintStatus;
  categoryCode: string;
  categoryNameId: string;
  categoryNameEn: string;
  description: string;
  agencyNameId: string | null;
  agencyNameEn: string | null;
  createdAt: Date;
  updatedAt: Date;
  expectedAt: Date | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  /** The latest public message on the timeline, masked. */
  statusNotes: string | null;
}

export interface Open311RequestQuery {
  ids?: readonly string[] | undefined;
  serviceCodes?: readonly string[] | undefined;
  status?: 'open' | 'closed' | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit: number;
}

export interface Open311Update {
  id: number;
  trackingId: string;
  kind: string;
  status: ComplaintStatus;
  occurredAt: Date;
  message: string | null;
}

export function createOpen311Repository(db: Database) {
  const publicComplaints = () =>
    db.selectFrom('complaint as c').where('c.isSecret', '=', false).where('c.mergedIntoId', 'is', null).where('c.status', '<>', 'unverified');

  return {
    async categories(): Promise<Open311Category[]> {
      return db
        .selectFrom('complaintCategory')
        .select(['code', 'nameId', 'nameEn', 'descriptionId', 'descriptionEn', 'groupName', 'keywords'])
        .where('active', '=', true)
        .orderBy('position')
        .orderBy('code')
        .execute();
    },

    async requests(query: Open311RequestQuery): Promise<Open311Request[]> {
      let q = publicComplaints()
        .innerJoin('complaintCategory as cat', 'cat.code', 'c.categoryCode')
        .leftJoin('agency as a', 'a.id', 'c.agencyId')
        .select((eb) => [
          'c.trackingId',
          'c.status',
          'c.categoryCode',
          'cat.nameId as categoryNameId',
          'cat.nameEn as categoryNameEn',
          'c.description',
          'a.nameId as agencyNameId',
          'a.nameEn as agencyNameEn',
          'c.createdAt',
          'c.updatedAt',
          eb.fn.coalesce('c.resolveDueAt', 'c.stageDueAt').as('expectedAt'),
          'c.address',
          'c.latitude',
          'c.longitude',
          eb
            .selectFrom('complaintEvent as e')
            .select('e.message')
            .whereRef('e.complaintId', '=', 'c.id')
            .where('e.visibility', '=', 'public')
            .where('e.message', 'is not', null)
            .orderBy('e.occurredAt', 'desc')
            .orderBy('e.id', 'desc')
            .limit(1)
            .as('statusNotes'),
        ]);
      if (query.ids) q = q.where('c.trackingId', 'in', query.ids.length > 0 ? [...query.ids] : ['']);
      if (query.serviceCodes) q = q.where('c.categoryCode', 'in', query.serviceCodes.length > 0 ? [...query.serviceCodes] : ['']);
      if (query.status) q = q.where('c.status', 'in', [...(query.status === 'open' ? OPEN_STATUSES : CLOSED_STATUSES)]);
      if (query.from) q = q.where('c.createdAt', '>=', query.from);
      if (query.to) q = q.where('c.createdAt', '<=', query.to);
      const rows = await q.orderBy('c.createdAt', 'desc').orderBy('c.trackingId').limit(query.limit).execute();
      return rows.map((row) => ({ ...row, description: redact(row.description), address: row.address, statusNotes: redactOptional(row.statusNotes) }));
    },

    /** The tracking id an Open311 POST's token stands for, whatever its visibility (only the poster knows the token). */
    async trackingIdForToken(token: string): Promise<string | undefined> {
      const row = await db.selectFrom('complaint').select('trackingId').where('open311Token', '=', token).executeTakeFirst();
      return row?.trackingId;
    },

    /** Public timeline events of public reports in [from, to], oldest first. */
    async updates(from: Date, to: Date, limit: number): Promise<Open311Update[]> {
      const rows = await publicComplaints()
        .innerJoin('complaintEvent as e', 'e.complaintId', 'c.id')
        .select(['e.id', 'c.trackingId', 'e.kind', 'c.status', 'e.occurredAt', 'e.message'])
        .where('e.visibility', '=', 'public')
        .where('e.occurredAt', '>=', from)
        .where('e.occurredAt', '<=', to)
        .orderBy('e.occurredAt')
        .orderBy('e.id')
        .limit(limit)
        .execute();
      return rows.map((row) => ({ ...row, message: redactOptional(row.message) }));
    },
  };
}

export type Open311Repository = ReturnType<typeof createOpen311Repository>;

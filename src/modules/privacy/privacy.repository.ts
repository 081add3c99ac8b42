import { type Insertable, sql, type Updateable } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import type { LegalHoldTable, PrivacyRequestTable, RequestStatus, RetentionAction } from './privacy.tables.ts';

export interface RequestRow {
  id: string;
  reference: string;
  accountId: string;
  kind: PrivacyRequestTable['kind'];
  dataCategory: PrivacyRequestTable['dataCategory'];
  applicationId: string | null;
  agencyId: string | null;
  status: RequestStatus;
  dataKeyId: string;
  detailsEnc: string | null;
  refusalReason: PrivacyRequestTable['refusalReason'];
  responseEnc: string | null;
  createdAt: Date;
  acknowledgeBy: Date;
  dueAt: Date;
  acknowledgedAt: Date | null;
  fulfilledAt: Date | null;
  closedAt: Date | null;
}

const REQUEST_COLUMNS = [
  'id',
  'reference',
  'accountId',
  'kind',
  'dataCategory',
  'applicationId',
  'agencyId',
  'status',
  'dataKeyId',
  'detailsEnc',
  'refusalReason',
  'responseEnc',
  'createdAt',
  'acknowledgeBy',
  'dueAt',
  'acknowledgedAt',
  'fulfilledAt',
  'closedAt',
] as const;

export interface RetentionRule {
  recordType: string;
  action: RetentionAction;
  periodDays: number;
  basis: string;
  enabled: boolean;
}

export interface HoldRow {
  id: string;
  recordType: string;
  recordId: string;
  reason: string;
  setAt: Date;
}

/** SQL of the privacy module; every function takes the caller's transaction when given one. */
export function createPrivacyRepository(db: Database) {
  return {
    async insertRequest(row: Insertable<PrivacyRequestTable>, trx: Database = db): Promise<void> {
      await trx.insertInto('privacyRequest').values(row).execute();
    },

    async referenceTaken(reference: string, trx: Database = db): Promise<boolean> {
      return (await trx.selectFrom('privacyRequest').select('id').where('reference', '=', reference).executeTakeFirst()) !== undefined;
    },

    async requestsOf(accountId: string, limit = 200, trx: Database = db): Promise<RequestRow[]> {
      return trx.selectFrom('privacyRequest').select(REQUEST_COLUMNS).where('accountId', '=', accountId).orderBy('createdAt', 'desc').limit(limit).execute();
    },

    async requestByReference(reference: string, trx: Database = db, lock = false): Promise<RequestRow | undefined> {
      let query = trx.selectFrom('privacyRequest').select(REQUEST_COLUMNS).where('reference', '=', reference);
      if (lock) query = query.forUpdate();
      return query.executeTakeFirst();
    },

    /** Requests staff work, open first by deadline, then the most recently closed; 'all' for the platform. */
    async queue(agencyIds: 'all' | readonly string[], limit = 200): Promise<RequestRow[]> {
      let query = db.selectFrom('privacyRequest').select(REQUEST_COLUMNS).where('kind', 'in', ['correction', 'objection', 'restriction']);
      if (agencyIds !== 'all') {
        if (agencyIds.length === 0) return [];
        query = query.where('agencyId', 'in', agencyIds);
      }
      return query.orderBy(sql`closed_at is not null`).orderBy('dueAt').limit(limit).execute();
    },

    async countOpen(accountId: string, kinds: readonly PrivacyRequestTable['kind'][], trx: Database = db): Promise<number> {
      const row = await trx
        .selectFrom('privacyRequest')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('accountId', '=', accountId)
        .where('kind', 'in', kinds)
        .where('closedAt', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },

    async updateRequest(
      id: string,
      changes: Pick<Updateable<PrivacyRequestTable>, 'status' | 'responseEnc' | 'acknowledgedAt' | 'closedAt' | 'closedBy' | 'fulfilledAt' | 'refusalReason'>,
      trx: Database,
    ): Promise<void> {
      await trx.updateTable('privacyRequest').set(changes).where('id', '=', id).execute();
    },

    async rules(trx: Database = db): Promise<RetentionRule[]> {
      return trx.selectFrom('retentionRule').select(['recordType', 'action', 'periodDays', 'basis', 'enabled']).orderBy('recordType').execute();
    },

    /** False when the record is already on hold (one active hold per record). */
    async insertHold(row: Insertable<LegalHoldTable>, trx: Database = db): Promise<boolean> {
      const inserted = await trx
        .insertInto('legalHold')
        .values(row)
        .onConflict((oc) => oc.columns(['recordType', 'recordId']).where('releasedAt', 'is', null).doNothing())
        .returning('id')
        .executeTakeFirst();
      return inserted !== undefined;
    },

    async releaseHold(id: string, by: string, at: Date, trx: Database = db): Promise<HoldRow | undefined> {
      return trx
        .updateTable('legalHold')
        .set({ releasedAt: at, releasedBy: by })
        .where('id', '=', id)
        .where('releasedAt', 'is', null)
        .returning(['id', 'recordType', 'recordId', 'reason', 'setAt'])
        .executeTakeFirst();
    },

    async activeHolds(limit = 500): Promise<HoldRow[]> {
      return db
        .selectFrom('legalHold')
        .select(['id', 'recordType', 'recordId', 'reason', 'setAt'])
        .where('releasedAt', 'is', null)
        .orderBy('setAt', 'desc')
        .limit(limit)
        .execute();
    },

    /** The held ids among `recordIds` of one record type. */
    async heldAmong(recordType: string, recordIds: readonly string[], trx: Database = db): Promise<Set<string>> {
      if (recordIds.length === 0) return new Set();
      const rows = await trx
        .selectFrom('legalHold')
        .select('recordId')
        .where('recordType', '=', recordType)
        .where('recordId', 'in', recordIds)
        .where('releasedAt', 'is', null)
        .execute();
      return new Set(rows.map((row) => row.recordId));
    },

    /** Every held id of one record type: few by nature (a hold is a deliberate act), so read whole. */
    async heldIds(recordType: string, trx: Database = db): Promise<string[]> {
      const rows = await trx.selectFrom('legalHold').select('recordId').where('recordType', '=', recordType).where('releasedAt', 'is', null).execute();
      return rows.map((row) => row.recordId);
    },

    /** Closed requests whose retention has run out, oldest first, skipping held ones. */
    async deleteClosedRequestsBefore(cutoff: Date, limit: number, held: readonly string[], trx: Database = db): Promise<number> {
      const ids = trx
        .selectFrom('privacyRequest')
        .select('id')
        .where('closedAt', '<', cutoff)
        .$if(held.length > 0, (q) => q.where(sql<boolean>`id::text <> all(${sql.val(held)}::text[])`))
        .orderBy('closedAt')
        .limit(limit);
      const result = await trx.deleteFrom('privacyRequest').where('id', 'in', ids).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type PrivacyRepository = ReturnType<typeof createPrivacyRepository>;

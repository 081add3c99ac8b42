import { type Insertable, type Selectable, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { NotificationStatus, NotificationTable } from './notify.tables.ts';

export type NotificationRow = Selectable<NotificationTable>;
/** A row this node has claimed: `attempts` (already counting this attempt) is the claim's token. */
export type ClaimedNotification = Pick<NotificationRow, 'id' | 'kind' | 'channel' | 'recipient' | 'dataKeyId' | 'locale' | 'params' | 'attempts'>;
export type TransactionStatus = 'committed' | 'aborted' | 'in progress' | null;

const CLAIMED_COLUMNS = ['id', 'kind', 'channel', 'recipient', 'dataKeyId', 'locale', 'params', 'attempts'] as const;

/** Seconds from the database's clock, so that every node agrees on what is due. */
const fromNow = (ms: number) => sql<Date>`now() + make_interval(secs => ${ms / 1000})`;

/** SQL of the notification outbox, nothing else. */
export function createNotifyRepository(db: Database) {
  return {
    /** Inserts in the caller's transaction; returns that transaction's id, so a job can tell whether it committed. */
    async insert(row: Insertable<NotificationTable>, trx: Database): Promise<{ xid: string }> {
      return trx.insertInto('notification').values(row).returning(sql<string>`pg_current_xact_id()::text`.as('xid')).executeTakeFirstOrThrow();
    },

    /**
     * Claims one due message (pending, or sending whose claim has expired). A second node running the
     * same update waits for the first to commit, then finds the row no longer due: one sender only.
     */
    async claim(id: string, claimMs: number): Promise<ClaimedNotification | undefined> {
      return db
        .updateTable('notification')
        .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), nextAttemptAt: fromNow(claimMs) }))
        .where('id', '=', id)
        .where('status', 'in', ['pending', 'sending'])
        .where('nextAttemptAt', '<=', sql<Date>`now()`)
        .returning(CLAIMED_COLUMNS)
        .executeTakeFirst();
    },

    /** Claims up to `limit` due messages, oldest first, skipping rows another node is claiming right now. */
    async claimDue(limit: number, claimMs: number): Promise<ClaimedNotification[]> {
      return db
        .updateTable('notification')
        .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), nextAttemptAt: fromNow(claimMs) }))
        .where('id', 'in', (eb) =>
          eb
            .selectFrom('notification')
            .select('id')
            .where('status', 'in', ['pending', 'sending'])
            .where('nextAttemptAt', '<=', sql<Date>`now()`)
            .orderBy('nextAttemptAt')
            .limit(limit)
            .forUpdate()
            .skipLocked(),
        )
        .returning(CLAIMED_COLUMNS)
        .execute();
    },

    /**
     * Records the outcome of a claimed attempt. Matching on `attempts` makes a late node (whose claim
     * expired and was taken over) unable to overwrite the newer attempt's outcome.
     */
    async finish(
      claim: Pick<ClaimedNotification, 'id' | 'attempts'>,
      outcome: { status: Exclude<NotificationStatus, 'sending'>; lastError: string | null; retryInMs?: number },
    ): Promise<boolean> {
      const result = await db
        .updateTable('notification')
        .set({
          status: outcome.status,
          lastError: outcome.lastError,
          sentAt: outcome.status === 'sent' ? sql<Date>`now()` : null,
          nextAttemptAt: fromNow(outcome.retryInMs ?? 0),
        })
        .where('id', '=', claim.id)
        .where('status', '=', 'sending')
        .where('attempts', '=', claim.attempts)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /** Whether a transaction committed, rolled back or is still open (null: too old to know). */
    async transactionStatus(xid: string): Promise<TransactionStatus> {
      const { rows } = await sql<{ status: TransactionStatus }>`select pg_xact_status(${xid}::xid8) as status`.execute(db);
      return rows[0]?.status ?? null;
    },

    /** Newest first, for the development mailbox. Unindexed on purpose: that page never runs in production. */
    async newest(limit: number): Promise<NotificationRow[]> {
      return db.selectFrom('notification').selectAll().orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(limit).execute();
    },

    /** Retention (privacy module): finished notifications created before `cutoff`, oldest first, held ones skipped. */
    async deleteFinishedBefore(cutoff: Date, limit: number, held: readonly string[]): Promise<number> {
      const ids = db
        .selectFrom('notification')
        .select('id')
        .where('status', 'in', ['sent', 'failed', 'dead'])
        .where('createdAt', '<', cutoff)
        .$if(held.length > 0, (q) => q.where(sql<boolean>`id::text <> all(${sql.val(held)}::text[])`))
        .orderBy('createdAt')
        .limit(limit);
      const result = await db.deleteFrom('notification').where('id', 'in', ids).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type NotifyRepository = ReturnType<typeof createNotifyRepository>;

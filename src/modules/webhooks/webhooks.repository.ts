import { type Insertable, type Selectable, sql } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import type { WebhookAttemptTable, WebhookMessageTable, WebhookSubscriptionTable } from './webhooks.tables.ts';

export type SubscriptionRow = Selectable<WebhookSubscriptionTable>;
export type MessageRow = Selectable<WebhookMessageTable>;
export type AttemptRow = Selectable<WebhookAttemptTable>;

const PAGE = 100;

/** The webhooks module's SQL. */
export function createWebhooksRepository(db: Database) {
  return {
    async insertSubscription(row: Insertable<WebhookSubscriptionTable>, trx: Database = db): Promise<SubscriptionRow> {
      return trx.insertInto('webhookSubscription').values(row).returningAll().executeTakeFirstOrThrow();
    },

    async subscription(id: string, trx: Database = db): Promise<SubscriptionRow | undefined> {
      return trx.selectFrom('webhookSubscription').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async subscriptionsOf(agencyIds: readonly string[]): Promise<SubscriptionRow[]> {
      if (agencyIds.length === 0) return [];
      return db.selectFrom('webhookSubscription').selectAll().where('agencyId', 'in', agencyIds).orderBy('createdAt', 'desc').limit(PAGE).execute();
    },

    async setEnabled(id: string, enabled: boolean, trx: Database): Promise<boolean> {
      const row = await trx
        .updateTable('webhookSubscription')
        .set({ enabled, disabledAt: enabled ? null : new Date() })
        .where('id', '=', id)
        .where('enabled', '=', !enabled)
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Enabled subscriptions of one agency that take the event type. */
    async subscribers(agencyId: string, eventType: string, trx: Database): Promise<{ id: string }[]> {
      return trx
        .selectFrom('webhookSubscription')
        .select('id')
        .where('agencyId', '=', agencyId)
        .where('enabled', '=', true)
        .where(sql<boolean>`${eventType} = any(event_types)`)
        .execute();
    },

    /** A batch of captured events, locked so that another node's dispatcher takes the next ones. */
    async lockInbox(limit: number, trx: Database) {
      return trx
        .selectFrom('webhookInbox as i')
        .innerJoin('outboxEvent as e', 'e.id', 'i.outboxEventId')
        .select(['e.id', 'e.topic', 'e.aggregateId', 'e.agencyId', 'e.payload', 'e.createdAt'])
        .orderBy('i.outboxEventId')
        .limit(limit)
        .forUpdate('i')
        .skipLocked()
        .execute();
    },

    async clearInbox(ids: readonly number[], trx: Database): Promise<void> {
      if (ids.length > 0) await trx.deleteFrom('webhookInbox').where('outboxEventId', 'in', ids).execute();
    },

    async insertMessage(row: Insertable<WebhookMessageTable>, trx: Database): Promise<boolean> {
      const inserted = await trx
        .insertInto('webhookMessage')
        .values(row)
        .onConflict((oc) => oc.columns(['subscriptionId', 'outboxEventId']).doNothing())
        .returning('id')
        .executeTakeFirst();
      return inserted !== undefined;
    },

    /**
     * Takes a due message for one attempt: counts the attempt and leases the message until
     * `leaseUntil`, so that a second job for it (any node) finds nothing to do.
     */
    async claim(id: string, now: Date, leaseUntil: Date): Promise<MessageRow | undefined> {
      return db
        .updateTable('webhookMessage')
        .set((eb) => ({ attempts: eb('attempts', '+', 1), leaseUntil, updatedAt: now }))
        .where('id', '=', id)
        .where('state', '=', 'pending')
        .where('nextAttemptAt', '<=', now)
        .where((eb) => eb.or([eb('leaseUntil', 'is', null), eb('leaseUntil', '<', now)]))
        .returningAll()
        .executeTakeFirst();
    },

    async settle(
      id: string,
      values: {
        state: 'pending' | 'delivered' | 'failed';
        nextAttemptAt: Date | null;
        lastStatusCode: number | null;
        lastErrorClass: string | null;
        now: Date;
      },
      attempt: Insertable<WebhookAttemptTable>,
    ): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('webhookMessage')
          .set({
            state: values.state,
            nextAttemptAt: values.nextAttemptAt,
            lastStatusCode: values.lastStatusCode,
            lastErrorClass: values.lastErrorClass,
            leaseUntil: null,
            updatedAt: values.now,
          })
          .where('id', '=', id)
          .execute();
        await trx.insertInto('webhookAttempt').values(attempt).execute();
      });
    },

    async message(id: string, trx: Database = db): Promise<MessageRow | undefined> {
      return trx.selectFrom('webhookMessage').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async messagesOf(subscriptionId: string): Promise<MessageRow[]> {
      return db.selectFrom('webhookMessage').selectAll().where('subscriptionId', '=', subscriptionId).orderBy('createdAt', 'desc').limit(PAGE).execute();
    },

    async attemptsOf(messageIds: readonly string[]): Promise<AttemptRow[]> {
      if (messageIds.length === 0) return [];
      return db.selectFrom('webhookAttempt').selectAll().where('messageId', 'in', messageIds).orderBy('id', 'desc').execute();
    },

    /** Makes a message due now with a fresh attempt budget; false when an attempt is running. */
    async reopen(id: string, now: Date, trx: Database): Promise<boolean> {
      const row = await trx
        .updateTable('webhookMessage')
        .set({ state: 'pending', attempts: 0, nextAttemptAt: now, updatedAt: now })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('leaseUntil', 'is', null), eb('leaseUntil', '<', now)]))
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Pending messages due for a while whose job went missing (a failed enqueue, a lost node). */
    async overdue(before: Date, now: Date, limit: number): Promise<string[]> {
      const rows = await db
        .selectFrom('webhookMessage')
        .select('id')
        .where('state', '=', 'pending')
        .where('nextAttemptAt', '<=', before)
        .where((eb) => eb.or([eb('leaseUntil', 'is', null), eb('leaseUntil', '<', now)]))
        .orderBy('nextAttemptAt')
        .limit(limit)
        .execute();
      return rows.map((row) => row.id);
    },
  };
}

export type WebhooksRepository = ReturnType<typeof createWebhooksRepository>;

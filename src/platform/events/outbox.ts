import type { Database } from '../db/database.ts';

/** A domain event: ids and codes only, never personal data (payloads travel in clear, NOTIFY included). */
export interface DomainEvent {
  /** `module.what_happened`, e.g. `application.step_entered`. */
  topic: string;
  aggregateId: string;
  agencyId: string | null;
  payload?: Record<string, string | number | boolean | null>;
}

/**
 * Records `event` in the caller's transaction: it exists exactly when the change it reports committed,
 * and the insert trigger announces it to every node (LISTEN loket_events) at commit.
 */
export async function publishEvent(trx: Database, event: DomainEvent): Promise<void> {
  await trx
    .insertInto('outboxEvent')
    .values({ topic: event.topic, aggregateId: event.aggregateId, agencyId: event.agencyId, payload: JSON.stringify(event.payload ?? {}) })
    .execute();
}

import type { Generated } from 'kysely';
import type { Json, Timestamp } from '../db/column-types.ts';

// The domain outbox (migrations/0014_workflow.sql). Each insert is announced with NOTIFY on the
// `loket_events` channel at commit.

export interface OutboxEventTable {
  id: Generated<number>;
  topic: string;
  aggregateId: string;
  agencyId: string | null;
  /** Ids and codes only: never personal data. */
  payload: Json<Record<string, unknown>>;
  createdAt: Timestamp;
}

export interface EventsTables {
  outboxEvent: OutboxEventTable;
}

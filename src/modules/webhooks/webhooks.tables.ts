import type { Generated } from 'kysely';
import type { Timestamp } from '../../platform/db/column-types.ts';

// Tables owned by the webhooks module, as Kysely sees them (camelCase). Keep in step with
// migrations/0025_webhooks.sql.

export type WebhookMessageState = 'pending' | 'delivered' | 'failed';

export interface WebhookSubscriptionTable {
  id: Generated<string>;
  agencyId: string;
  targetUrl: string;
  description: Generated<string>;
  eventTypes: string[];
  dataKeyId: string;
  /** The `whsec_…` secret, sealed with encryptField under the row's data key. */
  secretEnc: string;
  enabled: Generated<boolean>;
  createdBy: string;
  createdAt: Timestamp;
  disabledAt: Timestamp | null;
}

export interface WebhookInboxTable {
  outboxEventId: number;
}

export interface WebhookMessageTable {
  id: string;
  subscriptionId: string;
  agencyId: string;
  eventType: string;
  outboxEventId: number;
  body: string;
  state: Generated<WebhookMessageState>;
  attempts: Generated<number>;
  nextAttemptAt: Timestamp | null;
  leaseUntil: Timestamp | null;
  lastStatusCode: number | null;
  lastErrorClass: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface WebhookAttemptTable {
  id: Generated<number>;
  messageId: string;
  agencyId: string;
  attempt: number;
  manual: Generated<boolean>;
  attemptedAt: Timestamp;
  durationMs: number;
  statusCode: number | null;
  errorClass: string | null;
  nextAttemptAt: Timestamp | null;
}

export interface WebhooksTables {
  webhookSubscription: WebhookSubscriptionTable;
  webhookInbox: WebhookInboxTable;
  webhookMessage: WebhookMessageTable;
  webhookAttempt: WebhookAttemptTable;
}

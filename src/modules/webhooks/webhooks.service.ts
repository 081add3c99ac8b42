import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { AuditLog } from '../../platform/audit/audit.service.ts';
import { type Actor, agenciesFor } from '../../platform/auth/actor.ts';
import type { DataKeyStore } from '../../platform/crypto/data-keys.ts';
import { decryptField, encryptField } from '../../platform/crypto/envelope.ts';
import type { Database } from '../../platform/db/database.ts';
import type { RequestOrigin } from '../../platform/http/request-input.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import { isWebhookEventType, type WebhookEventType, type WebhookReferences, webhookEventFor } from './webhooks.events.ts';
import { type AttemptRow, createWebhooksRepository, type MessageRow, type SubscriptionRow } from './webhooks.repository.ts';
import { DEFAULT_DELIVERY_POLICY, type DeliveryPolicy, nextStep } from './webhooks.retry.ts';
import { type DeliveryOutcome, sendWebhook } from './webhooks.sender.ts';
import { checkTargetUrl, type Resolver, type TargetPolicy, type TargetProblem } from './webhooks.target.ts';

/** Sends the job that runs a delivery attempt at `at` (pg-boss in the server; see webhooks.jobs.ts). */
export type DeliveryQueue = (messageId: string, at: Date, manual: boolean) => Promise<void>;

export interface WebhooksDependencies {
  db: Database;
  dataKeys: DataKeyStore;
  audit: AuditLog;
  references: WebhookReferences;
  publicUrl: string;
  targets: TargetPolicy;
  delivery?: Partial<DeliveryPolicy>;
  resolve?: Resolver | undefined;
}

export interface SubscriptionSummary {
  id: string;
  agencyId: string;
  targetUrl: string;
  description: string;
  eventTypes: WebhookEventType[];
  enabled: boolean;
  createdAt: Date;
  disabledAt: Date | null;
}

export interface DeliveryLogEntry {
  message: Omit<MessageRow, 'body' | 'leaseUntil'>;
  attempts: AttemptRow[];
}

export type CreateProblem = { field: 'targetUrl'; problem: TargetProblem } | { field: 'eventTypes' | 'description' | 'agencyId'; problem: 'invalid' };

export interface CreateInput {
  agencyId: string;
  targetUrl: string;
  description: string;
  eventTypes: readonly string[];
}

export interface ChangedBy {
  actor: Actor;
  origin?: RequestOrigin | undefined;
}

/** Binds a sealed secret to its table, column and row: copied to another row, it does not open. */
const secretContext = (subscriptionId: string) => `webhook_subscription.secret_enc:${subscriptionId}`;

const DISPATCH_BATCH = 100;
/** A job that has not run this long after its message came due is presumed lost and sent again. */
const OVERDUE_MS = 60_000;

function summary(row: SubscriptionRow): SubscriptionSummary {
  return {
    id: row.id,
    agencyId: row.agencyId,
    targetUrl: row.targetUrl,
    description: row.description,
    eventTypes: row.eventTypes.filter(isWebhookEventType),
    enabled: row.enabled,
    createdAt: row.createdAt,
    disabledAt: row.disabledAt,
  };
}

/** A Standard Webhooks signing secret: `whsec_` and base64 of 32 random bytes. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

function newMessageId(): string {
  return `msg_${randomBytes(16).toString('hex')}`;
}

function hasControlCharacters(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * Webhooks for agency systems: subscriptions per agency, fan-out of outbox events to them, signed
 * delivery attempts with retries, the delivery log and manual redelivery. Every read and change is
 * scoped to the agencies in which the actor holds `webhook.manage`; other agencies' records do not
 * exist for them (undefined / false, never an error that tells them apart).
 */
export function createWebhooksService(deps: WebhooksDependencies) {
  const { db, dataKeys, audit, references, publicUrl, targets } = deps;
  const repository = createWebhooksRepository(db);
  const policy: DeliveryPolicy = { ...DEFAULT_DELIVERY_POLICY, ...deps.delivery };
  const now = () => new Date();
  let queue: DeliveryQueue | undefined;

  const scope = (actor: Actor): string[] => {
    const agencies = agenciesFor(actor, 'webhook.manage');
    return agencies === 'all' ? [] : agencies;
  };
  const auditActor = (actor: Actor, agencyId: string) => ({
    accountId: actor.kind === 'anonymous' ? null : actor.accountId,
    role: 'agency_admin',
    agencyId,
  });

  async function ownSubscription(actor: Actor, id: string): Promise<SubscriptionRow | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await repository.subscription(id);
    return row && scope(actor).includes(row.agencyId) ? row : undefined;
  }

  async function enqueue(messageId: string, at: Date, manual = false): Promise<void> {
    // Without a queue (a node that runs no jobs) the message waits for a jobs node's sweep.
    await queue?.(messageId, at, manual);
  }

  async function secretOf(row: SubscriptionRow): Promise<string> {
    const key = await dataKeys.open(row.dataKeyId);
    return decryptField(key, row.secretEnc, secretContext(row.id));
  }

  async function signAndSend(subscription: SubscriptionRow, message: MessageRow): Promise<DeliveryOutcome> {
    const timestamp = now();
    const signature = new Webhook(await secretOf(subscription)).sign(message.id, timestamp, message.body);
    return sendWebhook({
      url: subscription.targetUrl,
      body: message.body,
      timeoutMs: policy.timeoutMs,
      policy: targets,
      resolve: deps.resolve,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Loket-Webhooks/1',
        'webhook-id': message.id,
        'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
        'webhook-signature': signature,
      },
    });
  }

  return {
    /** Where delivery jobs go; set once the job system runs. */
    attachQueue(send: DeliveryQueue): void {
      queue = send;
    },

    /** The agencies whose webhooks the actor manages. */
    agenciesOf(actor: Actor): string[] {
      return scope(actor);
    },

    /**
     * Subscribes a target URL of one of the actor's agencies to event types. The signing secret is
     * returned here only; it is kept sealed. Problems name the field at fault; nothing is stored then.
     */
    async create(input: CreateInput, by: ChangedBy): Promise<{ ok: true; id: string; secret: string } | { ok: false; problems: CreateProblem[] }> {
      const actor = by.actor;
      if (actor.kind === 'anonymous') return { ok: false, problems: [{ field: 'agencyId', problem: 'invalid' }] };
      const problems: CreateProblem[] = [];
      // In the order of the form's fields, so that the error summary reads top to bottom.
      if (!scope(actor).includes(input.agencyId)) problems.push({ field: 'agencyId', problem: 'invalid' });
      const target = await checkTargetUrl(input.targetUrl, targets, deps.resolve);
      if (!target.ok) problems.push({ field: 'targetUrl', problem: target.problem });
      const description = input.description.trim();
      if (description.length > 200 || hasControlCharacters(description) || !description.isWellFormed())
        problems.push({ field: 'description', problem: 'invalid' });
      const eventTypes = [...new Set(input.eventTypes)];
      if (eventTypes.length === 0 || !eventTypes.every(isWebhookEventType)) problems.push({ field: 'eventTypes', problem: 'invalid' });
      if (problems.length > 0 || !target.ok) return { ok: false, problems };

      const secret = newSigningSecret();
      const id = await db.transaction().execute(async (trx) => {
        const dataKey = await dataKeys.create(trx);
        const subscriptionId = crypto.randomUUID();
        await repository.insertSubscription(
          {
            id: subscriptionId,
            agencyId: input.agencyId,
            targetUrl: target.url,
            description,
            eventTypes,
            dataKeyId: dataKey.id,
            secretEnc: encryptField(dataKey.key, secret, secretContext(subscriptionId)),
            createdBy: actor.accountId,
          },
          trx,
        );
        await audit.record(
          {
            actor: auditActor(by.actor, input.agencyId),
            action: 'webhook.subscription_created',
            subject: { type: 'webhook_subscription', id: subscriptionId },
            ip: by.origin?.ip,
            requestId: by.origin?.requestId,
            details: { eventTypes },
          },
          trx,
        );
        return subscriptionId;
      });
      return { ok: true, id, secret };
    },

    async list(actor: Actor): Promise<SubscriptionSummary[]> {
      return (await repository.subscriptionsOf(scope(actor))).map(summary);
    },

    async get(actor: Actor, id: string): Promise<SubscriptionSummary | undefined> {
      const row = await ownSubscription(actor, id);
      return row ? summary(row) : undefined;
    },

    /** Turns a subscription on or off; false when it is not the actor's or already in that state. */
    async setEnabled(id: string, enabled: boolean, by: ChangedBy): Promise<boolean> {
      const row = await ownSubscription(by.actor, id);
      if (!row) return false;
      return db.transaction().execute(async (trx) => {
        if (!(await repository.setEnabled(id, enabled, trx))) return false;
        await audit.record(
          {
            actor: auditActor(by.actor, row.agencyId),
            action: enabled ? 'webhook.subscription_enabled' : 'webhook.subscription_disabled',
            subject: { type: 'webhook_subscription', id },
            ip: by.origin?.ip,
            requestId: by.origin?.requestId,
          },
          trx,
        );
        return true;
      });
    },

    /** The latest messages of a subscription with every attempt, newest first. */
    async deliveryLog(actor: Actor, subscriptionId: string): Promise<DeliveryLogEntry[] | undefined> {
      if (!(await ownSubscription(actor, subscriptionId))) return undefined;
      const messages = await repository.messagesOf(subscriptionId);
      const attempts = await repository.attemptsOf(messages.map((message) => message.id));
      return messages.map(({ body: _body, leaseUntil: _lease, ...message }) => ({
        message,
        attempts: attempts.filter((attempt) => attempt.messageId === message.id),
      }));
    },

    /**
     * Sends a past message again: the same webhook-id and body, a fresh timestamp and signature, and
     * a fresh set of attempts. False when the message is not the actor's, its subscription is
     * disabled, or an attempt is running right now.
     */
    async redeliver(messageId: string, by: ChangedBy, subscriptionId?: string): Promise<boolean> {
      if (!/^msg_[a-f0-9]{32}$/.test(messageId)) return false;
      const message = await repository.message(messageId);
      if (!message || (subscriptionId !== undefined && message.subscriptionId !== subscriptionId)) return false;
      const subscription = await ownSubscription(by.actor, message.subscriptionId);
      if (!subscription?.enabled) return false;
      const at = now();
      const reopened = await db.transaction().execute(async (trx) => {
        if (!(await repository.reopen(messageId, at, trx))) return false;
        await audit.record(
          {
            actor: auditActor(by.actor, message.agencyId),
            action: 'webhook.redelivered',
            subject: { type: 'webhook_message', id: messageId },
            ip: by.origin?.ip,
            requestId: by.origin?.requestId,
            details: { subscriptionId: message.subscriptionId },
          },
          trx,
        );
        return true;
      });
      if (reopened) await enqueue(messageId, at, true);
      return reopened;
    },

    /**
     * Fans captured outbox events out to the enabled subscriptions of the event's own agency, one
     * message each, and queues their first attempts. Safe on every node at once: each batch locks
     * its inbox rows and skips those another node holds. Returns how many events it handled.
     */
    async dispatchPending(): Promise<number> {
      let handled = 0;
      for (;;) {
        const at = now();
        const { count, created } = await db.transaction().execute(async (trx) => {
          const events = await repository.lockInbox(DISPATCH_BATCH, trx);
          const made: string[] = [];
          for (const event of events) {
            if (event.agencyId === null) continue;
            const built = await webhookEventFor({ ...event, agencyId: event.agencyId, payload: event.payload }, references, publicUrl);
            if (!built) continue;
            for (const subscription of await repository.subscribers(event.agencyId, built.type, trx)) {
              const id = newMessageId();
              const inserted = await repository.insertMessage(
                {
                  id,
                  subscriptionId: subscription.id,
                  agencyId: event.agencyId,
                  eventType: built.type,
                  outboxEventId: event.id,
                  body: built.body,
                  nextAttemptAt: at,
                  createdAt: at,
                  updatedAt: at,
                },
                trx,
              );
              if (inserted) made.push(id);
            }
          }
          await repository.clearInbox(
            events.map((event) => event.id),
            trx,
          );
          return { count: events.length, created: made };
        });
        for (const id of created) await enqueue(id, at);
        handled += count;
        if (count < DISPATCH_BATCH) return handled;
      }
    },

    /** Queues again the due messages whose job went missing; returns how many. */
    async requeueOverdue(): Promise<number> {
      const at = now();
      const ids = await repository.overdue(new Date(at.getTime() - OVERDUE_MS), at, 500);
      for (const id of ids) await enqueue(id, at);
      return ids.length;
    },

    /**
     * Runs one delivery attempt of a due message, logs it, and schedules the next one or settles the
     * message. Does nothing when the message is not due or another node holds it.
     */
    async attempt(messageId: string, manual = false): Promise<'skipped' | 'delivered' | 'failed' | 'retrying'> {
      const started = now();
      const claimed = await repository.claim(messageId, started, new Date(started.getTime() + policy.timeoutMs + 30_000));
      if (!claimed) return 'skipped';
      const subscription = await repository.subscription(claimed.subscriptionId);
      const log = { messageId: claimed.id, agencyId: claimed.agencyId, attempt: claimed.attempts, manual, attemptedAt: started };
      if (!subscription?.enabled) {
        await repository.settle(
          claimed.id,
          { state: 'failed', nextAttemptAt: null, lastStatusCode: null, lastErrorClass: 'subscription_disabled', now: started },
          { ...log, durationMs: 0, statusCode: null, errorClass: 'subscription_disabled', nextAttemptAt: null },
        );
        return 'failed';
      }
      const outcome = await signAndSend(subscription, claimed).catch(
        // A secret that no longer opens (a destroyed data key) must not wedge the message: the attempt
        // counts, and the message fails once the attempts run out.
        (): DeliveryOutcome => ({ kind: 'error', errorClass: 'internal', durationMs: 0 }),
      );
      const step = nextStep(outcome, claimed.attempts, policy);
      const finished = now();
      const nextAttemptAt = step.state === 'pending' ? new Date(finished.getTime() + step.delayMs) : null;
      const statusCode = outcome.kind === 'response' ? outcome.statusCode : null;
      const errorClass = outcome.kind === 'error' ? outcome.errorClass : statusCode !== null && (statusCode < 200 || statusCode >= 300) ? 'http_status' : null;
      await repository.settle(
        claimed.id,
        { state: step.state, nextAttemptAt, lastStatusCode: statusCode, lastErrorClass: errorClass, now: finished },
        { ...log, durationMs: outcome.durationMs, statusCode, errorClass, nextAttemptAt },
      );
      if (nextAttemptAt) {
        await enqueue(claimed.id, nextAttemptAt);
        return 'retrying';
      }
      return step.state === 'delivered' ? 'delivered' : 'failed';
    },
  };
}

export type WebhooksService = ReturnType<typeof createWebhooksService>;

import { randomUUID } from 'node:crypto';
import type { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { DataKeyStore } from '../crypto/data-keys.ts';
import { DecryptionError, decryptField, encryptField } from '../crypto/envelope.ts';
import type { Database } from '../db/database.ts';
import type { Locale, MessageKey } from '../i18n/index.ts';
import { type ClaimedNotification, createNotifyRepository, type NotificationRow } from './notify.repository.ts';
import { type Channels, closeChannels, type OutgoingMessage, safeReason } from './notify.sender.ts';
import type { NotificationChannel, NotificationStatus } from './notify.tables.ts';
import {
  isNotificationKind,
  type NotificationKind,
  type NotificationParams,
  renderNotification,
  TemplateError,
  templateLabel,
  templateParams,
} from './notify.templates.ts';

export const DELIVER_QUEUE = 'notify.deliver';
export const SWEEP_QUEUE = 'notify.sweep';

export interface RetryPolicy {
  /** Attempts before a message is given up (status dead). */
  maxAttempts: number;
  /** Wait after the first failed attempt; doubles after each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long a claim lasts: a node that stops mid-attempt loses the message to the sweep after this. */
  claimMs: number;
}

/** 8 attempts over about an hour (30 s, 1, 2, 4, 8, 16, 32 min). */
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 30_000, maxDelayMs: 3_600_000, claimMs: 300_000 };

/** Only ids, kinds, channels, attempt counts and reasons are ever logged: never a recipient, a parameter or a text. */
export type NotifyLog = Pick<Logger, 'info' | 'warn' | 'error'>;

export interface NotificationRequest<K extends NotificationKind> {
  kind: K;
  channel: NotificationChannel;
  /** An e-mail address or a phone number (+62…), normalised by the caller. Stored encrypted. */
  recipient: string;
  locale: Locale;
  /** The template's parameters; a one-time code may be one of them (stored for delivery, never logged). */
  params: NotificationParams<K>;
}

/** What one call to deliver did. `nothing-due`: already delivered, claimed by another node, waiting to retry, or never committed. */
export type DeliveryOutcome = 'sent' | 'mailbox' | 'retrying' | 'dead' | 'failed' | 'nothing-due';

/** The job saw the enqueuing transaction still open: pg-boss retries the job shortly. */
export class NotCommittedYetError extends Error {
  constructor(readonly notificationId: string) {
    super(`notification ${notificationId}: its transaction has not committed yet`);
    this.name = 'NotCommittedYetError';
  }
}

export interface MailboxEntry {
  id: string;
  kind: string;
  label: MessageKey | undefined;
  channel: NotificationChannel;
  locale: Locale;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  /** Undefined when it cannot be decrypted or rendered (an old kind, a destroyed key). */
  recipient: string | undefined;
  subject: string | undefined;
  text: string | undefined;
}

export interface NotifierOptions {
  db: Database;
  dataKeys: DataKeyStore;
  /** Delivers right after commit. Without it (or until attachQueue), messages wait for the sweep job. */
  boss?: PgBoss | undefined;
  channels: Channels;
  log: NotifyLog;
  /** Development only: a message for a channel that is not configured is kept for /dev/mailbox instead of failing. */
  devMailbox?: boolean;
  retry?: Partial<RetryPolicy>;
}

export interface Notifier {
  /**
   * Writes a message into the outbox in the caller's transaction `trx`: it exists exactly when that
   * transaction commits, and a rollback leaves nothing to send. Delivery follows in a job. Throws
   * TemplateError (unknown kind, missing or malformed parameter) before writing anything.
   */
  enqueue<K extends NotificationKind>(request: NotificationRequest<K>, trx: Database): Promise<{ id: string }>;
  /**
   * Claims and sends one message if it is due. Safe to call from any number of nodes at once: one
   * claims, the others get `nothing-due`. Throws NotCommittedYetError when `xid` (the enqueuing
   * transaction) is still open, so that the job is retried.
   */
  deliver(id: string, xid?: string): Promise<DeliveryOutcome>;
  /** Claims and sends up to `limit` due messages (new, retrying, or abandoned by a stopped node); returns how many it tried. */
  deliverDue(limit?: number): Promise<number>;
  /** The newest messages, decrypted and rendered, for the development mailbox. Throws unless devMailbox is on. */
  mailbox(limit?: number): Promise<MailboxEntry[]>;
  /** Hands over the job system when it starts after the notifier (main.ts: its workers need the notifier). */
  attachQueue(boss: PgBoss): void;
  /** Closes the channels (the SMTP connection pool). */
  close(): Promise<void>;
}

const DELIVER_BATCH = 10;

const recipientContext = (id: string) => `notification.recipient:${id}`;

/**
 * The notification platform: a transactional outbox (migrations/0006_notifications.sql) for e-mail, SMS
 * and WhatsApp, delivered by pg-boss jobs with retries and exponential backoff, at most one sender per
 * message across nodes. Give it only configured channels (channelsFromConfig).
 */
export function createNotifier({ db, dataKeys, boss, channels, log, devMailbox = false, retry = {} }: NotifierOptions): Notifier {
  const repo = createNotifyRepository(db);
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...retry };
  let queue = boss;

  /** A wake-up for the deliver job. Never awaited by callers: if it is lost, the sweep finds the row. */
  function wake(data: { id: string; xid?: string }, startAfterSeconds = 0) {
    if (!queue) return;
    queue.send(DELIVER_QUEUE, data, startAfterSeconds > 0 ? { startAfter: startAfterSeconds } : {}).catch((error: unknown) => {
      log.warn({ id: data.id, reason: safeReason(error) }, 'notification job not queued; the sweep will deliver it');
    });
  }

  async function prepare(claim: ClaimedNotification): Promise<OutgoingMessage> {
    const rendered = renderNotification(claim.kind, claim.channel, claim.locale, claim.params);
    const key = await dataKeys.open(claim.dataKeyId);
    return { id: claim.id, channel: claim.channel, to: decryptField(key, claim.recipient, recipientContext(claim.id)), ...rendered };
  }

  async function retryOrGiveUp(claim: ClaimedNotification, reason: string, about: object): Promise<DeliveryOutcome> {
    if (claim.attempts >= policy.maxAttempts) {
      await repo.finish(claim, { status: 'dead', lastError: reason });
      log.error({ ...about, reason }, 'notification dead: every attempt failed');
      return 'dead';
    }
    const delayMs = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (claim.attempts - 1));
    await repo.finish(claim, { status: 'pending', lastError: reason, retryInMs: delayMs });
    log.warn({ ...about, reason, retryInSeconds: delayMs / 1000 }, 'notification attempt failed; will retry');
    wake({ id: claim.id }, Math.ceil(delayMs / 1000));
    return 'retrying';
  }

  async function attempt(claim: ClaimedNotification): Promise<DeliveryOutcome> {
    const about = { id: claim.id, kind: claim.kind, channel: claim.channel, attempt: claim.attempts };
    if (claim.attempts > policy.maxAttempts) {
      // The node making the last attempt stopped before recording its outcome.
      await repo.finish(claim, { status: 'dead', lastError: 'last attempt never finished' });
      log.error(about, 'notification dead: every attempt failed');
      return 'dead';
    }
    let message: OutgoingMessage;
    try {
      message = await prepare(claim);
    } catch (error) {
      // A template or a ciphertext will not change by waiting; a database hiccup (opening the key) might.
      if (!(error instanceof TemplateError || error instanceof DecryptionError)) return retryOrGiveUp(claim, safeReason(error), about);
      const reason = error instanceof TemplateError ? error.reason : 'recipient cannot be decrypted';
      await repo.finish(claim, { status: 'failed', lastError: reason });
      log.error({ ...about, reason }, 'notification cannot be sent');
      return 'failed';
    }
    const sender = channels[claim.channel];
    if (!sender) {
      if (devMailbox) {
        await repo.finish(claim, { status: 'sent', lastError: null });
        log.info(about, 'notification kept in the development mailbox (channel not configured)');
        return 'mailbox';
      }
      const reason = `channel ${claim.channel} is not configured (${claim.channel === 'email' ? 'LOKET_SMTP_URL' : 'LOKET_MESSAGE_GATEWAY_URL'})`;
      await repo.finish(claim, { status: 'failed', lastError: reason });
      log.error({ ...about, reason }, 'notification cannot be sent');
      return 'failed';
    }
    try {
      await sender.send(message);
    } catch (error) {
      return retryOrGiveUp(claim, safeReason(error), about);
    }
    // If this update is lost (database away), the claim expires and the message is sent again: at least
    // once, never silently dropped. The id travels with the message so a receiver can drop the repeat.
    const recorded = await repo.finish(claim, { status: 'sent', lastError: null });
    if (recorded) log.info(about, 'notification sent');
    else log.warn(about, 'notification sent after its claim expired');
    return 'sent';
  }

  async function entry(row: NotificationRow): Promise<MailboxEntry> {
    let recipient: string | undefined;
    let rendered: { subject: string | undefined; text: string | undefined } = { subject: undefined, text: undefined };
    try {
      recipient = decryptField(await dataKeys.open(row.dataKeyId), row.recipient, recipientContext(row.id));
      rendered = renderNotification(row.kind, row.channel, row.locale, row.params);
    } catch {
      // Shown as unreadable on the page; the rest of the list still renders.
    }
    const { id, kind, channel, locale, status, attempts, lastError, createdAt, sentAt } = row;
    return { id, kind, label: templateLabel(kind), channel, locale, status, attempts, lastError, createdAt, sentAt, recipient, ...rendered };
  }

  return {
    async enqueue(request, trx) {
      const { kind, channel, recipient, locale } = request;
      if (!isNotificationKind(kind)) throw new TemplateError(`unknown kind ${kind}`);
      const params = templateParams(kind, request.params);
      // Render once now, so that a bad parameter fails the caller's request instead of a job later.
      renderNotification(kind, channel, locale, params);
      if (recipient.trim() === '') throw new TemplateError(`recipient missing for ${kind}`);

      const id = randomUUID();
      const dataKey = await dataKeys.create(trx);
      const { xid } = await repo.insert(
        {
          id,
          kind,
          channel,
          recipient: encryptField(dataKey.key, recipient.trim(), recipientContext(id)),
          dataKeyId: dataKey.id,
          locale,
          params: JSON.stringify(params),
        },
        trx,
      );
      log.info({ id, kind, channel }, 'notification queued');
      wake({ id, xid });
      return { id };
    },

    async deliver(id, xid) {
      const claim = await repo.claim(id, policy.claimMs);
      if (claim) return attempt(claim);
      if (xid === undefined) return 'nothing-due';
      const state = await repo.transactionStatus(xid);
      if (state === 'in progress') throw new NotCommittedYetError(id);
      if (state === 'committed') {
        // It may have committed between the claim and the status check.
        const late = await repo.claim(id, policy.claimMs);
        if (late) return attempt(late);
      }
      return 'nothing-due';
    },

    async deliverDue(limit = 100) {
      const claims = await repo.claimDue(limit, policy.claimMs);
      for (let start = 0; start < claims.length; start += DELIVER_BATCH) {
        const batch = claims.slice(start, start + DELIVER_BATCH);
        const results = await Promise.allSettled(batch.map(attempt));
        results.forEach((result, index) => {
          if (result.status === 'rejected') {
            // Its claim expires and a later sweep tries again.
            log.error({ id: batch[index]?.id, reason: safeReason(result.reason) }, 'notification attempt interrupted');
          }
        });
      }
      return claims.length;
    },

    async mailbox(limit = 50) {
      if (!devMailbox) throw new Error('the development mailbox is off');
      return Promise.all((await repo.newest(limit)).map(entry));
    },

    attachQueue(jobs) {
      queue = jobs;
    },

    async close() {
      await closeChannels(channels);
    },
  };
}

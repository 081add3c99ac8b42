import type { PgBoss } from 'pg-boss';
import type { JobDefinition } from '../../platform/jobs/jobs.ts';
import type { WebhooksService } from './webhooks.service.ts';

export const WEBHOOK_DELIVERY_QUEUE = 'webhooks.deliver';
export const WEBHOOK_SWEEP_QUEUE = 'webhooks.sweep';

function messageIdOf(data: unknown): { messageId: string; manual: boolean } | undefined {
  const { messageId, manual } = (data ?? {}) as { messageId?: unknown; manual?: unknown };
  return typeof messageId === 'string' ? { messageId, manual: manual === true } : undefined;
}

/**
 * One job per delivery attempt, sent for the moment the attempt is due. Retries are the service's
 * (its backoff honours Retry-After, which pg-boss's cannot), so the queue itself never retries; a
 * job lost with its node is found by the sweep, and a duplicate job finds the message leased or
 * settled and does nothing. The sweep also fans out events when the per-node dispatcher is off.
 */
export function webhookJobDefinitions(webhooks: Pick<WebhooksService, 'attempt' | 'dispatchPending' | 'requeueOverdue'>): JobDefinition[] {
  return [
    {
      name: WEBHOOK_DELIVERY_QUEUE,
      batchSize: 5,
      queue: { retryLimit: 0, expireInSeconds: 120 },
      handler: async (data) => {
        const job = messageIdOf(data);
        if (job) await webhooks.attempt(job.messageId, job.manual);
      },
    },
    {
      name: WEBHOOK_SWEEP_QUEUE,
      cron: '* * * * *',
      queue: { retryLimit: 0 },
      handler: async () => {
        await webhooks.dispatchPending();
        await webhooks.requeueOverdue();
      },
    },
  ];
}

/** Connects the service's delivery queue to pg-boss. */
export function webhookQueue(boss: PgBoss) {
  return async (messageId: string, at: Date, manual: boolean): Promise<void> => {
    await boss.send(WEBHOOK_DELIVERY_QUEUE, { messageId, manual }, { startAfter: at });
  };
}

/**
 * Fans out new events promptly: each node polls the (usually empty) inbox every `intervalMs`.
 * Nodes never take the same event (the service locks and skips), so every node may run it.
 */
export function startWebhookDispatcher(webhooks: Pick<WebhooksService, 'dispatchPending'>, onError: (error: unknown) => void, intervalMs = 1_000) {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    webhooks
      .dispatchPending()
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return {
    stop(): void {
      clearInterval(timer);
    },
  };
}

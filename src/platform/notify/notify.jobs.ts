import type { JobDefinition } from '../jobs/jobs.ts';
import { DELIVER_QUEUE, type Notifier, SWEEP_QUEUE } from './notify.service.ts';

/** Ids only: pg-boss keeps job data in clear in its own tables. */
function deliverJob(data: unknown): { id: string; xid?: string } | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { id, xid } = data as { id?: unknown; xid?: unknown };
  if (typeof id !== 'string') return undefined;
  return typeof xid === 'string' ? { id, xid } : { id };
}

/** A sweep stops taking new batches after this, so that the next minute's run is not still waiting on it. */
const SWEEP_BUDGET_MS = 45_000;
const SWEEP_BATCH = 100;

/**
 * The notification jobs, for startJobs: `notify.deliver` sends one message right after its transaction
 * commits (and at each retry); `notify.sweep` runs every minute and sends whatever is due and has no job
 * (a job lost with a stopped node, a node without the job system, a claim left by a crash).
 */
export function notifyJobDefinitions(notifier: Notifier): JobDefinition[] {
  return [
    {
      name: DELIVER_QUEUE,
      // Retries only for "transaction still open" and database errors; failed sends are retried by the
      // notifier itself, on the backoff kept in the notification row.
      queue: { retryLimit: 5, retryDelay: 1, retryBackoff: true, retryDelayMax: 30 },
      batchSize: 10,
      handler: async (data) => {
        const job = deliverJob(data);
        if (job) await notifier.deliver(job.id, job.xid);
      },
    },
    {
      name: SWEEP_QUEUE,
      cron: '* * * * *',
      handler: async () => {
        const started = Date.now();
        while ((await notifier.deliverDue(SWEEP_BATCH)) === SWEEP_BATCH && Date.now() - started < SWEEP_BUDGET_MS);
      },
    },
  ];
}

import type { JobDefinition } from '../../platform/jobs/jobs.ts';
import type { Exchange } from './exchange.module.ts';
import { FETCH_QUEUE } from './exchange.queue.ts';

/** Ids only: pg-boss keeps job data in clear in its own tables. */
function fetchId(data: unknown): string | undefined {
  const id = (data as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * `exchange.fetch` runs one queued fetch (a retry is a new job sent with its backoff, so the handler
 * does not throw for an unavailable provider); the sweep picks up fetches whose job was lost and
 * forgets expired assertion ids.
 */
export function exchangeJobDefinitions(exchange: Pick<Exchange, 'queue' | 'clients'>): JobDefinition[] {
  return [
    {
      name: FETCH_QUEUE,
      queue: { retryLimit: 3, retryDelay: 5, retryBackoff: true },
      batchSize: 5,
      handler: async (data) => {
        const id = fetchId(data);
        if (id) await exchange.queue.runFetch(id);
      },
    },
    {
      name: 'exchange.sweep',
      cron: '* * * * *',
      queue: { retryLimit: 0 },
      handler: async () => {
        await exchange.queue.runDue(100);
        await exchange.clients.purgeExpiredJtis();
      },
    },
  ];
}

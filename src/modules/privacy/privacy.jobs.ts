import type { JobDefinition } from '../../platform/jobs/jobs.ts';
import type { RetentionService } from './retention.service.ts';

export const RETENTION_QUEUE = 'privacy.retention';

/**
 * The daily retention run, at 02:30 UTC (09:30 WIB, after the night's rollups). pg-boss fires it once
 * across nodes; a failed run retries twice, and what a run leaves (batch limit) the next one takes.
 */
export function privacyJobDefinitions(retention: Pick<RetentionService, 'run'>): JobDefinition[] {
  return [
    {
      name: RETENTION_QUEUE,
      cron: '30 2 * * *',
      queue: { retryLimit: 2, retryDelay: 300 },
      handler: async () => {
        await retention.run(new Date());
      },
    },
  ];
}

import type { JobDefinition } from '../../platform/jobs/jobs.ts';
import type { TransparencyService } from './transparency.service.ts';

export const TRANSPARENCY_FOLD_QUEUE = 'transparency.fold';

/**
 * Every minute, fold new work into the dashboard's rollups (the first runs backfill what is already
 * there, 40 s at a time). Overlapping runs on two nodes are safe: each batch holds the watermark's row
 * lock. No retries: the next minute's run is one.
 */
export function transparencyJobDefinitions(transparency: Pick<TransparencyService, 'fold'>): JobDefinition[] {
  return [
    {
      name: TRANSPARENCY_FOLD_QUEUE,
      cron: '* * * * *',
      queue: { retryLimit: 0 },
      handler: async () => {
        await transparency.fold({ budgetMs: 40_000 });
      },
    },
  ];
}

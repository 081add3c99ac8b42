import type { JobDefinition } from '../../platform/jobs/jobs.ts';
import type { ConsentService } from './consent.service.ts';

/**
 * Attaches the results of once-only fetches that were queued while a provider was unavailable, once
 * the exchange's queue has them (pages also attach them when they read the fetch).
 */
export function consentJobDefinitions(consents: Pick<ConsentService, 'attachArrived'>): JobDefinition[] {
  return [
    {
      name: 'consent.attach-arrived',
      cron: '* * * * *',
      queue: { retryLimit: 0 },
      handler: async () => {
        await consents.attachArrived(200);
      },
    },
  ];
}

import type { JobDefinition } from '../../platform/jobs/jobs.ts';
import type { ComplaintsService } from './complaints.contract.ts';

export const COMPLAINT_SWEEP_QUEUE = 'complaints.sla-sweep';

/**
 * The complaints clock's timer: every minute, one node (pg-boss fires a cron schedule once across
 * nodes) fires the warnings, breaches, escalations and auto-closes that came due. A second sweep at
 * the same time would be harmless: complaint_alert's primary key lets each fire once. No retries: the
 * next minute's run is one.
 */
export function complaintJobDefinitions(complaints: Pick<ComplaintsService, 'sweep'>): JobDefinition[] {
  return [
    {
      name: COMPLAINT_SWEEP_QUEUE,
      cron: '* * * * *',
      queue: { retryLimit: 0 },
      handler: async () => {
        await complaints.sweep(new Date());
      },
    },
  ];
}

import type { JobDefinition } from '../../platform/jobs/jobs.ts';
import type { SlaService } from './sla.service.ts';

export const SLA_SWEEP_QUEUE = 'workflow.sla-sweep';

/**
 * The SLA clock's timer: every minute, one node (pg-boss fires a cron schedule once across nodes)
 * fires the warnings, breaches and escalations that came due. A second sweep at the same time would be
 * harmless: sla_alert's primary key lets each alert fire once. No retries: the next minute's run is one.
 */
export function slaJobDefinitions(sla: SlaService): JobDefinition[] {
  return [
    {
      name: SLA_SWEEP_QUEUE,
      cron: '* * * * *',
      queue: { retryLimit: 0 },
      handler: async () => {
        await sla.sweep(new Date());
      },
    },
  ];
}

import { describe, expect, it } from 'vitest';
import { SLA_SWEEP_QUEUE, slaJobDefinitions } from './sla.jobs.ts';

describe('the SLA job', () => {
  it('sweeps every minute with the current time', async () => {
    const calls: Date[] = [];
    const [job, ...others] = slaJobDefinitions({
      sweep: async (now) => {
        calls.push(now ?? new Date(0));
        return { warnings: 0, breaches: 0, escalations: 0 };
      },
    });
    expect(others).toEqual([]);
    expect(job).toMatchObject({ name: SLA_SWEEP_QUEUE, cron: '* * * * *' });
    const before = Date.now();
    await job?.handler({});
    expect(calls).toHaveLength(1);
    expect(calls[0]?.getTime()).toBeGreaterThanOrEqual(before);
  });
});

import { describe, expect, it } from 'vitest';
import { privacyJobDefinitions, RETENTION_QUEUE } from './privacy.jobs.ts';

describe('the retention job', () => {
  it('runs the retention rules once a day, at the time it fires', async () => {
    const runs: Date[] = [];
    const [job, ...others] = privacyJobDefinitions({
      run: async (now) => {
        runs.push(now);
        return { counts: {}, unfinished: [] };
      },
    });
    expect(others).toEqual([]);
    expect(job?.name).toBe(RETENTION_QUEUE);
    expect(job?.cron).toBe('30 2 * * *');
    const before = Date.now();
    await job?.handler({});
    expect(runs).toHaveLength(1);
    expect(runs[0]?.getTime()).toBeGreaterThanOrEqual(before);
  });
});

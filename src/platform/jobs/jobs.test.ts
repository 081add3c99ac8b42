import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { startJobs } from './jobs.ts';

describe('jobs', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.drop());

  it('run each job exactly once across two nodes, report queue gauges, and stop cleanly', async () => {
    const runs: string[] = [];
    const definition = (node: string) => ({
      name: 'test.once',
      handler: async () => {
        runs.push(node);
      },
    });
    const nodeA = await startJobs({ databaseUrl: database.url, definitions: [definition('a')], onError: () => {} });
    const nodeB = await startJobs({ databaseUrl: database.url, definitions: [definition('b')], onError: () => {} });
    try {
      for (let i = 0; i < 5; i++) await nodeA.boss.send('test.once', { i });
      const deadline = Date.now() + 20_000;
      while (runs.length < 5 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
      // Give a duplicate the chance to show up before asserting there is none.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(runs).toHaveLength(5);

      const registry = new Registry();
      nodeA.metricsCollector(registry);
      expect(await registry.metrics()).toMatch(/loket_jobs\{queue="test.once",state="queued"\} 0/);
    } finally {
      await nodeA.stop();
      await nodeB.stop();
    }
  });

  it('drain a backlog in batches, each job settled on its own: a failing one is retried alone', async () => {
    const runs = new Map<number, number>();
    let failOnce = true;
    const definition = {
      name: 'test.batch',
      batchSize: 10,
      queue: { retryLimit: 2, retryDelay: 1 },
      handler: async (data: unknown) => {
        const i = (data as { i: number }).i;
        runs.set(i, (runs.get(i) ?? 0) + 1);
        if (i === 7 && failOnce) {
          failOnce = false;
          throw new Error('first attempt fails');
        }
      },
    };
    // The backlog: queued while no worker ran (a sender without workers), as after a restart.
    const sender = await startJobs({ databaseUrl: database.url, definitions: [{ ...definition, handler: async () => {} }], onError: () => {} });
    await sender.boss.offWork('test.batch');
    for (let i = 0; i < 35; i++) await sender.boss.send('test.batch', { i });
    await sender.stop();

    const node = await startJobs({ databaseUrl: database.url, definitions: [definition], onError: () => {} });
    try {
      const deadline = Date.now() + 20_000;
      while ((runs.size < 35 || runs.get(7) !== 2) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(runs.size).toBe(35);
      // The failed job ran again; its batch-mates did not.
      expect(runs.get(7)).toBe(2);
      expect([...runs.entries()].filter(([i, count]) => i !== 7 && count !== 1)).toEqual([]);
    } finally {
      await node.stop();
    }
  });
});

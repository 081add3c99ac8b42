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
});

import { type JobResult, PgBoss, type QueueOptions } from 'pg-boss';
import { Gauge, type Registry } from 'prom-client';

export interface JobDefinition {
  name: string;
  /** Cron expression (UTC) for recurring jobs. */
  cron?: string;
  /** Receives the job's data (what `boss.send` was given; nothing useful for cron runs). Throwing retries the job. */
  handler: (data: unknown) => Promise<void>;
  /** Retry and expiry of the queue when the pg-boss defaults (2 immediate retries) do not fit. */
  queue?: QueueOptions;
  /**
   * Jobs fetched at once (default 1). Above 1 a worker keeps fetching while batches come back full,
   * so a backlog (jobs queued while no node ran, or left by a stopped one) drains at the handler's
   * speed instead of one job per 2 s poll. Each job still succeeds or fails on its own.
   */
  batchSize?: number;
}

export interface Jobs {
  boss: PgBoss;
  metricsCollector(registry: Registry): void;
  stop(): Promise<void>;
}

export interface JobsOptions {
  databaseUrl: string;
  definitions: readonly JobDefinition[];
  onError: (error: Error) => void;
}

/**
 * Durable jobs and timers in PostgreSQL (pg-boss, schema `pgboss`). Every node may run workers:
 * pg-boss hands each job to exactly one, and a cron schedule fires once across all nodes.
 */
export async function startJobs({ databaseUrl, definitions, onError }: JobsOptions): Promise<Jobs> {
  const boss = new PgBoss({ connectionString: databaseUrl, schema: 'pgboss', max: 4, application_name: 'loket-jobs' });
  boss.on('error', onError);
  await boss.start();
  for (const definition of definitions) {
    await boss.createQueue(definition.name, definition.queue);
    const batchSize = definition.batchSize ?? 1;
    await boss.work(definition.name, { batchSize, burstWhenBatchFull: batchSize > 1, perJobResults: true }, async (jobs) => {
      const results: JobResult[] = [];
      // One failing job is retried alone; the others of its batch are done.
      for (const job of jobs) {
        try {
          await definition.handler(job.data);
          results.push({ id: job.id, status: 'completed' });
        } catch (error) {
          results.push({ id: job.id, status: 'failed', output: { message: error instanceof Error ? error.message : String(error) } });
        }
      }
      return results;
    });
    if (definition.cron) await boss.schedule(definition.name, definition.cron);
  }
  return {
    boss,
    metricsCollector(registry) {
      new Gauge({
        name: 'loket_jobs',
        help: 'Jobs by queue and state',
        labelNames: ['queue', 'state'] as const,
        registers: [registry],
        async collect() {
          const queues = await boss.getQueues().catch(() => []);
          for (const queue of queues) {
            this.set({ queue: queue.name, state: 'queued' }, queue.queuedCount);
            this.set({ queue: queue.name, state: 'active' }, queue.activeCount);
            this.set({ queue: queue.name, state: 'failed' }, queue.failedCount);
          }
        },
      });
    },
    async stop() {
      // Let running jobs finish; whatever is cut off is retried by the next node to start.
      await boss.stop({ graceful: true, timeout: 10_000 });
    },
  };
}

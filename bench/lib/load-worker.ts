/**
 * The load generator, in its own process so that it does not share an event loop with anything it
 * measures. Receives { url, connections, duration, spec } over IPC, answers a LoadResult.
 */
import autocannon from 'autocannon';
import { assertionsFor } from './assertions.ts';
import type { LoadResult, RequestSpec } from './types.ts';

interface Job {
  url: string;
  connections: number;
  duration: number;
  spec: RequestSpec;
}

function runJob({ url, connections, duration, spec }: Job): Promise<LoadResult> {
  let n = 0;
  const run = `${process.pid.toString(36)}${Date.now().toString(36)}`;
  const assertions = assertionsFor(spec, url, run);
  const request = {
    method: spec.method,
    setupRequest: (req: Record<string, unknown>) => {
      n += 1;
      const headers: Record<string, string> = { ...spec.headers, ...spec.headerSets?.[n % spec.headerSets.length] };
      if (spec.idempotencyKey) headers['idempotency-key'] = `bench-${run}-${n}`;
      if (assertions && spec.clientAssertion) headers[spec.clientAssertion.header] = assertions[n % assertions.length] as string;
      // 10.0.0.0/8 has room for 16 million addresses: none repeats within a run.
      if (spec.distinctClients) headers['x-forwarded-for'] = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
      const body = spec.bodies ? spec.bodies[n % spec.bodies.length] : spec.body;
      return { ...req, path: spec.paths[n % spec.paths.length], headers, ...(body === undefined ? {} : { body }) };
    },
  };
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration, requests: [request] }, (error: Error | null, result: autocannon.Result) => {
      if (error) return reject(error);
      const statusCodes: Record<string, number> = {};
      for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = (stat as { count: number }).count;
      const seconds = result.duration || duration;
      resolve({
        connections,
        durationSeconds: seconds,
        requests: result.requests.total,
        rps: result.requests.total / seconds,
        latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, mean: result.latency.average, max: result.latency.max },
        errors: result.errors,
        timeouts: result.timeouts,
        non2xx: result.non2xx,
        statusCodes,
      });
    });
  });
}

process.on('message', (job: Job) => {
  runJob(job).then(
    (result) => process.send?.({ ok: true, result }, () => process.exit(0)),
    (error: unknown) => process.send?.({ ok: false, error: String(error) }, () => process.exit(1)),
  );
});

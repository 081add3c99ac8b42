/**
 * The Loket benchmark (issue 6): starts Loket as in production on a database of its own, drives it
 * with autocannon from another process, measures the floors (F1 pgbench, F2 bare Fastify, F3 Fastify
 * plus one pg select) with the same client counts, and writes bench/results/<date>.json and the table
 * in bench/RESULTS.md.
 *
 *   npm run bench                     every scenario, 8 s per run, 1/16/64 clients
 *   npm run bench -- --quick          a smoke run (3 s per run)
 *   npm run bench -- --only S1,S3 --duration 20 --connections 16,64
 *   npm run bench -- --keep           keep the bench database afterwards (its name is printed)
 *   npm run bench -- --reuse NAME     measure again on a kept database and its fixtures (no set-up, kept after)
 *   npm run bench -- --max-old-space 256   cap the server's V8 heap (MB), as a container limit would
 *   npm run bench -- --scale 1m       the demo plus a million generated applications (loket seed --scale)
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseScale } from '../src/seed-scale/seed-scale.ts';
import { assertionsFor } from './lib/assertions.ts';
import { createDatabase, createFloorTables, databaseUrl, dropDatabase, postgresInfo, runPgbench } from './lib/database.ts';
import { sampleProcess } from './lib/proc.ts';
import { type Child, freePort, ROOT, runLoad, runNode, startNode, waitForOk } from './lib/processes.ts';
import { generateSecrets } from './lib/secrets.ts';
import type { Fixtures, Measurement, RequestSpec } from './lib/types.ts';
import { type BenchReport, writeReport } from './report.ts';
import { SCENARIOS, type Scenario } from './scenarios.ts';

const { values: options } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    duration: { type: 'string' },
    connections: { type: 'string' },
    keep: { type: 'boolean', default: false },
    // A database kept by --keep: a 10m-row set-up takes half an hour, the measurement minutes.
    reuse: { type: 'string' },
    'max-old-space': { type: 'string' },
    // Applications generated on top of the demo (loket seed --scale): 10k, 1m, 10m.
    scale: { type: 'string' },
  },
});

// 8 s per run keeps a full run (eight scenarios, their floors) under 10 minutes on this 2-core machine.
const duration = Number(options.duration ?? (options.quick ? 3 : 8));
const warmup = options.quick ? 1 : 3;
const connections = (options.connections ?? '1,16,64').split(',').map(Number);
const only = options.only?.split(',').map((s) => s.trim().toUpperCase());
const scenarios = SCENARIOS.filter((s) => !only || only.includes(s.id));
if (scenarios.length === 0) throw new Error(`no scenario matches --only ${options.only}`);
const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;

const log = (message: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

interface Probe {
  status: number;
  /** Mean body size over the probed requests: the size the F2/F3 floors answer with. */
  bytes: number;
  contentType: string;
  /** The start of the first answer, to see what the scenario gets (JSON answers only). */
  excerpt?: string;
  /** For JSON lists with a `total` (the catalogue search): how many hits each probed request got. */
  totals?: Record<string, number>;
}

/** Requests as the load generator would send them (the first ten), to check the scenario works and size its answers. */
async function probe(base: string, spec: RequestSpec): Promise<Probe> {
  const sizes: number[] = [];
  const totals: Record<string, number> = {};
  let first: Probe | undefined;
  const count = Math.min(10, Math.max(spec.paths.length, spec.bodies?.length ?? 0));
  const assertions = assertionsFor(spec, base, `probe${Date.now().toString(36)}`, count);
  for (let i = 0; i < count; i += 1) {
    const target = spec.paths[i % spec.paths.length] ?? '/';
    const payload = spec.bodies ? spec.bodies[i % spec.bodies.length] : spec.body;
    const headers: Record<string, string> = { ...spec.headers, ...spec.headerSets?.[i % spec.headerSets.length] };
    if (spec.idempotencyKey) headers['idempotency-key'] = `bench-probe-${Date.now()}-${i}`;
    if (spec.distinctClients) headers['x-forwarded-for'] = `10.255.255.${i}`;
    if (assertions && spec.clientAssertion) headers[spec.clientAssertion.header] = assertions[i] as string;
    const response = await fetch(`${base}${target}`, { method: spec.method, headers, ...(payload === undefined ? {} : { body: payload }) });
    const body = Buffer.from(await response.arrayBuffer());
    const contentType = response.headers.get('content-type') ?? 'text/html';
    if (response.status >= 300) log(`probe ${spec.method} ${target} answered ${response.status}: ${body.toString().slice(0, 300)}`);
    sizes.push(body.length);
    const total = contentType.includes('json') ? (JSON.parse(body.toString()) as { total?: unknown }).total : undefined;
    if (typeof total === 'number') totals[decodeURIComponent(target)] = total;
    first ??= { status: response.status, bytes: 0, contentType, ...(contentType.includes('json') ? { excerpt: body.toString().slice(0, 300) } : {}) };
  }
  if (!first) throw new Error('a scenario needs at least one path');
  return { ...first, bytes: Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length), ...(Object.keys(totals).length > 0 ? { totals } : {}) };
}

/**
 * The server's V8 heap (used and reserved), memory outside it, and RSS, from its /metrics (prom-client's
 * default metrics), read right after a run: tells live objects from heap V8 has not given back.
 */
async function heapOf(base: string): Promise<Measurement['heap']> {
  try {
    const text = await (await fetch(`${base}/metrics`)).text();
    const mb = (metric: string) => {
      const values = [...text.matchAll(new RegExp(`^${metric}(?:\\{[^}]*\\})? ([\\d.e+]+)$`, 'gm'))].map((m) => Number(m[1]));
      return values.length > 0 ? values.reduce((a, b) => a + b, 0) / 1024 ** 2 : Number.NaN;
    };
    return {
      usedMb: mb('nodejs_heap_size_used_bytes'),
      totalMb: mb('nodejs_heap_size_total_bytes'),
      externalMb: mb('nodejs_external_memory_bytes'),
      rssMb: mb('process_resident_memory_bytes'),
    };
  } catch {
    return undefined;
  }
}

/** Runs the load against a server process at each client count, sampling its CPU and memory. */
async function measure(name: string, base: string, pid: number, spec: RequestSpec, withHeap = false): Promise<Measurement[]> {
  await runLoad(base, 16, warmup, spec);
  const results: Measurement[] = [];
  for (const c of connections) {
    const sampler = sampleProcess(pid);
    const load = await runLoad(base, c, duration, spec);
    const server = sampler.stop();
    const heap = withHeap ? await heapOf(base) : undefined;
    log(
      `${name} c=${c}: ${load.rps.toFixed(0)} req/s, p99 ${load.latencyMs.p99} ms, non-2xx ${load.non2xx}, errors ${load.errors}, cpu ${server.cpuPercent.toFixed(0)}%, rss ${server.peakRssMb.toFixed(0)} MB`,
    );
    if (heap) log(`${name} c=${c}: heap used ${heap.usedMb.toFixed(0)} MB of ${heap.totalMb.toFixed(0)} MB, external ${heap.externalMb.toFixed(0)} MB`);
    results.push({ name, connections: c, load, server, ...(heap ? { heap } : {}) });
  }
  return results;
}

/** F2/F3: a bare Fastify process answering bodies of the page's size, measured like the scenario. */
async function fastifyFloor(kind: 'F2' | 'F3', bytes: number, contentType: string, dbUrl: string, fixtures: Fixtures): Promise<Measurement[]> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), FLOOR_BYTES: String(bytes), FLOOR_CONTENT_TYPE: contentType };
  if (kind === 'F3') Object.assign(env, { DATABASE_URL: dbUrl, FLOOR_IDS: fixtures.applicationIds.slice(0, 500).join(',') });
  const child = startNode('bench/floor-server.ts', [], env);
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitForOk(`${base}/`, child);
    return await measure(`${kind}(${bytes} B)`, base, child.pid, { method: 'GET', paths: ['/floor'] });
  } finally {
    await child.stop();
  }
}

async function main() {
  const startedAt = new Date();
  const loadAtStart = os.loadavg()[0] ?? 0;
  if (options.reuse !== undefined && !/^loket_bench_\d{14}$/.test(options.reuse))
    throw new Error(`--reuse takes a kept bench database name, not ${options.reuse}`);
  const reuse = options.reuse !== undefined;
  const dbName = options.reuse ?? `loket_bench_${startedAt.toISOString().replace(/\D/g, '').slice(0, 14)}`;
  const dbUrl = databaseUrl(dbName);
  const dataDir = path.join(os.tmpdir(), dbName);
  mkdirSync(dataDir, { recursive: true });
  // Kept with the data (mode 600, in the bench's own temporary directory): what set-up encrypted opens only with them.
  const secretsPath = path.join(dataDir, 'secrets.json');
  const secrets = reuse ? (JSON.parse(readFileSync(secretsPath, 'utf8')) as Record<string, string>) : generateSecrets();
  if (!reuse) writeFileSync(secretsPath, JSON.stringify(secrets), { mode: 0o600 });
  const common: NodeJS.ProcessEnv = {
    ...process.env,
    ...secrets,
    DATABASE_URL: dbUrl,
    LOKET_DATA_DIR: dataDir,
    LOKET_LOG_LEVEL: 'warn',
    // The per-address and per-account limits would cap the load generator long before Loket does.
    LOKET_RATE_LIMIT_MAX: '1000000',
    // As behind a reverse proxy: the load generator sends X-Forwarded-For, one address per request.
    LOKET_TRUST_PROXY: 'true',
  };
  let server: Child | undefined;
  log(`database ${dbName}${reuse ? ' (reused)' : ''}`);
  if (!reuse) await createDatabase(dbName);
  try {
    const fixturesPath = path.join(dataDir, 'fixtures.json');
    const scale = options.scale === undefined ? undefined : parseScale(options.scale);
    if (options.scale !== undefined && scale === undefined) throw new Error(`--scale takes a count such as 10k, 1m or 10m, not ${options.scale}`);
    if (!reuse) {
      log('setup: migrate, demo seed, citizens, officer session, documents (development mode, same secrets)');
      await runNode('bench/setup.ts', [fixturesPath], {
        ...common,
        NODE_ENV: 'development',
        LOKET_JOBS: 'false',
        LOKET_SEED_DEMO: 'false',
        ...(scale ? { BENCH_SCALE: String(scale) } : {}),
      });
    }
    const fixtures = JSON.parse(readFileSync(fixturesPath, 'utf8')) as Fixtures;
    log(
      `setup done: ${fixtures.applications} applications (seed ${fixtures.seedSeconds.toFixed(0)} s), ${fixtures.documentNumbers.length} issued documents, S1 files ${fixtures.submission.serviceCode}`,
    );

    for (const refusal of fixtures.refusedServices) log(`S1 cannot use ${refusal}`);
    const port = await freePort();
    const heapCap = options['max-old-space'] ? { NODE_OPTIONS: `--max-old-space-size=${Number(options['max-old-space'])}` } : {};
    server = startNode('src/cli.ts', ['serve'], {
      ...common,
      ...heapCap,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOKET_PUBLIC_URL: `http://127.0.0.1:${port}`,
    });
    const base = `http://127.0.0.1:${port}`;
    await waitForOk(`${base}/readyz`, server);
    const idleRssMb = sampleProcess(server.pid).stop().peakRssMb;
    log(`Loket (production) ready on ${base}, pid ${server.pid}, RSS ${idleRssMb.toFixed(0)} MB`);

    const measurements: Record<string, Measurement[]> = {};
    const probes: Record<string, Probe> = {};
    const floorFor: Record<string, string> = {};
    for (const scenario of scenarios) {
      const spec = scenario.request(fixtures);
      probes[scenario.id] = await probe(base, spec);
      measurements[scenario.id] = await measure(scenario.id, base, server.pid, spec, true);
    }
    await server.stop();
    server = undefined;

    // Floors after Loket has stopped, so that they do not share the machine with it.
    const writers = scenarios.filter((s) => s.floor === 'F1');
    const scripts = writers.length > 0 ? await createFloorTables(dbUrl, dataDir) : undefined;
    for (const scenario of writers) {
      // F1 is S1's submission script; another script is measured under the scenario's own key (F1:S6).
      const kind = scenario.f1Script ?? 'submission';
      const key = kind === 'submission' ? 'F1' : `F1:${scenario.id}`;
      floorFor[scenario.id] = key;
      if (!scripts || measurements[key]) continue;
      await runPgbench(dbUrl, scripts[kind], 16, warmup);
      const runs: Measurement[] = [];
      for (const c of connections) {
        const result = await runPgbench(dbUrl, scripts[kind], c, duration);
        log(`${key} c=${c}: ${result.tps.toFixed(0)} tps, latency avg ${result.latencyAvgMs} ms`);
        runs.push({ name: key, connections: c, pgbench: result });
      }
      measurements[key] = runs;
    }
    for (const scenario of scenarios.filter((s): s is Scenario & { floor: 'F2' | 'F3' } => s.floor !== 'F1')) {
      const { bytes, contentType } = probes[scenario.id] ?? { bytes: 1024, contentType: 'text/html' };
      const key = `${scenario.floor}:${scenario.id}`;
      measurements[key] = await fastifyFloor(scenario.floor, bytes, contentType, dbUrl, fixtures);
      floorFor[scenario.id] = key;
    }

    const report: BenchReport = {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      command,
      durationSeconds: duration,
      connections,
      serverHeapCapMb: options['max-old-space'] ? Number(options['max-old-space']) : null,
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? '?',
        memoryGb: os.totalmem() / 1024 ** 3,
        node: process.version,
        // Other work on the machine: the 1-minute load average before and after the run.
        loadAverage: { start: loadAtStart, end: os.loadavg()[0] ?? 0 },
        postgres: await postgresInfo(),
      },
      fixtures: {
        applications: fixtures.applications,
        seedSeconds: fixtures.seedSeconds,
        citizens: fixtures.citizenTokens.length,
        submissionService: fixtures.submission.serviceCode,
        submissionBytes: JSON.stringify({ service: fixtures.submission.serviceCode, answers: fixtures.submission.answers }).length,
        trackingNumbers: fixtures.trackingNumbers.length,
        documentNumbers: fixtures.documentNumbers.length,
        open311Keys: fixtures.open311Keys.length,
        publicComplaints: fixtures.publicComplaints.length,
        serverRssAtStartMb: Math.round(idleRssMb),
      },
      scenarios: scenarios.map((s) => ({
        id: s.id,
        title: s.title,
        floor: s.floor,
        floorKey: floorFor[s.id] ?? s.floor,
        targets: s.targets,
        probe: probes[s.id],
      })),
      measurements,
    };
    const file = writeReport(report, ROOT);
    log(`results: ${file} and bench/RESULTS.md`);
  } finally {
    await server?.stop();
    if (options.keep || reuse) log(`kept database ${dbName} and ${dataDir}`);
    else {
      await dropDatabase(dbName);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

await main();

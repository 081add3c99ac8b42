/**
 * Cost of the officer's and the citizen's pages on a database of any size, one request at a time:
 * `DATABASE_URL=… node --import tsx bench/scale-probe.ts [requests]` against a database seeded with
 * `loket seed --scale N` (development secrets of that database in the environment). Reports p50/p95
 * of the work queue (S4), a workspace (S4W) and the tracking page (S2) through the app in process
 * (no network, no load generator): what the size of the data adds to each request.
 */
import { pino } from 'pino';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { resolveSecrets } from '../src/platform/crypto/secrets.ts';
import { openRuntime } from '../src/runtime.ts';
import { createServices } from '../src/services.ts';

const REQUESTS = Number(process.argv[2] ?? 50);

const cfg = loadConfig();
const log = pino({ level: 'warn' }, pino.destination(2));
const runtime = await openRuntime(cfg, log);
try {
  const { db, pool } = runtime.database;
  const secrets = await resolveSecrets(cfg, (message) => log.warn(message));
  const services = createServices({ config: cfg, db, secrets, log });
  const app = await buildApp({ config: cfg, db, pool, secrets, services, logger: log });
  await app.ready();
  const officer = await services.accountsRepository.findByIndex('emailIndex', services.personalData.index('email', 'petugas@demo.loket.test'));
  if (!officer) throw new Error('demo officer missing: seed the demo first');
  const token = await services.sessions.create({ accountId: officer.id, accountKind: 'staff', kind: 'web', mfaVerified: true, userAgent: 'scale-probe' });
  const count = await db
    .selectFrom('application')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const open = await db
    .selectFrom('application')
    .innerJoin('agency', 'agency.id', 'application.agencyId')
    .select('application.trackingNumber')
    .where('agency.code', '=', 'disdukcapil-kota-bandung')
    .where('application.stepId', 'is not', null)
    .orderBy('application.dueAt')
    .limit(REQUESTS)
    .execute();
  const any = await db.selectFrom('application').select('trackingNumber').orderBy('id', 'desc').limit(REQUESTS).execute();
  const cookie = `loket_session=${token}`;
  const probes: [string, (i: number) => string, boolean][] = [
    ['S4 /backoffice/queue', () => '/backoffice/queue', true],
    ['S4W /backoffice/applications/<n>', (i) => `/backoffice/applications/${open[i % open.length]?.trackingNumber}`, true],
    ['S2 /track/<n>', (i) => `/track/${any[i % any.length]?.trackingNumber}`, false],
  ];
  process.stdout.write(`applications: ${Number(count.n).toLocaleString('en-US')}\n`);
  for (const [name, url, signedIn] of probes) {
    const times: number[] = [];
    let status = 0;
    for (let i = 0; i < REQUESTS + 3; i += 1) {
      const started = performance.now();
      const response = await app.inject({ url: url(i), headers: signedIn ? { cookie } : {}, remoteAddress: `10.9.${i >> 8}.${i & 255}` });
      status = response.statusCode;
      if (i >= 3) times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]?.toFixed(1);
    process.stdout.write(`${name}: HTTP ${status}, p50 ${at(0.5)} ms, p95 ${at(0.95)} ms over ${times.length} requests\n`);
  }
  await app.close();
  await services.notifier.close();
} finally {
  await runtime.close();
}

import { chmod, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CITIZEN_PASSWORD,
  createCitizen,
  createServiceFixture,
  createStaff,
  type ServiceFixture,
} from '../../src/modules/applications/applications.test-support.ts';
import { freePort } from '../../src/platform/db/embedded.ts';
import { SWEEP_QUEUE } from '../../src/platform/notify/notify.service.ts';
import { startSmtpServer, type TestSmtpServer } from '../../src/platform/notify/notify.test-support.ts';
import { cookiesFrom, createTestApp, sessionTokenFor, type TestApp } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { cleanEnv, killLoket, type LoketProcess, spawnLoket, waitUntilReady } from '../helpers/process.ts';
import { request, SHORT_FORM, sharedSecretsEnv, shortAnswers, sleep, submit } from './support.ts';

// Two nodes of one deployment: two real Loket processes (`node --import tsx src/cli.ts serve`, each
// with its own pg-boss job runner, notification delivery and LISTEN connection) on one database, with
// the same keys, on different ports, nothing in front, sending mail to a real SMTP server in this
// test. Over HTTP only: a session made on one node works on the other, an idempotent submission
// replayed on the other node answers the same application, a live page on one node hears a
// submission made on the other, a client's rate limit counts its requests to both nodes together,
// and every e-mail is sent exactly once although both processes run the deliver jobs and the sweep.
//
// Both processes run with a per-address limit of 6 a minute (one pair keeps the file fast): each
// client of this file therefore comes from its own loopback address (127.0.0.x), as different people
// do. The test writes its fixtures (service, citizens, staff, sessions) straight into the database
// with the repository's test helpers; nothing of the nodes under test runs inside this process.
//
// Proven elsewhere, not repeated here:
// - a cron fires once across nodes: src/platform/jobs/jobs.test.ts
// - SLA alerts fire once when two nodes sweep together: src/modules/workflow/sla.service.test.ts
// - the event hub fans out to every node's LISTEN connection: src/platform/events/hub.test.ts
// - migrations run once when two nodes start together: src/platform/db/migrate.test.ts

/** The per-address (and per-account) limit both processes are started with. */
const RATE_LIMIT = 6;
/** Citizens who sign up and submit in the jobs test, half to each node. */
const SUBMITTERS = 4;

let database: TestDatabase;
let t: TestApp;
let smtp: TestSmtpServer;
let dataDir: string;
let boss: PgBoss;
let service: ServiceFixture;
let nodeA: LoketProcess;
let nodeB: LoketProcess;
const processes: LoketProcess[] = [];
let citizens: Awaited<ReturnType<typeof createCitizen>>[];
/** How long each process took from spawn to ready, in ms. */
const startMs: number[] = [];

let lastAddress = 10;
/** A loopback address no earlier client of this file used: a new client to the per-address limit. */
const newClient = () => `127.0.0.${++lastAddress}`;

/** Two free ports, distinct. */
async function twoPorts(): Promise<[number, number]> {
  const first = await freePort();
  for (;;) {
    const second = await freePort();
    if (second !== first) return [first, second];
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startSmtpServer();
  const secrets = sharedSecretsEnv();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'loket-faults-two-nodes-'));
  await chmod(dataDir, 0o755);
  const ports = await twoPorts();
  const env = (port: number) =>
    cleanEnv({
      ...secrets,
      NODE_ENV: 'development',
      DATABASE_URL: database.url,
      PORT: String(port),
      // One file store for the deployment, as production nodes share one bucket.
      LOKET_DATA_DIR: dataDir,
      LOKET_SMTP_URL: smtp.url,
      LOKET_RATE_LIMIT_MAX: String(RATE_LIMIT),
      LOKET_RATE_LIMIT_WINDOW: '60',
      // info: each process logs every message it sends ("notification sent", with its id).
      LOKET_LOG_LEVEL: 'info',
    });
  // Both start together; the fixtures are written meanwhile.
  [nodeA, nodeB] = ports.map((port) => spawnLoket(env(port), port)) as [LoketProcess, LoketProcess];
  processes.push(nodeA, nodeB);
  const ready = Promise.all([waitUntilReady(nodeA, 60_000), waitUntilReady(nodeB, 60_000)]).then((ms) => startMs.push(...ms));
  // Awaited below; a failure meanwhile must not surface as an unhandled rejection.
  ready.catch(() => {});
  // The test's own services share the nodes' keys, to write what the nodes must read. They have no
  // job queue: what they send (the sign-up codes) is due without a job, as when a node
  // runs with LOKET_JOBS=false, and only a node's sweep delivers it.
  t = await createTestApp({ database, env: { ...secrets, LOKET_FILES_DIR: path.join(dataDir, 'files') } });
  service = await createServiceFixture(database.db, { form: SHORT_FORM });
  citizens = await Promise.all(Array.from({ length: 3 }, () => createCitizen(t.services)));
  await ready;
  // A producer only (no workers, no cron): it queues the sweeps of the jobs test.
  boss = new PgBoss({ connectionString: database.url, schema: 'pgboss', max: 2, supervise: false, schedule: false });
  boss.on('error', () => {});
  await boss.start();
}, 90_000);

afterAll(async () => {
  for (const loket of processes) await killLoket(loket);
  await boss?.stop({ graceful: false, timeout: 1_000 }).catch(() => {});
  await t?.close();
  await smtp?.close();
  await database?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, 30_000);

function takeCitizen() {
  const citizen = citizens.pop();
  if (!citizen) throw new Error('no citizen left');
  return citizen;
}

/** Signs in through the web form as a browser does: the form (and its CSRF cookie) from one node, posted to the other. */
async function signInOnWeb(formFrom: string, postTo: string, identifier: string, localAddress: string): Promise<string> {
  const form = await request(`${formFrom}/sign-in`, { localAddress });
  const token = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1];
  if (!token) throw new Error(`no CSRF token on the sign-in page (${form.status})`);
  const posted = await request(`${postTo}/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesFrom(form.headers['set-cookie']) },
    body: new URLSearchParams({ _csrf: token, identifier, password: CITIZEN_PASSWORD }).toString(),
    localAddress,
  });
  expect(posted.status, posted.body.slice(0, 300)).toBe(303);
  const session = cookiesFrom(posted.headers['set-cookie'])
    .split('; ')
    .find((cookie) => cookie.startsWith('loket_session='));
  if (!session) throw new Error('signed in without a session cookie');
  return session;
}

/** An event stream opened as EventSource does, from `localAddress`; `until` reads until the text holds a needle. */
async function openStream(url: string, cookie: string, localAddress: string) {
  const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const req = http.get(url, { headers: { cookie, accept: 'text/event-stream' }, agent: false, localAddress }, resolve);
    req.on('error', reject);
  });
  let text = '';
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    text += chunk;
  });
  response.on('error', () => {});
  return {
    status: response.statusCode,
    async until(needle: string, timeoutMs = 15_000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      while (!text.includes(needle)) {
        if (response.complete) throw new Error(`stream ended; got: ${text}`);
        if (Date.now() > deadline) throw new Error(`no "${needle}" within ${timeoutMs} ms; got: ${text}`);
        await sleep(50);
      }
      return text;
    },
    close: () => response.destroy(),
  };
}

/** The ids of the messages a process logged as sent (its structured log on stdout). */
function sentBy(loket: LoketProcess): string[] {
  const ids: string[] = [];
  for (const line of loket.output().split('\n')) {
    if (!line.startsWith('{') || !line.includes('"notification sent')) continue;
    const entry = JSON.parse(line) as { msg?: string; id?: string };
    if (entry.msg?.startsWith('notification sent') && entry.id) ids.push(entry.id);
  }
  return ids;
}

describe('two Loket processes on one database', () => {
  it('accept a session made on either node, and answer a replayed submission with the same application', async () => {
    const browser = newClient();
    const [first, second] = [takeCitizen(), takeCitizen()];

    // A web session made on node A (from a form node B rendered) works on both nodes.
    const cookie = await signInOnWeb(nodeB.baseUrl, nodeA.baseUrl, first.nik, browser);
    for (const base of [nodeB.baseUrl, nodeA.baseUrl]) {
      const page = await request(`${base}/applications`, { headers: { cookie }, localAddress: browser });
      expect(page.status, `${base}: ${page.body.slice(0, 200)}`).toBe(200);
    }
    const anonymous = await request(`${nodeB.baseUrl}/applications`, { localAddress: browser });
    expect(anonymous.status).not.toBe(200);

    // And vice versa: an API token made on node B works on node A. Submitted on A under a key, the
    // same key replayed on B answers the same application, and A lists it.
    const client = newClient();
    const issued = await request(`${nodeB.baseUrl}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ identifier: second.nik, password: CITIZEN_PASSWORD }),
      localAddress: client,
    });
    expect(issued.status, issued.body).toBe(200);
    const token = (JSON.parse(issued.body) as { accessToken: string }).accessToken;
    const body = JSON.stringify({ service: service.code, answers: shortAnswers(second) });
    const key = crypto.randomUUID();
    const made = await submit(nodeA.baseUrl, token, key, body, 10_000, client);
    expect(made.status, made.body).toBe(201);
    const replayed = await submit(nodeB.baseUrl, token, key, body, 10_000, client);
    expect(replayed.status, replayed.body).toBe(200);
    const trackingNumber = (JSON.parse(made.body) as { trackingNumber: string }).trackingNumber;
    expect(JSON.parse(replayed.body).trackingNumber).toBe(trackingNumber);
    const listed = await request(`${nodeA.baseUrl}/api/v1/applications`, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      localAddress: client,
    });
    expect(JSON.parse(listed.body).map((a: { trackingNumber: string }) => a.trackingNumber)).toEqual([trackingNumber]);
  });

  it('tell a live page on node B of a submission made on node A', async () => {
    // /readyz does not wait for a node's LISTEN (startup goes on after 2 s without it, and keeps
    // trying): on a loaded machine, wait until both processes' event connections have listened.
    const listening = async () => {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from pg_stat_activity
        where datname = ${database.name} and application_name = 'loket-events' and state = 'idle' and query <> ''`.execute(database.db);
      return (rows[0]?.n ?? 0) >= 2;
    };
    const deadline = Date.now() + 15_000;
    while (!(await listening())) {
      if (Date.now() > deadline) throw new Error('the nodes do not LISTEN for events');
      await sleep(100);
    }
    const officer = await createStaff(t.services, service.agencyId, 'officer');
    const cookie = `loket_session=${await sessionTokenFor(t.services, officer)}`;
    const stream = await openStream(`${nodeB.baseUrl}/events/queue`, cookie, newClient());
    try {
      expect(stream.status).toBe(200);
      await stream.until(': open');
      const citizen = takeCitizen();
      const token = await sessionTokenFor(t.services, citizen.actor, 'api');
      const body = JSON.stringify({ service: service.code, answers: shortAnswers(citizen) });
      const submitted = await submit(nodeA.baseUrl, token, crypto.randomUUID(), body, 10_000, newClient());
      expect(submitted.status, submitted.body).toBe(201);
      expect(await stream.until('event: changed')).toContain('application.changed');
    } finally {
      stream.close();
    }
  });

  it(`refuse a client over its limit of ${RATE_LIMIT} a minute, counting its requests to both nodes together`, async () => {
    const client = newClient();
    const statuses: number[] = [];
    for (let i = 0; i < RATE_LIMIT + 2; i += 1) {
      const base = i % 2 === 0 ? nodeA.baseUrl : nodeB.baseUrl;
      statuses.push((await request(`${base}/api/v1/agencies`, { headers: { accept: 'application/json' }, localAddress: client })).status);
    }
    expect(statuses).toEqual([...Array(RATE_LIMIT).fill(200), 429, 429]);
    for (const [base, language, title] of [
      [nodeA.baseUrl, 'en', 'Too many requests'],
      [nodeB.baseUrl, 'id', 'Terlalu banyak permintaan'],
    ] as const) {
      const refused = await request(`${base}/api/v1/agencies`, { headers: { accept: 'application/json', 'accept-language': language }, localAddress: client });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(JSON.parse(refused.body)).toMatchObject({ type: '/problems/platform.rate_limited', status: 429, title });
    }
    // Another client is not held back by it.
    expect((await request(`${nodeB.baseUrl}/api/v1/agencies`, { headers: { accept: 'application/json' }, localAddress: newClient() })).status).toBe(200);
    console.info(`two-nodes rate limit: ${statuses.join(' ')} (alternating node A and node B)\n`);
  });

  it('send every e-mail once, though both processes run the deliver jobs and the sweep', async () => {
    // Their sign-up e-mails are due with no job: only a sweep sends them. (The fixtures' earlier ones
    // went with the sweep each process's cron runs when it starts, or with the next minute's.)
    const submitters = await Promise.all(Array.from({ length: SUBMITTERS }, () => createCitizen(t.services)));
    // The per-minute sweep, queued twice at once (rather than waiting for the minute), so that both
    // processes' sweep workers may claim the same due e-mails together while the deliver jobs of the
    // submissions below, queued by the node that took each, run on either node.
    const sweeps = await Promise.all([boss.send(SWEEP_QUEUE, {}), boss.send(SWEEP_QUEUE, {})]);
    expect(sweeps.every(Boolean), 'both sweeps queued').toBe(true);
    const submitted = await Promise.all(
      submitters.map(async (citizen, i) => {
        const token = await sessionTokenFor(t.services, citizen.actor, 'api');
        const body = JSON.stringify({ service: service.code, answers: shortAnswers(citizen) });
        const response = await submit(i % 2 === 0 ? nodeA.baseUrl : nodeB.baseUrl, token, crypto.randomUUID(), body, 10_000, newClient());
        expect(response.status, response.body).toBe(201);
        return (JSON.parse(response.body) as { trackingNumber: string }).trackingNumber;
      }),
    );
    const sweepsDone = async () => {
      const jobs = await Promise.all(sweeps.map((id) => (id ? boss.getJobById(SWEEP_QUEUE, id) : null)));
      return jobs.every((job) => job?.state === 'completed');
    };

    const emails = () => database.db.selectFrom('notification').select(['id', 'status', 'kind']).where('channel', '=', 'email').execute();
    const deadline = Date.now() + 20_000;
    for (;;) {
      const all = await emails();
      const logged = sentBy(nodeA).length + sentBy(nodeB).length;
      if (all.every((n) => n.status === 'sent') && smtp.messages.length >= all.length && logged >= all.length && (await sweepsDone())) break;
      if (Date.now() > deadline)
        throw new Error(`not every e-mail sent, or a sweep not run, in time: ${JSON.stringify({ all, received: smtp.messages.length, logged, sweeps })}`);
      await sleep(200);
    }
    await sleep(500); // a second delivery, were there one, would be in by now
    const all = await emails();
    const ids = all.map((n) => n.id).sort();
    const received = smtp.messages.map((message) => String(message.headers.get('x-loket-notification'))).sort();
    expect(received, 'each e-mail arrives once').toEqual(ids);
    const [byA, byB] = [sentBy(nodeA), sentBy(nodeB)];
    expect([...byA, ...byB].sort(), 'each e-mail is sent by one process, once').toEqual(ids);
    for (const trackingNumber of submitted) expect(smtp.messages.filter((m) => m.text?.includes(trackingNumber))).toHaveLength(1);
    // The sign-up e-mails had no job: whichever process sent one ran a sweep that claimed it.
    const jobless = new Set(all.filter((n) => n.kind === 'account.verify_contact').map((n) => n.id));
    const swept = (sent: string[]) => sent.filter((id) => jobless.has(id)).length;
    console.info(
      `two-nodes jobs: ${ids.length} e-mails received once each; sent by process A ${byA.length} (${swept(byA)} by a sweep), ` +
        `by process B ${byB.length} (${swept(byB)} by a sweep); processes ready in ${startMs.join(' and ')} ms\n`,
    );
  }, 45_000);
});

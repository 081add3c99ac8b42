import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen, createServiceFixture, createStaff, type ServiceFixture } from '../../src/modules/applications/applications.test-support.ts';
import { type Jobs, startJobs } from '../../src/platform/jobs/jobs.ts';
import { notifyJobDefinitions } from '../../src/platform/notify/notify.jobs.ts';
import { startSmtpServer, type TestSmtpServer } from '../../src/platform/notify/notify.test-support.ts';
import { createTestApp, sessionTokenFor, type TestApp } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { request, SHORT_FORM, shortAnswers, sleep, submit } from './support.ts';

// Two nodes of one deployment: one database, shared keys, different ports, nothing in front. What a
// person does on one node is seen on the other; work both nodes' job runners could take is done once;
// a client's rate limit counts its requests to both nodes together.
//
// Proven elsewhere, not repeated here:
// - a cron fires once across nodes: src/platform/jobs/jobs.test.ts
// - SLA alerts fire once when two nodes sweep together: src/modules/workflow/sla.service.test.ts
// - the event hub fans out to every node's LISTEN connection: src/platform/events/hub.test.ts
// - migrations run once when two nodes start together: src/platform/db/migrate.test.ts

/** The per-address limit the rate-limit pair of nodes is started with. */
const RATE_LIMIT = 6;

let database: TestDatabase;
let smtp: TestSmtpServer;
let nodeA: TestApp;
let nodeB: TestApp;
let baseA: string;
let baseB: string;
let service: ServiceFixture;
let applicants: Awaited<ReturnType<typeof createCitizen>>[];
const jobs: Jobs[] = [];
/** The notification ids each node's deliver worker was handed. */
const delivered = { A: [] as string[], B: [] as string[] };

async function listen(node: TestApp): Promise<string> {
  await node.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(node.app.server.address() as AddressInfo).port}`;
}

/** The node's job runner, as `serve` starts it (src/main.ts), with the notification jobs; records each deliver job it runs. */
async function startDeliveryJobs(node: TestApp, name: keyof typeof delivered): Promise<void> {
  const definitions = notifyJobDefinitions(node.services.notifier).map((definition) => ({
    ...definition,
    handler: async (data: unknown) => {
      const id = (data as { id?: unknown } | null)?.id;
      if (typeof id === 'string') delivered[name].push(id);
      await definition.handler(data);
    },
  }));
  const started = await startJobs({ databaseUrl: database.url, definitions, onError: () => {} });
  jobs.push(started);
  node.services.notifier.attachQueue(started.boss);
}

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startSmtpServer();
  const env = { LOKET_SMTP_URL: smtp.url };
  nodeA = await createTestApp({ database, env });
  nodeB = await createTestApp({ database, env, secrets: nodeA.secrets });
  [baseA, baseB] = [await listen(nodeA), await listen(nodeB)];
  // Before anything writes a notification, so that every message of this file goes through the jobs.
  await startDeliveryJobs(nodeA, 'A');
  await startDeliveryJobs(nodeB, 'B');
  service = await createServiceFixture(database.db, { form: SHORT_FORM });
  // Signed up now, so that their sign-up e-mails go out while the first tests run.
  applicants = await Promise.all(Array.from({ length: 2 }, () => createCitizen(nodeA.services)));
}, 30_000);

afterAll(async () => {
  for (const started of jobs) await started.stop();
  await nodeA?.close();
  await nodeB?.close();
  await smtp?.close();
  await database?.drop();
}, 30_000);

describe('two nodes on one database', () => {
  it('accept a session made on either node, and see each other’s writes', async () => {
    const citizen = await createCitizen(nodeA.services);
    const web = await sessionTokenFor(nodeA.services, citizen.actor);
    const api = await sessionTokenFor(nodeA.services, citizen.actor, 'api');
    for (const base of [baseA, baseB]) {
      const page = await request(`${base}/applications`, { headers: { cookie: `loket_session=${web}` } });
      expect(page.status, `${base}: ${page.body.slice(0, 200)}`).toBe(200);
      const anonymous = await request(`${base}/applications`);
      expect(anonymous.status).not.toBe(200);
    }

    // Submitted on A (with a key), the same key on B answers the same application, and B lists it.
    const body = JSON.stringify({ service: service.code, answers: shortAnswers(citizen) });
    const key = crypto.randomUUID();
    const first = await submit(baseA, api, key, body);
    expect(first.status, first.body).toBe(201);
    const again = await submit(baseB, api, key, body);
    expect(again.status).toBe(200);
    expect(JSON.parse(again.body).trackingNumber).toBe(JSON.parse(first.body).trackingNumber);
    const listed = await request(`${baseB}/api/v1/applications`, { headers: { authorization: `Bearer ${api}`, accept: 'application/json' } });
    expect(JSON.parse(listed.body).map((a: { trackingNumber: string }) => a.trackingNumber)).toEqual([JSON.parse(first.body).trackingNumber]);
  });

  it('tells a live page on node B of a submission made on node A', async () => {
    const officer = await createStaff(nodeB.services, service.agencyId, 'officer');
    const cookie = `loket_session=${await sessionTokenFor(nodeB.services, officer)}`;
    const controller = new AbortController();
    const response = await fetch(`${baseB}/events/queue`, { headers: { cookie, accept: 'text/event-stream' }, signal: controller.signal });
    expect(response.status).toBe(200);
    const reader = response.body?.getReader();
    if (!reader) throw new Error('no stream');
    const decoder = new TextDecoder();
    let text = '';
    const until = async (needle: string) => {
      const deadline = Date.now() + 5_000;
      while (!text.includes(needle)) {
        const chunk = await Promise.race([
          reader.read(),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no "${needle}" in time; got: ${text}`)), Math.max(0, deadline - Date.now()))),
        ]);
        if (chunk.done) throw new Error(`stream ended; got: ${text}`);
        text += decoder.decode(chunk.value, { stream: true });
      }
    };
    try {
      await until(': open');
      const citizen = await createCitizen(nodeA.services);
      const token = await sessionTokenFor(nodeA.services, citizen.actor, 'api');
      const submitted = await submit(baseA, token, crypto.randomUUID(), JSON.stringify({ service: service.code, answers: shortAnswers(citizen) }));
      expect(submitted.status).toBe(201);
      await until('event: changed');
      expect(text).toContain('application.changed');
    } finally {
      controller.abort();
    }
  });
});

describe(`two nodes on one database, started with a per-address limit of ${RATE_LIMIT}`, () => {
  it('refuse a client over the limit counting its requests to both nodes together', async () => {
    const env = { LOKET_RATE_LIMIT_MAX: String(RATE_LIMIT), LOKET_RATE_LIMIT_WINDOW: '60' };
    const nodeC = await createTestApp({ database, env, secrets: nodeA.secrets });
    const nodeD = await createTestApp({ database, env, secrets: nodeA.secrets });
    try {
      const bases = [await listen(nodeC), await listen(nodeD)];
      // The earlier tests' requests from this address count too: start its window afresh, as after a minute.
      await database.db.deleteFrom('rateLimitCounter').where('key', 'like', '%|127.0.0.1').execute();
      // One client (127.0.0.1 on both nodes; no proxy is trusted), alternating between the nodes.
      const statuses: number[] = [];
      for (let i = 0; i < RATE_LIMIT + 2; i += 1)
        statuses.push((await request(`${bases[i % 2]}/api/v1/agencies`, { headers: { accept: 'application/json' } })).status);
      expect(statuses).toEqual([...Array(RATE_LIMIT).fill(200), 429, 429]);
      const refused = await request(`${bases[0]}/api/v1/agencies`, { headers: { accept: 'application/json', 'accept-language': 'en' } });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(JSON.parse(refused.body)).toMatchObject({ type: '/problems/platform.rate_limited', title: 'Too many requests' });
    } finally {
      await nodeC.close();
      await nodeD.close();
    }
  });
});

describe('two nodes on one database, both running jobs', () => {
  it('run each job once: every e-mail of submissions to both nodes arrives once', async () => {
    const submitted = await Promise.all(
      applicants.map(async (citizen, i) => {
        const token = await sessionTokenFor(nodeA.services, citizen.actor, 'api');
        const body = JSON.stringify({ service: service.code, answers: shortAnswers(citizen) });
        const response = await submit(i % 2 === 0 ? baseA : baseB, token, crypto.randomUUID(), body);
        expect(response.status, response.body).toBe(201);
        return (JSON.parse(response.body) as { trackingNumber: string }).trackingNumber;
      }),
    );

    // Every e-mail of this file (sign-ups, staff invitations, submissions) was queued as a deliver job
    // by the node that wrote it; both nodes' workers poll the one queue. (A sweep, every minute, may
    // send one first: its job then finds it sent.)
    // Each node's worker takes one job per 2 s poll (pg-boss defaults, docs/reliability.md "Known
    // limits"), so the file's 8 e-mails take a few seconds.
    const emails = () => database.db.selectFrom('notification').select(['id', 'status']).where('channel', '=', 'email').execute();
    const deadline = Date.now() + 10_000;
    for (;;) {
      const all = await emails();
      if (all.every((n) => n.status === 'sent') && delivered.A.length + delivered.B.length >= all.length) break;
      if (Date.now() > deadline) throw new Error(`not every e-mail sent in time: ${JSON.stringify({ all, delivered })}`);
      await sleep(100);
    }
    await sleep(300); // a second delivery, were there one, would be in by now
    const ids = (await emails()).map((n) => n.id).sort();
    const received = smtp.messages.map((message) => String(message.headers.get('x-loket-notification'))).sort();
    expect(received, 'each e-mail arrives once').toEqual(ids);
    expect([...delivered.A, ...delivered.B].sort(), 'each deliver job runs once, on one node').toEqual(ids);
    for (const trackingNumber of submitted) expect(smtp.messages.filter((m) => m.text?.includes(trackingNumber))).toHaveLength(1);
    console.info(`two-nodes jobs: ${ids.length} e-mails, deliver jobs run by node A ${delivered.A.length}, by node B ${delivered.B.length}\n`);
  });
});

import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen, createServiceFixture, createStaff, type ServiceFixture } from '../../src/modules/applications/applications.test-support.ts';
import { createTestApp, sessionTokenFor, type TestApp } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { request, SHORT_FORM, shortAnswers, submit } from './support.ts';

// Two nodes of one deployment: one database, shared keys, different ports, nothing in front. What a
// person does on one node is seen on the other.
//
// Proven elsewhere, not repeated here:
// - rate limits hold across nodes: src/platform/http/rate-limit.test.ts ("holds across two nodes")
// - a job runs exactly once across nodes, and a cron fires once: src/platform/jobs/jobs.test.ts
// - SLA alerts fire once when two nodes sweep together: src/modules/workflow/sla.service.test.ts
// - a notification is sent once when two nodes deliver it: src/platform/notify/notify.service.test.ts
// - the event hub fans out to every node's LISTEN connection: src/platform/events/hub.test.ts
// - migrations run once when two nodes start together: src/platform/db/migrate.test.ts

let database: TestDatabase;
let nodeA: TestApp;
let nodeB: TestApp;
let baseA: string;
let baseB: string;
let service: ServiceFixture;

async function listen(node: TestApp): Promise<string> {
  await node.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(node.app.server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  database = await createTestDatabase();
  nodeA = await createTestApp({ database });
  nodeB = await createTestApp({ database, secrets: nodeA.secrets });
  [baseA, baseB] = [await listen(nodeA), await listen(nodeB)];
  service = await createServiceFixture(database.db, { form: SHORT_FORM });
});

afterAll(async () => {
  await nodeA?.close();
  await nodeB?.close();
  await database?.drop();
});

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

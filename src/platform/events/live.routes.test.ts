import { type AddressInfo, connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, sessionTokenFor, type TestApp } from '../../../test/helpers/app.ts';
import {
  birthAnswers,
  createCitizen,
  createServiceFixture,
  createStaff,
  type ServiceFixture,
  uploadPdf,
} from '../../modules/applications/applications.test-support.ts';
import type { SignedInActor } from '../auth/actor.ts';
import { LIVE_JS_HREF } from '../ui/assets.ts';
import { MAX_STREAMS_PER_ACCOUNT } from './live.routes.ts';
import { publishEvent } from './outbox.ts';

// The event streams over a real HTTP server (app.inject waits for a response's end, which a stream
// never reaches), as EventSource uses them.

let t: TestApp;
let base: string;
let service: ServiceFixture;
let owner: Awaited<ReturnType<typeof createCitizen>>;
let application: { id: string; trackingNumber: string };
const ORIGIN = { ip: '127.0.0.1', requestId: 'test', userAgent: 'test' };

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  service = await createServiceFixture(t.database.db);
  owner = await createCitizen(t.services);
  const fileId = await uploadPdf(t.services, { ownerAccountId: owner.actor.accountId });
  const result = await t.services.applications.submitOnline(
    owner.actor,
    { serviceCode: service.code, answers: birthAnswers(owner, fileId), idempotencyKey: crypto.randomUUID() },
    ORIGIN,
  );
  if (!result.ok) throw new Error('submission refused');
  application = { id: result.application.id, trackingNumber: result.application.trackingNumber };
});

afterAll(async () => t?.close());

async function cookieOf(actor: SignedInActor): Promise<string> {
  const token = await sessionTokenFor(t.services, actor);
  return `loket_session=${token}`;
}

/** Opens a stream as EventSource does (asking for compression too, which must not buffer it). */
async function open(actor: SignedInActor, path: string, accept = 'text/event-stream') {
  const controller = new AbortController();
  const response = await fetch(`${base}${path}`, {
    headers: { cookie: await cookieOf(actor), accept, 'accept-encoding': 'gzip, br' },
    redirect: 'manual',
    signal: controller.signal,
  });
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  let text = '';
  return {
    response,
    /** Reads until the stream's text so far contains `needle`. */
    async until(needle: string, timeoutMs = 5_000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      while (!text.includes(needle)) {
        if (!reader) throw new Error('no body');
        const chunk = await Promise.race([
          reader.read(),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no "${needle}" in time; got: ${text}`)), Math.max(0, deadline - Date.now()))),
        ]);
        if (chunk.done) throw new Error(`stream ended without "${needle}"; got: ${text}`);
        text += decoder.decode(chunk.value, { stream: true });
      }
      return text;
    },
    async ended(): Promise<boolean> {
      if (!reader) return true;
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) return true;
      }
    },
    close() {
      controller.abort();
    },
  };
}

async function publish(topic: string, agencyId: string | null = service.agencyId, aggregateId = application.id) {
  await t.database.db.transaction().execute((trx) => publishEvent(trx, { topic, aggregateId, agencyId }));
}

async function waitFor(check: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the application stream', () => {
  it('tells the applicant of a change to their application, with the topic only, uncompressed', async () => {
    const stream = await open(owner.actor, `/events/applications/${application.trackingNumber}`);
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(stream.response.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(stream.response.headers.get('x-accel-buffering')).toBe('no');
    expect(stream.response.headers.get('content-encoding')).toBeNull();
    expect(stream.response.headers.get('content-security-policy')).toContain("default-src 'self'");
    await stream.until(': open');

    await publish('application.step_entered', service.agencyId, crypto.randomUUID());
    await publish('application.info_requested');
    const text = await stream.until('event: changed');
    expect(text).toContain('event: changed\ndata: {"topic":"application.info_requested"}\n\n');
    expect(text).not.toContain('application.step_entered');
    expect(text).not.toContain(owner.nik);

    stream.close();
    // The subscription ends with the connection.
    await waitFor(() => t.app.liveEvents.subscriberCount === 0);
  });

  it('answers 404 to another citizen and to staff of another agency, as for an unknown number', async () => {
    const other = await createCitizen(t.services);
    const otherAgency = await createServiceFixture(t.database.db);
    const stranger = await createStaff(t.services, otherAgency.agencyId, 'officer');
    for (const [actor, path] of [
      [other.actor, `/events/applications/${application.trackingNumber}`],
      [stranger, `/events/applications/${application.trackingNumber}`],
      [owner.actor, '/events/applications/LKT-0000-0000'],
      [owner.actor, '/events/applications/nonsense'],
    ] as const) {
      const stream = await open(actor, path);
      expect(stream.response.status, path).toBe(404);
      await stream.ended();
    }
    expect(t.app.liveEvents.subscriberCount).toBe(0);
  });

  it('lets an officer of the application’s agency follow it, and answers 406 to a client that does not ask for a stream', async () => {
    const officer = await createStaff(t.services, service.agencyId, 'officer');
    const stream = await open(officer, `/events/applications/${application.trackingNumber}`);
    expect(stream.response.status).toBe(200);
    await stream.until(': open');
    await publish('application.claimed');
    await stream.until('{"topic":"application.claimed"}');
    stream.close();

    const page = await open(owner.actor, `/events/applications/${application.trackingNumber}`, 'text/html');
    expect(page.response.status).toBe(406);
    await page.ended();
  });
});

describe('the queue stream', () => {
  it('tells staff of changes in their agencies only', async () => {
    const officer = await createStaff(t.services, service.agencyId, 'officer');
    const stream = await open(officer, '/events/queue');
    expect(stream.response.status).toBe(200);
    await stream.until(': open');
    const otherAgency = await createServiceFixture(t.database.db);
    await publish('application.submitted', otherAgency.agencyId, crypto.randomUUID());
    await publish('application.submitted', null, crypto.randomUUID());
    await publish('application.assigned', service.agencyId, crypto.randomUUID());
    const text = await stream.until('application.assigned');
    expect(text).not.toContain('application.submitted');
    stream.close();

    const citizen = await open(owner.actor, '/events/queue');
    expect(citizen.response.status).toBe(403);
    await citizen.ended();
  });
});

/** Sends a stream request on a bare socket and hangs up at once, before the route has answered. */
async function openAndAbort(cookie: string, path: string): Promise<void> {
  const { port } = t.app.server.address() as AddressInfo;
  await new Promise<void>((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`GET ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\naccept: text/event-stream\r\ncookie: ${cookie}\r\n\r\n`, () => socket.destroy());
    });
    socket.on('close', () => resolve());
    socket.on('error', () => resolve());
  });
}

/** The status line and headers of a stream request on a bare socket, which is then closed. */
async function headOf(cookie: string, path: string): Promise<string> {
  const { port } = t.app.server.address() as AddressInfo;
  return new Promise<string>((resolve, reject) => {
    let text = '';
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`GET ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\naccept: text/event-stream\r\nconnection: close\r\ncookie: ${cookie}\r\n\r\n`);
    });
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      if (text.includes('\r\n\r\n')) {
        socket.destroy();
        resolve(text.slice(0, text.indexOf('\r\n\r\n')));
      }
    });
    socket.on('error', reject);
  });
}

describe('stream limits', () => {
  it('lets go of streams whose client left before they opened, so no subscription is left behind', async () => {
    const cookie = await cookieOf(owner.actor);
    const path = `/events/applications/${application.trackingNumber}`;
    for (let round = 0; round < 4; round++) await Promise.all(Array.from({ length: 10 }, () => openAndAbort(cookie, path)));
    // The routes may still be looking the application up for the last ones: give them time to finish.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await waitFor(() => t.app.liveEvents.subscriberCount === 0);
    // The per-account count was given back too: a full set of streams still opens.
    const streams = await Promise.all(Array.from({ length: MAX_STREAMS_PER_ACCOUNT }, () => open(owner.actor, path)));
    for (const stream of streams) expect(stream.response.status).toBe(200);
    for (const stream of streams) stream.close();
    await waitFor(() => t.app.liveEvents.subscriberCount === 0);
  });

  it('refuses one stream too many for an account with 429, and opens again once one closes', async () => {
    const officer = await createStaff(t.services, service.agencyId, 'officer');
    const streams = [];
    for (let i = 0; i < MAX_STREAMS_PER_ACCOUNT; i++) {
      const stream = await open(officer, '/events/queue');
      expect(stream.response.status).toBe(200);
      await stream.until(': open');
      streams.push(stream);
    }
    // On bare sockets: fetch's connection pool would keep these connections past the test.
    const refused = await headOf(await cookieOf(officer), `/events/applications/${application.trackingNumber}`);
    expect(refused).toMatch(/^HTTP\/1\.1 429 /);
    expect(refused.toLowerCase()).toContain('retry-after:');
    // Another account is not affected.
    expect(await headOf(await cookieOf(owner.actor), `/events/applications/${application.trackingNumber}`)).toMatch(/^HTTP\/1\.1 200 /);

    streams.shift()?.close();
    await waitFor(() => t.app.liveEvents.subscriberCount === MAX_STREAMS_PER_ACCOUNT - 1);
    const again = await open(officer, '/events/queue');
    expect(again.response.status).toBe(200);
    again.close();
    for (const stream of streams) stream.close();
    await waitFor(() => t.app.liveEvents.subscriberCount === 0);
  });
});

describe('live pages', () => {
  it('serves the script from /assets as JavaScript, cached by its hash', async () => {
    const response = await fetch(`${base}${LIVE_JS_HREF}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect(await response.text()).toContain('data-live-url');
  });

  it('ends open streams when the app closes, so that it can close', async () => {
    const stream = await open(owner.actor, `/events/applications/${application.trackingNumber}`);
    await stream.until(': open');
    const closing = t.app.close();
    expect(await stream.ended()).toBe(true);
    await closing;
  });
});

import { randomBytes } from 'node:crypto';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen, createServiceFixture, type ServiceFixture } from '../../src/modules/applications/applications.test-support.ts';
import { type Jobs, startJobs } from '../../src/platform/jobs/jobs.ts';
import { createCircuitBreaker, withCircuitBreaker } from '../../src/platform/notify/circuit-breaker.ts';
import { channelsFromConfig } from '../../src/platform/notify/notify.channels.ts';
import { createSmtpSender } from '../../src/platform/notify/notify.email.ts';
import { createGatewaySender } from '../../src/platform/notify/notify.gateway.ts';
import { notifyJobDefinitions } from '../../src/platform/notify/notify.jobs.ts';
import { createNotifier } from '../../src/platform/notify/notify.service.ts';
import {
  capturedLog,
  startGateway,
  startSmtpServer,
  type TestGateway,
  type TestSmtpServer,
  testDataKeys,
} from '../../src/platform/notify/notify.test-support.ts';
import { createTestApp, sessionTokenFor, type TestApp } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { percentile, SHORT_FORM, shortAnswers, sleep } from './support.ts';

// Slow or failing dependencies. The front door (a submission) writes its notification into the
// outbox in its own transaction and returns; jobs deliver later. So an SMTP server that hangs does not
// slow submissions down, and a failing one costs retries, not messages. Circuit breakers stop the
// notifier from waiting on a server that is down.
//
// The payment provider is not called by the front door at all: it calls Loket (signed webhooks, see
// src/modules/payments), so its outage cannot slow a submission (docs/reliability.md).

type Mode = 'ok' | 'hang' | 'fail';

/**
 * An SMTP server with a switch: `ok` passes the connection to a real SMTP server, `hang` accepts and
 * never says a word, `fail` answers 421 (service not available) and closes.
 */
async function switchableSmtp(upstream: TestSmtpServer) {
  const upstreamPort = Number(new URL(upstream.url).port);
  const state = { mode: 'ok' as Mode, connections: 0 };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    state.connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    if (state.mode === 'hang') return;
    if (state.mode === 'fail') {
      socket.end('421 4.3.2 Service not available\r\n');
      return;
    }
    const target = net.connect(upstreamPort, '127.0.0.1');
    target.on('error', () => socket.destroy());
    sockets.add(target);
    socket.pipe(target).pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.address() as AddressInfo).port}`,
    state,
    /** Switches, cutting the open connections (the sender keeps a pool): the next ones get the new mode. */
    setMode(mode: Mode) {
      state.mode = mode;
      for (const socket of sockets) socket.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

let upstream: TestSmtpServer;
let smtp: Awaited<ReturnType<typeof switchableSmtp>>;
let gateway: TestGateway;

beforeAll(async () => {
  upstream = await startSmtpServer();
  smtp = await switchableSmtp(upstream);
  gateway = await startGateway();
});

afterAll(async () => {
  await smtp?.close();
  await upstream?.close();
  await gateway?.close();
});

describe('the front door with a hanging SMTP server', () => {
  let t: TestApp;
  let jobs: Jobs;
  let service: ServiceFixture;
  let token: string;
  let body: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { LOKET_SMTP_URL: smtp.url, LOKET_RATE_LIMIT_MAX: '100000' } });
    // The real job system on this database, as src/main.ts starts it: deliveries happen in jobs.
    jobs = await startJobs({ databaseUrl: t.database.url, definitions: notifyJobDefinitions(t.services.notifier), onError: () => {} });
    t.services.notifier.attachQueue(jobs.boss);
    service = await createServiceFixture(t.database.db, { form: SHORT_FORM });
    const citizen = await createCitizen(t.services);
    token = await sessionTokenFor(t.services, citizen.actor, 'api');
    body = JSON.stringify({ service: service.code, answers: shortAnswers(citizen) });
  }, 60_000);

  afterAll(async () => {
    await jobs?.stop();
    await t?.close();
  });

  async function submissions(count: number): Promise<number[]> {
    const latencies: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const started = performance.now();
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/applications',
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': crypto.randomUUID(), 'content-type': 'application/json' },
        payload: body,
      });
      latencies.push(performance.now() - started);
      expect(response.statusCode, response.body).toBe(201);
    }
    return latencies;
  }

  it('answers submissions as fast as with a healthy server, and the messages wait in the outbox', async () => {
    await submissions(5); // warm-up
    smtp.setMode('ok');
    const healthy = await submissions(20);
    // The job system delivers through the healthy server (the first messages suffice here).
    const deadline = Date.now() + 10_000;
    while (upstream.messages.length === 0 && Date.now() < deadline) await sleep(50);
    expect(upstream.messages.length).toBeGreaterThan(0);

    smtp.setMode('hang');
    const connectionsBefore = smtp.state.connections;
    const hanging = await submissions(20);
    const figures = {
      healthy: { p50: percentile(healthy, 50), p99: percentile(healthy, 99) },
      hanging: { p50: percentile(hanging, 50), p99: percentile(hanging, 99) },
    };
    // A front door that waited for SMTP would take the sender's 10 s socket timeout. The median is
    // held to the 20 % of the issue (plus a little for a busy machine); the p99 of 20 samples is one
    // outlier, so it gets a wider margin that still catches a wait on SMTP.
    expect(figures.hanging.p50, JSON.stringify(figures)).toBeLessThan(figures.healthy.p50 * 1.2 + 30);
    expect(figures.hanging.p99, JSON.stringify(figures)).toBeLessThan(figures.healthy.p99 * 1.2 + 1_000);
    // The jobs did try the hanging server meanwhile: the submissions were not spared by luck.
    const tried = Date.now() + 5_000;
    while (smtp.state.connections === connectionsBefore && Date.now() < tried) await sleep(50);
    expect(smtp.state.connections).toBeGreaterThan(connectionsBefore);
    const { rows } = await t.database.db
      .selectFrom('notification')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', 'in', ['pending', 'sending'])
      .groupBy('status')
      .execute()
      .then((rows) => ({ rows }));
    expect(
      rows.reduce((sum, row) => sum + Number(row.n), 0),
      'the messages of the hanging phase wait in the outbox',
    ).toBeGreaterThan(0);
    console.info(`slow-deps figures (ms): ${JSON.stringify(figures)}`);
    smtp.setMode('ok');
  }, 40_000);
});

describe('deliveries through a failing SMTP server and gateway', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.drop());

  it('retry later, stop calling a dead server once its circuit opens, and go out after it recovers', async () => {
    const logs = capturedLog();
    const breaker = createCircuitBreaker({ failureThreshold: 3, coolDownMs: 400 });
    const notifier = createNotifier({
      db: database.db,
      dataKeys: testDataKeys(database.db).dataKeys,
      // A short socket timeout, so that the hanging phase is quick.
      channels: { email: withCircuitBreaker(createSmtpSender({ url: smtp.url, from: 'Loket <no-reply@loket.test>', timeoutMs: 300 }), breaker, 'smtp') },
      log: logs.log,
      retry: { baseDelayMs: 20, maxDelayMs: 100, maxAttempts: 20 },
    });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 6; i += 1) {
        const { id } = await notifier.enqueue(
          {
            kind: 'application.submitted',
            channel: 'email',
            recipient: `warga${i}@contoh.test`,
            locale: 'id',
            params: { trackingNumber: `UJI-${i}`, serviceName: 'Layanan Uji', dueDate: '1 Januari 2027' },
          },
          database.db,
        );
        ids.push(id);
      }
      const sentBefore = upstream.messages.length;

      // A hanging server times out, then a failing one refuses: three failures open the circuit.
      smtp.setMode('hang');
      const connectionsBefore = smtp.state.connections;
      expect(await notifier.deliver(ids[0] as string)).toBe('retrying');
      smtp.setMode('fail');
      expect(await notifier.deliver(ids[1] as string)).toBe('retrying');
      expect(await notifier.deliver(ids[2] as string)).toBe('retrying');
      expect(breaker.state).toBe('open');
      const connectionsAtOpen = smtp.state.connections;
      expect(connectionsAtOpen).toBeGreaterThan(connectionsBefore);

      // Open: the other messages are deferred at once, without a connection.
      const started = performance.now();
      for (const id of ids.slice(3)) expect(await notifier.deliver(id)).toBe('retrying');
      expect(performance.now() - started).toBeLessThan(300);
      expect(smtp.state.connections).toBe(connectionsAtOpen);
      const deferred = await database.db.selectFrom('notification').select(['status', 'lastError']).where('id', 'in', ids.slice(3)).execute();
      expect(deferred).toEqual(ids.slice(3).map(() => ({ status: 'pending', lastError: 'smtp circuit open' })));

      // The server recovers; after the cool-down one trial closes the circuit and the sweep sends the rest.
      smtp.setMode('ok');
      await sleep(450);
      expect(breaker.state).toBe('half-open');
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        await notifier.deliverDue();
        const statuses = await database.db.selectFrom('notification').select('status').where('id', 'in', ids).execute();
        if (statuses.every((row) => row.status === 'sent')) break;
        await sleep(50);
      }
      expect(breaker.state).toBe('closed');
      const statuses = await database.db.selectFrom('notification').select('status').where('id', 'in', ids).execute();
      expect(statuses.map((row) => row.status)).toEqual(ids.map(() => 'sent'));
      expect(upstream.messages.length - sentBefore, 'each message exactly once').toBe(ids.length);
    } finally {
      await notifier.close();
    }
  }, 30_000);

  it('does the same for SMS through a gateway that answers 503', async () => {
    const logs = capturedLog();
    const secret = randomBytes(32).toString('base64');
    const notifier = createNotifier({
      db: database.db,
      dataKeys: testDataKeys(database.db).dataKeys,
      // As production builds it, with a short cool-down.
      channels: channelsFromConfig(
        { smtpUrl: undefined, mailFrom: '', messageGatewayUrl: gateway.url, messageGatewaySecret: secret },
        { failureThreshold: 2, coolDownMs: 300 },
        logs.log,
      ),
      log: logs.log,
      retry: { baseDelayMs: 20, maxDelayMs: 100, maxAttempts: 20 },
    });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 4; i += 1) {
        const { id } = await notifier.enqueue(
          { kind: 'account.verify_contact', channel: 'sms', recipient: `+62812345678${i}0`, locale: 'id', params: { code: `39021${i}` } },
          database.db,
        );
        ids.push(id);
      }
      gateway.respondWith(503);
      for (const id of ids) expect(await notifier.deliver(id)).toBe('retrying');
      expect(gateway.requests, 'two failures open the circuit; the rest are not sent').toHaveLength(2);

      gateway.respondWith(202);
      await sleep(350);
      const deadline = Date.now() + 10_000;
      let sent = 0;
      while (sent < ids.length && Date.now() < deadline) {
        await notifier.deliverDue();
        sent = (await database.db.selectFrom('notification').select('id').where('id', 'in', ids).where('status', '=', 'sent').execute()).length;
        await sleep(50);
      }
      expect(sent).toBe(ids.length);
      expect(gateway.requests).toHaveLength(2 + ids.length);
      // Operators see the breaker open and close, by server, without any message content.
      expect(logs.text()).toMatch(/"server":"gateway","state":"open".*circuit breaker open/);
      expect(logs.text()).toMatch(/"server":"gateway","state":"closed"/);
      expect(logs.text()).not.toContain('+62812345678');
    } finally {
      await notifier.close();
    }
  }, 30_000);

  it('time out on a gateway that accepts and never answers, and stop calling it once its circuit opens', async () => {
    const sockets = new Set<net.Socket>();
    const hanging = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const breaker = createCircuitBreaker({ failureThreshold: 2, coolDownMs: 60_000 });
    const sender = createGatewaySender({ url: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/kirim`, secret: randomBytes(32), timeoutMs: 300 });
    const notifier = createNotifier({
      db: database.db,
      dataKeys: testDataKeys(database.db).dataKeys,
      channels: { sms: withCircuitBreaker(sender, breaker, 'gateway') },
      log: capturedLog().log,
      retry: { baseDelayMs: 20, maxDelayMs: 100, maxAttempts: 20 },
    });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 4; i += 1) {
        const { id } = await notifier.enqueue(
          { kind: 'account.verify_contact', channel: 'sms', recipient: `+62813555000${i}`, locale: 'id', params: { code: `11223${i}` } },
          database.db,
        );
        ids.push(id);
      }
      // Each of the first two waits for the timeout, no longer, and fails; then the circuit opens.
      for (const id of ids.slice(0, 2)) {
        const started = performance.now();
        expect(await notifier.deliver(id)).toBe('retrying');
        expect(performance.now() - started).toBeLessThan(3_000);
      }
      expect(breaker.state).toBe('open');
      const connectionsAtOpen = sockets.size;
      const started = performance.now();
      for (const id of ids.slice(2)) expect(await notifier.deliver(id)).toBe('retrying');
      expect(performance.now() - started, 'open: deferred at once').toBeLessThan(300);
      expect(sockets.size).toBe(connectionsAtOpen);
      const rows = await database.db.selectFrom('notification').select(['id', 'status', 'lastError']).where('id', 'in', ids).execute();
      const byId = new Map(rows.map((row) => [row.id, row]));
      expect(ids.map((id) => byId.get(id)?.lastError)).toEqual(['gateway timeout', 'gateway timeout', 'gateway circuit open', 'gateway circuit open']);
      expect(rows.every((row) => row.status === 'pending')).toBe(true);
    } finally {
      await notifier.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => hanging.close(resolve));
    }
  }, 30_000);
});

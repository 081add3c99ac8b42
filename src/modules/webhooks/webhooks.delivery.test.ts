import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import { publishEvent } from '../../platform/events/outbox.ts';
import { type Jobs, startJobs } from '../../platform/jobs/jobs.ts';
import { createServiceFixture, createStaff } from '../applications/applications.test-support.ts';
import { createComplaintsFixture, forwardedComplaint } from '../complaints/complaints.test-support.ts';
import { webhookJobDefinitions, webhookQueue } from './webhooks.jobs.ts';
import { createWebhookReferences } from './webhooks.references.ts';
import { createWebhooksService, type WebhooksService } from './webhooks.service.ts';
import { type Resolver, targetPolicyFor } from './webhooks.target.ts';
import { eventually, startReceiver } from './webhooks.test-support.ts';

// Webhook delivery end to end: outbox event → capture trigger → fan-out → pg-boss job → a real HTTP
// receiver, checked with the standardwebhooks package's own verifier.

let t: TestApp;
let jobs: Jobs;
let webhooks: WebhooksService;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let agencyA: string;
let agencyB: string;
let adminA: SignedInActor;
let adminB: SignedInActor;

const BASE_DELAY_MS = 300;

function serviceWith(extra: { targets?: ReturnType<typeof targetPolicyFor>; resolve?: Resolver } = {}) {
  return createWebhooksService({
    db: t.database.db,
    dataKeys: t.services.dataKeys,
    audit: t.services.audit,
    references: createWebhookReferences(t.database.db),
    publicUrl: 'https://loket.example.go.id',
    targets: extra.targets ?? targetPolicyFor('test'),
    resolve: extra.resolve,
    delivery: { baseDelayMs: BASE_DELAY_MS, maxAttempts: 4, timeoutMs: 1_000, maxDelayMs: 20_000 },
  });
}

beforeAll(async () => {
  t = await createTestApp();
  receiver = await startReceiver();
  agencyA = (await createServiceFixture(t.database.db)).agencyId;
  agencyB = (await createServiceFixture(t.database.db)).agencyId;
  adminA = await createStaff(t.services, agencyA, 'agency_admin');
  adminB = await createStaff(t.services, agencyB, 'agency_admin');
  webhooks = serviceWith();
  jobs = await startJobs({ databaseUrl: t.database.url, definitions: webhookJobDefinitions(webhooks), onError: () => {} });
  webhooks.attachQueue(webhookQueue(jobs.boss));
});

afterAll(async () => {
  await jobs?.stop();
  await receiver?.close();
  await t?.close();
});

async function subscribe(
  admin: SignedInActor,
  agencyId: string,
  path: string,
  eventTypes = ['application.status_changed', 'document.issued', 'complaint.forwarded'],
) {
  const created = await webhooks.create({ agencyId, targetUrl: receiver.url(path), description: 'Sistem uji', eventTypes }, { actor: admin });
  if (!created.ok) throw new Error(`subscription refused: ${JSON.stringify(created.problems)}`);
  return created;
}

async function applicationChanged(agencyId: string, status = 'in_review') {
  await publishEvent(t.database.db, { topic: 'application.changed', aggregateId: crypto.randomUUID(), agencyId, payload: { status, stepId: 'verify' } });
  await webhooks.dispatchPending();
}

async function logOf(admin: SignedInActor, subscriptionId: string) {
  return (await webhooks.deliveryLog(admin, subscriptionId)) ?? [];
}

describe('webhook delivery', () => {
  it('delivers an agency’s event to its own subscription only, signed so that the reference verifier accepts it', async () => {
    const a = await subscribe(adminA, agencyA, '/a');
    const b = await subscribe(adminB, agencyB, '/b');
    await applicationChanged(agencyA);

    const [request] = await eventually(() => (receiver.at('/a').length > 0 ? receiver.at('/a') : undefined));
    if (!request) throw new Error('no request');
    const headers = request.headers as Record<string, string>;
    expect(headers['webhook-id']).toMatch(/^msg_[a-f0-9]{32}$/);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const payload = new Webhook(a.secret).verify(request.body, headers) as { type: string; data: Record<string, unknown> };
    expect(payload.type).toBe('application.status_changed');
    expect(payload.data).toMatchObject({ agencyId: agencyA, status: 'in_review', stepId: 'verify' });
    // Another subscription's secret does not verify it.
    expect(() => new Webhook(b.secret).verify(request.body, headers)).toThrow();
    // The payload names no person: only ids, codes and links.
    expect(Object.keys(payload.data).sort()).toEqual(['agencyId', 'applicationId', 'links', 'status', 'stepId', 'trackingNumber']);

    const [entry] = await eventually(async () => ((await logOf(adminA, a.id))[0]?.message.state === 'delivered' ? logOf(adminA, a.id) : undefined));
    expect(entry?.attempts).toHaveLength(1);
    expect(entry?.attempts[0]).toMatchObject({ statusCode: 200, errorClass: null, nextAttemptAt: null });

    // Agency B heard nothing, and its admin cannot read A's log.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.at('/b')).toHaveLength(0);
    expect(await webhooks.deliveryLog(adminB, a.id)).toBeUndefined();
    expect(await logOf(adminB, b.id)).toEqual([]);
  });

  it('a replayed message outside the five-minute window is refused by the reference verifier', async () => {
    const { secret } = await subscribe(adminA, agencyA, '/replay');
    await applicationChanged(agencyA, 'done');
    const [request] = await eventually(() => (receiver.at('/replay').length > 0 ? receiver.at('/replay') : undefined));
    if (!request) throw new Error('no request');
    const headers = request.headers as Record<string, string>;
    const verifier = new Webhook(secret);
    expect(verifier.verify(request.body, headers)).toBeTruthy();
    vi.useFakeTimers({ now: Date.now() + 6 * 60_000, toFake: ['Date'] });
    try {
      expect(() => verifier.verify(request.body, headers)).toThrow(/too old/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('retries after two 500s with growing delays and logs all three attempts', async () => {
    const sub = await subscribe(adminA, agencyA, '/flaky', ['document.issued']);
    receiver.script('/flaky', [500, 500, 200]);
    await publishEvent(t.database.db, {
      topic: 'document.issued',
      aggregateId: crypto.randomUUID(),
      agencyId: agencyA,
      payload: { applicationId: crypto.randomUUID(), number: 'DOK/2026/1' },
    });
    await webhooks.dispatchPending();

    const [entry] = await eventually(async () => ((await logOf(adminA, sub.id))[0]?.message.state === 'delivered' ? logOf(adminA, sub.id) : undefined), 20_000);
    const attempts = [...(entry?.attempts ?? [])].reverse();
    expect(attempts.map((attempt) => attempt.statusCode)).toEqual([500, 500, 200]);
    expect(attempts.map((attempt) => attempt.attempt)).toEqual([1, 2, 3]);
    const delays = attempts.slice(0, 2).map((attempt) => (attempt.nextAttemptAt?.getTime() ?? 0) - attempt.attemptedAt.getTime());
    expect(delays[0]).toBeGreaterThanOrEqual(BASE_DELAY_MS);
    expect(delays[1]).toBeGreaterThan(delays[0] ?? 0);

    const requests = receiver.at('/flaky');
    expect(requests).toHaveLength(3);
    // One message: the same webhook-id every time, each attempt after its scheduled delay.
    expect(new Set(requests.map((request) => request.headers['webhook-id'])).size).toBe(1);
    const gaps = [requests[1], requests[2]].map((request, index) => (request?.at ?? 0) - (requests[index]?.at ?? 0));
    expect(gaps[0]).toBeGreaterThanOrEqual((delays[0] ?? 0) - 50);
    expect(gaps[1]).toBeGreaterThanOrEqual((delays[1] ?? 0) - 50);
    expect(JSON.parse(requests[2]?.body ?? '{}')).toMatchObject({ type: 'document.issued', data: { documentNumber: 'DOK/2026/1' } });
  });

  it('waits at least as long as a 429’s Retry-After', async () => {
    const sub = await subscribe(adminA, agencyA, '/busy', ['complaint.forwarded']);
    receiver.script('/busy', [{ status: 429, headers: { 'retry-after': '2' } }, 200]);
    await publishEvent(t.database.db, {
      topic: 'complaint.forwarded',
      aggregateId: crypto.randomUUID(),
      agencyId: agencyA,
      payload: { agencyId: agencyA, unitId: null },
    });
    await webhooks.dispatchPending();
    const [entry] = await eventually(async () => ((await logOf(adminA, sub.id))[0]?.message.state === 'delivered' ? logOf(adminA, sub.id) : undefined), 20_000);
    const first = entry?.attempts.at(-1);
    expect(first?.statusCode).toBe(429);
    expect((first?.nextAttemptAt?.getTime() ?? 0) - (first?.attemptedAt.getTime() ?? 0)).toBeGreaterThanOrEqual(2_000);
    const [before, after] = receiver.at('/busy');
    expect((after?.at ?? 0) - (before?.at ?? 0)).toBeGreaterThanOrEqual(1_900);
  });

  it('does not retry a 4xx, and redelivers on request with the same webhook-id and a fresh signature', async () => {
    const sub = await subscribe(adminA, agencyA, '/gone');
    receiver.script('/gone', [404]);
    await applicationChanged(agencyA);
    const [entry] = await eventually(async () => ((await logOf(adminA, sub.id))[0]?.message.state === 'failed' ? logOf(adminA, sub.id) : undefined));
    await new Promise((resolve) => setTimeout(resolve, BASE_DELAY_MS * 4));
    expect(receiver.at('/gone')).toHaveLength(1);
    expect(entry?.attempts).toHaveLength(1);
    expect(entry?.attempts[0]).toMatchObject({ statusCode: 404, errorClass: 'http_status', nextAttemptAt: null });

    const messageId = entry?.message.id ?? '';
    // Another agency's admin cannot redeliver it.
    expect(await webhooks.redeliver(messageId, { actor: adminB })).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await webhooks.redeliver(messageId, { actor: adminA })).toBe(true);
    const [original, again] = await eventually(() => (receiver.at('/gone').length >= 2 ? receiver.at('/gone') : undefined));
    expect(again?.headers['webhook-id']).toBe(messageId);
    expect(again?.body).toBe(original?.body);
    expect(Number(again?.headers['webhook-timestamp'])).toBeGreaterThan(Number(original?.headers['webhook-timestamp']));
    expect(again?.headers['webhook-signature']).not.toBe(original?.headers['webhook-signature']);
    expect(new Webhook(sub.secret).verify(again?.body ?? '', again?.headers as Record<string, string>)).toBeTruthy();
    const [after] = await eventually(async () => ((await logOf(adminA, sub.id))[0]?.message.state === 'delivered' ? logOf(adminA, sub.id) : undefined));
    expect(after?.attempts[0]).toMatchObject({ manual: true, statusCode: 200 });
  });

  it('times out a receiver that never answers and schedules a retry', async () => {
    const sub = await subscribe(adminA, agencyA, '/slow');
    receiver.script('/slow', ['hang']);
    await applicationChanged(agencyA);
    const [entry] = await eventually(async () => {
      const log = await logOf(adminA, sub.id);
      return (log[0]?.attempts.length ?? 0) >= 1 ? log : undefined;
    });
    const attempt = entry?.attempts.at(-1);
    expect(attempt?.errorClass).toBe('timeout');
    expect(attempt?.durationMs).toBeGreaterThanOrEqual(900);
    expect(attempt?.nextAttemptAt).not.toBeNull();
  });

  it('sends nothing to a disabled subscription', async () => {
    const sub = await subscribe(adminA, agencyA, '/off');
    expect(await webhooks.setEnabled(sub.id, false, { actor: adminB })).toBe(false);
    expect(await webhooks.setEnabled(sub.id, false, { actor: adminA })).toBe(true);
    await applicationChanged(agencyA);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(receiver.at('/off')).toHaveLength(0);
    expect(await logOf(adminA, sub.id)).toEqual([]);
  });
});

describe('capture', () => {
  it('ignores outbox rows copied in with a past time (a restore, a bulk seed): they are never sent', async () => {
    await subscribe(adminA, agencyA, '/restored', ['application.status_changed']);
    const row = await t.database.db
      .insertInto('outboxEvent')
      .values({
        topic: 'application.changed',
        aggregateId: crypto.randomUUID(),
        agencyId: agencyA,
        payload: '{}',
        createdAt: new Date(Date.now() - 86_400_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(await t.database.db.selectFrom('webhookInbox').select('outboxEventId').where('outboxEventId', '=', row.id).executeTakeFirst()).toBeUndefined();
    await webhooks.dispatchPending();
    expect(await t.database.db.selectFrom('webhookMessage').select('id').where('outboxEventId', '=', row.id).execute()).toEqual([]);
  });
});

describe('several nodes', () => {
  it('fan an event out once and send each attempt once, however many nodes run them at the same moment', async () => {
    const nodes = [serviceWith(), serviceWith(), serviceWith()];
    for (const node of nodes) node.attachQueue(async () => {});
    const sub = await subscribe(adminB, agencyB, '/nodes', ['document.issued']);
    await publishEvent(t.database.db, {
      topic: 'document.issued',
      aggregateId: crypto.randomUUID(),
      agencyId: agencyB,
      payload: { applicationId: null, number: 'N-1' },
    });
    await Promise.all(nodes.map((node) => node.dispatchPending()));
    const log = await logOf(adminB, sub.id);
    expect(log).toHaveLength(1);
    const outcomes = await Promise.all(nodes.map((node) => node.attempt(log[0]?.message.id ?? '')));
    expect(outcomes.filter((outcome) => outcome === 'skipped')).toHaveLength(2);
    expect(outcomes).toContain('delivered');
    expect(receiver.at('/nodes')).toHaveLength(1);
  });
});

describe('events of the real modules', () => {
  it('a complaint the desk forwards reaches the receiving agency’s system with its tracking id and nothing about the reporter', async () => {
    const fx = await createComplaintsFixture(t.services, t.database.db);
    const receiving = await subscribe(await createStaff(t.services, fx.agencyId, 'agency_admin'), fx.agencyId, '/receiving', ['complaint.forwarded']);
    await subscribe(await createStaff(t.services, fx.otherAgencyId, 'agency_admin'), fx.otherAgencyId, '/other-agency', ['complaint.forwarded']);
    const trackingId = await forwardedComplaint(t.services, fx);
    await webhooks.dispatchPending();

    const [request] = await eventually(() => (receiver.at('/receiving').length > 0 ? receiver.at('/receiving') : undefined));
    const payload = new Webhook(receiving.secret).verify(request?.body ?? '', request?.headers as Record<string, string>) as { data: Record<string, unknown> };
    expect(payload).toMatchObject({ type: 'complaint.forwarded', data: { trackingId, agencyId: fx.agencyId, unitId: fx.unitId, status: 'not_followed_up' } });
    expect((payload.data.links as { backoffice: string }).backoffice).toBe(`https://loket.example.go.id/backoffice/complaints/${trackingId}`);
    expect(request?.body).not.toContain(fx.citizenNik);
    expect(request?.body).not.toMatch(/@|Rina/i);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.at('/other-agency')).toHaveLength(0);
  });
});

describe('target addresses', () => {
  it('connect to the address the host name resolved to when it was checked', async () => {
    const pinned = serviceWith({ resolve: async (host) => (host === 'agency-system.test' ? [{ address: '127.0.0.1', family: 4 }] : []) });
    pinned.attachQueue(async () => {});
    const port = new URL(receiver.url('/')).port;
    const created = await pinned.create(
      { agencyId: agencyA, targetUrl: `http://agency-system.test:${port}/pinned`, description: '', eventTypes: ['document.issued'] },
      { actor: adminA },
    );
    if (!created.ok) throw new Error('refused');
    await publishEvent(t.database.db, {
      topic: 'document.issued',
      aggregateId: crypto.randomUUID(),
      agencyId: agencyA,
      payload: { applicationId: null, number: 'X' },
    });
    await pinned.dispatchPending();
    const [entry] = (await pinned.deliveryLog(adminA, created.id)) ?? [];
    expect(await pinned.attempt(entry?.message.id ?? '')).toBe('delivered');
    expect(receiver.at('/pinned')[0]?.headers.host).toBe(`agency-system.test:${port}`);
  });

  it('refuses at delivery time a host whose DNS answer turned private after the subscription was made (rebinding)', async () => {
    let answer = '93.184.216.34';
    const resolve: Resolver = async () => [{ address: answer, family: 4 }];
    const production = serviceWith({ targets: targetPolicyFor('production'), resolve });
    const created = await production.create(
      { agencyId: agencyA, targetUrl: 'https://hooks.agency.example/in', description: '', eventTypes: ['application.status_changed'] },
      { actor: adminA },
    );
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    // Only this service runs the attempt: the shared queue's worker uses the test policy.
    production.attachQueue(async () => {});
    answer = '127.0.0.1';
    await publishEvent(t.database.db, {
      topic: 'application.changed',
      aggregateId: crypto.randomUUID(),
      agencyId: agencyA,
      payload: { status: 'done', stepId: null },
    });
    await production.dispatchPending();
    const [entry] = (await production.deliveryLog(adminA, created.id)) ?? [];
    expect(await production.attempt(entry?.message.id ?? '')).toBe('failed');
    const [after] = (await production.deliveryLog(adminA, created.id)) ?? [];
    expect(after?.attempts[0]).toMatchObject({ errorClass: 'forbidden_address', statusCode: null, nextAttemptAt: null });

    const refused = await production.create(
      { agencyId: agencyA, targetUrl: 'https://hooks.agency.example/in', description: '', eventTypes: ['document.issued'] },
      { actor: adminA },
    );
    expect(refused).toEqual({ ok: false, problems: [{ field: 'targetUrl', problem: 'address' }] });
    const http = await production.create(
      { agencyId: agencyA, targetUrl: 'http://93.184.216.34/in', description: '', eventTypes: ['document.issued'] },
      { actor: adminA },
    );
    expect(http).toEqual({ ok: false, problems: [{ field: 'targetUrl', problem: 'scheme' }] });
  });
});

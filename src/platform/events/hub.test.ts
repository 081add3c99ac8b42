import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { createServiceFixture } from '../../modules/applications/applications.test-support.ts';
import { createEventHub, type EventHub, type HubMessage, parseNotification } from './hub.ts';
import { publishEvent } from './outbox.ts';

// The hub over a real PostgreSQL: two hubs stand for two nodes, each with its own LISTEN connection.

const log = pino({ level: 'silent' });
let database: TestDatabase;
let agencyId: string;
const hubs: EventHub[] = [];

beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 3 });
  ({ agencyId } = await createServiceFixture(database.db));
});

afterAll(async () => {
  await Promise.all(hubs.map((hub) => hub.stop()));
  await database?.drop();
});

function newHub(options: { minBackoffMs?: number } = {}): EventHub {
  const hub = createEventHub({ connection: { connectionString: database.url }, log, ...options });
  hubs.push(hub);
  return hub;
}

/** Messages a subscriber heard, with a way to wait for the next one that matches. */
function inbox() {
  const messages: HubMessage[] = [];
  let waiting: { match: (m: HubMessage) => boolean; resolve: (m: HubMessage) => void } | undefined;
  return {
    messages,
    listener(message: HubMessage) {
      messages.push(message);
      if (waiting?.match(message)) {
        waiting.resolve(message);
        waiting = undefined;
      }
    },
    next(match: (m: HubMessage) => boolean, timeoutMs = 5_000): Promise<HubMessage> {
      const found = messages.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no matching message in time')), timeoutMs);
        waiting = {
          match,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        };
      });
    },
  };
}

const topicIs = (topic: string) => (m: HubMessage) => m.kind === 'event' && m.event.topic === topic;

describe('parsing notifications', () => {
  const id = '5f0c8a4e-2b7d-4c1e-9a3f-6d8e1b2c4a70';

  it('takes a well-formed payload and refuses anything else', () => {
    expect(parseNotification(JSON.stringify({ id: 7, topic: 'application.submitted', aggregateId: id, agencyId: null }))).toEqual({
      id: 7,
      topic: 'application.submitted',
      aggregateId: id,
      agencyId: null,
    });
    for (const bad of [
      undefined,
      '',
      'not json',
      'null',
      '[]',
      JSON.stringify({ id: '7', topic: 'application.submitted', aggregateId: id, agencyId: null }),
      JSON.stringify({ id: 7, topic: 'Bad Topic', aggregateId: id, agencyId: null }),
      JSON.stringify({ id: 7, topic: 'application.submitted', aggregateId: 'LKT-1234', agencyId: null }),
      JSON.stringify({ id: 7, topic: 'application.submitted', aggregateId: id, agencyId: 12 }),
      JSON.stringify({ id: 7, topic: 'application.submitted', aggregateId: id, agencyId: null, pad: 'x'.repeat(3_000) }),
    ]) {
      expect(parseNotification(bad), String(bad)).toBeUndefined();
    }
  });
});

describe('capacity', () => {
  it('refuses subscribers beyond the node limit and the per-key limit, and frees places on close', () => {
    const hub = createEventHub({ connection: {}, log, maxSubscribers: 3, maxPerKey: 2 });
    const noop = () => {};
    const a = hub.subscribe({ applicationId: 'a' }, noop);
    const b = hub.subscribe({ applicationId: 'a' }, noop);
    expect(a && b).toBeTruthy();
    expect(hub.subscribe({ applicationId: 'a' }, noop), 'third on one key').toBeUndefined();
    const c = hub.subscribe({ agencyIds: ['x'] }, noop);
    expect(c).toBeTruthy();
    expect(hub.subscribe({ applicationId: 'b' }, noop), 'fourth on the node').toBeUndefined();
    expect(hub.subscribe({}, noop), 'no key').toBeUndefined();
    a?.close();
    a?.close();
    expect(hub.subscriberCount).toBe(2);
    expect(hub.subscribe({ applicationId: 'a' }, noop)).toBeTruthy();
  });
});

describe('fan-out across nodes', () => {
  it('delivers a committed event to the subscribers of every node, by application and by agency, and a rolled-back one to none', async () => {
    const [one, two] = [newHub(), newHub()];
    one.start();
    two.start();
    await Promise.all([one.whenListening(), two.whenListening()]);

    const applicationId = crypto.randomUUID();
    const byApplication = inbox();
    const byAgency = inbox();
    const everyAgency = inbox();
    const elsewhere = inbox();
    one.subscribe({ applicationId }, byApplication.listener);
    two.subscribe({ agencyIds: [agencyId] }, byAgency.listener);
    two.subscribe({ agencyIds: 'all' }, everyAgency.listener);
    one.subscribe({ applicationId: crypto.randomUUID() }, elsewhere.listener);

    await database.db
      .transaction()
      .execute(async (trx) => {
        await publishEvent(trx, { topic: 'application.rolled_back', aggregateId: applicationId, agencyId });
        throw new Error('rolled back on purpose');
      })
      .catch(() => {});
    await database.db.transaction().execute((trx) => publishEvent(trx, { topic: 'application.step_entered', aggregateId: applicationId, agencyId }));

    for (const box of [byApplication, byAgency, everyAgency]) {
      const heard = await box.next(topicIs('application.step_entered'));
      expect(heard).toMatchObject({ kind: 'event', event: { aggregateId: applicationId, agencyId } });
    }
    // NOTIFY is delivered in commit order: the rolled-back event would have come first.
    for (const box of [byApplication, byAgency, everyAgency]) expect(box.messages.filter(topicIs('application.rolled_back'))).toEqual([]);
    expect(elsewhere.messages).toEqual([]);

    // Garbage on the channel is ignored, and the hub goes on.
    await sql`select pg_notify('loket_events', 'not json')`.execute(database.db);
    await database.db.transaction().execute((trx) => publishEvent(trx, { topic: 'application.decided', aggregateId: applicationId, agencyId: null }));
    await byApplication.next(topicIs('application.decided'));
    // An event without an agency reaches no agency subscriber.
    expect(byAgency.messages.filter(topicIs('application.decided'))).toEqual([]);
    expect(everyAgency.messages.filter(topicIs('application.decided'))).toEqual([]);

    await Promise.all([one.stop(), two.stop()]);
  });
});

describe('a dropped LISTEN connection', () => {
  it('is re-established: subscribers are told to read again, and hear later events', async () => {
    const hub = newHub({ minBackoffMs: 20 });
    hub.start();
    await hub.whenListening();
    const applicationId = crypto.randomUUID();
    const box = inbox();
    hub.subscribe({ applicationId }, box.listener);

    const killed = await sql<{ killed: boolean }>`
      select pg_terminate_backend(pid) as killed from pg_stat_activity
      where application_name = 'loket-events' and datname = current_database()`.execute(database.db);
    expect(killed.rows.length).toBe(1);

    await box.next((m) => m.kind === 'resync');
    expect(hub.listening).toBe(true);
    await database.db.transaction().execute((trx) => publishEvent(trx, { topic: 'application.claimed', aggregateId: applicationId, agencyId }));
    await box.next(topicIs('application.claimed'));
    await hub.stop();
  });

  it('does not stop the app when the database cannot be reached: the hub keeps retrying', async () => {
    const hub = createEventHub({
      connection: { connectionString: 'postgres://nobody:x@127.0.0.1:1/none', connectionTimeoutMillis: 200 },
      log,
      minBackoffMs: 20,
    });
    hub.start();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(hub.listening).toBe(false);
    expect(hub.subscribe({ applicationId: 'a' }, () => {})).toBeTruthy();
    await hub.stop();
  });
});

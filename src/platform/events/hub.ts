import pg from 'pg';
import type { Logger } from 'pino';
import { isUuid } from '../http/uuid.ts';

/** The channel the outbox insert trigger notifies on (migrations/0014_workflow.sql). */
export const EVENTS_CHANNEL = 'loket_events';

/** What a NOTIFY announces: ids and codes only, like the outbox row it comes from. */
export interface HubEvent {
  id: number;
  topic: string;
  aggregateId: string;
  agencyId: string | null;
}

/**
 * What a subscriber hears: an event for one of its keys, or `resync` after the node lost its LISTEN
 * connection for a while (events of that gap are gone, so subscribers should read the state again).
 */
export type HubMessage = { kind: 'event'; event: HubEvent } | { kind: 'resync' };

/** The keys a subscriber listens on: one application, and/or the agencies of a staff member ('all' for cross-agency roles). */
export interface SubscriptionKeys {
  applicationId?: string;
  agencyIds?: readonly string[] | 'all';
}

export interface Subscription {
  close(): void;
}

export interface EventHub {
  /** Starts listening in the background; never throws (a database that is away is retried). */
  start(): void;
  /** Stops listening and closes every subscription. */
  stop(): Promise<void>;
  /** Undefined when the node or one of the keys is at capacity: the caller refuses the subscriber. */
  subscribe(keys: SubscriptionKeys, listener: (message: HubMessage) => void): Subscription | undefined;
  /** Resolves once LISTEN is active (at once when it already is). */
  whenListening(): Promise<void>;
  readonly listening: boolean;
  readonly subscriberCount: number;
}

export interface EventHubOptions {
  /** How to reach PostgreSQL: the app pool's options, so the hub follows the same settings. */
  connection: pg.ClientConfig;
  log: Pick<Logger, 'info' | 'warn'>;
  /** Bounds memory per node: subscribers beyond it are refused. */
  maxSubscribers?: number;
  /** Bounds one key (one application, one agency), so a single page opened in many tabs cannot take the node. */
  maxPerKey?: number;
  /** First reconnection delay; doubles up to maxBackoffMs. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** How often the listening connection is checked with a query; a dead one is replaced. */
  pingIntervalMs?: number;
}

const TOPIC = /^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/;

/** A NOTIFY payload as an event, or undefined for anything malformed (the channel is open to any session of the database). */
export function parseNotification(payload: string | undefined): HubEvent | undefined {
  if (payload === undefined || payload.length > 2_000) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { id, topic, aggregateId, agencyId } = value as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) return undefined;
  if (typeof topic !== 'string' || topic.length > 100 || !TOPIC.test(topic)) return undefined;
  if (typeof aggregateId !== 'string' || !isUuid(aggregateId)) return undefined;
  if (agencyId !== null && (typeof agencyId !== 'string' || !isUuid(agencyId))) return undefined;
  return { id, topic, aggregateId: aggregateId.toLowerCase(), agencyId: agencyId?.toLowerCase() ?? null };
}

interface Subscriber {
  keys: string[];
  listener: (message: HubMessage) => void;
}

const ALL_AGENCIES = 'agency:*';

/**
 * One LISTEN connection per node, fanned out to the SSE streams of this node. Every node runs its own
 * hub, and PostgreSQL delivers each NOTIFY to all of them at commit, so a change made on any node
 * reaches the live pages on every node. The connection is re-established with backoff when it drops;
 * subscribers then get `resync`, because what was announced in between is lost.
 */
export function createEventHub(options: EventHubOptions): EventHub {
  const { log } = options;
  const maxSubscribers = options.maxSubscribers ?? 10_000;
  const maxPerKey = options.maxPerKey ?? 1_000;
  const minBackoffMs = options.minBackoffMs ?? 250;
  const maxBackoffMs = options.maxBackoffMs ?? 15_000;
  const pingIntervalMs = options.pingIntervalMs ?? 30_000;

  const byKey = new Map<string, Set<Subscriber>>();
  let count = 0;
  let running = false;
  let client: pg.Client | undefined;
  let listening = false;
  let everListened = false;
  let failures = 0;
  let retryTimer: NodeJS.Timeout | undefined;
  let pingTimer: NodeJS.Timeout | undefined;
  let waiters: (() => void)[] = [];

  function deliver(subscribers: Iterable<Subscriber>, message: HubMessage): void {
    for (const subscriber of subscribers) {
      try {
        subscriber.listener(message);
      } catch (error) {
        log.warn({ err: error }, 'live event subscriber failed');
      }
    }
  }

  function dispatch(event: HubEvent): void {
    const targets = new Set<Subscriber>();
    for (const key of [`application:${event.aggregateId}`, event.agencyId ? `agency:${event.agencyId}` : undefined, ALL_AGENCIES]) {
      if (key === undefined || (key === ALL_AGENCIES && event.agencyId === null)) continue;
      for (const subscriber of byKey.get(key) ?? []) targets.add(subscriber);
    }
    deliver(targets, { kind: 'event', event });
  }

  function allSubscribers(): Set<Subscriber> {
    const all = new Set<Subscriber>();
    for (const set of byKey.values()) for (const subscriber of set) all.add(subscriber);
    return all;
  }

  function scheduleReconnect(): void {
    if (!running || retryTimer) return;
    const delay = Math.min(maxBackoffMs, minBackoffMs * 2 ** Math.min(failures, 16));
    failures += 1;
    // Jitter, so that nodes which lost the database together do not come back in lockstep.
    retryTimer = setTimeout(
      () => {
        retryTimer = undefined;
        void connect();
      },
      delay * (0.5 + Math.random() / 2),
    );
    retryTimer.unref();
  }

  /** Forgets a connection that failed; safe to call more than once for the same one ('error' then 'end'). */
  function drop(dead: pg.Client, error?: unknown): void {
    if (client !== dead) return;
    client = undefined;
    if (listening) log.warn({ err: error }, 'live events: LISTEN connection lost, reconnecting');
    listening = false;
    clearInterval(pingTimer);
    pingTimer = undefined;
    dead.end().catch(() => {});
    scheduleReconnect();
  }

  async function connect(): Promise<void> {
    if (!running || client) return;
    const candidate = new pg.Client({
      ...options.connection,
      application_name: 'loket-events',
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      query_timeout: 10_000,
    });
    client = candidate;
    candidate.on('error', (error) => drop(candidate, error));
    candidate.on('end', () => drop(candidate));
    candidate.on('notification', (message) => {
      if (message.channel !== EVENTS_CHANNEL) return;
      const event = parseNotification(message.payload);
      if (event) dispatch(event);
      else log.warn({ channel: message.channel }, 'live events: malformed notification ignored');
    });
    try {
      await candidate.connect();
      await candidate.query(`listen ${EVENTS_CHANNEL}`);
    } catch (error) {
      if (failures === 0) log.warn({ err: error }, 'live events: cannot LISTEN, retrying');
      drop(candidate, error);
      return;
    }
    if (client !== candidate || !running) {
      await candidate.end().catch(() => {});
      return;
    }
    listening = true;
    failures = 0;
    pingTimer = setInterval(() => {
      candidate.query('select 1').catch((error: unknown) => drop(candidate, error));
    }, pingIntervalMs);
    pingTimer.unref();
    if (everListened) {
      log.info('live events: listening again');
      deliver(allSubscribers(), { kind: 'resync' });
    }
    everListened = true;
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve();
  }

  return {
    start() {
      if (running) return;
      running = true;
      void connect();
    },

    async stop() {
      running = false;
      clearTimeout(retryTimer);
      retryTimer = undefined;
      clearInterval(pingTimer);
      pingTimer = undefined;
      const current = client;
      client = undefined;
      listening = false;
      byKey.clear();
      count = 0;
      if (current) await current.end().catch(() => {});
    },

    subscribe(keys, listener) {
      const names = [
        ...(keys.applicationId ? [`application:${keys.applicationId.toLowerCase()}`] : []),
        ...(keys.agencyIds === 'all' ? [ALL_AGENCIES] : (keys.agencyIds ?? []).map((id) => `agency:${id.toLowerCase()}`)),
      ];
      if (names.length === 0 || count >= maxSubscribers) return undefined;
      if (names.some((name) => (byKey.get(name)?.size ?? 0) >= maxPerKey)) return undefined;
      const subscriber: Subscriber = { keys: names, listener };
      for (const name of names) {
        const set = byKey.get(name) ?? new Set<Subscriber>();
        set.add(subscriber);
        byKey.set(name, set);
      }
      count += 1;
      let open = true;
      return {
        close() {
          if (!open) return;
          open = false;
          let removed = false;
          for (const name of subscriber.keys) {
            const set = byKey.get(name);
            if (!set?.delete(subscriber)) continue;
            removed = true;
            if (set.size === 0) byKey.delete(name);
          }
          // After stop() the maps were cleared and the count reset: nothing to give back.
          if (removed) count -= 1;
        },
      };
    },

    whenListening() {
      if (listening) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },

    get listening() {
      return listening;
    },

    get subscriberCount() {
      return count;
    },
  };
}

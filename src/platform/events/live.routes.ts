import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type pg from 'pg';
import { readsAsApplicant } from '../../modules/applications/reading.service.ts';
import { parseTrackingNumber } from '../../modules/applications/tracking-number.ts';
import { agenciesFor, type SignedInActor } from '../auth/actor.ts';
import { authErrors } from '../auth/errors.ts';
import type { Database } from '../db/database.ts';
import { AppError, platformErrors } from '../http/errors.ts';
import { signedInActor } from '../http/request-input.ts';
import { createEventHub, type EventHub, type HubMessage, type SubscriptionKeys } from './hub.ts';
import { createLiveRepository, type LiveApplication } from './live.repository.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** This node's hub of live events (one LISTEN connection). */
    liveEvents: EventHub;
  }
}

export interface LiveEventsOptions {
  db: Database;
  /** How the hub reaches PostgreSQL: the app pool's options. */
  connection: pg.ClientConfig;
  /** A hub of one's own (tests); default: one made from `connection`. */
  hub?: EventHub;
}

/** Proxies close connections that stay silent; a comment line every 25 s keeps the stream open. */
const HEARTBEAT_MS = 25_000;
/**
 * Streams end after about a quarter of an hour and the browser reconnects by itself: each
 * reconnection is authenticated again, so a revoked session stops hearing within that time.
 */
const MAX_STREAM_MS = 15 * 60_000;
/** How long the browser waits before reconnecting. */
const RETRY_MS = 5_000;
/** Events are a few dozen bytes: a client with this much unread is not reading, and is dropped. */
const MAX_BUFFERED_BYTES = 64 * 1024;
/**
 * Open streams per account on this node. A sixth is refused with 429 rather than closing the oldest:
 * closing would make the tabs take turns (each closed one reconnects after RETRY_MS and closes another),
 * while a refused EventSource stops, and that page still shows the latest state on reload. Five covers
 * a person working in a few tabs; without a cap, one account could fill maxPerKey for its whole agency.
 */
export const MAX_STREAMS_PER_ACCOUNT = 5;
/** How long startup waits for LISTEN before going on without it (it keeps retrying in the background). */
const STARTUP_WAIT_MS = 2_000;

const notAcceptable = () => new AppError('platform.not_acceptable', 406, 'error.unsupportedMedia.title', 'error.unsupportedMedia.text');

/**
 * A stream is only opened for a client that asks for one (EventSource always sends this Accept
 * header). Anyone else allowed gets 406 instead of a response that never ends, which also lets the
 * authorization matrix (app.inject waits for the end) call these routes.
 */
function requireEventStream(request: FastifyRequest): void {
  if (!String(request.headers.accept ?? '').includes('text/event-stream')) throw notAcceptable();
}

/** Whether `actor` may follow `application`: its applicant (as the application page decides), or staff working its agency. */
export function mayFollow(actor: SignedInActor, application: LiveApplication): boolean {
  if (readsAsApplicant(actor, application)) return true;
  const agencies = agenciesFor(actor, 'application.work');
  return agencies === 'all' || agencies.includes(application.agencyId);
}

const tooManyStreams = () => Object.assign(new Error('too many live streams for one account'), { statusCode: 429, ttl: RETRY_MS * 6 });

/** Whether the client is known to be gone: its connection closed while the route was still deciding. */
interface ConnectionWatch {
  readonly gone: boolean;
}

/**
 * Notes the connection's close from the start of the request, before any await: a client that leaves
 * while the route looks things up must not be subscribed afterwards (no 'close' would come to end it).
 */
function watchConnection(request: FastifyRequest, reply: FastifyReply): ConnectionWatch {
  const watch = { gone: false };
  const gone = () => {
    watch.gone = true;
  };
  reply.raw.once('close', gone);
  request.raw.once('aborted', gone);
  return watch;
}

/** The connection is already closed: writing would go nowhere and no 'close' event is left to come. */
function closed(request: FastifyRequest, reply: FastifyReply): boolean {
  const socket = reply.raw.socket;
  return reply.raw.destroyed || request.raw.destroyed || !socket || socket.destroyed;
}

const SSE_ROUTE = { exposeHeadRoute: false, schema: { hide: true } } as const;

/**
 * Server-sent events for live pages: `event: changed` with `{"topic": ...}` only (never personal
 * data), which tells the page to read itself again. Pages opt in through Layout's `live` prop
 * (src/platform/ui/assets/live.js does the rest); without JavaScript they show the latest state on reload.
 */
export const liveEvents = fp(
  async (app: FastifyInstance, options: LiveEventsOptions) => {
    const hub = options.hub ?? createEventHub({ connection: options.connection, log: app.log });
    const repository = createLiveRepository(options.db);
    const streams = new Set<() => void>();
    /** Open streams by account, for MAX_STREAMS_PER_ACCOUNT. */
    const perAccount = new Map<string, number>();
    app.decorate('liveEvents', hub);

    app.addHook('onReady', async () => {
      hub.start();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([hub.whenListening(), new Promise((resolve) => (timer = setTimeout(resolve, STARTUP_WAIT_MS)))]);
      clearTimeout(timer);
    });
    // Open streams would keep the server from closing: end them first, then stop listening.
    app.addHook('preClose', async () => {
      for (const end of [...streams]) end();
    });
    app.addHook('onClose', async () => hub.stop());

    function openStream(request: FastifyRequest, reply: FastifyReply, keys: SubscriptionKeys, watch: ConnectionWatch): FastifyReply {
      const raw = reply.raw;
      if (watch.gone || closed(request, reply)) {
        // Nobody to answer: nothing is subscribed, the socket is let go.
        reply.hijack();
        raw.destroy();
        return reply;
      }
      const accountId = signedInActor(request).accountId;
      const opened = perAccount.get(accountId) ?? 0;
      if (opened >= MAX_STREAMS_PER_ACCOUNT) throw tooManyStreams();
      let ended = false;
      const write = (chunk: string) => {
        if (ended) return;
        if (raw.writableLength > MAX_BUFFERED_BYTES) {
          end(true);
          return;
        }
        raw.write(chunk);
      };
      const subscription = hub.subscribe(keys, (message: HubMessage) => {
        const topic = message.kind === 'event' ? message.event.topic : 'resync';
        write(`event: changed\ndata: ${JSON.stringify({ topic })}\n\n`);
      });
      if (!subscription) throw platformErrors.unavailable();

      // Written by hand, past Fastify's onSend hooks: @fastify/compress would otherwise buffer the stream.
      reply.hijack();
      const headers: Record<string, string | number | string[]> = {};
      for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined && name !== 'content-length') headers[name] = value;
      raw.writeHead(200, {
        ...headers,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-accel-buffering': 'no',
      });
      raw.write(`retry: ${RETRY_MS}\n: open\n\n`);

      perAccount.set(accountId, opened + 1);
      const heartbeat = setInterval(() => write(': ping\n\n'), HEARTBEAT_MS);
      const lifetime = setTimeout(() => end(false), MAX_STREAM_MS * (0.75 + Math.random() / 4));
      function end(drop: boolean): void {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        clearTimeout(lifetime);
        subscription?.close();
        streams.delete(endGracefully);
        const left = (perAccount.get(accountId) ?? 1) - 1;
        if (left > 0) perAccount.set(accountId, left);
        else perAccount.delete(accountId);
        if (drop) {
          request.log.info('live events: slow client dropped');
          raw.destroy();
        } else raw.end();
      }
      const endGracefully = () => end(false);
      streams.add(endGracefully);
      raw.on('close', endGracefully);
      request.raw.on('close', endGracefully);
      // Closed between the check above and here (or during writeHead): the listeners came too late.
      if (watch.gone || closed(request, reply)) end(false);
      return reply;
    }

    app.get<{ Params: { trackingNumber: string } }>(
      '/events/applications/:trackingNumber',
      { ...SSE_ROUTE, config: { access: { permission: 'account.self' } } },
      async (request, reply) => {
        const watch = watchConnection(request, reply);
        const actor = signedInActor(request);
        const canonical = parseTrackingNumber(request.params.trackingNumber);
        const application = canonical ? await repository.applicationByTrackingNumber(canonical) : undefined;
        // Another person's application answers as one that does not exist.
        if (!application || !mayFollow(actor, application)) throw authErrors.notFound();
        requireEventStream(request);
        return openStream(request, reply, { applicationId: application.id }, watch);
      },
    );

    app.get('/events/queue', { ...SSE_ROUTE, config: { access: { permission: 'application.work' } } }, async (request, reply) => {
      const watch = watchConnection(request, reply);
      const agencies = agenciesFor(signedInActor(request), 'application.work');
      if (agencies !== 'all' && agencies.length === 0) throw authErrors.notFound();
      requireEventStream(request);
      return openStream(request, reply, { agencyIds: agencies }, watch);
    });
  },
  { name: 'live-events' },
);

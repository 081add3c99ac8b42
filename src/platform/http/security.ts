import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.ts';
import type { Database } from '../db/database.ts';
import { postgresRateLimitStore } from './rate-limit-store.ts';

export interface SecurityOptions {
  config: Config;
  db: Database;
  cookieSecret: Buffer;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Browser-facing forms are protected against cross-site requests. The JSON API under /api/ is not:
 * it authenticates with bearer tokens only and never with cookies, so a forged request carries nothing.
 */
function needsCsrfCheck(request: FastifyRequest): boolean {
  // Open311 clients, like API clients, authenticate with a key they send, never with a cookie.
  return UNSAFE_METHODS.has(request.method) && !request.url.startsWith('/api/') && !request.url.startsWith('/open311/');
}

/**
 * For the few answers Fastify sends before any hook runs (a URL it cannot route): the same protections
 * as helmet gives every other response, with a policy that allows only the stylesheet.
 */
export const FALLBACK_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

/** Pages that show someone's own records: never kept by a shared cache, even when nobody is signed in (a redirect, a 404). */
const PERSONAL_PATHS = /^\/(?:applications|account|backoffice|staff|audit|admin)(?:[/?]|$)/;

/**
 * Nothing personal is stored by a cache: anything for a signed-in caller, anything under a personal
 * path, unless the route chose its own caching (public files such as the hashed assets).
 */
function noStoreForPersonal(request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: null, payload: unknown) => void): void {
  const signedIn = request.actor !== undefined && request.actor !== null && request.actor.kind !== 'anonymous';
  if (!reply.hasHeader('cache-control') && (signedIn || PERSONAL_PATHS.test(request.url))) reply.header('cache-control', 'no-store');
  done(null, payload);
}

export const security = fp(
  async (app: FastifyInstance, { config, db, cookieSecret }: SecurityOptions) => {
    const production = config.env === 'production';

    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          // Map tiles come from the configured tile server (config.mapTiles), if any.
          imgSrc: ["'self'", 'data:', ...(config.mapTiles ? [config.mapTiles.origin] : [])],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: production ? [] : null,
        },
      },
      strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    });
    app.addHook('onSend', noStoreForPersonal);

    await app.register(cookie, { secret: cookieSecret.toString('base64') });
    await app.register(csrf, {
      sessionPlugin: '@fastify/cookie',
      cookieKey: production ? '__Host-csrf' : 'csrf',
      cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, signed: true, secure: production },
    });
    app.addHook('preValidation', (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => {
      if (needsCsrfCheck(request)) return app.csrfProtection(request, reply, done);
      done();
    });

    await app.register(formbody, { bodyLimit: config.bodyLimitBytes });
    await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });

    await app.register(rateLimit, {
      global: true,
      max: config.rateLimitMax,
      timeWindow: config.rateLimitWindowSeconds * 1000,
      store: postgresRateLimitStore(db),
      // When the database is away the request fails with 503 anyway; do not turn it into a 500.
      skipOnError: true,
      // Per address, before anyone is known; signed-in accounts have their own limit (authentication.ts).
      keyGenerator: (request) => request.ip,
      // Hand the refusal to the global error handler so it is localized like every other error.
      errorResponseBuilder: (_request, context) => Object.assign(new Error('rate limited'), { statusCode: context.statusCode, ttl: context.ttl }),
    });

    // Shed load instead of queueing without bound when the event loop is saturated. Not under test:
    // there several apps share one process with other test files, whose stalls are not this app's load.
    await app.register(underPressure, {
      maxEventLoopDelay: config.env === 'test' ? 0 : 2_000,
      retryAfter: 5,
      exposeStatusRoute: false,
    });
  },
  { name: 'security' },
);

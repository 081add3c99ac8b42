import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { applyLocale } from '../http/request-context.ts';
import { type Actor, ANONYMOUS, can } from './actor.ts';
import { authErrors } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling; anonymous until a session or bearer token proves otherwise. */
    actor: Actor;
    /** The raw session token from the cookie, for sign-out and session rotation. */
    sessionToken: string | undefined;
  }
}

export interface SessionResolver {
  resolve(token: string, kind: 'web' | 'api'): Promise<{ actor: Exclude<Actor, { kind: 'anonymous' }>; mfaVerified: boolean } | undefined>;
}

export interface AuthenticationOptions {
  sessions: SessionResolver;
  cookieName: string;
  /**
   * Counts a request of a signed-in account; returns how long to wait when the account is over its
   * limit. The per-address limit (security.ts) runs before anyone is known; this one follows a
   * person across addresses and is not shared with others behind the same address.
   */
  countAccountRequest?: (accountId: string) => Promise<{ retryAfterMs: number } | undefined>;
}

/** The token of an `Authorization: Bearer …` header; the API also needs it to revoke itself. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const [scheme, token] = header.split(' ');
  return scheme?.toLowerCase() === 'bearer' && token ? token : undefined;
}

/**
 * Resolves the actor of every request and enforces each route's declared access before the body is
 * read. Browser pages authenticate with the session cookie only; the JSON API with bearer tokens
 * only (so CSRF cannot ride on a cookie there). A staff session without its TOTP step is not signed
 * in: it reaches only the public sign-in pages.
 */
export const authentication = fp(
  async (app: FastifyInstance, { sessions, cookieName, countAccountRequest }: AuthenticationOptions) => {
    // Set by the hook below for every request.
    app.decorateRequest('actor', null as never);
    app.decorateRequest('sessionToken', undefined);

    app.addHook('onRequest', async (request) => {
      request.actor = ANONYMOUS;
      const api = request.url.startsWith('/api/');
      const token = api ? bearerToken(request) : request.cookies[cookieName];
      if (token) {
        if (!api) request.sessionToken = token;
        const resolved = await sessions.resolve(token, api ? 'api' : 'web');
        if (resolved?.mfaVerified) {
          request.actor = resolved.actor;
          applyLocale(request, resolved.actor.locale);
          const over = await countAccountRequest?.(resolved.actor.accountId);
          if (over) throw Object.assign(new Error('account rate limited'), { statusCode: 429, ttl: over.retryAfterMs });
        }
      }

      const access = request.routeOptions.config?.access;
      if (access === undefined || access === 'public') return;
      if (request.actor.kind === 'anonymous') throw authErrors.unauthenticated();
      if (!can(request.actor, access.permission)) throw authErrors.forbidden();
    });
  },
  { name: 'authentication', dependencies: ['request-context'] },
);

import type { FastifyRequest } from 'fastify';
import type { SignedInActor } from '../auth/actor.ts';

/** Where a request came from, as services record it (audit, sessions). */
export interface RequestOrigin {
  ip: string;
  requestId: string;
  userAgent: string | undefined;
}

export function requestOrigin(request: FastifyRequest): RequestOrigin {
  return { ip: request.ip, requestId: request.id, userAgent: request.headers['user-agent'] };
}

/**
 * A form or query field as text, cut to `max`: absent, repeated or non-text values become '' so that
 * a hostile post meets the same validation as an empty field instead of an exception.
 */
export function formText(source: unknown, name: string, max = 500): string {
  const value = (source as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, max) : '';
}

/** The actor of a route that declared a permission: authentication has already refused anonymous callers. */
export function signedInActor(request: FastifyRequest): SignedInActor {
  if (request.actor.kind === 'anonymous') throw new Error('route declared a permission but was reached without an actor');
  return request.actor;
}

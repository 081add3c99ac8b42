import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { VNode } from 'preact';
import { can } from '../auth/actor.ts';
import { type Formatters, formatters, isLocale, LOCALE_COOKIE, type Locale, resolveLocale, type Translate, translator } from '../i18n/index.ts';
import type { PageContext } from '../ui/context.ts';
import { renderPage } from '../ui/render.ts';

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    t: Translate;
    format: Formatters;
  }
  interface FastifyReply {
    /** Sends a server-rendered page as HTML. */
    html(page: VNode): FastifyReply;
  }
}

const ONE_YEAR = 365 * 24 * 3600;

/** A path on this site only: anything else (//evil.example, https://…) becomes the home page. */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value.length > 2000 ? '/' : value;
}

/** Sets the language of a request: by the hook below, and again by authentication from the account's setting. */
export function applyLocale(request: FastifyRequest, locale: Locale): void {
  request.locale = locale;
  request.t = translator(locale);
  request.format = formatters(locale);
}

export function pageContext(request: FastifyRequest, reply: FastifyReply, cssHref: string): PageContext {
  let token: string | undefined;
  return {
    locale: request.locale,
    t: request.t,
    format: request.format,
    path: request.url,
    requestId: request.id,
    cssHref,
    signedIn: request.actor !== null && request.actor !== undefined && request.actor.kind !== 'anonymous',
    can: (permission) => request.actor !== null && request.actor !== undefined && can(request.actor, permission),
    csrfToken() {
      token ??= reply.generateCsrf();
      return token;
    },
  };
}

/** Chooses each request's language and gives routes `reply.html` for pages. */
export const requestContext = fp(
  async (app: FastifyInstance) => {
    // Set for every request by the hook below; null only declares the shape up front.
    app.decorateRequest('locale', 'id');
    app.decorateRequest('t', null as unknown as Translate);
    app.decorateRequest('format', null as unknown as Formatters);
    app.decorateReply('html', function (this: FastifyReply, page: VNode) {
      return this.type('text/html; charset=utf-8').send(renderPage(page));
    });

    app.addHook('onRequest', async (request) => {
      // The account's own setting, when someone is signed in, replaces this in authentication.
      applyLocale(request, resolveLocale({ cookie: request.cookies[LOCALE_COOKIE], acceptLanguage: request.headers['accept-language'] }));
    });

    // The request number on error pages and in logs, also given to API clients for support.
    app.addHook('onSend', async (request, reply) => {
      reply.header('x-request-id', request.id);
    });

    // A plain link, so that switching language works without JavaScript; it changes only a preference.
    app.get<{ Querystring: { set?: string; return?: string } }>(
      '/language',
      { config: { access: 'public' }, schema: { hide: true } },
      async (request, reply) => {
        const chosen = request.query.set;
        if (isLocale(chosen)) {
          reply.setCookie(LOCALE_COOKIE, chosen, { path: '/', maxAge: ONE_YEAR, sameSite: 'lax', httpOnly: true, secure: 'auto' });
        }
        return reply.redirect(safeReturnPath(request.query.return), 303);
      },
    );
  },
  { name: 'request-context', dependencies: ['@fastify/cookie', '@fastify/csrf-protection'] },
);

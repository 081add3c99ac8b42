import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type MessageKey, resolveLocale } from '../i18n/index.ts';
import { CSS_HREF } from '../ui/assets.ts';
import { ErrorPage } from '../ui/error-page.tsx';
import { renderPage } from '../ui/render.ts';
import { AppError, CLIENT_ERRORS, type InvalidParam, isDatabaseUnavailable, isUnstorableText, platformErrors } from './errors.ts';
import { applyLocale, pageContext } from './request-context.ts';
import { FALLBACK_SECURITY_HEADERS } from './security.ts';

const RETRY_AFTER_SECONDS = 5;

interface Problem {
  status: number;
  code: string;
  titleKey: MessageKey;
  detailKey: MessageKey;
  detailParams?: Record<string, string | number>;
  invalid?: readonly InvalidParam[] | undefined;
}

/** The API speaks problem+json; browsers get a page. */
export function wantsJson(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return true;
  const accept = request.headers.accept ?? '';
  return /application\/(problem\+)?json/.test(accept) && !accept.includes('text/html');
}

function validationParams(error: FastifyError): InvalidParam[] {
  return (error.validation ?? []).slice(0, 20).map((issue) => {
    const missing = (issue.params as { missingProperty?: string } | undefined)?.missingProperty;
    const path = `${issue.instancePath ?? ''}${missing ? `/${missing}` : ''}`.replace(/^\//, '').replace(/\//g, '.');
    return { name: path || error.validationContext || 'body', reason: issue.message ?? 'invalid' };
  });
}

function classify(error: FastifyError | AppError | Error): Problem {
  if (error instanceof AppError) {
    return { status: error.statusCode, code: error.code, titleKey: error.titleKey, detailKey: error.detailKey ?? error.titleKey, invalid: error.invalidParams };
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const problem = platformErrors.validation(validationParams(fastifyError));
    return { status: 400, code: problem.code, titleKey: problem.titleKey, detailKey: 'error.badRequest.text', invalid: problem.invalidParams };
  }
  if (isUnstorableText(error)) {
    return { status: 400, code: 'platform.bad_request', titleKey: 'error.badRequest.title', detailKey: 'error.badRequest.text' };
  }
  if (isDatabaseUnavailable(error)) {
    return { status: 503, code: 'platform.unavailable', titleKey: 'error.unavailable.title', detailKey: 'error.unavailable.text' };
  }
  const status = fastifyError.statusCode ?? 500;
  if (fastifyError.code?.startsWith('FST_CSRF')) {
    return { status: 403, code: 'platform.csrf', titleKey: 'error.csrf.title', detailKey: 'error.csrf.text' };
  }
  if (status === 429) {
    const seconds = Math.max(1, Math.ceil(Number((fastifyError as { ttl?: number }).ttl ?? 60_000) / 1000));
    return { status, code: 'platform.rate_limited', titleKey: 'error.rateLimited.title', detailKey: 'error.rateLimited.text', detailParams: { seconds } };
  }
  if (status === 503) {
    return { status, code: 'platform.unavailable', titleKey: 'error.unavailable.title', detailKey: 'error.unavailable.text' };
  }
  if (status >= 400 && status < 500) {
    const known = CLIENT_ERRORS[status] ?? CLIENT_ERRORS[400];
    if (known) return { status, ...known };
  }
  return { status: 500, code: 'platform.internal', titleKey: 'error.internal.title', detailKey: 'error.internal.text' };
}

function send(request: FastifyRequest, reply: FastifyReply, problem: Problem) {
  // An error raised before the request-context hook ran (load shedding, for one) finds no language set yet.
  if (typeof request.t !== 'function') applyLocale(request, resolveLocale({ acceptLanguage: request.headers['accept-language'] }));
  // A person who needs to sign in is taken there, and back afterwards. HEAD answers as GET would (RFC 9110, 9.3.2).
  if (problem.code === 'auth.unauthenticated' && (request.method === 'GET' || request.method === 'HEAD') && !wantsJson(request)) {
    return reply.redirect(`/sign-in?done=required&next=${encodeURIComponent(request.url)}`, 303);
  }
  if (problem.status === 503 && !reply.hasHeader('retry-after')) reply.header('retry-after', RETRY_AFTER_SECONDS);
  if (problem.status === 429 && !reply.hasHeader('retry-after')) reply.header('retry-after', problem.detailParams?.seconds ?? RETRY_AFTER_SECONDS);
  reply.code(problem.status);
  const detail = request.t(problem.detailKey, problem.detailParams);
  if (wantsJson(request)) {
    return reply.type('application/problem+json; charset=utf-8').send({
      type: `/problems/${problem.code}`,
      title: request.t(problem.titleKey),
      status: problem.status,
      detail,
      requestId: request.id,
      ...(problem.invalid ? { invalidParams: problem.invalid } : {}),
    });
  }
  return reply.html(<ErrorPage ctx={pageContext(request, reply, CSS_HREF)} titleKey={problem.titleKey} detail={detail} invalid={problem.invalid} />);
}

/**
 * Fastify refuses a URL it cannot route (bad percent-encoding, a parameter over maxParamLength) before
 * any hook runs, with JSON of its own: answer it like every other 4xx, in the caller's language.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  applyLocale(request, resolveLocale({ acceptLanguage: request.headers['accept-language'] }));
  const status = error.statusCode === 414 ? 414 : 400;
  const known = CLIENT_ERRORS[status] ?? { code: 'platform.bad_request', titleKey: 'error.badRequest.title', detailKey: 'error.badRequest.text' };
  request.log.info({ code: known.code, status }, 'request refused');
  reply.headers(FALLBACK_SECURITY_HEADERS);
  // This reply is Fastify's bare one, without the plugins' decorations (no reply.html): render here.
  if (!wantsJson(request)) {
    const page = <ErrorPage ctx={pageContext(request, reply, CSS_HREF)} titleKey={known.titleKey} detail={request.t(known.detailKey)} invalid={undefined} />;
    return reply.code(status).type('text/html; charset=utf-8').send(renderPage(page));
  }
  return send(request, reply, { status, ...known });
}

/**
 * One place turns every error into a response: problem+json (RFC 9457) with a stable `type` for the
 * API, a localized page for browsers. Internals of a 5xx never reach the client.
 */
export const errorHandling = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const problem = classify(error);
      if (problem.status >= 500) {
        request.log.error({ err: error, code: problem.code }, 'request failed');
      } else if (problem.code !== 'platform.not_found') {
        request.log.info({ code: problem.code, status: problem.status }, 'request refused');
      }
      return send(request, reply, problem);
    });

    app.setNotFoundHandler({ preHandler: app.rateLimit() }, (request, reply) => send(request, reply, classify(platformErrors.notFound())));
  },
  { name: 'error-handling', dependencies: ['request-context', 'security'] },
);

import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { MessageKey } from '../i18n/index.ts';
import { CSS_HREF } from '../ui/assets.ts';
import { ErrorPage } from '../ui/error-page.tsx';
import { AppError, CLIENT_ERRORS, type InvalidParam, isDatabaseUnavailable, platformErrors } from './errors.ts';
import { pageContext } from './request-context.ts';

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

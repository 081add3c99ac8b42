import type { MessageKey } from '../i18n/index.ts';

/** One invalid input, named as the client sent it. */
export interface InvalidParam {
  name: string;
  reason: string;
}

/**
 * An error with a stable code that the global handler turns into problem+json for the API or a
 * localized page for HTML. Codes are grouped by module: `platform.*` here, `<module>.*` in each
 * module's errors file.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly statusCode: number,
    readonly titleKey: MessageKey,
    readonly detailKey?: MessageKey,
    readonly invalidParams?: readonly InvalidParam[],
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export const platformErrors = {
  notFound: () => new AppError('platform.not_found', 404, 'error.notFound.title', 'error.notFound.text'),
  validation: (params: readonly InvalidParam[]) => new AppError('platform.validation', 400, 'error.validation.title', 'error.badRequest.text', params),
  unavailable: () => new AppError('platform.unavailable', 503, 'error.unavailable.title', 'error.unavailable.text'),
};

/** Client errors Fastify and its plugins raise, mapped to stable codes and messages. */
export const CLIENT_ERRORS: Record<number, { code: string; titleKey: MessageKey; detailKey: MessageKey }> = {
  400: { code: 'platform.bad_request', titleKey: 'error.badRequest.title', detailKey: 'error.badRequest.text' },
  401: { code: 'platform.unauthorized', titleKey: 'error.unauthorized.title', detailKey: 'error.unauthorized.text' },
  403: { code: 'platform.forbidden', titleKey: 'error.forbidden.title', detailKey: 'error.forbidden.text' },
  404: { code: 'platform.not_found', titleKey: 'error.notFound.title', detailKey: 'error.notFound.text' },
  405: { code: 'platform.method_not_allowed', titleKey: 'error.methodNotAllowed.title', detailKey: 'error.badRequest.text' },
  406: { code: 'platform.not_acceptable', titleKey: 'error.unsupportedMedia.title', detailKey: 'error.unsupportedMedia.text' },
  411: { code: 'platform.bad_request', titleKey: 'error.badRequest.title', detailKey: 'error.badRequest.text' },
  413: { code: 'platform.too_large', titleKey: 'error.tooLarge.title', detailKey: 'error.tooLarge.text' },
  414: { code: 'platform.too_large', titleKey: 'error.tooLarge.title', detailKey: 'error.tooLarge.text' },
  415: { code: 'platform.unsupported_media_type', titleKey: 'error.unsupportedMedia.title', detailKey: 'error.unsupportedMedia.text' },
  422: { code: 'platform.validation', titleKey: 'error.validation.title', detailKey: 'error.badRequest.text' },
  431: { code: 'platform.too_large', titleKey: 'error.tooLarge.title', detailKey: 'error.tooLarge.text' },
};

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300', // too_many_connections
]);

/** True when the error means the database cannot be reached now, which is a 503, not a 500. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  return /timeout exceeded when trying to connect|Connection terminated|connect ECONNREFUSED|Client has encountered a connection error/.test(error.message);
}

/**
 * True when PostgreSQL refused text it cannot store: a NUL character (22021 in text, 22P05 in jsonb)
 * or bytes that are not UTF-8. The input was bad, so this is a 400, not a 500.
 */
export function isUnstorableText(error: unknown): boolean {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return code === '22021' || code === '22P05';
}

import type { FastifyRequest } from 'fastify';
import type { LoggerOptions } from 'pino';
import type { Config } from '../../config.ts';

/**
 * Anything that can hold personal data or a secret is redacted wherever it appears in a log object.
 * Requests are logged by path only: query strings can carry a NIK or a token.
 */
const SENSITIVE_KEYS = [
  'password',
  'newPassword',
  'nik',
  'kk',
  'email',
  'phone',
  'mobile',
  'address',
  'name',
  'fullName',
  'birthDate',
  'token',
  'otp',
  'code',
  'totp',
  'secret',
  'authorization',
  'cookie',
  'csrf',
  '_csrf',
];

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...SENSITIVE_KEYS.map((key) => `*.${key}`),
  ...SENSITIVE_KEYS.map((key) => `*.*.${key}`),
];

// A guest's follow-up link carries its 43-character secret in the path: never written to a log.
// Shorter segments are the link's actions (accept, rate…), whose secret travels in the body.
const SECRET_PATHS = /^(\/complaints\/follow\/)[A-Za-z0-9_-]{20,}/;

function pathOnly(url: string): string {
  const index = url.indexOf('?');
  const path = index === -1 ? url : `${url.slice(0, index)}?…`;
  return path.replace(SECRET_PATHS, '$1…');
}

export function loggerOptions(config: Pick<Config, 'logLevel' | 'env'>): LoggerOptions {
  return {
    level: config.logLevel,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      req: (request: FastifyRequest) => ({ method: request.method, url: pathOnly(request.url), remoteAddress: request.ip }),
      // Only what helps fix a bug: database errors carry row values in `detail`, so it is left out.
      // `errorCode`, not `code`: `code` is redacted everywhere because it may be a one-time code.
      err: (error: Error & { code?: unknown }) => ({ type: error.name, message: error.message, errorCode: error.code, stack: error.stack }),
    },
  };
}

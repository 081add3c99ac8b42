import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { addressesAllowed, hostOf, parseTargetUrl, type Resolver, systemResolver, type TargetPolicy } from './webhooks.target.ts';

/** Why an attempt got no HTTP answer. Stable codes: they are stored in the delivery log and shown. */
export type DeliveryErrorClass = 'timeout' | 'network' | 'dns' | 'tls' | 'forbidden_address' | 'invalid_url' | 'internal';

export type DeliveryOutcome =
  | { kind: 'response'; statusCode: number; retryAfterMs: number | undefined; durationMs: number }
  | { kind: 'error'; errorClass: DeliveryErrorClass; durationMs: number };

export interface SendRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  policy: TargetPolicy;
  resolve?: Resolver | undefined;
}

/** A receiver's answer body is read only to free the connection; never stored, never longer than this. */
const MAX_RESPONSE_BYTES = 64 * 1024;

class ForbiddenAddressError extends Error {
  readonly code = 'LOKET_FORBIDDEN_ADDRESS';
}

/** Retry-After as milliseconds (delta-seconds or an HTTP date), undefined when absent or malformed. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (/^\d{1,10}$/.test(trimmed)) return Number(trimmed) * 1000;
  // Only the IMF-fixdate form HTTP requires: Date.parse alone reads "-5" as a date.
  if (!/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function errorClassOf(error: unknown): DeliveryErrorClass {
  if (error instanceof ForbiddenAddressError) return 'forbidden_address';
  const code = String((error as { code?: unknown } | undefined)?.code ?? '');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA') return 'dns';
  if (code === 'ETIMEDOUT') return 'timeout';
  if (/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|HOSTNAME_MISMATCH|ERR_OSSL)/.test(code)) return 'tls';
  return 'network';
}

/**
 * Posts one signed webhook. The host is resolved here and the connection goes to exactly the
 * address that passed the policy check, so a DNS answer that changes between check and connect
 * (rebinding) cannot reach a private address. Redirects are not followed: a 3xx is the answer.
 */
export function sendWebhook(request: SendRequest): Promise<DeliveryOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const parsed = parseTargetUrl(request.url, request.policy);
  if (!parsed.ok) {
    return Promise.resolve({ kind: 'error', errorClass: parsed.problem === 'address' ? 'forbidden_address' : 'invalid_url', durationMs: 0 });
  }
  const url = parsed.url;
  const resolve = request.resolve ?? systemResolver;
  const pinnedLookup: LookupFunction = (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        if (addresses.length === 0) {
          callback(Object.assign(new Error('no address'), { code: 'ENOTFOUND' }), '', 4);
        } else if (!addressesAllowed(addresses, request.policy)) {
          callback(new ForbiddenAddressError('the target resolves to an address Loket may not connect to'), '', 4);
        } else if (options.all) {
          (callback as unknown as (error: null, addresses: ResolvedList) => void)(null, addresses);
        } else {
          const first = addresses[0] as ResolvedList[number];
          callback(null, first.address, first.family);
        }
      },
      (error: unknown) => callback(error as NodeJS.ErrnoException, '', 4),
    );
  };
  type ResolvedList = { address: string; family: number }[];

  return new Promise((settle) => {
    let done = false;
    const finish = (outcome: DeliveryOutcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      settle(outcome);
    };
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(url, {
      method: 'POST',
      headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
      // An IP literal is never looked up: parseTargetUrl has already classified it.
      ...(isIP(hostOf(url)) === 0 ? { lookup: pinnedLookup } : {}),
      agent: false,
    });
    const timer = setTimeout(() => {
      req.destroy();
      finish({ kind: 'error', errorClass: 'timeout', durationMs: elapsed() });
    }, request.timeoutMs);
    req.on('error', (error) => finish({ kind: 'error', errorClass: errorClassOf(error), durationMs: elapsed() }));
    req.on('response', (response) => {
      const statusCode = response.statusCode ?? 0;
      const retryAfterMs = parseRetryAfter(response.headers['retry-after']);
      let read = 0;
      response.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_RESPONSE_BYTES) {
          response.destroy();
          finish({ kind: 'response', statusCode, retryAfterMs, durationMs: elapsed() });
        }
      });
      response.on('end', () => finish({ kind: 'response', statusCode, retryAfterMs, durationMs: elapsed() }));
      response.on('error', () => finish({ kind: 'response', statusCode, retryAfterMs, durationMs: elapsed() }));
    });
    req.end(request.body);
  });
}

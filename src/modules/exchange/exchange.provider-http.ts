import { type CircuitBreaker, createCircuitBreaker } from '../../platform/notify/circuit-breaker.ts';

// The adapter for a data product served by the agency's own HTTP service. Contract (docs/exchange.md):
// POST <providerUrl> with JSON {subject, fields, purpose, caseReference}; 200 with {data: {...}}, 404
// when the subject is unknown. Each provider gets a rate limit, a timeout per attempt, bounded retries
// with exponential backoff and a circuit breaker, so a slow or dead registry costs its callers at most
// a few bounded attempts and then nothing at all until its cool-down has passed.

export type ProviderOutcome =
  | { ok: true; data: Record<string, unknown> }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'unavailable'; retryAfterMs: number };

export interface ProviderRequest {
  subject: string;
  fields: readonly string[];
  purpose: string;
  caseReference: string;
}

export interface HttpProviderOptions {
  url: string;
  timeoutMs?: number | undefined;
  retries?: number | undefined;
  requestsPerSecond?: number | undefined;
  /** First backoff; each retry doubles it (with jitter), capped at 2 s. */
  backoffMs?: number;
  failureThreshold?: number;
  coolDownMs?: number;
  now?: () => number;
}

export const PROVIDER_DEFAULTS = { timeoutMs: 3_000, retries: 2, requestsPerSecond: 50, backoffMs: 100, failureThreshold: 5, coolDownMs: 30_000 };
const MAX_BACKOFF_MS = 2_000;
const MAX_RESPONSE_BYTES = 1_000_000;

/** A token bucket: `perSecond` calls a second, bursts up to the same number. In-process, per node. */
export function createRateLimiter(perSecond: number, now: () => number = Date.now) {
  let tokens = perSecond;
  let last = now();
  return {
    /** Takes a token, or answers how many ms until one is free. */
    take(): { ok: true } | { ok: false; waitMs: number } {
      const at = now();
      tokens = Math.min(perSecond, tokens + ((at - last) / 1000) * perSecond);
      last = at;
      if (tokens >= 1) {
        tokens -= 1;
        return { ok: true };
      }
      return { ok: false, waitMs: Math.ceil(((1 - tokens) / perSecond) * 1000) };
    },
  };
}

class AttemptFailed extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text.length > MAX_RESPONSE_BYTES) throw new AttemptFailed('response too large');
  return JSON.parse(text);
}

export function createHttpProvider(options: HttpProviderOptions) {
  const settings = {
    ...PROVIDER_DEFAULTS,
    ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)),
  } as typeof PROVIDER_DEFAULTS & HttpProviderOptions;
  const breaker: CircuitBreaker = createCircuitBreaker({
    failureThreshold: settings.failureThreshold,
    coolDownMs: settings.coolDownMs,
    ...(options.now ? { now: options.now } : {}),
  });
  const limiter = createRateLimiter(settings.requestsPerSecond, options.now);

  /** One attempt: the outcome, or AttemptFailed for what may pass on a retry (timeouts, 5xx, 429). */
  async function attempt(request: ProviderRequest): Promise<ProviderOutcome> {
    let response: Response;
    try {
      response = await fetch(settings.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(settings.timeoutMs),
        redirect: 'error',
      });
    } catch {
      throw new AttemptFailed('no answer');
    }
    if (response.status === 404) {
      await response.body?.cancel();
      return { ok: false, reason: 'not_found' };
    }
    if (response.status >= 500 || response.status === 408 || response.status === 429) {
      await response.body?.cancel();
      throw new AttemptFailed(`status ${response.status}`);
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      // The provider refuses our request itself: it is up, and asking again will not help.
      return { ok: false, reason: 'unavailable', retryAfterMs: 0 };
    }
    let body: unknown;
    try {
      body = await readJson(response);
    } catch {
      throw new AttemptFailed('unreadable answer');
    }
    const data = (body as { data?: unknown } | null)?.data;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new AttemptFailed('answer without data');
    return { ok: true, data: data as Record<string, unknown> };
  }

  return {
    breaker,

    /** Asks the provider; never throws, never waits longer than its attempts' timeouts and backoffs. */
    async fetch(request: ProviderRequest): Promise<ProviderOutcome> {
      for (let tried = 0; ; tried += 1) {
        const token = limiter.take();
        if (!token.ok) return { ok: false, reason: 'unavailable', retryAfterMs: token.waitMs };
        if (!breaker.tryAcquire()) return { ok: false, reason: 'unavailable', retryAfterMs: breaker.retryInMs() };
        try {
          const outcome = await attempt(request);
          breaker.success();
          return outcome;
        } catch {
          breaker.failure();
          if (tried >= settings.retries || breaker.state === 'open') {
            return { ok: false, reason: 'unavailable', retryAfterMs: Math.max(breaker.retryInMs(), settings.backoffMs) };
          }
          const backoff = Math.min(MAX_BACKOFF_MS, settings.backoffMs * 2 ** tried);
          await sleep(backoff / 2 + Math.random() * (backoff / 2));
        }
      }
    },
  };
}

export type HttpProvider = ReturnType<typeof createHttpProvider>;

import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_DELIVERY_POLICY, nextStep } from './webhooks.retry.ts';
import { type DeliveryOutcome, parseRetryAfter } from './webhooks.sender.ts';

const answer = (statusCode: number, retryAfterMs?: number): DeliveryOutcome => ({ kind: 'response', statusCode, retryAfterMs, durationMs: 5 });
const error = (errorClass: Extract<DeliveryOutcome, { kind: 'error' }>['errorClass']): DeliveryOutcome => ({ kind: 'error', errorClass, durationMs: 5 });

describe('the retry schedule', () => {
  it('doubles from 30 s, is capped at an hour, and jitters only upwards so that each delay is longer than the last', () => {
    const lowest = Array.from({ length: 9 }, (_, index) => backoffDelay(index + 1, DEFAULT_DELIVERY_POLICY, 0));
    expect(lowest).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000]);
    for (let attempt = 1; attempt < 7; attempt++) {
      expect(backoffDelay(attempt + 1, DEFAULT_DELIVERY_POLICY, 0)).toBeGreaterThan(backoffDelay(attempt, DEFAULT_DELIVERY_POLICY, 0.9999));
    }
  });

  it('retries 429, 5xx and network failures; not other 4xx, redirects or refused addresses; stops after the last attempt', () => {
    for (const outcome of [answer(500), answer(503), answer(429), error('timeout'), error('network'), error('dns'), error('tls'), error('internal')]) {
      expect(nextStep(outcome, 1, DEFAULT_DELIVERY_POLICY, 0).state).toBe('pending');
    }
    for (const outcome of [answer(400), answer(401), answer(404), answer(410), answer(301), answer(302), error('forbidden_address'), error('invalid_url')]) {
      expect(nextStep(outcome, 1, DEFAULT_DELIVERY_POLICY, 0)).toEqual({ state: 'failed' });
    }
    expect(nextStep(answer(204), 3, DEFAULT_DELIVERY_POLICY)).toEqual({ state: 'delivered' });
    expect(nextStep(answer(500), DEFAULT_DELIVERY_POLICY.maxAttempts, DEFAULT_DELIVERY_POLICY)).toEqual({ state: 'failed' });
  });

  it('waits for a longer Retry-After, never past the cap, and ignores a shorter one', () => {
    expect(nextStep(answer(429, 600_000), 1, DEFAULT_DELIVERY_POLICY, 0)).toEqual({ state: 'pending', delayMs: 600_000 });
    expect(nextStep(answer(503, 86_400_000), 1, DEFAULT_DELIVERY_POLICY, 0)).toEqual({ state: 'pending', delayMs: 3_600_000 });
    expect(nextStep(answer(429, 1_000), 1, DEFAULT_DELIVERY_POLICY, 0)).toEqual({ state: 'pending', delayMs: 30_000 });
  });

  it('reads Retry-After as seconds or an HTTP date, and nothing else', () => {
    const now = Date.parse('2026-12-05T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(['5', '9'], now)).toBe(5_000);
    expect(parseRetryAfter('Sat, 05 Dec 2026 10:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Sat, 05 Dec 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });
});

import type { DeliveryOutcome } from './webhooks.sender.ts';

/** How deliveries are attempted; every value can be set per deployment (and is shortened in tests). */
export interface DeliveryPolicy {
  /** Delay before the second attempt; each later one doubles it (with up to 20% jitter). */
  baseDelayMs: number;
  /** No delay grows past this, a receiver's Retry-After included. */
  maxDelayMs: number;
  /** Attempts before the message is marked failed. */
  maxAttempts: number;
  /** One attempt, from connecting to the end of the answer. */
  timeoutMs: number;
}

/** Ten attempts: after 30 s, 1, 2, 4, 8, 16 and 32 min, then twice an hour apart (about three hours in all). */
export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = { baseDelayMs: 30_000, maxDelayMs: 60 * 60_000, maxAttempts: 10, timeoutMs: 10_000 };

export type NextStep = { state: 'delivered' } | { state: 'failed' } | { state: 'pending'; delayMs: number };

/** True for the answers worth trying again: no answer at all (but not a refused address), 429 and 5xx. */
export function isRetryable(outcome: DeliveryOutcome): boolean {
  if (outcome.kind === 'error') return outcome.errorClass !== 'forbidden_address' && outcome.errorClass !== 'invalid_url';
  return outcome.statusCode === 429 || outcome.statusCode >= 500;
}

/** The delay after failed attempt number `attempt` (1-based): exponential, jittered upwards only, capped. */
export function backoffDelay(attempt: number, policy: DeliveryPolicy, random = Math.random()): number {
  const exponential = policy.baseDelayMs * 2 ** Math.min(attempt - 1, 30);
  return Math.min(policy.maxDelayMs, Math.round(exponential * (1 + 0.2 * random)));
}

/** What follows attempt number `attempt` with this outcome. A Retry-After longer than the backoff wins, up to the cap. */
export function nextStep(outcome: DeliveryOutcome, attempt: number, policy: DeliveryPolicy, random = Math.random()): NextStep {
  if (outcome.kind === 'response' && outcome.statusCode >= 200 && outcome.statusCode < 300) return { state: 'delivered' };
  if (!isRetryable(outcome) || attempt >= policy.maxAttempts) return { state: 'failed' };
  const backoff = backoffDelay(attempt, policy, random);
  const retryAfter = outcome.kind === 'response' ? (outcome.retryAfterMs ?? 0) : 0;
  return { state: 'pending', delayMs: Math.min(policy.maxDelayMs, Math.max(backoff, retryAfter)) };
}

import { type ChannelSender, DeliveryError } from './notify.sender.ts';

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failed sends that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses sends before it lets one trial through (half-open). */
  coolDownMs: number;
  now?: () => number;
  /** Told of every change of state (for a log line or a metric); never of a message. */
  onStateChange?: (state: CircuitState) => void;
}

/** 5 failures in a row open it for 30 s: a dead SMTP server costs 5 timeouts, not one per queued message. */
export const DEFAULT_CIRCUIT: CircuitBreakerOptions = { failureThreshold: 5, coolDownMs: 30_000 };

/**
 * A circuit breaker: closed, it lets everything through and counts consecutive failures; at the
 * threshold it opens and refuses at once for the cool-down; then it is half-open and lets exactly
 * one trial through: its success closes the circuit, its failure opens it again for another cool-down.
 */
export function createCircuitBreaker({ failureThreshold, coolDownMs, now = Date.now, onStateChange }: CircuitBreakerOptions) {
  let state: CircuitState = 'closed';
  let failures = 0;
  let openedAt = 0;
  let trialRunning = false;

  function moveTo(next: CircuitState) {
    if (next === state) return;
    state = next;
    onStateChange?.(next);
  }

  return {
    /** The state now (an open circuit whose cool-down has passed reads half-open). */
    get state(): CircuitState {
      if (state === 'open' && now() - openedAt >= coolDownMs) moveTo('half-open');
      return state;
    },

    /** Whether a call may go ahead now; a true in half-open state reserves the one trial. */
    tryAcquire(): boolean {
      const current = this.state;
      if (current === 'closed') return true;
      if (current === 'open' || trialRunning) return false;
      trialRunning = true;
      return true;
    },

    /** Milliseconds until an open circuit lets a trial through (0 when it would now). */
    retryInMs(): number {
      return this.state === 'open' ? Math.max(0, coolDownMs - (now() - openedAt)) : 0;
    },

    success(): void {
      failures = 0;
      trialRunning = false;
      moveTo('closed');
    },

    failure(): void {
      trialRunning = false;
      failures += 1;
      if (state === 'half-open' || failures >= failureThreshold) {
        openedAt = now();
        moveTo('open');
      }
    },
  };
}

export type CircuitBreaker = ReturnType<typeof createCircuitBreaker>;

/**
 * The sender refused without trying because its circuit is open. Like any failed attempt, the
 * notifier keeps the message and retries it on its backoff; nothing is lost, and the failing server
 * is not asked again until the cool-down has passed.
 */
export class CircuitOpenError extends DeliveryError {
  constructor(channel: string) {
    super(`${channel} circuit open`);
    this.name = 'CircuitOpenError';
  }
}

/**
 * Whether a failed send says the server or gateway is unavailable (no connection, a timeout, a 5xx,
 * throttling) rather than refusing this one message (a rejected address, a 4xx about the request):
 * only the former counts towards opening the circuit. Reads the reasons notify.email.ts and
 * notify.gateway.ts build.
 */
export function isOutage(error: unknown): boolean {
  if (!(error instanceof DeliveryError)) return true;
  const reason = error.reason;
  if (/^smtp E(ENVELOPE|MESSAGE)\b/.test(reason)) return false;
  const status = /^gateway answered (\d{3})$/.exec(reason)?.[1];
  if (status !== undefined) return Number(status) >= 500 || status === '408' || status === '429';
  return true;
}

/**
 * `sender` behind `breaker`: an open circuit fails fast with CircuitOpenError instead of waiting on a
 * dead server. A refusal of one message shows the server is up, so it counts as a success here
 * (the notifier still retries or gives up that message by its own policy).
 */
export function withCircuitBreaker(sender: ChannelSender, breaker: CircuitBreaker, channel: string): ChannelSender {
  return {
    async send(message) {
      if (!breaker.tryAcquire()) throw new CircuitOpenError(channel);
      try {
        await sender.send(message);
      } catch (error) {
        if (isOutage(error)) breaker.failure();
        else breaker.success();
        throw error;
      }
      breaker.success();
    },
    close: () => sender.close(),
  };
}

import { describe, expect, it } from 'vitest';
import { CircuitOpenError, type CircuitState, createCircuitBreaker, isOutage, withCircuitBreaker } from './circuit-breaker.ts';
import { type ChannelSender, DeliveryError, type OutgoingMessage } from './notify.sender.ts';

const MESSAGE: OutgoingMessage = { id: 'n-1', channel: 'email', to: 'rina@contoh.test', subject: 'Uji', text: 'Halo' };

function clock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

/** A sender whose next outcomes are scripted; counts the calls that reached it. */
function scriptedSender() {
  const state = { calls: 0, fail: undefined as Error | undefined };
  const sender: ChannelSender = {
    async send() {
      state.calls += 1;
      if (state.fail) throw state.fail;
    },
    async close() {},
  };
  return { sender, state };
}

describe('circuit breaker', () => {
  it('opens after the threshold of consecutive failures, refuses during the cool-down, then lets one trial through', () => {
    const time = clock();
    const changes: CircuitState[] = [];
    const breaker = createCircuitBreaker({ failureThreshold: 3, coolDownMs: 10_000, now: time.now, onStateChange: (s) => changes.push(s) });

    breaker.failure();
    breaker.failure();
    breaker.success(); // a success in between resets the count
    breaker.failure();
    breaker.failure();
    expect(breaker.state).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
    breaker.failure();
    expect(breaker.state).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
    expect(breaker.retryInMs()).toBe(10_000);

    time.advance(9_999);
    expect(breaker.tryAcquire()).toBe(false);
    expect(breaker.retryInMs()).toBe(1);
    time.advance(1);
    expect(breaker.state).toBe('half-open');
    expect(breaker.tryAcquire(), 'the one trial').toBe(true);
    expect(breaker.tryAcquire(), 'a second caller while the trial runs').toBe(false);
    breaker.success();
    expect(breaker.state).toBe('closed');
    expect(changes).toEqual(['open', 'half-open', 'closed']);
  });

  it('opens again for a full cool-down when the half-open trial fails', () => {
    const time = clock();
    const breaker = createCircuitBreaker({ failureThreshold: 2, coolDownMs: 5_000, now: time.now });
    breaker.failure();
    breaker.failure();
    time.advance(5_000);
    expect(breaker.tryAcquire()).toBe(true);
    breaker.failure();
    expect(breaker.state).toBe('open');
    time.advance(4_999);
    expect(breaker.tryAcquire()).toBe(false);
    time.advance(1);
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('tells an outage from the refusal of one message', () => {
    expect(isOutage(new DeliveryError('smtp ESOCKET ECONNREFUSED'))).toBe(true);
    expect(isOutage(new DeliveryError('smtp ETIMEDOUT'))).toBe(true);
    expect(isOutage(new DeliveryError('smtp EENVELOPE 550'))).toBe(false);
    expect(isOutage(new DeliveryError('gateway answered 503'))).toBe(true);
    expect(isOutage(new DeliveryError('gateway answered 429'))).toBe(true);
    expect(isOutage(new DeliveryError('gateway answered 400'))).toBe(false);
    expect(isOutage(new Error('anything else'))).toBe(true);
  });
});

describe('a sender behind a circuit breaker', () => {
  it('stops calling a failing server once open, fails fast with a retryable reason, and recovers through the trial', async () => {
    const time = clock();
    const { sender, state } = scriptedSender();
    const guarded = withCircuitBreaker(sender, createCircuitBreaker({ failureThreshold: 2, coolDownMs: 1_000, now: time.now }), 'smtp');
    state.fail = new DeliveryError('smtp ETIMEDOUT');

    await expect(guarded.send(MESSAGE)).rejects.toThrow('smtp ETIMEDOUT');
    await expect(guarded.send(MESSAGE)).rejects.toThrow('smtp ETIMEDOUT');
    expect(state.calls).toBe(2);
    for (let i = 0; i < 5; i += 1) {
      const refused = guarded.send(MESSAGE);
      await expect(refused).rejects.toBeInstanceOf(CircuitOpenError);
      // A DeliveryError: the notifier keeps the message and retries it on its backoff.
      await expect(refused).rejects.toMatchObject({ reason: 'smtp circuit open' });
    }
    expect(state.calls, 'the open circuit does not reach the server').toBe(2);

    time.advance(1_000);
    state.fail = undefined;
    await guarded.send(MESSAGE);
    expect(state.calls).toBe(3);
    await guarded.send(MESSAGE);
    expect(state.calls, 'closed again: every send goes through').toBe(4);
  });

  it('does not open for messages the server refuses one by one', async () => {
    const { sender, state } = scriptedSender();
    const guarded = withCircuitBreaker(sender, createCircuitBreaker({ failureThreshold: 2, coolDownMs: 60_000 }), 'smtp');
    state.fail = new DeliveryError('smtp EENVELOPE 550');
    for (let i = 0; i < 5; i += 1) await expect(guarded.send(MESSAGE)).rejects.toThrow('smtp EENVELOPE 550');
    expect(state.calls).toBe(5);
  });
});

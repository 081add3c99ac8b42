import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { SMALL_DEMO, seedDemo } from '../../seed.ts';
import { DEMO_ACCOUNTS, DEMO_CITIZEN } from './accounts.seed.ts';
import { SIGN_IN_FAILURE_LIMIT } from './signin.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.database.db, t.services, SMALL_DEMO);
});
afterAll(async () => t.close());

describe('sign-in throttling under parallel guesses', () => {
  it('compares at most five passwords however many guesses arrive at once', async () => {
    const origin = (i: number) => ({ ip: `198.51.100.${i}`, requestId: `r${i}`, userAgent: undefined });
    const results = await Promise.all(
      Array.from({ length: 15 }, (_, i) => t.services.signIn.signIn({ identifier: DEMO_CITIZEN.nik, password: `wrong-guess-${i}`, kind: 'web' }, origin(i))),
    );
    const failed = results.filter((r) => r.outcome === 'failed').length;
    expect(failed).toBe(SIGN_IN_FAILURE_LIMIT);
    expect(results.filter((r) => r.outcome === 'throttled')).toHaveLength(15 - SIGN_IN_FAILURE_LIMIT);
    const password = DEMO_ACCOUNTS.find((a) => a.role === 'citizen')?.password ?? '';
    expect((await t.services.signIn.signIn({ identifier: DEMO_CITIZEN.nik, password, kind: 'web' }, origin(200))).outcome).toBe('throttled');
  });

  it('does not count a successful sign-in against the address', async () => {
    const password = DEMO_ACCOUNTS.find((a) => a.role === 'business_member')?.password ?? '';
    const from = { ip: '203.0.113.50', requestId: 'ok', userAgent: undefined };
    for (let i = 0; i < SIGN_IN_FAILURE_LIMIT + 3; i++) {
      expect((await t.services.signIn.signIn({ identifier: 'budi@demo.loket.test', password, kind: 'web' }, from)).outcome).toBe('signed_in');
    }
  });
});

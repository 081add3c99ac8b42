import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { incrementCounter } from '../http/rate-limit-store.ts';

/**
 * Counters of failures (sign-in, code checks) that hold across nodes, in the same table as the
 * request rate limits. A key is throttled once it reaches `limit` within the window.
 */
export function createThrottle(db: Database) {
  return {
    async isThrottled(key: string, limit: number): Promise<boolean> {
      const row = await db.selectFrom('rateLimitCounter').select('hits').where('key', '=', key).where('expiresAt', '>', sql<Date>`now()`).executeTakeFirst();
      return (row?.hits ?? 0) >= limit;
    },

    async fail(key: string, windowSeconds: number): Promise<number> {
      return (await incrementCounter(db, key, windowSeconds * 1000)).hits;
    },

    async clear(key: string): Promise<void> {
      await db.deleteFrom('rateLimitCounter').where('key', '=', key).execute();
    },
  };
}

export type Throttle = ReturnType<typeof createThrottle>;

import type { Database } from '../db/database.ts';
import { incrementCounter } from '../http/rate-limit-store.ts';

/**
 * Counters of failures (sign-in, code checks) that hold across nodes, in the same table as the
 * request rate limits. Callers count an attempt first and compare the returned count with their
 * limit, then forgive it if it succeeds, so that parallel attempts cannot pass a check-then-count gap.
 */
export function createThrottle(db: Database) {
  return {
    /** Counts one attempt and returns how many the window now holds. */
    async count(key: string, windowSeconds: number): Promise<number> {
      return (await incrementCounter(db, key, windowSeconds * 1000)).hits;
    },

    /** Takes back one counted attempt, for an attempt that turned out to succeed. */
    async forgive(key: string): Promise<void> {
      await db
        .updateTable('rateLimitCounter')
        .set((eb) => ({ hits: eb('hits', '-', 1) }))
        .where('key', '=', key)
        .where('hits', '>', 0)
        .execute();
    },

    async clear(key: string): Promise<void> {
      await db.deleteFrom('rateLimitCounter').where('key', '=', key).execute();
    },
  };
}

export type Throttle = ReturnType<typeof createThrottle>;

import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { sql } from 'kysely';
import type { Database } from '../db/database.ts';

/**
 * Rate-limit counters in PostgreSQL, so that a limit holds across every node behind a load
 * balancer. One statement per hit: it opens a fresh window when the old one has expired.
 */
export function postgresRateLimitStore(db: Database): FastifyRateLimitStoreCtor {
  class PostgresStore implements FastifyRateLimitStore {
    constructor(private readonly prefix = 'global') {}

    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      const fullKey = `${this.prefix}|${key}`;
      sql<{ hits: number; ttl: number }>`
        insert into rate_limit_counter as c (key, hits, expires_at)
        values (${fullKey}, 1, now() + ${timeWindow} * interval '1 millisecond')
        on conflict (key) do update set
          hits = case when c.expires_at <= now() then 1 else c.hits + 1 end,
          expires_at = case when c.expires_at <= now() then excluded.expires_at else c.expires_at end
        returning hits, greatest(0, ceil(extract(epoch from (expires_at - now())) * 1000))::int as ttl`
        .execute(db)
        .then((result) => {
          const row = result.rows[0];
          callback(null, { current: row?.hits ?? 1, ttl: row?.ttl ?? timeWindow });
        }, callback);
    }

    child(routeOptions: { method: string | string[]; url: string }): FastifyRateLimitStore {
      return new PostgresStore(`${[routeOptions.method].flat().join(',')} ${routeOptions.url}`);
    }
  }
  return PostgresStore as unknown as FastifyRateLimitStoreCtor;
}

/** Removes expired counters; run periodically by a job. */
export async function purgeExpiredRateLimits(db: Database): Promise<number> {
  const result = await db.deleteFrom('rateLimitCounter').where('expiresAt', '<', new Date()).executeTakeFirst();
  return Number(result.numDeletedRows);
}

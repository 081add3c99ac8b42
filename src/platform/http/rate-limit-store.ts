import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { sql } from 'kysely';
import type { Database } from '../db/database.ts';

/**
 * Adds a hit to a counter, opening a fresh window when the old one has expired. One statement, so
 * concurrent hits from several nodes all count.
 */
export async function incrementCounter(db: Database, key: string, windowMs: number): Promise<{ hits: number; ttlMs: number }> {
  const result = await sql<{ hits: number; ttl: number }>`
    insert into rate_limit_counter as c (key, hits, expires_at)
    values (${key}, 1, now() + ${windowMs} * interval '1 millisecond')
    on conflict (key) do update set
      hits = case when c.expires_at <= now() then 1 else c.hits + 1 end,
      expires_at = case when c.expires_at <= now() then excluded.expires_at else c.expires_at end
    returning hits, greatest(0, ceil(extract(epoch from (expires_at - now())) * 1000))::int as ttl`.execute(db);
  const row = result.rows[0];
  return { hits: row?.hits ?? 1, ttlMs: row?.ttl ?? windowMs };
}

/**
 * Rate-limit counters in PostgreSQL, so that a limit holds across every node behind a load
 * balancer.
 */
export function postgresRateLimitStore(db: Database): FastifyRateLimitStoreCtor {
  class PostgresStore implements FastifyRateLimitStore {
    constructor(private readonly prefix = 'global') {}

    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      const fullKey = `${this.prefix}|${key}`;
      incrementCounter(db, fullKey, timeWindow).then((result) => callback(null, { current: result.hits, ttl: result.ttlMs }), callback);
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

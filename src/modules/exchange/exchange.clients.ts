import { randomInt } from 'node:crypto';
import { importJWK } from 'jose';
import { sql } from 'kysely';
import type { AuditActor } from '../../platform/audit/audit.input.ts';
import type { AuditLog } from '../../platform/audit/audit.service.ts';
import type { Database } from '../../platform/db/database.ts';
import { incrementCounter } from '../../platform/http/rate-limit-store.ts';
import type { AssertionClient } from './exchange.assertion.ts';
import { createProductsRepository } from './exchange.products.ts';
import type { ClientAlgorithm } from './exchange.tables.ts';

// API clients of other agencies' systems. Loket keeps only each client's public key: the private key
// never leaves the agency, so nothing here can be stolen to impersonate it.

export interface ExchangeClient {
  id: string;
  agencyId: string;
  name: string;
  alg: ClientAlgorithm;
  purposes: string[];
  products: string[];
  requestsPerMinute: number;
  createdAt: Date;
  revokedAt: Date | null;
}

export type ClientProblem = 'name' | 'agency' | 'jwk' | 'products' | 'purposes' | 'requests_per_minute';

export interface ClientInput {
  agencyCode: string;
  name: string;
  /** A public JWK: OKP/Ed25519 (EdDSA) or EC/P-256 (ES256), without a private part. */
  jwk: unknown;
  purposes: readonly string[];
  products: readonly string[];
  requestsPerMinute?: number | undefined;
}

const B64URL = /^[A-Za-z0-9_-]+$/;
const PUBLIC_MEMBERS = ['kty', 'crv', 'x', 'y', 'kid', 'use', 'alg'];

/** The algorithm of an acceptable public JWK, and the JWK reduced to its public members. */
export async function publicJwkOf(jwk: unknown): Promise<{ alg: ClientAlgorithm; jwk: Record<string, unknown> } | undefined> {
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) return undefined;
  const given = jwk as Record<string, unknown>;
  if ('d' in given || 'k' in given) return undefined;
  let alg: ClientAlgorithm;
  if (given.kty === 'OKP' && given.crv === 'Ed25519') alg = 'EdDSA';
  else if (given.kty === 'EC' && given.crv === 'P-256') alg = 'ES256';
  else return undefined;
  if (given.alg !== undefined && given.alg !== alg && !(alg === 'EdDSA' && given.alg === 'Ed25519')) return undefined;
  const members = alg === 'EdDSA' ? ['x'] : ['x', 'y'];
  if (members.some((name) => typeof given[name] !== 'string' || !B64URL.test(given[name] as string))) return undefined;
  const reduced = Object.fromEntries(Object.entries(given).filter(([name, value]) => PUBLIC_MEMBERS.includes(name) && typeof value === 'string'));
  try {
    await importJWK({ ...reduced, alg }, alg);
  } catch {
    return undefined;
  }
  return { alg, jwk: { ...reduced, alg } };
}

/** A client's per-minute counter is split over up to this many rows (see throttle). */
const MAX_COUNTER_SHARDS = 16;
/** No shard gets a share under this: a small limit stays one exact counter. */
const MIN_SHARD_LIMIT = 200;

export function createExchangeClientsService({ db, audit }: { db: Database; audit: AuditLog }) {
  const products = createProductsRepository(db);
  const columns = ['id', 'agencyId', 'name', 'alg', 'purposes', 'products', 'requestsPerMinute', 'createdAt', 'revokedAt'] as const;

  return {
    /**
     * Registers an agency system. Its agency must be a consumer of every product named, and every
     * purpose must be one of those products'. Audited.
     */
    async create(input: ClientInput, by: AuditActor): Promise<{ ok: true; id: string } | { ok: false; problem: ClientProblem }> {
      const name = input.name.trim();
      if (name.length < 1 || name.length > 100) return { ok: false, problem: 'name' };
      const perMinute = input.requestsPerMinute ?? 600;
      if (!Number.isInteger(perMinute) || perMinute < 1 || perMinute > 1_000_000) return { ok: false, problem: 'requests_per_minute' };
      const agency = await db.selectFrom('agency').select('id').where('code', '=', input.agencyCode).executeTakeFirst();
      if (!agency) return { ok: false, problem: 'agency' };
      const key = await publicJwkOf(input.jwk);
      if (!key) return { ok: false, problem: 'jwk' };
      const wanted = [...new Set(input.products)];
      const found = await Promise.all(wanted.map((code) => products.byCode(code)));
      if (wanted.length === 0 || found.some((item) => !item?.consumerAgencyIds.includes(agency.id))) return { ok: false, problem: 'products' };
      const offered = new Set(found.flatMap((item) => item?.purposes.map((purpose) => purpose.code) ?? []));
      const purposes = [...new Set(input.purposes)];
      if (purposes.length === 0 || purposes.some((purpose) => !offered.has(purpose))) return { ok: false, problem: 'purposes' };
      const id = await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('exchangeClient')
          .values({ agencyId: agency.id, name, alg: key.alg, publicJwk: JSON.stringify(key.jwk), purposes, products: wanted, requestsPerMinute: perMinute })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit.record(
          { actor: by, action: 'exchange.client_created', subject: { type: 'exchange_client', id: row.id }, details: { agencyId: agency.id, alg: key.alg } },
          trx,
        );
        return row.id;
      });
      return { ok: true, id };
    },

    async list(agencyId?: string): Promise<ExchangeClient[]> {
      return db
        .selectFrom('exchangeClient')
        .select(columns)
        .$if(agencyId !== undefined, (qb) => qb.where('agencyId', '=', agencyId as string))
        .orderBy('createdAt', 'desc')
        .execute();
    },

    async byId(id: string): Promise<ExchangeClient | undefined> {
      return db.selectFrom('exchangeClient').select(columns).where('id', '=', id).executeTakeFirst();
    },

    /** The active client and its key, for assertion checks. */
    async forAssertion(id: string): Promise<(AssertionClient & ExchangeClient) | undefined> {
      return db
        .selectFrom('exchangeClient')
        .select([...columns, 'publicJwk'])
        .where('id', '=', id)
        .where('revokedAt', 'is', null)
        .executeTakeFirst();
    },

    /** The clients of the given agencies ('all': every agency), newest first, with their agency's names. */
    async listWithin(agencies: 'all' | readonly string[]): Promise<(ExchangeClient & { agency: { code: string; name: { id: string; en: string } } })[]> {
      if (agencies !== 'all' && agencies.length === 0) return [];
      const rows = await db
        .selectFrom('exchangeClient as c')
        .innerJoin('agency as a', 'a.id', 'c.agencyId')
        .select(['c.id', 'c.agencyId', 'c.name', 'c.alg', 'c.purposes', 'c.products', 'c.requestsPerMinute', 'c.createdAt', 'c.revokedAt'])
        .select(['a.code as agencyCode', 'a.nameId as agencyNameId', 'a.nameEn as agencyNameEn'])
        .$if(agencies !== 'all', (qb) => qb.where('c.agencyId', 'in', [...agencies]))
        .orderBy('c.createdAt', 'desc')
        .execute();
      return rows.map(({ agencyCode, agencyNameId, agencyNameEn, ...client }) => ({
        ...client,
        agency: { code: agencyCode, name: { id: agencyNameId, en: agencyNameEn } },
      }));
    },

    /**
     * Revokes a client of one of the given agencies ('all': any). False when unknown, of another agency
     * or already revoked. Audited.
     */
    async revoke(id: string, by: AuditActor, agencies: 'all' | readonly string[] = 'all'): Promise<boolean> {
      if (agencies !== 'all' && agencies.length === 0) return false;
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('exchangeClient')
          .set({ revokedAt: sql<Date>`now()` })
          .where('id', '=', id)
          .where('revokedAt', 'is', null)
          .$if(agencies !== 'all', (qb) => qb.where('agencyId', 'in', [...agencies]))
          .returning('id')
          .executeTakeFirst();
        if (!row) return false;
        await audit.record({ actor: by, action: 'exchange.client_revoked', subject: { type: 'exchange_client', id } }, trx);
        return true;
      });
    },

    /** Records a jti until it expires; false when the client used it before (on any node). */
    async rememberJti(clientId: string, jti: string, expiresAt: Date): Promise<boolean> {
      const row = await db
        .insertInto('exchangeAssertionJti')
        .values({ clientId, jti, expiresAt })
        .onConflict((oc) => oc.columns(['clientId', 'jti']).doNothing())
        .returning('jti')
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Forgets jtis whose assertions have expired (a replay of those fails on exp anyway). */
    async purgeExpiredJtis(): Promise<number> {
      const result = await db.deleteFrom('exchangeAssertionJti').where('expiresAt', '<', sql<Date>`now()`).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /** Counts one request against the client's per-minute limit; the seconds to wait when over it. */
    async throttle(client: { id: string; requestsPerMinute: number }): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
      // One counter row per client would be a hot row: every query of a busy agency system waits for the
      // previous one's commit. A high limit is split over shards picked at random, each allowed its share.
      const shards = Math.min(MAX_COUNTER_SHARDS, Math.max(1, Math.floor(client.requestsPerMinute / MIN_SHARD_LIMIT)));
      const shard = shards === 1 ? '' : `|${randomInt(shards)}`;
      const { hits, ttlMs } = await incrementCounter(db, `exchange|${client.id}${shard}`, 60_000);
      return hits > Math.ceil(client.requestsPerMinute / shards) ? { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(ttlMs / 1000)) } : { ok: true };
    },
  };
}

export type ExchangeClientsService = ReturnType<typeof createExchangeClientsService>;

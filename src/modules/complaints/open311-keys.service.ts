import { createHash, randomBytes } from 'node:crypto';
import type { AuditActor } from '../../platform/audit/audit.input.ts';
import type { AuditLog } from '../../platform/audit/audit.service.ts';
import type { Database } from '../../platform/db/database.ts';
import { incrementCounter } from '../../platform/http/rate-limit-store.ts';
import type { RequestOrigin } from '../../platform/http/request-input.ts';

// API keys of Open311 partner apps. The key is shown once at creation; only its SHA-256 and a short
// prefix (to recognise it in the admin list) are kept.

const KEY_PREFIX = 'o311_';
const SHOWN_PREFIX_LENGTH = KEY_PREFIX.length + 6;

export interface Open311KeySummary {
  id: string;
  name: string;
  prefix: string;
  requestsPerMinute: number;
  createdAt: Date;
  revokedAt: Date | null;
}

export interface AuthenticatedKey {
  id: string;
  requestsPerMinute: number;
}

function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function createOpen311KeysService({ db, audit }: { db: Database; audit: AuditLog }) {
  return {
    /** Issues a key; the clear key is returned only here. */
    async create(
      input: { name: string; requestsPerMinute?: number | undefined },
      by: { actor: AuditActor; origin?: RequestOrigin | undefined },
    ): Promise<{ ok: true; id: string; key: string } | { ok: false; problem: 'name' | 'requests_per_minute' }> {
      const name = input.name.trim();
      if (name.length < 1 || name.length > 100) return { ok: false, problem: 'name' };
      const perMinute = input.requestsPerMinute ?? 60;
      if (!Number.isInteger(perMinute) || perMinute < 1 || perMinute > 100000) return { ok: false, problem: 'requests_per_minute' };
      const key = `${KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
      const id = await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('open311Key')
          .values({ name, keyHash: hashKey(key), keyPrefix: key.slice(0, SHOWN_PREFIX_LENGTH), requestsPerMinute: perMinute, createdBy: by.actor.accountId })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit.record(
          { actor: by.actor, action: 'open311.key_created', subject: { type: 'open311_key', id: row.id }, ip: by.origin?.ip, requestId: by.origin?.requestId },
          trx,
        );
        return row.id;
      });
      return { ok: true, id, key };
    },

    async list(): Promise<Open311KeySummary[]> {
      return db
        .selectFrom('open311Key')
        .select(['id', 'name', 'keyPrefix as prefix', 'requestsPerMinute', 'createdAt', 'revokedAt'])
        .orderBy('createdAt', 'desc')
        .execute();
    },

    /** False when there is no such key or it was already revoked. */
    async revoke(id: string, by: { actor: AuditActor; origin?: RequestOrigin | undefined }): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const revoked = await trx
          .updateTable('open311Key')
          .set({ revokedAt: new Date() })
          .where('id', '=', id)
          .where('revokedAt', 'is', null)
          .returning('id')
          .executeTakeFirst();
        if (!revoked) return false;
        await audit.record(
          { actor: by.actor, action: 'open311.key_revoked', subject: { type: 'open311_key', id }, ip: by.origin?.ip, requestId: by.origin?.requestId },
          trx,
        );
        return true;
      });
    },

    /** Counts one request against the key's per-minute limit (the platform's shared counters); the seconds to wait when over it. */
    async throttle(key: AuthenticatedKey): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
      const { hits, ttlMs } = await incrementCounter(db, `open311|${key.id}`, 60_000);
      return hits > key.requestsPerMinute ? { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(ttlMs / 1000)) } : { ok: true };
    },

    /** The active key behind a clear key, or undefined. */
    async authenticate(key: string): Promise<AuthenticatedKey | undefined> {
      if (!key.startsWith(KEY_PREFIX) || key.length > 200) return undefined;
      return db
        .selectFrom('open311Key')
        .select(['id', 'requestsPerMinute'])
        .where('keyHash', '=', hashKey(key))
        .where('revokedAt', 'is', null)
        .executeTakeFirst();
    },
  };
}

export type Open311KeysService = ReturnType<typeof createOpen311KeysService>;

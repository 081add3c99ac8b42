import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Actor, StaffGrant } from '../../platform/auth/actor.ts';
import type { Database } from '../../platform/db/database.ts';

export type SessionKind = 'web' | 'api';

/** Idle and absolute lifetimes (seconds) by who signs in and how (issue 3; OWASP ASVS V3). */
export const SESSION_LIFETIMES = {
  citizen: { web: { idle: 2 * 3600, absolute: 24 * 3600 }, api: { idle: 15 * 60, absolute: 15 * 60 } },
  staff: { web: { idle: 30 * 60, absolute: 12 * 3600 }, api: { idle: 15 * 60, absolute: 15 * 60 } },
} as const;

/** Touching last_seen on every request would write on every read; once a minute is enough for idle timeouts. */
const TOUCH_INTERVAL_SECONDS = 60;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}

export interface SessionSummary {
  /** A handle for the session list; the hash of the token, shortened: it opens nothing. */
  handle: string;
  kind: SessionKind;
  createdAt: Date;
  lastSeenAt: Date;
  userAgent: string | null;
  current: boolean;
}

export interface ResolvedSession {
  actor: Exclude<Actor, { kind: 'anonymous' }>;
  mfaVerified: boolean;
}

export function createSessionStore(db: Database) {
  return {
    /** Opens a session and returns its token, which only the client keeps. */
    async create(
      input: { accountId: string; accountKind: 'citizen' | 'staff'; kind: SessionKind; mfaVerified: boolean; userAgent: string | undefined },
      trx: Database = db,
    ): Promise<string> {
      const token = randomBytes(32).toString('base64url');
      const lifetime = SESSION_LIFETIMES[input.accountKind][input.kind];
      await trx
        .insertInto('session')
        .values({
          idHash: hashToken(token),
          accountId: input.accountId,
          kind: input.kind,
          mfaVerified: input.mfaVerified,
          idleTimeoutSeconds: lifetime.idle,
          expiresAt: new Date(Date.now() + lifetime.absolute * 1000),
          userAgent: input.userAgent?.slice(0, 300) ?? null,
        })
        .execute();
      return token;
    },

    /**
     * The signed-in actor for a token, or undefined when it is unknown, revoked, idle too long,
     * past its absolute lifetime, of another kind, or its account is disabled.
     */
    async resolve(token: string, kind: SessionKind): Promise<ResolvedSession | undefined> {
      if (token.length < 20 || token.length > 100) return undefined;
      const idHash = hashToken(token);
      const row = await db
        .selectFrom('session as s')
        .innerJoin('account as a', 'a.id', 's.accountId')
        .select(['s.accountId', 's.mfaVerified', 's.lastSeenAt', 'a.kind as accountKind', 'a.locale'])
        .where('s.idHash', '=', idHash)
        .where('s.kind', '=', kind)
        .where('s.revokedAt', 'is', null)
        .where('s.expiresAt', '>', sql<Date>`now()`)
        .where(sql<boolean>`s.last_seen_at + make_interval(secs => s.idle_timeout_seconds) > now()`)
        .where('a.status', '=', 'active')
        .executeTakeFirst();
      if (!row) return undefined;
      if (Date.now() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_SECONDS * 1000) {
        await db.updateTable('session').set({ lastSeenAt: sql`now()` }).where('idHash', '=', idHash).execute();
      }
      if (row.accountKind === 'staff') {
        const grants: StaffGrant[] = await db.selectFrom('staffRole').select(['role', 'agencyId', 'unitId']).where('accountId', '=', row.accountId).execute();
        return { mfaVerified: row.mfaVerified, actor: { kind: 'staff', accountId: row.accountId, sessionId: idHash, locale: row.locale, grants } };
      }
      const organisations = await db.selectFrom('organisationMember').select(['organisationId', 'role']).where('accountId', '=', row.accountId).execute();
      return { mfaVerified: true, actor: { kind: 'citizen', accountId: row.accountId, sessionId: idHash, locale: row.locale, organisations } };
    },

    async revoke(token: string): Promise<void> {
      await db.updateTable('session').set({ revokedAt: sql`now()` }).where('idHash', '=', hashToken(token)).where('revokedAt', 'is', null).execute();
    },

    /** Revokes one of the account's sessions by its handle; false when it is not theirs. */
    async revokeByHandle(accountId: string, handle: string): Promise<boolean> {
      if (!/^[A-Za-z0-9_-]{16}$/.test(handle)) return false;
      const result = await db
        .updateTable('session')
        .set({ revokedAt: sql`now()` })
        .where('accountId', '=', accountId)
        .where(sql<boolean>`left(id_hash, 16) = ${handle}`)
        .where('revokedAt', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** "Sign out everywhere": every session of the account, optionally but the current one. */
    async revokeAll(accountId: string, exceptSessionId?: string, trx: Database = db): Promise<number> {
      let query = trx.updateTable('session').set({ revokedAt: sql`now()` }).where('accountId', '=', accountId).where('revokedAt', 'is', null);
      if (exceptSessionId) query = query.where('idHash', '!=', exceptSessionId);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async list(accountId: string, currentSessionId: string): Promise<SessionSummary[]> {
      const rows = await db
        .selectFrom('session')
        .select(['idHash', 'kind', 'createdAt', 'lastSeenAt', 'userAgent'])
        .where('accountId', '=', accountId)
        .where('revokedAt', 'is', null)
        .where('expiresAt', '>', sql<Date>`now()`)
        .where(sql<boolean>`last_seen_at + make_interval(secs => idle_timeout_seconds) > now()`)
        .orderBy('lastSeenAt', 'desc')
        .limit(50)
        .execute();
      return rows.map((row) => ({
        handle: row.idHash.slice(0, 16),
        kind: row.kind,
        createdAt: row.createdAt,
        lastSeenAt: row.lastSeenAt,
        userAgent: row.userAgent,
        current: row.idHash === currentSessionId,
      }));
    },

    /** Every session of an account, ended ones too, newest first, by handle only (their data export lists them). */
    async history(accountId: string, limit = 500) {
      const rows = await db
        .selectFrom('session')
        .select(['idHash', 'kind', 'createdAt', 'lastSeenAt', 'expiresAt', 'revokedAt', 'userAgent'])
        .where('accountId', '=', accountId)
        .orderBy('createdAt', 'desc')
        .limit(limit)
        .execute();
      return rows.map(({ idHash, ...row }) => ({ handle: idHash.slice(0, 16), ...row }));
    },

    /** Retention (privacy module): sessions that ended (expired or revoked) before `cutoff`, held ones skipped. */
    async deleteEndedBefore(cutoff: Date, limit: number, held: readonly string[]): Promise<number> {
      const ids = db
        .selectFrom('session')
        .select('idHash')
        .where((eb) => eb.or([eb('expiresAt', '<', cutoff), eb('revokedAt', '<', cutoff)]))
        .$if(held.length > 0, (q) => q.where(sql<boolean>`left(id_hash, 16) <> all(${sql.val(held)}::text[])`))
        .limit(limit);
      const result = await db.deleteFrom('session').where('idHash', 'in', ids).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async purgeExpired(): Promise<number> {
      const result = await db
        .deleteFrom('session')
        .where((eb) => eb.or([eb('expiresAt', '<', sql<Date>`now() - interval '1 day'`), eb('revokedAt', '<', sql<Date>`now() - interval '1 day'`)]))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;

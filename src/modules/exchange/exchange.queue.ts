import { CompiledQuery, sql } from 'kysely';
import type { PgBoss } from 'pg-boss';
import type { DataKeyStore } from '../../platform/crypto/data-keys.ts';
import { decryptField, encryptField } from '../../platform/crypto/envelope.ts';
import type { Database } from '../../platform/db/database.ts';
import { publishEvent } from '../../platform/events/outbox.ts';
import type { FetchRequest, FetchResult } from './exchange.service.ts';
import type { FetchStatus } from './exchange.tables.ts';

// Fetches queued for later, so that an application is accepted at once even when the registry is
// slow or down. The request (with the subject's key) and the result are sealed in exchange_fetch;
// pg-boss carries only the row's id. A claim is a lease (attempts + 1, next attempt pushed out), so
// no transaction stays open while a provider is asked, and a node that dies mid-fetch only delays it.

export const FETCH_QUEUE = 'exchange.fetch';
const LEASE = sql`interval '2 minutes'`;
const MAX_BACKOFF_SECONDS = 3_600;

export interface QueuedFetch {
  id: string;
  status: FetchStatus;
  attempts: number;
  nextAttemptAt: Date;
  /** The outcome once the fetch is no longer queued (the data and provenance when fetched). */
  result: FetchResult | null;
}

export interface FetchQueueOptions {
  db: Database;
  dataKeys: DataKeyStore;
  fetchFromProduct(request: FetchRequest): Promise<FetchResult>;
  /** Attempts before the fetch is given up as failed (default 8: about 4 hours of backoff). */
  maxAttempts?: number;
  /** Seconds before the second attempt; doubles each time. */
  firstBackoffSeconds?: number;
}

const requestContext = (id: string) => `exchange_fetch.request_enc:${id}`;
const resultContext = (id: string) => `exchange_fetch.result_enc:${id}`;

/** A pg-boss executor on the caller's transaction: the job exists exactly when the row does. */
function inTransaction(trx: Database) {
  return {
    executeSql: async (text: string, values?: unknown[]) => {
      const result = await trx.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: result.rows as unknown[] };
    },
  };
}

export function createFetchQueue({ db, dataKeys, fetchFromProduct, maxAttempts = 8, firstBackoffSeconds = 30 }: FetchQueueOptions) {
  let boss: PgBoss | undefined;

  async function sendJob(trx: Database, id: string, startAfterSeconds: number) {
    if (!boss) return;
    await boss.send(FETCH_QUEUE, { id }, { startAfter: startAfterSeconds, db: inTransaction(trx) });
  }

  async function runFetch(id: string): Promise<FetchStatus | 'busy'> {
    const claimed = await db
      .updateTable('exchangeFetch')
      .set({ attempts: sql`attempts + 1`, nextAttemptAt: sql`now() + ${LEASE}` })
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .where('nextAttemptAt', '<=', sql<Date>`now()`)
      .returning(['dataKeyId', 'requestEnc', 'attempts', 'agencyId'])
      .executeTakeFirst();
    if (!claimed) return 'busy';
    const key = await dataKeys.open(claimed.dataKeyId);
    const request = JSON.parse(decryptField(key, claimed.requestEnc, requestContext(id))) as FetchRequest;
    const result = await fetchFromProduct(request);
    const retry = !result.ok && result.reason === 'provider_unavailable' && claimed.attempts < maxAttempts;
    return db.transaction().execute(async (trx) => {
      if (retry) {
        const backoff = Math.min(MAX_BACKOFF_SECONDS, firstBackoffSeconds * 2 ** (claimed.attempts - 1));
        const wait = Math.max(backoff, Math.ceil((result.retryAfterMs ?? 0) / 1000));
        await trx
          .updateTable('exchangeFetch')
          .set({ nextAttemptAt: sql`now() + make_interval(secs => ${wait})` })
          .where('id', '=', id)
          .execute();
        await sendJob(trx, id, wait);
        return 'queued';
      }
      const status: FetchStatus = result.ok
        ? 'fetched'
        : result.reason === 'not_found'
          ? 'not_found'
          : result.reason === 'provider_unavailable'
            ? 'failed'
            : 'refused';
      await trx
        .updateTable('exchangeFetch')
        .set({ status, resultEnc: encryptField(key, JSON.stringify(result), resultContext(id)), completedAt: sql`now()` })
        .where('id', '=', id)
        .execute();
      await publishEvent(trx, { topic: 'exchange.fetch_completed', aggregateId: id, agencyId: claimed.agencyId, payload: { status } });
      return status;
    });
  }

  return {
    /** Lets queued fetches start at once (pg-boss); without it they wait for the sweep. */
    attachQueue(jobs: PgBoss) {
      boss = jobs;
    },

    /**
     * Queues `request` in the caller's transaction and returns the fetch's id at once: it exists
     * exactly when the caller's change commits. A worker fetches it, retrying with backoff while the
     * provider is unavailable, then publishes `exchange.fetch_completed` (id and status only) and
     * keeps the sealed result for fetchStatus.
     */
    async queueFetch(trx: Database, request: FetchRequest): Promise<{ id: string }> {
      const id = crypto.randomUUID();
      const dataKey = await dataKeys.create(trx);
      await trx
        .insertInto('exchangeFetch')
        .values({
          id,
          productCode: request.productCode,
          agencyId: request.actor.agencyId,
          dataKeyId: dataKey.id,
          requestEnc: encryptField(dataKey.key, JSON.stringify(request), requestContext(id)),
          nextAttemptAt: sql<Date>`now()`,
        })
        .execute();
      await sendJob(trx, id, 0);
      return { id };
    },

    /** A queued fetch with its result (decrypted), or undefined for an unknown id. */
    async fetchStatus(id: string): Promise<QueuedFetch | undefined> {
      const row = await db
        .selectFrom('exchangeFetch')
        .select(['id', 'status', 'attempts', 'nextAttemptAt', 'dataKeyId', 'resultEnc'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) return undefined;
      let result: FetchResult | null = null;
      if (row.resultEnc) {
        const parsed = JSON.parse(decryptField(await dataKeys.open(row.dataKeyId), row.resultEnc, resultContext(id))) as FetchResult;
        result = parsed.ok ? { ...parsed, provenance: { ...parsed.provenance, fetchedAt: new Date(parsed.provenance.fetchedAt) } } : parsed;
      }
      return { id: row.id, status: row.status, attempts: row.attempts, nextAttemptAt: row.nextAttemptAt, result };
    },

    /** One attempt at a queued fetch that is due; 'busy' when it is not due or another worker has it. */
    runFetch,

    /** Attempts every due fetch, up to `limit` (the sweep: jobs lost with a node, nodes without jobs). */
    async runDue(limit = 50): Promise<number> {
      const due = await db
        .selectFrom('exchangeFetch')
        .select('id')
        .where('status', '=', 'queued')
        .where('nextAttemptAt', '<=', sql<Date>`now()`)
        .orderBy('nextAttemptAt')
        .limit(limit)
        .execute();
      for (const { id } of due) await runFetch(id);
      return due.length;
    },
  };
}

export type FetchQueue = ReturnType<typeof createFetchQueue>;

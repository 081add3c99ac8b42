import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { type MasterKey, newDataKey, unwrapDataKey, wrapDataKey } from './envelope.ts';

export interface KeyRing {
  /** Wraps every new data key. */
  current: MasterKey;
  /** Earlier master keys, still able to unwrap until rotation has moved everything to `current`. */
  previous: readonly MasterKey[];
}

export class UnknownMasterKeyError extends Error {
  constructor(readonly masterKeyId: string) {
    super(`data key wrapped under unknown master key ${masterKeyId}: add it to LOKET_MASTER_KEY_PREVIOUS`);
    this.name = 'UnknownMasterKeyError';
  }
}

export interface DataKey {
  id: string;
  key: Buffer;
}

const CACHE_LIMIT = 10_000;

/**
 * Creates, opens and re-wraps data keys. Unwrapped keys are cached in memory (bounded) because a page
 * that lists records would otherwise unwrap one key per row.
 */
export function createDataKeyStore(db: Database, ring: KeyRing) {
  const cache = new Map<string, Buffer>();
  const byId = new Map([ring.current, ...ring.previous].map((m) => [m.id, m]));

  function remember(id: string, key: Buffer) {
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(id, key);
  }

  return {
    /** A new data key for a new subject; written in the caller's transaction. */
    async create(trx: Database = db): Promise<DataKey> {
      const id = crypto.randomUUID();
      const key = newDataKey();
      await trx
        .insertInto('dataKey')
        .values({ id, masterKeyId: ring.current.id, wrapped: wrapDataKey(ring.current, id, key) })
        .execute();
      remember(id, key);
      return { id, key };
    },

    async open(id: string, trx: Database = db): Promise<Buffer> {
      const cached = cache.get(id);
      if (cached) return cached;
      const row = await trx.selectFrom('dataKey').select(['masterKeyId', 'wrapped']).where('id', '=', id).executeTakeFirstOrThrow();
      const master = byId.get(row.masterKeyId);
      if (!master) throw new UnknownMasterKeyError(row.masterKeyId);
      const key = unwrapDataKey(master, id, row.wrapped);
      remember(id, key);
      return key;
    },

    /** Destroys a subject's key: what was encrypted under it can never be read again. */
    async destroy(id: string, trx: Database = db): Promise<void> {
      await trx.deleteFrom('dataKey').where('id', '=', id).execute();
      cache.delete(id);
    },

    /** How many data keys are still wrapped under an older master key. */
    async countToRotate(): Promise<number> {
      const row = await db
        .selectFrom('dataKey')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('masterKeyId', '!=', ring.current.id)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /**
     * Re-wraps every data key under the current master key; records are untouched. Safe while the
     * service runs (every node must already hold the current key in its ring): each batch is its own
     * short transaction that locks only its rows and skips rows locked by someone else, so readers
     * and writers never wait long. It walks the keys once in id order; keys skipped or created
     * under an older master key meanwhile are left for the next run (see countToRotate).
     * @throws UnknownMasterKeyError when a key is wrapped under a master key the ring lacks; the
     *   batches before it stay rotated, and a run with the key in the ring finishes the job.
     */
    async rotate(onProgress: (done: number) => void = () => {}, batchSize = 1000): Promise<number> {
      let done = 0;
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const moved = await db.transaction().execute(async (trx) => {
          const rows = await trx
            .selectFrom('dataKey')
            .select(['id', 'masterKeyId', 'wrapped'])
            .where('id', '>', after)
            .where('masterKeyId', '!=', ring.current.id)
            .orderBy('id')
            .limit(batchSize)
            .forUpdate()
            .skipLocked()
            .execute();
          if (rows.length === 0) return undefined;
          const ids: string[] = [];
          const wrapped: Buffer[] = [];
          for (const row of rows) {
            const master = byId.get(row.masterKeyId);
            if (!master) throw new UnknownMasterKeyError(row.masterKeyId);
            ids.push(row.id);
            wrapped.push(wrapDataKey(ring.current, row.id, unwrapDataKey(master, row.id, row.wrapped)));
          }
          // One statement per batch, not one per key: a thousand round trips would hold the batch's row locks far longer.
          await sql`
            update data_key as d
               set master_key_id = ${ring.current.id}, wrapped = v.wrapped, rotated_at = now()
              from unnest(${ids}::uuid[], ${wrapped}::bytea[]) as v(id, wrapped)
             where d.id = v.id`.execute(trx);
          return { count: rows.length, last: ids[ids.length - 1] ?? after };
        });
        if (moved === undefined) return done;
        done += moved.count;
        after = moved.last;
        onProgress(done);
      }
    },
  };
}

export type DataKeyStore = ReturnType<typeof createDataKeyStore>;

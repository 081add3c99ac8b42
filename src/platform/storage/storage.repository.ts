import type { Insertable, Selectable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { StoredFileTable } from './storage.tables.ts';

export type StoredFileRow = Selectable<StoredFileTable>;

/** SQL of the storage module, nothing else. */
export function createStorageRepository(db: Database) {
  return {
    async insert(row: Insertable<StoredFileTable>, trx: Database = db): Promise<void> {
      await trx.insertInto('storedFile').values(row).execute();
    },

    async find(id: string, trx: Database = db): Promise<StoredFileRow | undefined> {
      return trx.selectFrom('storedFile').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async findMany(ids: readonly string[], trx: Database = db): Promise<StoredFileRow[]> {
      if (ids.length === 0) return [];
      return trx.selectFrom('storedFile').selectAll().where('id', 'in', ids).execute();
    },

    /** Marks the file attached (again, harmlessly) when it exists and, if given, belongs to `owner`. */
    async attach(id: string, owner: { ownerAccountId?: string; uploadedBy?: string }, trx: Database = db): Promise<boolean> {
      let query = trx
        .updateTable('storedFile')
        .set((eb) => ({ state: 'attached', attachedAt: eb.fn.coalesce('attachedAt', eb.fn<Date>('now', [])) }))
        .where('id', '=', id);
      if (owner.ownerAccountId !== undefined) query = query.where('ownerAccountId', '=', owner.ownerAccountId);
      if (owner.uploadedBy !== undefined) query = query.where('uploadedBy', '=', owner.uploadedBy);
      const result = await query.executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async delete(id: string, trx: Database = db): Promise<{ blobKey: string; dataKeyId: string } | undefined> {
      return trx.deleteFrom('storedFile').where('id', '=', id).returning(['blobKey', 'dataKeyId']).executeTakeFirst();
    },

    /** Pending files created before `cutoff`, locked for deletion; rows locked elsewhere are skipped. */
    async deletePendingBefore(cutoff: Date, limit: number, trx: Database): Promise<{ blobKey: string; dataKeyId: string }[]> {
      const ids = trx
        .selectFrom('storedFile')
        .select('id')
        .where('state', '=', 'pending')
        .where('createdAt', '<', cutoff)
        .orderBy('createdAt')
        .limit(limit)
        .forUpdate()
        .skipLocked();
      return trx.deleteFrom('storedFile').where('id', 'in', ids).returning(['blobKey', 'dataKeyId']).execute();
    },

    async isBlobReferenced(blobKey: string, trx: Database = db): Promise<boolean> {
      const row = await trx.selectFrom('storedFile').select('id').where('blobKey', '=', blobKey).limit(1).executeTakeFirst();
      return row !== undefined;
    },

    /** Ids of the files a person owns, newest first (their data export describes them). */
    async idsOwnedBy(accountId: string, limit = 1000): Promise<string[]> {
      const rows = await db.selectFrom('storedFile').select('id').where('ownerAccountId', '=', accountId).orderBy('createdAt', 'desc').limit(limit).execute();
      return rows.map((row) => row.id);
    },
  };
}

export type StorageRepository = ReturnType<typeof createStorageRepository>;

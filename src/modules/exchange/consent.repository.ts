import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import type { ConsentTable, RequirementFetchTable } from './consent.tables.ts';

// SQL of consents and requirement fetches; every function takes the caller's transaction when given one.

export type ConsentRow = Selectable<ConsentTable>;
export type RequirementFetchRow = Selectable<RequirementFetchTable>;

export interface ActiveConsentQuery {
  accountId: string;
  productCode: string;
  consumerAgencyId: string;
  purpose: string;
  fields: readonly string[];
}

export function createConsentRepository(db: Database) {
  return {
    insertConsent: (values: Insertable<ConsentTable>, trx: Database = db) => trx.insertInto('consent').values(values).returningAll().executeTakeFirstOrThrow(),

    /** The newest consent still in force that covers these fields: not revoked, not expired. */
    activeConsent: (query: ActiveConsentQuery, trx: Database = db) =>
      trx
        .selectFrom('consent')
        .selectAll()
        .where('accountId', '=', query.accountId)
        .where('productCode', '=', query.productCode)
        .where('consumerAgencyId', '=', query.consumerAgencyId)
        .where('purpose', '=', query.purpose)
        .where('revokedAt', 'is', null)
        .where('validUntil', '>', sql<Date>`now()`)
        .where(sql<boolean>`fields @> ${sql.val([...query.fields])}::text[]`)
        .orderBy('grantedAt', 'desc')
        .executeTakeFirst(),

    consentOf: (accountId: string, id: string, trx: Database = db) =>
      trx.selectFrom('consent').selectAll().where('id', '=', id).where('accountId', '=', accountId).executeTakeFirst(),

    consentsOf: (accountId: string, limit: number) =>
      db.selectFrom('consent').selectAll().where('accountId', '=', accountId).orderBy('grantedAt', 'desc').limit(limit).execute(),

    /**
     * For an erased account (the right to deletion): the data fetched for it goes, and every consent
     * still in force ends; the consent records themselves stay, as the proof of what was agreed.
     */
    async eraseFor(accountId: string, trx: Database = db): Promise<{ fetches: number; consentsEnded: number }> {
      const fetches = await trx.deleteFrom('requirementFetch').where('accountId', '=', accountId).executeTakeFirst();
      const ended = await trx
        .updateTable('consent')
        .set({ revokedAt: sql`now()` })
        .where('accountId', '=', accountId)
        .where('revokedAt', 'is', null)
        .executeTakeFirst();
      return { fetches: Number(fetches.numDeletedRows), consentsEnded: Number(ended.numUpdatedRows) };
    },

    /** Revokes once: a second revocation changes nothing and returns undefined. */
    revoke: (accountId: string, id: string, trx: Database = db) =>
      trx
        .updateTable('consent')
        .set({ revokedAt: sql`now()` })
        .where('id', '=', id)
        .where('accountId', '=', accountId)
        .where('revokedAt', 'is', null)
        .returning(['id', 'productCode'])
        .executeTakeFirst(),

    fetchFor: (accountId: string, submissionKey: string, requirementId: string, trx: Database = db) =>
      trx
        .selectFrom('requirementFetch')
        .selectAll()
        .where('accountId', '=', accountId)
        .where('submissionKey', '=', submissionKey)
        .where('requirementId', '=', requirementId)
        .executeTakeFirst(),

    /** One row per requirement of a draft: a new decision replaces the earlier one. */
    upsertFetch: (values: Insertable<RequirementFetchTable>, trx: Database = db) => {
      const { accountId: _a, submissionKey: _s, requirementId: _r, id: _id, ...changes } = values;
      return trx
        .insertInto('requirementFetch')
        .values(values)
        .onConflict((oc) =>
          oc.columns(['accountId', 'submissionKey', 'requirementId']).doUpdateSet({ ...changes, decidedAt: sql`now()`, updatedAt: sql`now()` }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    updateFetch: (id: string, changes: Updateable<RequirementFetchTable>, trx: Database = db) =>
      trx
        .updateTable('requirementFetch')
        .set({ ...changes, updatedAt: sql`now()` })
        .where('id', '=', id)
        .execute(),

    /** The fetches of the application filed from the draft they were made for (its idempotency key). */
    fetchesOfApplication: (applicationId: string) =>
      db
        .selectFrom('requirementFetch as f')
        .innerJoin('application as a', (join) => join.onRef('a.applicantAccountId', '=', 'f.accountId').onRef('a.idempotencyKey', '=', 'f.submissionKey'))
        .selectAll('f')
        .where('a.id', '=', applicationId)
        .where('f.status', '!=', 'declined')
        .orderBy('f.requirementId')
        .execute(),

    queuedFetches: (limit: number) => db.selectFrom('requirementFetch').selectAll().where('status', '=', 'queued').orderBy('updatedAt').limit(limit).execute(),

    agencies: async (ids: readonly string[]) =>
      ids.length === 0
        ? []
        : db
            .selectFrom('agency')
            .select(['id', 'code', 'nameId', 'nameEn', 'website'])
            .where('id', 'in', [...new Set(ids)])
            .execute(),
  };
}

export type ConsentRepository = ReturnType<typeof createConsentRepository>;

import { type Insertable, type Selectable, sql } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import type { SigningKeyTable } from './documents.tables.ts';

export type SigningKeyRow = Selectable<SigningKeyTable>;
/** A key without its sealed private half, for verification and publication. */
export type PublicKeyRow = Omit<SigningKeyRow, 'dataKeyId' | 'privateKeyEnc'>;

const PUBLIC_COLUMNS = ['id', 'agencyId', 'publicKey', 'status', 'createdAt', 'retiredAt'] as const;

/** SQL of the signing keys; every function takes the caller's transaction when given one. */
export function createSigningKeysRepository(db: Database) {
  return {
    /**
     * Serialises key creation and rotation for one agency until the transaction ends, so two nodes
     * creating the first key at once do not both try (the unique index would refuse the second).
     */
    async lockAgency(agencyId: string | null, trx: Database): Promise<void> {
      await sql`select pg_advisory_xact_lock(hashtextextended(${`signing_key:${agencyId ?? 'platform'}`}, 0))`.execute(trx);
    },

    async active(agencyId: string | null, trx: Database = db): Promise<SigningKeyRow | undefined> {
      return trx
        .selectFrom('signingKey')
        .selectAll()
        .where((eb) => (agencyId === null ? eb('agencyId', 'is', null) : eb('agencyId', '=', agencyId)))
        .where('status', '=', 'active')
        .executeTakeFirst();
    },

    async insert(row: Insertable<SigningKeyTable>, trx: Database = db): Promise<SigningKeyRow> {
      return trx.insertInto('signingKey').values(row).returningAll().executeTakeFirstOrThrow();
    },

    /**
     * Inserts a first active key unless the agency already has one (signing_key_one_active_idx): a
     * concurrent first use waits for the other transaction and then inserts nothing.
     */
    async insertIfNoActive(row: Insertable<SigningKeyTable>, trx: Database = db): Promise<SigningKeyRow | undefined> {
      return trx
        .insertInto('signingKey')
        .values(row)
        .onConflict((conflict) => conflict.column('agencyId').where('status', '=', 'active').doNothing())
        .returningAll()
        .executeTakeFirst();
    },

    async retire(kid: string, trx: Database = db): Promise<void> {
      await trx.updateTable('signingKey').set({ status: 'retired', retiredAt: sql<Date>`now()` }).where('id', '=', kid).execute();
    },

    async byKid(kid: string, trx: Database = db): Promise<PublicKeyRow | undefined> {
      return trx.selectFrom('signingKey').select(PUBLIC_COLUMNS).where('id', '=', kid).executeTakeFirst();
    },

    /** Every key, active and retired, oldest first. */
    async all(trx: Database = db): Promise<PublicKeyRow[]> {
      return trx.selectFrom('signingKey').select(PUBLIC_COLUMNS).orderBy('createdAt').orderBy('id').execute();
    },
  };
}

export type SigningKeysRepository = ReturnType<typeof createSigningKeysRepository>;

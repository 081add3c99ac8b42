import { sql } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import type { AccountKind, StaffRoleName } from './accounts.tables.ts';

export interface AccountRow {
  id: string;
  kind: AccountKind;
  dataKeyId: string;
  nikEnc: string | null;
  fullNameEnc: string;
  birthDateEnc: string | null;
  emailEnc: string | null;
  emailVerifiedAt: Date | null;
  phoneEnc: string | null;
  phoneVerifiedAt: Date | null;
  passwordHash: string;
  locale: 'id' | 'en';
  totpSecretEnc: string | null;
  totpEnabledAt: Date | null;
  totpLastStep: number | null;
  status: 'active' | 'disabled';
}

const ACCOUNT_COLUMNS = [
  'id',
  'kind',
  'dataKeyId',
  'nikEnc',
  'fullNameEnc',
  'birthDateEnc',
  'emailEnc',
  'emailVerifiedAt',
  'phoneEnc',
  'phoneVerifiedAt',
  'passwordHash',
  'locale',
  'totpSecretEnc',
  'totpEnabledAt',
  'totpLastStep',
  'status',
] as const;

export interface NewAccount {
  id: string;
  kind: AccountKind;
  dataKeyId: string;
  nikIndex: string | null;
  nikEnc: string | null;
  fullNameEnc: string;
  birthDateEnc: string | null;
  emailIndex: string | null;
  emailEnc: string | null;
  phoneIndex: string | null;
  phoneEnc: string | null;
  passwordHash: string;
  locale: 'id' | 'en';
  isDemo: boolean;
  emailVerifiedAt?: Date | null;
  phoneVerifiedAt?: Date | null;
}

/** SQL of the accounts module; every function takes the caller's transaction when given one. */
export function createAccountsRepository(db: Database) {
  return {
    async insert(account: NewAccount, trx: Database = db): Promise<void> {
      await trx.insertInto('account').values(account).execute();
    },

    async findById(id: string, trx: Database = db): Promise<AccountRow | undefined> {
      return trx.selectFrom('account').select(ACCOUNT_COLUMNS).where('id', '=', id).executeTakeFirst();
    },

    /** By any of the blind indexes a person may sign in with. */
    async findByIndex(column: 'nikIndex' | 'emailIndex' | 'phoneIndex', index: string, trx: Database = db): Promise<AccountRow | undefined> {
      return trx.selectFrom('account').select(ACCOUNT_COLUMNS).where(column, '=', index).executeTakeFirst();
    },

    async indexTaken(column: 'nikIndex' | 'emailIndex' | 'phoneIndex', index: string, exceptAccountId?: string): Promise<boolean> {
      let query = db.selectFrom('account').select('id').where(column, '=', index);
      if (exceptAccountId) query = query.where('id', '!=', exceptAccountId);
      return (await query.executeTakeFirst()) !== undefined;
    },

    async update(
      id: string,
      changes: Partial<{
        emailIndex: string | null;
        emailEnc: string | null;
        emailVerifiedAt: Date | null;
        phoneIndex: string | null;
        phoneEnc: string | null;
        phoneVerifiedAt: Date | null;
        passwordHash: string;
        locale: 'id' | 'en';
        totpSecretEnc: string | null;
        totpEnabledAt: Date | null;
        totpLastStep: number | null;
      }>,
      trx: Database = db,
    ): Promise<void> {
      await trx
        .updateTable('account')
        .set({ ...changes, updatedAt: sql`now()` })
        .where('id', '=', id)
        .execute();
    },

    /** Records a TOTP step as used, unless it (or a later one) already was: refuses a replayed code. */
    async claimTotpStep(id: string, step: number, trx: Database = db): Promise<boolean> {
      const result = await trx
        .updateTable('account')
        .set({ totpLastStep: step })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('totpLastStep', 'is', null), eb('totpLastStep', '<', step)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async replaceRecoveryCodes(accountId: string, hashes: readonly string[], trx: Database = db): Promise<void> {
      await trx.deleteFrom('recoveryCode').where('accountId', '=', accountId).execute();
      if (hashes.length > 0)
        await trx
          .insertInto('recoveryCode')
          .values(hashes.map((codeHash) => ({ accountId, codeHash })))
          .execute();
    },

    async useRecoveryCode(accountId: string, codeHash: string, trx: Database = db): Promise<boolean> {
      const result = await trx
        .updateTable('recoveryCode')
        .set({ usedAt: sql`now()` })
        .where('accountId', '=', accountId)
        .where('codeHash', '=', codeHash)
        .where('usedAt', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async insertVerificationCode(input: { accountId: string; channel: 'email' | 'sms'; codeHash: string; expiresAt: Date }, trx: Database = db): Promise<void> {
      // A new code replaces any earlier one still open.
      await trx
        .updateTable('verificationCode')
        .set({ consumedAt: sql`now()` })
        .where('accountId', '=', input.accountId)
        .where('consumedAt', 'is', null)
        .execute();
      await trx.insertInto('verificationCode').values(input).execute();
    },

    async latestOpenVerificationCode(accountId: string, trx: Database = db) {
      return trx
        .selectFrom('verificationCode')
        .select(['id', 'channel', 'codeHash', 'expiresAt'])
        .where('accountId', '=', accountId)
        .where('consumedAt', 'is', null)
        .orderBy('createdAt', 'desc')
        .limit(1)
        .executeTakeFirst();
    },

    /**
     * Counts one attempt at a code, unless `max` were already made (false then). One statement, so
     * that guesses sent in parallel cannot all pass a limit read before any of them was counted.
     */
    async countVerificationAttempt(id: string, max: number, trx: Database = db): Promise<boolean> {
      const result = await trx
        .updateTable('verificationCode')
        .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
        .where('id', '=', id)
        .where('attempts', '<', max)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async consumeVerificationCode(id: string, trx: Database = db): Promise<void> {
      await trx.updateTable('verificationCode').set({ consumedAt: sql`now()` }).where('id', '=', id).execute();
    },

    async grantRole(
      input: { accountId: string; role: StaffRoleName; agencyId: string | null; unitId: string | null; grantedBy: string | null },
      trx: Database = db,
    ): Promise<void> {
      await trx.insertInto('staffRole').values(input).execute();
    },

    async insertOrganisation(input: { id: string; nibIndex: string; nibEnc: string; name: string; dataKeyId: string }, trx: Database = db): Promise<void> {
      await trx.insertInto('organisation').values(input).execute();
    },

    async addOrganisationMember(input: { organisationId: string; accountId: string; role: 'owner' | 'staff' }, trx: Database = db): Promise<void> {
      await trx
        .insertInto('organisationMember')
        .values(input)
        .onConflict((oc) => oc.columns(['organisationId', 'accountId']).doNothing())
        .execute();
    },

    async organisationIdByNibIndex(nibIndex: string): Promise<string | undefined> {
      return (await db.selectFrom('organisation').select('id').where('nibIndex', '=', nibIndex).executeTakeFirst())?.id;
    },

    async unitIdByCode(agencyId: string, code: string): Promise<string | undefined> {
      return (await db.selectFrom('agencyUnit').select('id').where('agencyId', '=', agencyId).where('code', '=', code).executeTakeFirst())?.id;
    },

    async agencyIdByCode(code: string): Promise<string | undefined> {
      return (await db.selectFrom('agency').select('id').where('code', '=', code).executeTakeFirst())?.id;
    },

    async isDemoSeeded(): Promise<boolean> {
      return (await db.selectFrom('account').select('id').where('isDemo', '=', true).limit(1).executeTakeFirst()) !== undefined;
    },

    /** What else the accounts module keeps about a person, without secrets (their data export lists it). */
    async privacyRecords(accountId: string) {
      const [recoveryCodes, verificationCodes, staffRoles] = await Promise.all([
        db
          .selectFrom('recoveryCode')
          .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.count<number>('usedAt').as('used')])
          .where('accountId', '=', accountId)
          .executeTakeFirstOrThrow(),
        db
          .selectFrom('verificationCode')
          .select(['channel', 'createdAt', 'expiresAt', 'consumedAt', 'attempts'])
          .where('accountId', '=', accountId)
          .orderBy('createdAt', 'desc')
          .limit(100)
          .execute(),
        db.selectFrom('staffRole').select(['role', 'agencyId', 'unitId', 'grantedAt']).where('accountId', '=', accountId).orderBy('grantedAt').execute(),
      ]);
      return {
        recoveryCodes: { total: Number(recoveryCodes.total), used: Number(recoveryCodes.used) },
        verificationCodes,
        staffRoles,
        createdAt: (await db.selectFrom('account').select('createdAt').where('id', '=', accountId).executeTakeFirst())?.createdAt ?? null,
      };
    },

    /**
     * Erases an account's personal data for a granted deletion request: contact, NIK, birth date,
     * second factor, recovery and one-time codes go; the name becomes `erasedName` (sealed by the caller). The
     * NIK and contact indexes must stay non-null for a citizen (table checks), so they become random
     * values that no HMAC can equal: nobody can sign in or be found by them again.
     */
    async erasePersonalData(id: string, erasedNameEnc: string, trx: Database): Promise<void> {
      const placeholder = () => `erased:${crypto.randomUUID()}`;
      await trx
        .updateTable('account')
        .set({
          nikIndex: placeholder(),
          nikEnc: null,
          fullNameEnc: erasedNameEnc,
          birthDateEnc: null,
          emailIndex: null,
          emailEnc: null,
          emailVerifiedAt: null,
          phoneIndex: placeholder(),
          phoneEnc: null,
          phoneVerifiedAt: null,
          passwordHash: placeholder(),
          totpSecretEnc: null,
          totpEnabledAt: null,
          status: 'disabled',
          updatedAt: sql`now()`,
        })
        .where('id', '=', id)
        .execute();
      await trx.deleteFrom('recoveryCode').where('accountId', '=', id).execute();
      await trx.deleteFrom('verificationCode').where('accountId', '=', id).execute();
    },
  };
}

export type AccountsRepository = ReturnType<typeof createAccountsRepository>;

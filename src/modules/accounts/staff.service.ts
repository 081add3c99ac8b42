import { randomBytes } from 'node:crypto';
import type { AuditLog } from '../../platform/audit/audit.service.ts';
import type { Database } from '../../platform/db/database.ts';
import type { AccountsRepository } from './accounts.repository.ts';
import type { StaffRoleName } from './accounts.tables.ts';
import { normalizeEmail } from './contact.ts';
import { hashPassword } from './password.ts';
import type { PersonalData } from './personal-data.ts';

export interface StaffInput {
  email: string;
  fullName: string;
  roles: readonly { role: StaffRoleName; agencyId: string | null; unitId?: string | null }[];
  /** Demo accounts only; others get a random temporary password. */
  password?: string;
  /** Demo accounts only: TOTP already enrolled with this secret. */
  totpSecret?: string;
  isDemo?: boolean;
}

export class StaffInputError extends Error {}

export function createStaffService(deps: { db: Database; repository: AccountsRepository; personalData: PersonalData; audit: AuditLog }) {
  const { db, repository, personalData, audit } = deps;
  return {
    /**
     * Creates a staff account with its roles. Staff sign in with their e-mail, and must enrol TOTP at
     * their first sign-in unless a (demo) secret is given. Returns the temporary password to hand over.
     * @throws StaffInputError for a bad e-mail, an e-mail in use, or a role without its agency.
     */
    async create(input: StaffInput, grantedBy: { accountId: string | null; role: string }): Promise<{ accountId: string; password: string }> {
      const email = normalizeEmail(input.email);
      if (!email.ok) throw new StaffInputError(`invalid e-mail address (${email.error})`);
      const fullName = input.fullName.trim();
      if (fullName.length < 2) throw new StaffInputError('a full name is required');
      if (input.roles.length === 0) throw new StaffInputError('at least one role is required');
      for (const grant of input.roles) {
        if (grant.agencyId === null && grant.role !== 'auditor' && grant.role !== 'platform_admin')
          throw new StaffInputError(`role ${grant.role} needs an agency`);
      }
      const emailIndex = personalData.index('email', email.email);
      if (await repository.indexTaken('emailIndex', emailIndex)) throw new StaffInputError('that e-mail address already has an account');

      const password = input.password ?? randomBytes(12).toString('base64url');
      const passwordHash = await hashPassword(password);
      const accountId = crypto.randomUUID();
      await db.transaction().execute(async (trx) => {
        const dataKey = await personalData.newKey(trx);
        const sealer = await personalData.sealer(dataKey.id, accountId, trx);
        await repository.insert(
          {
            id: accountId,
            kind: 'staff',
            dataKeyId: dataKey.id,
            nikIndex: null,
            nikEnc: null,
            fullNameEnc: sealer.seal('fullName', fullName),
            birthDateEnc: null,
            emailIndex,
            emailEnc: sealer.seal('email', email.email),
            emailVerifiedAt: new Date(),
            phoneIndex: null,
            phoneEnc: null,
            passwordHash,
            locale: 'id',
            isDemo: input.isDemo ?? false,
          },
          trx,
        );
        if (input.totpSecret)
          await repository.update(accountId, { totpSecretEnc: sealer.seal('totpSecret', input.totpSecret), totpEnabledAt: new Date() }, trx);
        for (const grant of input.roles) {
          await repository.grantRole(
            { accountId, role: grant.role, agencyId: grant.agencyId, unitId: grant.unitId ?? null, grantedBy: grantedBy.accountId },
            trx,
          );
        }
        await audit.record(
          {
            actor: { accountId: grantedBy.accountId, role: grantedBy.role, agencyId: null },
            action: 'account.staff_created',
            subject: { type: 'account', id: accountId },
            details: { roles: input.roles.map((grant) => grant.role) },
          },
          trx,
        );
      });
      return { accountId, password };
    },
  };
}

export type StaffService = ReturnType<typeof createStaffService>;

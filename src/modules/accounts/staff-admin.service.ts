import type { AuditLog } from '../../platform/audit/audit.service.ts';
import { agenciesFor, type SignedInActor } from '../../platform/auth/actor.ts';
import { authErrors } from '../../platform/auth/errors.ts';
import type { Database } from '../../platform/db/database.ts';
import type { FieldProblem, RequestOrigin, Result } from './accounts.service.ts';
import type { StaffRoleName } from './accounts.tables.ts';
import { normalizeEmail } from './contact.ts';
import type { PersonalData } from './personal-data.ts';
import { StaffInputError, type StaffService } from './staff.service.ts';

/** Roles an agency admin may grant within their agency; cross-agency roles only a platform admin grants. */
const AGENCY_ROLES: readonly StaffRoleName[] = ['officer', 'supervisor', 'agency_admin', 'complaints_desk'];
const ALL_ROLES: readonly StaffRoleName[] = [...AGENCY_ROLES, 'auditor', 'platform_admin'];

export interface StaffMember {
  accountId: string;
  fullName: string;
  email: string | null;
  roles: StaffRoleName[];
  totpEnabled: boolean;
}

export function createStaffAdminService(deps: { db: Database; personalData: PersonalData; staff: StaffService; audit: AuditLog }) {
  const { db, personalData, staff, audit } = deps;

  function scopeOf(actor: SignedInActor): 'all' | string[] {
    return agenciesFor(actor, 'staff.manage');
  }

  /** The agency, if the actor may manage its staff; otherwise 404 (another agency's staff are not revealed). */
  function requireAgency(actor: SignedInActor, agencyId: string): void {
    const scope = scopeOf(actor);
    if (scope !== 'all' && !scope.includes(agencyId)) throw authErrors.notFound();
  }

  return {
    /** Agencies whose staff the actor manages: their own as agency admin, every one as platform admin. */
    manageableAgencyIds: scopeOf,

    grantableRoles(actor: SignedInActor): readonly StaffRoleName[] {
      return scopeOf(actor) === 'all' ? ALL_ROLES : AGENCY_ROLES;
    },

    /**
     * The staff of one agency with their decrypted names and e-mails. Reading staff personal data is
     * audited. @throws 404 AppError for an agency outside the actor's scope.
     */
    async list(actor: SignedInActor, agencyId: string, origin: RequestOrigin): Promise<StaffMember[]> {
      requireAgency(actor, agencyId);
      const rows = await db
        .selectFrom('staffRole as r')
        .innerJoin('account as a', 'a.id', 'r.accountId')
        .select(['a.id', 'a.dataKeyId', 'a.fullNameEnc', 'a.emailEnc', 'a.totpEnabledAt', 'r.role'])
        .where('r.agencyId', '=', agencyId)
        .orderBy('a.createdAt')
        .execute();
      const byAccount = new Map<string, StaffMember>();
      for (const row of rows) {
        const existing = byAccount.get(row.id);
        if (existing) {
          existing.roles.push(row.role);
          continue;
        }
        const sealer = await personalData.sealer(row.dataKeyId, row.id);
        byAccount.set(row.id, {
          accountId: row.id,
          fullName: sealer.open('fullName', row.fullNameEnc),
          email: sealer.openOptional('email', row.emailEnc),
          roles: [row.role],
          totpEnabled: row.totpEnabledAt !== null,
        });
      }
      await audit.record({
        actor: { accountId: actor.accountId, role: 'staff_admin', agencyId },
        action: 'personal_data.read',
        subject: { type: 'agency_staff', id: agencyId },
        ip: origin.ip,
        requestId: origin.requestId,
        details: { records: byAccount.size },
      });
      return [...byAccount.values()];
    },

    /**
     * Creates a staff account in an agency the actor manages, with a role they may grant, and returns
     * its temporary password (shown once). @throws 404 AppError for an agency outside the actor's scope.
     */
    async create(
      actor: SignedInActor,
      input: { email: string; fullName: string; role: string; agencyId: string },
    ): Promise<Result<{ accountId: string; password: string }>> {
      requireAgency(actor, input.agencyId);
      const problems: FieldProblem[] = [];
      const email = normalizeEmail(input.email);
      if (!email.ok) problems.push({ field: 'email', key: 'staff.error.email' });
      else if (await db.selectFrom('account').select('id').where('emailIndex', '=', personalData.index('email', email.email)).executeTakeFirst()) {
        problems.push({ field: 'email', key: 'staff.error.emailTaken' });
      }
      if (input.fullName.trim().length < 2) problems.push({ field: 'fullName', key: 'staff.error.name' });
      const grantable = this.grantableRoles(actor) as readonly string[];
      if (!grantable.includes(input.role)) problems.push({ field: 'role', key: 'staff.error.role' });
      if (problems.length > 0 || !email.ok) return { ok: false, problems };
      const role = input.role as StaffRoleName;
      const crossAgency = role === 'auditor' || role === 'platform_admin';
      try {
        const created = await staff.create(
          { email: email.email, fullName: input.fullName, roles: [{ role, agencyId: crossAgency ? null : input.agencyId }] },
          { accountId: actor.accountId, role: 'staff_admin' },
        );
        return { ok: true, value: created };
      } catch (error) {
        if (error instanceof StaffInputError) return { ok: false, problems: [{ field: 'email', key: 'staff.error.email' }] };
        throw error;
      }
    },
  };
}

export type StaffAdminService = ReturnType<typeof createStaffAdminService>;

import type { Generated } from 'kysely';
import type { Timestamp } from '../../platform/db/column-types.ts';

// Tables owned by the accounts module, as Kysely sees them (camelCase). Keep in step with
// migrations/0007_accounts.sql. Columns ending in Enc hold envelope-encrypted text; *Index columns
// hold keyed blind indexes.

export type AccountKind = 'citizen' | 'staff';
export type StaffRoleName = 'officer' | 'supervisor' | 'agency_admin' | 'complaints_desk' | 'auditor' | 'platform_admin';

export interface AccountTable {
  id: string;
  kind: AccountKind;
  dataKeyId: string;
  nikIndex: string | null;
  nikEnc: string | null;
  fullNameEnc: string;
  birthDateEnc: string | null;
  emailIndex: string | null;
  emailEnc: string | null;
  emailVerifiedAt: Timestamp | null;
  phoneIndex: string | null;
  phoneEnc: string | null;
  phoneVerifiedAt: Timestamp | null;
  passwordHash: string;
  locale: Generated<'id' | 'en'>;
  totpSecretEnc: string | null;
  totpEnabledAt: Timestamp | null;
  totpLastStep: number | null;
  status: Generated<'active' | 'disabled'>;
  isDemo: Generated<boolean>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface RecoveryCodeTable {
  accountId: string;
  codeHash: string;
  usedAt: Timestamp | null;
}

export interface StaffRoleTable {
  id: Generated<string>;
  accountId: string;
  role: StaffRoleName;
  agencyId: string | null;
  unitId: string | null;
  grantedBy: string | null;
  grantedAt: Generated<Date>;
}

export interface OrganisationTable {
  id: Generated<string>;
  nibIndex: string;
  nibEnc: string;
  name: string;
  dataKeyId: string;
  createdAt: Generated<Date>;
}

export interface OrganisationMemberTable {
  organisationId: string;
  accountId: string;
  role: 'owner' | 'staff';
  addedAt: Generated<Date>;
}

export interface SessionTable {
  idHash: string;
  accountId: string;
  kind: 'web' | 'api';
  mfaVerified: boolean;
  createdAt: Generated<Date>;
  lastSeenAt: Generated<Date>;
  idleTimeoutSeconds: number;
  expiresAt: Timestamp;
  userAgent: string | null;
  revokedAt: Timestamp | null;
}

export interface VerificationCodeTable {
  id: Generated<string>;
  accountId: string;
  channel: 'email' | 'sms';
  codeHash: string;
  expiresAt: Timestamp;
  attempts: Generated<number>;
  consumedAt: Timestamp | null;
  createdAt: Generated<Date>;
}

export interface AccountsTables {
  account: AccountTable;
  recoveryCode: RecoveryCodeTable;
  staffRole: StaffRoleTable;
  organisation: OrganisationTable;
  organisationMember: OrganisationMemberTable;
  session: SessionTable;
  verificationCode: VerificationCodeTable;
}

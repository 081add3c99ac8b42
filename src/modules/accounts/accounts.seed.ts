import type { Role } from '../../platform/auth/permissions.ts';
import { encryptField } from '../../platform/crypto/envelope.ts';
import type { Database } from '../../platform/db/database.ts';
import type { AccountsRepository } from './accounts.repository.ts';
import type { AccountsService } from './accounts.service.ts';
import type { StaffRoleName } from './accounts.tables.ts';
import type { PersonalData } from './personal-data.ts';
import type { StaffService } from './staff.service.ts';

// Development only (production refuses demo data): one account per role at the demo agencies, so a
// person trying Loket can walk every side of it. Passwords and TOTP secrets are public: they are in
// the README and printed at a development start.

export interface DemoAccount {
  role: Role;
  /** What to type in "NIK, e-mail or mobile number". */
  signIn: string;
  password: string;
  /** Staff only: add it to an authenticator app, or run `npx loket demo totp`. */
  totpSecret?: string;
  agencyCode?: string;
  description: string;
}

const CITIZEN_PASSWORD = 'kopi-susu-di-teras';
const STAFF_PASSWORD = 'loket-demo-petugas';

export const DEMO_CITIZEN = {
  nik: '3273015708900003',
  fullName: 'Siti Rahayu',
  birthDate: { day: '17', month: '08', year: '1990' },
  email: 'siti@demo.loket.test',
  phone: '081200000001',
};
export const DEMO_BUSINESS_OWNER = {
  nik: '3578012303850001',
  fullName: 'Budi Santoso',
  birthDate: { day: '23', month: '03', year: '1985' },
  email: 'budi@demo.loket.test',
  phone: '081200000002',
};
export const DEMO_ORGANISATION = { nib: '9120001234567', name: 'CV Maju Bersama' };

const DEMO_STAFF: readonly { role: StaffRoleName; email: string; fullName: string; agencyCode: string | null; totpSecret: string }[] = [
  {
    role: 'officer',
    email: 'petugas@demo.loket.test',
    fullName: 'Andi Wijaya',
    agencyCode: 'disdukcapil-kota-bandung',
    totpSecret: 'LOKETDEMOPETUGASLOKETDEMOPETUGAS',
  },
  {
    // A second officer of the same office: to show claiming, reassignment and hand-overs between officers.
    role: 'officer',
    email: 'petugas2@demo.loket.test',
    fullName: 'Rudi Hartono',
    agencyCode: 'disdukcapil-kota-bandung',
    totpSecret: 'LOKETDEMOPETUGASDUALOKETDEMOPETU',
  },
  {
    role: 'supervisor',
    email: 'supervisor@demo.loket.test',
    fullName: 'Dewi Lestari',
    agencyCode: 'disdukcapil-kota-bandung',
    totpSecret: 'LOKETDEMOSUPERVISORLOKETDEMOSUPE',
  },
  {
    role: 'agency_admin',
    email: 'admin.instansi@demo.loket.test',
    fullName: 'Rudi Hartono',
    agencyCode: 'disdukcapil-kota-bandung',
    totpSecret: 'LOKETDEMOADMININSTANSILOKETDEMOA',
  },
  {
    role: 'complaints_desk',
    email: 'pengaduan@demo.loket.test',
    fullName: 'Maya Sari',
    agencyCode: 'dpmptsp-dki-jakarta',
    totpSecret: 'LOKETDEMOPENGADUANLOKETDEMOPENGA',
  },
  { role: 'auditor', email: 'auditor@demo.loket.test', fullName: 'Hendra Gunawan', agencyCode: null, totpSecret: 'LOKETDEMOAUDITORLOKETDEMOAUDITOR' },
  { role: 'platform_admin', email: 'admin@demo.loket.test', fullName: 'Rina Kusuma', agencyCode: null, totpSecret: 'LOKETDEMOPLATFORMADMINLOKETDEMOP' },
];

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { role: 'citizen', signIn: DEMO_CITIZEN.nik, password: CITIZEN_PASSWORD, description: `${DEMO_CITIZEN.fullName}, ${DEMO_CITIZEN.email}` },
  {
    role: 'business_member',
    signIn: DEMO_BUSINESS_OWNER.email,
    password: CITIZEN_PASSWORD,
    description: `${DEMO_BUSINESS_OWNER.fullName}, owner of ${DEMO_ORGANISATION.name} (NIB ${DEMO_ORGANISATION.nib})`,
  },
  ...DEMO_STAFF.map((staff) => ({
    role: staff.role,
    signIn: staff.email,
    password: STAFF_PASSWORD,
    totpSecret: staff.totpSecret,
    ...(staff.agencyCode ? { agencyCode: staff.agencyCode } : {}),
    description: `${staff.fullName}${staff.agencyCode ? `, ${staff.agencyCode}` : ', every agency'}`,
  })),
];

/** Idempotent: an account whose e-mail already exists is left as it is. */
export async function seedDemoAccounts(deps: {
  db: Database;
  repository: AccountsRepository;
  personalData: PersonalData;
  accounts: AccountsService;
  staff: StaffService;
}): Promise<readonly DemoAccount[]> {
  const { db, repository, personalData, staff } = deps;
  const origin = { ip: '127.0.0.1', requestId: 'seed', userAgent: 'loket seed' };
  const exists = async (email: string) => repository.indexTaken('emailIndex', personalData.index('email', email));

  const citizenIds: string[] = [];
  for (const person of [DEMO_CITIZEN, DEMO_BUSINESS_OWNER]) {
    const existing = await repository.findByIndex('emailIndex', personalData.index('email', person.email));
    if (existing) {
      citizenIds.push(existing.id);
      continue;
    }
    const result = await deps.accounts.register({ ...person, password: CITIZEN_PASSWORD, locale: 'id' }, origin);
    if (!result.ok) throw new Error(`demo citizen refused: ${result.problems.map((p) => p.key).join(', ')}`);
    await repository.update(result.value.accountId, { emailVerifiedAt: new Date(), phoneVerifiedAt: new Date() });
    await db.updateTable('account').set({ isDemo: true }).where('id', '=', result.value.accountId).execute();
    // Registering signs the person in; the seed is nobody's device.
    await db.deleteFrom('session').where('accountId', '=', result.value.accountId).execute();
    citizenIds.push(result.value.accountId);
  }

  const ownerId = citizenIds[1];
  const nibIndex = personalData.index('nib', DEMO_ORGANISATION.nib);
  if (ownerId && !(await repository.organisationIdByNibIndex(nibIndex))) {
    await db.transaction().execute(async (trx) => {
      const key = await personalData.newKey(trx);
      const organisationId = crypto.randomUUID();
      await repository.insertOrganisation(
        {
          id: organisationId,
          nibIndex,
          nibEnc: encryptField(key.key, DEMO_ORGANISATION.nib, `organisation.nib:${organisationId}`),
          name: DEMO_ORGANISATION.name,
          dataKeyId: key.id,
        },
        trx,
      );
      await repository.addOrganisationMember({ organisationId, accountId: ownerId, role: 'owner' }, trx);
    });
  }

  for (const member of DEMO_STAFF) {
    if (await exists(member.email)) continue;
    const agencyId = member.agencyCode ? await repository.agencyIdByCode(member.agencyCode) : null;
    if (member.agencyCode && !agencyId) throw new Error(`demo agency ${member.agencyCode} missing: seed the catalogue first`);
    await staff.create(
      {
        email: member.email,
        fullName: member.fullName,
        roles: [{ role: member.role, agencyId: agencyId ?? null }],
        password: STAFF_PASSWORD,
        totpSecret: member.totpSecret,
        isDemo: true,
      },
      { accountId: null, role: 'system' },
    );
  }
  return DEMO_ACCOUNTS;
}

/** Production refuses to serve a database holding demo accounts: their passwords are public. */
export async function refuseDemoAccounts(repository: AccountsRepository): Promise<void> {
  if (await repository.isDemoSeeded()) {
    throw new Error('This database holds demo accounts, whose passwords are public. Production refuses to start on it: use a database without demo data.');
  }
}

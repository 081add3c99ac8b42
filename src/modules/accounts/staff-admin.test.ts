import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import type { SignedInActor, StaffGrant } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { SMALL_DEMO, seedDemo } from '../../seed.ts';

let t: TestApp;
let bandung: string;
let jakarta: string;
const origin = { ip: '127.0.0.1', requestId: 'test', userAgent: undefined };
let adminAccountId: string;
// The actor's account must exist: a grant records who made it.
const staffActor = (grants: StaffGrant[]): SignedInActor => ({ kind: 'staff', accountId: adminAccountId, sessionId: 's', locale: 'id', grants });

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.database.db, t.services, SMALL_DEMO);
  const id = async (code: string) => (await t.database.db.selectFrom('agency').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  bandung = await id('disdukcapil-kota-bandung');
  jakarta = await id('dpmptsp-dki-jakarta');
  const admin = await t.services.accountsRepository.findByIndex('emailIndex', t.services.personalData.index('email', 'admin.instansi@demo.loket.test'));
  if (!admin) throw new Error('demo agency admin missing');
  adminAccountId = admin.id;
});
afterAll(async () => t.close());

describe('staff administration', () => {
  it('lets an agency admin list their agency staff, decrypted, and audits the read', async () => {
    const admin = staffActor([{ role: 'agency_admin', agencyId: bandung, unitId: null }]);
    const staff = await t.services.staffAdmin.list(admin, bandung, origin);
    expect(staff.map((s) => s.email).sort()).toEqual([
      'admin.instansi@demo.loket.test',
      'petugas2@demo.loket.test',
      'petugas@demo.loket.test',
      'supervisor@demo.loket.test',
    ]);
    expect(staff.every((s) => s.totpEnabled)).toBe(true);
    const audited = await t.database.db.selectFrom('auditEvent').select(['action', 'subjectId']).where('action', '=', 'personal_data.read').execute();
    expect(audited).toContainEqual({ action: 'personal_data.read', subjectId: bandung });
  });

  it('answers 404 for another agency, so its staff are not revealed', async () => {
    const admin = staffActor([{ role: 'agency_admin', agencyId: bandung, unitId: null }]);
    await expect(t.services.staffAdmin.list(admin, jakarta, origin)).rejects.toSatisfy((e) => e instanceof AppError && e.statusCode === 404);
    await expect(t.services.staffAdmin.create(admin, { email: 'x@demo.loket.test', fullName: 'X Y', role: 'officer', agencyId: jakarta })).rejects.toSatisfy(
      (e) => e instanceof AppError && e.statusCode === 404,
    );
  });

  it('lets an agency admin create an officer with a one-time password, but not a platform admin', async () => {
    const admin = staffActor([{ role: 'agency_admin', agencyId: bandung, unitId: null }]);
    const refused = await t.services.staffAdmin.create(admin, {
      email: 'calon.admin@demo.loket.test',
      fullName: 'Calon Admin',
      role: 'platform_admin',
      agencyId: bandung,
    });
    expect(refused).toEqual({ ok: false, problems: [{ field: 'role', key: 'staff.error.role' }] });

    const created = await t.services.staffAdmin.create(admin, {
      email: 'Petugas.Baru@Demo.Loket.Test',
      fullName: 'Petugas Baru',
      role: 'officer',
      agencyId: bandung,
    });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(created.value.password.length).toBeGreaterThanOrEqual(16);
    const result = await t.services.signIn.signIn({ identifier: 'petugas.baru@demo.loket.test', password: created.value.password, kind: 'web' }, origin);
    expect(result).toMatchObject({ outcome: 'totp_required', enrolled: false });
  });

  it('refuses an e-mail already in use and a missing name, each with its own message', async () => {
    const admin = staffActor([{ role: 'platform_admin', agencyId: null, unitId: null }]);
    const result = await t.services.staffAdmin.create(admin, { email: 'petugas@demo.loket.test', fullName: ' ', role: 'officer', agencyId: jakarta });
    expect(result).toEqual({
      ok: false,
      problems: [
        { field: 'email', key: 'staff.error.emailTaken' },
        { field: 'fullName', key: 'staff.error.name' },
      ],
    });
  });

  it('gives a platform admin every agency and every role', async () => {
    const admin = staffActor([{ role: 'platform_admin', agencyId: null, unitId: null }]);
    expect(t.services.staffAdmin.manageableAgencyIds(admin)).toBe('all');
    expect(t.services.staffAdmin.grantableRoles(admin)).toContain('auditor');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import { SMALL_DEMO, seedDemo } from '../../seed.ts';
import { DEMO_CITIZEN, DEMO_ORGANISATION, refuseDemoAccounts } from './accounts.seed.ts';
import { maskNib } from './organisations.service.ts';

let t: TestApp;
let citizen: SignedInActor;
const origin = { ip: '127.0.0.1', requestId: 'test', userAgent: undefined };

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.database.db, t.services, SMALL_DEMO);
  const account = await t.services.accountsRepository.findByIndex('nikIndex', t.services.personalData.index('nik', DEMO_CITIZEN.nik));
  if (!account) throw new Error('demo citizen missing');
  citizen = { kind: 'citizen', accountId: account.id, sessionId: 'test', locale: 'id', organisations: [] };
});
afterAll(async () => t.close());

describe('organisations', () => {
  it('registers a business by NIB with the citizen as its owner, and lists it with the NIB masked', async () => {
    const result = await t.services.organisations.register(citizen, { nib: '8120 0098 76543', name: '  PT  Sinar   Abadi ' }, origin);
    expect(result.ok).toBe(true);
    const list = await t.services.organisations.listFor(citizen);
    expect(list).toEqual([expect.objectContaining({ name: 'PT Sinar Abadi', nibMasked: '812*******543', role: 'owner', memberCount: 1 })]);
  });

  it('refuses a NIB already registered, a malformed NIB, and an empty name, each with its own message', async () => {
    const taken = await t.services.organisations.register(citizen, { nib: DEMO_ORGANISATION.nib, name: 'Tiruan' }, origin);
    expect(taken).toEqual({ ok: false, problems: [{ field: 'nib', key: 'organisation.nib.taken' }] });
    const malformed = await t.services.organisations.register(citizen, { nib: '12345', name: '' }, origin);
    expect(malformed.ok).toBe(false);
    if (!malformed.ok) expect(malformed.problems.map((p) => p.key)).toEqual(['nib.length', 'organisation.name.invalid']);
  });

  it('refuses staff accounts', async () => {
    const staff: SignedInActor = { kind: 'staff', accountId: citizen.accountId, sessionId: 'x', locale: 'id', grants: [] };
    const result = await t.services.organisations.register(staff, { nib: '8120009876999', name: 'PT Petugas' }, origin);
    expect(result).toEqual({ ok: false, problems: [{ field: 'nib', key: 'organisation.staffRefused' }] });
  });

  it('stores the NIB only encrypted', async () => {
    const rows = await t.database.db.selectFrom('organisation').select(['nibEnc', 'nibIndex']).execute();
    for (const row of rows) {
      expect(row.nibEnc).not.toContain('812000987');
      expect(row.nibIndex).not.toContain('812000987');
    }
  });

  it('masks a NIB keeping its first and last three digits', () => {
    expect(maskNib('9120001234567')).toBe('912*******567');
  });
});

describe('demo accounts in production', () => {
  it('are refused: a database with demo accounts cannot serve production', async () => {
    await expect(refuseDemoAccounts(t.services.accountsRepository)).rejects.toThrow(/demo accounts/);
  });
});

describe('organisation members', () => {
  it('lets the owner add a registered citizen by NIK, ending their sessions so the new role needs a fresh sign-in', async () => {
    const owner = await t.services.accountsRepository.findByIndex('emailIndex', t.services.personalData.index('email', 'budi@demo.loket.test'));
    if (!owner) throw new Error('demo owner missing');
    const ownerActor: SignedInActor = { kind: 'citizen', accountId: owner.id, sessionId: 's', locale: 'id', organisations: [] };
    const [organisation] = await t.services.organisations.listFor(ownerActor);
    if (!organisation) throw new Error('demo organisation missing');
    const memberSession = await t.services.sessions.create({
      accountId: citizen.accountId,
      accountKind: 'citizen',
      kind: 'web',
      mfaVerified: true,
      userAgent: 'test',
    });

    const added = await t.services.organisations.addMember(ownerActor, organisation.id, { nik: DEMO_CITIZEN.nik, role: 'staff' }, origin);
    expect(added).toEqual({ ok: true, value: { accountId: citizen.accountId } });
    expect(await t.services.sessions.resolve(memberSession, 'web')).toBeUndefined();
    expect((await t.services.organisations.listFor(citizen)).map((o) => [o.name, o.role])).toContainEqual([DEMO_ORGANISATION.name, 'staff']);

    expect(await t.services.organisations.addMember(ownerActor, organisation.id, { nik: DEMO_CITIZEN.nik, role: 'staff' }, origin)).toEqual({
      ok: false,
      problems: [{ field: 'nik', key: 'organisation.member.exists' }],
    });
    expect(await t.services.organisations.addMember(ownerActor, organisation.id, { nik: '3171010101900001', role: 'staff' }, origin)).toEqual({
      ok: false,
      problems: [{ field: 'nik', key: 'organisation.member.notFound' }],
    });
  });

  it('answers 404 to someone who does not own the organisation', async () => {
    const owner = await t.services.accountsRepository.findByIndex('emailIndex', t.services.personalData.index('email', 'budi@demo.loket.test'));
    const [organisation] = await t.services.organisations.listFor({
      kind: 'citizen',
      accountId: owner?.id ?? '',
      sessionId: 's',
      locale: 'id',
      organisations: [],
    });
    await expect(t.services.organisations.addMember(citizen, organisation?.id ?? '', { nik: DEMO_CITIZEN.nik, role: 'owner' }, origin)).rejects.toMatchObject({
      statusCode: 404,
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { createApplicationsRepository } from '../applications/applications.repository.ts';
import { CITIZEN_PASSWORD, createCitizen, createServiceFixture, createStaff } from '../applications/applications.test-support.ts';
import { seedComplaintCategories } from '../complaints/complaints.seed.ts';
import { fileComplaint } from '../complaints/complaints.test-support.ts';
import { onceOnlyRecordsFor } from '../exchange/consent.test-support.ts';
import { issuedApplication } from '../surveys/surveys.test-support.ts';
import { ERASED_NAME } from './deletion.service.ts';
import { createPrivacyServices } from './privacy.services.ts';
import { PRIVACY_ORIGIN } from './privacy.test-support.ts';

// Deletion (UU 27/2022) weighed against retention and legal holds, and the tracked correction,
// objection and restriction cases with their deadlines and routing.

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await seedComplaintCategories(t.database.db);
}, 30_000);

afterAll(async () => t?.close());

/** The privacy services as they would run at `now`: the clock is the only thing that differs. */
function privacyAt(now: Date) {
  return createPrivacyServices({ ...t.services, db: t.database.db, applicationsRepository: createApplicationsRepository(t.database.db), clock: () => now });
}

describe('a deletion request', () => {
  it('is carried out for a citizen with nothing under retention: personal data erased, sessions ended, sign-in impossible, audited without personal data', async () => {
    const citizen = await createCitizen(t.services);
    const { accountId } = citizen.actor;
    await t.services.sessions.create({ accountId, accountKind: 'citizen', kind: 'web', mfaVerified: true, userAgent: 'test' });
    // A consent in force and a once-only fetch (the exchange module's): personal data too.
    const { consentId } = await onceOnlyRecordsFor(t.services, t.database.db, citizen.actor);
    expect(await t.services.privacy.deletion.assess(citizen.actor)).toEqual([]);

    const outcome = await t.services.privacy.deletion.request(citizen.actor, PRIVACY_ORIGIN);
    expect(outcome.outcome).toBe('erased');

    const row = await t.database.db.selectFrom('account').selectAll().where('id', '=', accountId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ nikEnc: null, emailEnc: null, emailIndex: null, birthDateEnc: null, status: 'disabled' });
    const sealer = await t.services.personalData.sealer(row.dataKeyId, accountId);
    expect(sealer.open('fullName', row.fullNameEnc)).toBe(ERASED_NAME);
    const live = await t.database.db.selectFrom('session').select('idHash').where('accountId', '=', accountId).where('revokedAt', 'is', null).execute();
    expect(live).toEqual([]);
    expect(await t.database.db.selectFrom('requirementFetch').select('id').where('accountId', '=', accountId).execute()).toEqual([]);
    const consent = await t.database.db.selectFrom('consent').select('revokedAt').where('id', '=', consentId).executeTakeFirstOrThrow();
    expect(consent.revokedAt).not.toBeNull();
    const signIn = await t.services.signIn.signIn({ identifier: citizen.nik, password: CITIZEN_PASSWORD, kind: 'web' }, PRIVACY_ORIGIN);
    expect(signIn.outcome).toBe('failed');

    const audit = await t.services.audit.search({ subjectType: 'account', subjectId: accountId, action: 'account.erased', limit: 5 });
    expect(audit.entries).toHaveLength(1);
    const details = JSON.stringify(audit.entries[0]?.details);
    expect(details).not.toContain(citizen.nik);
    expect(details).not.toContain(citizen.fullName);
    expect(audit.entries[0]?.details).toMatchObject({ fetchesErased: 1, consentsEnded: 1 });
    const requests = await t.database.db.selectFrom('privacyRequest').select(['kind', 'status', 'fulfilledAt']).where('accountId', '=', accountId).execute();
    expect(requests).toEqual([expect.objectContaining({ kind: 'deletion', status: 'fulfilled' })]);
  });

  it('is refused, with the reason recorded, while an application is within its retention period; allowed once it has passed', async () => {
    const fixture = await createServiceFixture(t.database.db);
    const issued = await issuedApplication(t.services, fixture);
    const actor = issued.citizen.actor;
    expect(await t.services.privacy.deletion.assess(actor)).toEqual(['retention_application', 'retention_document']);

    const outcome = await t.services.privacy.deletion.request(actor, PRIVACY_ORIGIN);
    expect(outcome).toMatchObject({ outcome: 'refused', reasons: ['retention_application', 'retention_document'] });
    const view = await t.services.privacy.requests.mineByReference(actor, outcome.reference);
    expect(view).toMatchObject({ kind: 'deletion', status: 'refused', refusalReason: 'retention_application' });
    const account = await t.database.db.selectFrom('account').select(['status', 'nikEnc']).where('id', '=', actor.accountId).executeTakeFirstOrThrow();
    expect(account.status).toBe('active');
    expect(account.nikEnc).not.toBeNull();

    // Eleven years on, the closed application and its document are past their ten years.
    await t.database.db.updateTable('application').set({ closedAt: new Date() }).where('id', '=', issued.id).execute();
    const later = privacyAt(new Date(Date.now() + 11 * 365 * 24 * 3600_000));
    expect(await later.deletion.assess(actor)).toEqual([]);
  });

  it('is refused while a legal hold covers one of the person’s records, and allowed after its release', async () => {
    const citizen = await createCitizen(t.services);
    const complaint = await fileComplaint(t.services, { kind: 'account', accountId: citizen.actor.accountId });
    const row = await t.database.db.selectFrom('complaint').select('id').where('trackingId', '=', complaint.trackingId).executeTakeFirstOrThrow();
    const admin = await createStaff(t.services, null, 'platform_admin');
    const hold = await t.services.privacy.retention.setHold(
      admin,
      { recordType: 'complaint', recordId: row.id, reason: 'Sengketa perkara 12/2026' },
      PRIVACY_ORIGIN,
    );
    if (!hold.ok) throw new Error('hold refused');
    const { holdId } = hold.value;

    const refused = await t.services.privacy.deletion.request(citizen.actor, PRIVACY_ORIGIN);
    expect(refused).toMatchObject({ outcome: 'refused', reasons: ['legal_hold'] });

    expect(await t.services.privacy.retention.releaseHold(admin, holdId, PRIVACY_ORIGIN)).toBe(true);
    const granted = await t.services.privacy.deletion.request(citizen.actor, PRIVACY_ORIGIN);
    expect(granted.outcome).toBe('erased');
  });

  it('is refused for a staff account, which administrators remove', async () => {
    const staff = await createStaff(t.services, null, 'auditor');
    expect(await t.services.privacy.deletion.request(staff, PRIVACY_ORIGIN)).toMatchObject({ outcome: 'refused', reasons: ['staff_account'] });
  });
});

describe('correction, objection and restriction requests', () => {
  it('are tracked cases with a 3×24-hour acknowledgement and a 14-day resolution deadline, routed to the application’s agency', async () => {
    const fixture = await createServiceFixture(t.database.db);
    const issued = await issuedApplication(t.services, fixture);
    const now = new Date('2026-03-02T03:00:00Z');
    const privacy = privacyAt(now);
    const filed = await privacy.requests.file(
      issued.citizen.actor,
      { kind: 'correction', dataCategory: 'application', trackingNumber: issued.trackingNumber.toLowerCase(), details: 'Tanggal lahir anak salah.' },
      PRIVACY_ORIGIN,
    );
    if (!filed.ok) throw new Error('refused');
    const view = await privacy.requests.mineByReference(issued.citizen.actor, filed.value.reference);
    expect(view).toMatchObject({
      status: 'received',
      agencyId: fixture.agencyId,
      applicationTrackingNumber: issued.trackingNumber,
      details: 'Tanggal lahir anak salah.',
    });
    expect(view.acknowledgeBy.toISOString()).toBe('2026-03-05T03:00:00.000Z');
    expect(view.dueAt.toISOString()).toBe('2026-03-16T03:00:00.000Z');

    // The text is stored encrypted, never in clear.
    const stored = await t.database.db
      .selectFrom('privacyRequest')
      .select('detailsEnc')
      .where('reference', '=', filed.value.reference)
      .executeTakeFirstOrThrow();
    expect(stored.detailsEnc).not.toContain('Tanggal');

    // The agency's admin sees it (reading is audited); another agency's admin does not.
    const admin = await createStaff(t.services, fixture.agencyId, 'agency_admin');
    const otherAdmin = await createStaff(t.services, (await createServiceFixture(t.database.db)).agencyId, 'agency_admin');
    expect((await privacy.requests.queue(admin)).map((r) => r.reference)).toContain(filed.value.reference);
    expect((await privacy.requests.queue(otherAdmin)).map((r) => r.reference)).not.toContain(filed.value.reference);
    await expect(privacy.requests.forStaff(otherAdmin, filed.value.reference, PRIVACY_ORIGIN)).rejects.toMatchObject({ code: 'privacy.not_found' });
    await privacy.requests.forStaff(admin, filed.value.reference, PRIVACY_ORIGIN);
    const reads = await t.services.audit.search({ actorAccountId: admin.accountId, action: 'personal_data.read', limit: 5 });
    expect(reads.entries).toHaveLength(1);

    const empty = await privacy.requests.respond(admin, filed.value.reference, { action: 'close', response: ' ' }, PRIVACY_ORIGIN);
    expect(empty.ok).toBe(false);
    expect((await privacy.requests.respond(admin, filed.value.reference, { action: 'acknowledge', response: '' }, PRIVACY_ORIGIN)).ok).toBe(true);
    expect((await privacy.requests.respond(admin, filed.value.reference, { action: 'close', response: 'Sudah diperbaiki.' }, PRIVACY_ORIGIN)).ok).toBe(true);
    const closed = await privacy.requests.mineByReference(issued.citizen.actor, filed.value.reference);
    expect(closed).toMatchObject({ status: 'closed', response: 'Sudah diperbaiki.' });
    await expect(privacy.requests.respond(admin, filed.value.reference, { action: 'close', response: 'Lagi' }, PRIVACY_ORIGIN)).rejects.toMatchObject({
      code: 'privacy.not_allowed_now',
    });
  });

  it('refuse another person’s application number and an empty text, and go to the platform when no application is named', async () => {
    const fixture = await createServiceFixture(t.database.db);
    const issued = await issuedApplication(t.services, fixture);
    const stranger = await createCitizen(t.services);
    const refused = await t.services.privacy.requests.file(
      stranger.actor,
      { kind: 'objection', dataCategory: 'application', trackingNumber: issued.trackingNumber, details: '' },
      PRIVACY_ORIGIN,
    );
    expect(refused.ok ? [] : refused.problems.map((p) => p.key)).toEqual(['privacy.error.trackingNumber', 'privacy.error.detailsMissing']);
    const filed = await t.services.privacy.requests.file(
      stranger.actor,
      { kind: 'restriction', dataCategory: 'contact', trackingNumber: '', details: 'Jangan kirim SMS promosi.' },
      PRIVACY_ORIGIN,
    );
    if (!filed.ok) throw new Error('refused');
    const view = await t.services.privacy.requests.mineByReference(stranger.actor, filed.value.reference);
    expect(view.agencyId).toBeNull();
    const platform = await createStaff(t.services, null, 'platform_admin');
    expect((await t.services.privacy.requests.queue(platform)).map((r) => r.reference)).toContain(filed.value.reference);
    await expect(t.services.privacy.requests.mineByReference(issued.citizen.actor, filed.value.reference)).rejects.toMatchObject({ code: 'privacy.not_found' });
  });
});

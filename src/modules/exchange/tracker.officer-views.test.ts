import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, sessionTokenFor, type TestApp } from '../../../test/helpers/app.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import { birthAnswers, createCitizen, createServiceFixture, createStaff, type ServiceFixture, uploadPdf } from '../applications/applications.test-support.ts';
import { COMPLAINT_ORIGIN, createComplaintsFixture, fileComplaint } from '../complaints/complaints.test-support.ts';

// Officers' views reach the citizen's data tracker: the back-office workspace and the complaints
// desk's view of a reporter call the hook bound in src/services.ts, in the audit entry's transaction.

const ORIGIN = { ip: '127.0.0.1', requestId: 'test', userAgent: 'test' };

let t: TestApp;
let service: ServiceFixture;
let officer: SignedInActor;
let citizen: Awaited<ReturnType<typeof createCitizen>>;

beforeAll(async () => {
  t = await createTestApp();
  service = await createServiceFixture(t.database.db);
  officer = await createStaff(t.services, service.agencyId, 'officer');
  citizen = await createCitizen(t.services);
}, 60_000);

afterAll(async () => t?.close());

const cookieOf = async (actor: SignedInActor) => `loket_session=${await sessionTokenFor(t.services, { accountId: actor.accountId, kind: actor.kind })}`;

async function fileApplication(): Promise<{ id: string; trackingNumber: string }> {
  const fileId = await uploadPdf(t.services, { ownerAccountId: citizen.actor.accountId });
  const result = await t.services.applications.submitOnline(
    citizen.actor,
    { serviceCode: service.code, answers: birthAnswers(citizen, fileId), idempotencyKey: crypto.randomUUID() },
    ORIGIN,
  );
  if (!result.ok) throw new Error(`submission refused: ${JSON.stringify(result.problems)}`);
  return t.database.db
    .updateTable('application')
    .set({ stepId: 'check', queueRole: 'officer' })
    .where('trackingNumber', '=', result.application.trackingNumber)
    .returning(['id', 'trackingNumber'])
    .executeTakeFirstOrThrow();
}

const accessesFor = (caseReference: string) =>
  t.database.db
    .selectFrom('exchangeAccess')
    .select(['accountId', 'actorRole', 'agencyId', 'channel', 'fields', 'purpose'])
    .where('caseReference', '=', caseReference)
    .execute();

describe('an officer opening an application workspace', () => {
  it('creates a tracker record that the applicant then sees, with the role and agency but not the officer’s name', async () => {
    const application = await fileApplication();
    const workspace = await t.app.inject({ url: `/backoffice/applications/${application.trackingNumber}`, headers: { cookie: await cookieOf(officer) } });
    expect(workspace.statusCode).toBe(200);

    const records = await accessesFor(application.trackingNumber);
    expect(records).toEqual([
      {
        accountId: officer.accountId,
        actorRole: 'officer',
        agencyId: service.agencyId,
        channel: 'officer_view',
        fields: ['application_answers', 'application_attachments'],
        purpose: 'application_processing',
      },
    ]);
    const audited = await t.database.db
      .selectFrom('auditEvent')
      .select('action')
      .where('subjectId', '=', application.id)
      .where('action', '=', 'application.personal_data_viewed')
      .execute();
    expect(audited).toHaveLength(1);

    const agency = await t.database.db.selectFrom('agency').select('nameId').where('id', '=', service.agencyId).executeTakeFirstOrThrow();
    const tracker = await t.app.inject({ url: '/account/data-tracker', headers: { cookie: await cookieOf(citizen.actor) } });
    expect(tracker.statusCode).toBe(200);
    expect(tracker.body).toContain(application.trackingNumber);
    expect(tracker.body).toContain(agency.nameId);
    expect(tracker.body).toContain('Petugas layanan');
    expect(tracker.body).toContain('Isian formulir permohonan');
    expect(tracker.body).toContain('Dokumen yang Anda unggah');
    expect(tracker.body).toContain('Memproses permohonan Anda');
    expect(tracker.body).toContain('UU 25/2009 tentang Pelayanan Publik');
    expect(tracker.body).not.toContain('Petugas Uji');
  });

  it('records an officer downloading the applicant’s document, but not the applicant downloading it', async () => {
    const application = await fileApplication();
    const fileId = (
      await t.database.db.selectFrom('applicationAttachment').select('fileId').where('applicationId', '=', application.id).executeTakeFirstOrThrow()
    ).fileId;
    const own = await t.app.inject({ url: `/applications/${application.trackingNumber}/files/${fileId}`, headers: { cookie: await cookieOf(citizen.actor) } });
    expect(own.statusCode).toBe(200);
    expect(await accessesFor(application.trackingNumber)).toEqual([]);

    const download = await t.app.inject({
      url: `/backoffice/applications/${application.trackingNumber}/files/${fileId}`,
      headers: { cookie: await cookieOf(officer) },
    });
    expect(download.statusCode).toBe(200);
    expect(await accessesFor(application.trackingNumber)).toEqual([
      {
        accountId: officer.accountId,
        actorRole: 'officer',
        agencyId: service.agencyId,
        channel: 'officer_view',
        fields: ['application_attachments'],
        purpose: 'application_processing',
      },
    ]);
  });

  it('records nothing when the applicant reads their own application', async () => {
    const application = await fileApplication();
    const own = await t.app.inject({ url: `/applications/${application.trackingNumber}`, headers: { cookie: await cookieOf(citizen.actor) } });
    expect(own.statusCode).toBe(200);
    expect(await accessesFor(application.trackingNumber)).toEqual([]);
    // Nor when the "official" is the person themself, or the person has no NIK.
    const view = {
      viewer: { accountId: citizen.actor.accountId, role: 'officer', agencyId: service.agencyId },
      fields: ['application'],
      caseReference: 'SELF',
    };
    expect(await t.services.officerViews.record(t.database.db, 'application_processing', { ...view, subjectAccountId: citizen.actor.accountId })).toBe(false);
    expect(await t.services.officerViews.record(t.database.db, 'application_processing', { ...view, subjectAccountId: officer.accountId })).toBe(false);
    expect(await accessesFor('SELF')).toEqual([]);
  });

  it('leaves no trace for an official who may not open the application', async () => {
    const application = await fileApplication();
    const other = await createServiceFixture(t.database.db);
    const stranger = await createStaff(t.services, other.agencyId, 'officer');
    const refused = await t.app.inject({ url: `/backoffice/applications/${application.trackingNumber}`, headers: { cookie: await cookieOf(stranger) } });
    expect(refused.statusCode).toBe(404);
    expect(await accessesFor(application.trackingNumber)).toEqual([]);
  });
});

describe('the complaints desk reading a reporter’s identity', () => {
  it('creates a tracker record the reporter sees, under Loket’s desk rather than an agency', async () => {
    const fixture = await createComplaintsFixture(t.services, t.database.db);
    const { trackingId } = await fileComplaint(t.services, { kind: 'account', accountId: fixture.citizen.accountId });
    const view = await t.services.complaints.staffView(fixture.desk, trackingId, COMPLAINT_ORIGIN);
    expect(view?.reporter?.name).toBeTruthy();

    const records = await accessesFor(trackingId);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ accountId: fixture.desk.accountId, actorRole: 'complaints_desk', agencyId: null, purpose: 'complaint_handling' });
    expect(records[0]?.fields).toContain('reporter_name');

    const tracker = await t.app.inject({ url: '/account/data-tracker', headers: { cookie: await cookieOf(fixture.citizen) } });
    expect(tracker.body).toContain(trackingId);
    expect(tracker.body).toContain('Petugas meja pengaduan');
    expect(tracker.body).toContain('Loket (petugas tingkat nasional)');
    expect(tracker.body).toContain('Nama pelapor');
    expect(tracker.body).toContain('Menangani pengaduan Anda');
  });

  it('records staff downloading the reporter’s attachment, but not the reporter downloading it', async () => {
    const fixture = await createComplaintsFixture(t.services, t.database.db);
    const fileId = await uploadPdf(t.services, { ownerAccountId: fixture.citizen.accountId }, 'bukti.pdf');
    const { trackingId } = await fileComplaint(t.services, { kind: 'account', accountId: fixture.citizen.accountId }, { fileIds: [fileId] });
    const reporter = { kind: 'reporter' as const, access: { kind: 'account' as const, accountId: fixture.citizen.accountId } };
    expect(await t.services.complaints.attachmentFor(reporter, trackingId, fileId, COMPLAINT_ORIGIN)).toBe(fileId);
    expect(await accessesFor(trackingId)).toEqual([]);

    expect(await t.services.complaints.attachmentFor({ kind: 'staff', actor: fixture.desk }, trackingId, fileId, COMPLAINT_ORIGIN)).toBe(fileId);
    expect(await accessesFor(trackingId)).toEqual([
      {
        accountId: fixture.desk.accountId,
        actorRole: 'complaints_desk',
        agencyId: null,
        channel: 'officer_view',
        fields: ['complaint_attachments'],
        purpose: 'complaint_handling',
      },
    ]);
  });

  it('records nothing for a guest’s report, which has no account to show it to', async () => {
    const fixture = await createComplaintsFixture(t.services, t.database.db);
    const { trackingId } = await fileComplaint(t.services, { kind: 'guest', name: 'Tamu', email: 'tamu@contoh.test' });
    await t.services.complaints.staffView(fixture.desk, trackingId, COMPLAINT_ORIGIN);
    expect(await accessesFor(trackingId)).toEqual([]);
  });
});

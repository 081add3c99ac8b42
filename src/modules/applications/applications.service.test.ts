import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { loadConfig } from '../../config.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import { createCalendar } from '../../platform/calendar/calendar.service.ts';
import { addWorkingDays, endOfDay } from '../../platform/calendar/working-days.ts';
import { resolveSecrets } from '../../platform/crypto/secrets.ts';
import type { FormSchema } from '../../platform/forms/form-schema.ts';
import { AppError } from '../../platform/http/errors.ts';
import { createServices, type Services } from '../../services.ts';
import {
  BIRTH_FORM,
  birthAnswers,
  createCitizen,
  createServiceFixture,
  createStaff,
  publishNewVersion,
  type ServiceFixture,
  testNik,
  uploadPdf,
} from './applications.test-support.ts';
import { parseTrackingNumber } from './tracking-number.ts';

const ORIGIN = { ip: '127.0.0.1', requestId: 'test', userAgent: 'test' };

// Services on a real database, without the HTTP app: the pages and the API have their own tests.
let t: { database: TestDatabase; services: Services };
let service: ServiceFixture;
let filesDir: string | undefined;

beforeAll(async () => {
  const database = await createTestDatabase({ poolSize: 12 });
  filesDir = await mkdtemp(path.join(os.tmpdir(), 'loket-test-files-'));
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: database.url, LOKET_FILES_DIR: filesDir });
  const secrets = await resolveSecrets(config, () => {});
  t = { database, services: createServices({ config, db: database.db, secrets, log: pino({ level: 'silent' }) }) };
  service = await createServiceFixture(database.db);
});

afterAll(async () => {
  await t?.services.notifier.close();
  await t?.database.drop();
  if (filesDir) await rm(filesDir, { recursive: true, force: true });
});

async function submitted(citizen: { actor: SignedInActor; nik: string; fullName: string }, key: string = crypto.randomUUID()) {
  const fileId = await uploadPdf(t.services, { ownerAccountId: citizen.actor.accountId });
  const result = await t.services.applications.submitOnline(
    citizen.actor,
    { serviceCode: service.code, answers: birthAnswers(citizen, fileId), idempotencyKey: key },
    ORIGIN,
  );
  if (!result.ok) throw new Error(`submission refused: ${JSON.stringify(result.problems)}`);
  return { ...result.application, fileId };
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
}

describe('submitting online', () => {
  it('files a valid application with a tracking number, its first event, its attachment and an audit entry', async () => {
    const citizen = await createCitizen(t.services);
    const application = await submitted(citizen);
    expect(parseTrackingNumber(application.trackingNumber)).toBe(application.trackingNumber);
    expect(application.status).toBe('submitted');
    expect(application.channel).toBe('online');

    const detail = await t.services.applications.getForApplicant(citizen.actor, application.trackingNumber);
    expect(detail.timeline.map((event) => event.kind)).toEqual(['submitted']);
    expect(detail.answers.childName).toBe('Bayu Pratama');
    expect(detail.attachments).toEqual([{ fieldName: 'birthLetter', fileId: application.fileId, name: 'surat-lahir.pdf' }]);

    const audit = await t.services.audit.search({ subjectType: 'application', subjectId: application.id, limit: 10 });
    expect(audit.entries.map((entry) => entry.action)).toEqual(['application.submitted']);
    const file = await t.database.db.selectFrom('storedFile').select('state').where('id', '=', application.fileId).executeTakeFirstOrThrow();
    expect(file.state).toBe('attached');
  });

  it('stores the answers encrypted: no name or NIK in the row', async () => {
    const citizen = await createCitizen(t.services);
    const application = await submitted(citizen);
    const row = await t.database.db.selectFrom('application').selectAll().where('id', '=', application.id).executeTakeFirstOrThrow();
    const text = JSON.stringify(row);
    expect(text).not.toContain(citizen.nik);
    expect(text).not.toContain('Bayu');
  });

  it('refuses invalid answers with a problem per field, and files nothing', async () => {
    const citizen = await createCitizen(t.services);
    const fileId = await uploadPdf(t.services, { ownerAccountId: citizen.actor.accountId });
    const answers = { ...birthAnswers(citizen, fileId), childName: '', childBirthDate: '2999-01-01', twin: 'ya' };
    const result = await t.services.applications.submitOnline(
      citizen.actor,
      { serviceCode: service.code, answers, idempotencyKey: crypto.randomUUID() },
      ORIGIN,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const fields = result.problems.map((problem) => problem.field);
    expect(fields).toEqual(expect.arrayContaining(['field-childName', 'field-twinName']));
    expect(fields.some((field) => field.startsWith('field-childBirthDate'))).toBe(true);
    expect(await t.services.applications.listMine(citizen.actor)).toEqual([]);
  });

  it('refuses a file uploaded by someone else', async () => {
    const citizen = await createCitizen(t.services);
    const other = await createCitizen(t.services);
    const theirs = await uploadPdf(t.services, { ownerAccountId: other.actor.accountId });
    const result = await t.services.applications.submitOnline(
      citizen.actor,
      { serviceCode: service.code, answers: birthAnswers(citizen, theirs), idempotencyKey: crypto.randomUUID() },
      ORIGIN,
    );
    expect(result).toEqual({ ok: false, problems: [{ field: 'field-birthLetter', key: 'applications.error.fileNotYours' }] });
    const file = await t.database.db.selectFrom('storedFile').select('state').where('id', '=', theirs).executeTakeFirstOrThrow();
    expect(file.state).toBe('pending');
  });

  it('drops the answers of fields that are hidden by the applicant’s choices', async () => {
    const citizen = await createCitizen(t.services);
    const fileId = await uploadPdf(t.services, { ownerAccountId: citizen.actor.accountId });
    const answers = { ...birthAnswers(citizen, fileId), twinName: 'Bima', unknownField: 'x' };
    const result = await t.services.applications.submitOnline(
      citizen.actor,
      { serviceCode: service.code, answers, idempotencyKey: crypto.randomUUID() },
      ORIGIN,
    );
    if (!result.ok) throw new Error('refused');
    const detail = await t.services.applications.getForApplicant(citizen.actor, result.application.trackingNumber);
    expect(detail.answers).not.toHaveProperty('twinName');
    expect(detail.answers).not.toHaveProperty('unknownField');
  });

  it('refuses staff, and a service that is not offered online', async () => {
    const officer = await createStaff(t.services, service.agencyId);
    expect(await codeOf(t.services.applications.submitOnline(officer, { serviceCode: service.code, answers: {}, idempotencyKey: 'k-12345678' }, ORIGIN))).toBe(
      'applications.only_citizens',
    );
    const counterOnly = await createServiceFixture(t.database.db, { channels: ['counter'] });
    const citizen = await createCitizen(t.services);
    expect(
      await codeOf(t.services.applications.submitOnline(citizen.actor, { serviceCode: counterOnly.code, answers: {}, idempotencyKey: 'k-12345678' }, ORIGIN)),
    ).toBe('applications.not_offered');
    expect(
      await codeOf(t.services.applications.submitOnline(citizen.actor, { serviceCode: 'tidak-ada', answers: {}, idempotencyKey: 'k-12345678' }, ORIGIN)),
    ).toBe('applications.service_not_found');
  });

  it('sets the due date five working days after the day of filing, skipping weekends and holidays', async () => {
    const citizen = await createCitizen(t.services);
    const application = await submitted(citizen);
    // The same calendar the filing used: the result must not depend on the day the suite runs.
    const holidays = await createCalendar(t.database.db).holidaysFor(application.agencyId);
    expect(application.dueAt.toISOString()).toBe(endOfDay(addWorkingDays(application.submittedAt, 5, { holidays })).toISOString());
    const days = (application.dueAt.getTime() - application.submittedAt.getTime()) / (24 * 3600 * 1000);
    expect(days).toBeGreaterThanOrEqual(5);
    expect(days).toBeLessThan(20);
    expect([0, 6]).not.toContain(new Date(application.dueAt.getTime() + 7 * 3600 * 1000).getUTCDay());
  });
});

describe('idempotency', () => {
  it('returns the first application for the same key from the same person', async () => {
    const citizen = await createCitizen(t.services);
    const first = await submitted(citizen, 'kunci-sama-123');
    const again = await t.services.applications.submitOnline(
      citizen.actor,
      { serviceCode: service.code, answers: {}, idempotencyKey: 'kunci-sama-123' },
      ORIGIN,
    );
    expect(again).toMatchObject({ ok: true, created: false, application: { trackingNumber: first.trackingNumber } });
  });

  it('makes exactly one application from ten concurrent submissions with one key', async () => {
    const citizen = await createCitizen(t.services);
    const fileId = await uploadPdf(t.services, { ownerAccountId: citizen.actor.accountId });
    const key = crypto.randomUUID();
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.services.applications.submitOnline(citizen.actor, { serviceCode: service.code, answers: birthAnswers(citizen, fileId), idempotencyKey: key }, ORIGIN),
      ),
    );
    const numbers = new Set(results.map((result) => (result.ok ? result.application.trackingNumber : 'refused')));
    expect(numbers.size).toBe(1);
    expect(numbers.has('refused')).toBe(false);
    expect(results.filter((result) => result.ok && result.created)).toHaveLength(1);
    const rows = await t.database.db.selectFrom('application').select('id').where('applicantAccountId', '=', citizen.actor.accountId).execute();
    expect(rows).toHaveLength(1);
  });

  it('keeps keys per person: the same key from two people makes two applications', async () => {
    const one = await createCitizen(t.services);
    const two = await createCitizen(t.services);
    const a = await submitted(one, 'kunci-bersama-1');
    const b = await submitted(two, 'kunci-bersama-1');
    expect(a.trackingNumber).not.toBe(b.trackingNumber);
  });
});

describe('reading', () => {
  it('answers 404 for another person’s application, as for one that does not exist', async () => {
    const owner = await createCitizen(t.services);
    const stranger = await createCitizen(t.services);
    const application = await submitted(owner);
    expect(await codeOf(t.services.applications.getForApplicant(stranger.actor, application.trackingNumber))).toBe('platform.not_found');
    expect(await codeOf(t.services.applications.getForApplicant(stranger.actor, 'LKT-0000-0000'))).toBe('platform.not_found');
    expect(await codeOf(t.services.applications.withdraw(stranger.actor, application.trackingNumber, 'x', ORIGIN))).toBe('platform.not_found');
    expect(await codeOf(t.services.applications.authorizeDownload(stranger.actor, application.trackingNumber, application.fileId, ORIGIN))).toBe(
      'platform.not_found',
    );
  });

  it('lists the person’s own applications, newest first', async () => {
    const citizen = await createCitizen(t.services);
    const first = await submitted(citizen);
    const second = await submitted(citizen);
    const mine = await t.services.applications.listMine(citizen.actor);
    expect(mine.map((a) => a.trackingNumber)).toEqual([second.trackingNumber, first.trackingNumber]);
    expect(mine[0]?.serviceName.id).toBe('Layanan Uji v1');
    expect(mine[0]?.agencyName.id).toBe('Dinas Uji Kota Bandung');
  });

  it('shows the public status without personal data, answers or messages, whatever the typing of the number', async () => {
    const citizen = await createCitizen(t.services);
    const application = await submitted(citizen);
    const officer = await createStaff(t.services, service.agencyId);
    await t.services.workflow.act(
      officer,
      application.trackingNumber,
      { type: 'request_information', message: `Pesan rahasia untuk ${citizen.fullName}`, deadline: 5 },
      ORIGIN,
    );
    const status = await t.services.applications.publicStatus(application.trackingNumber.toLowerCase().replace(/-/g, ' '));
    expect(status?.trackingNumber).toBe(application.trackingNumber);
    expect(status?.status).toBe('information_requested');
    expect(status?.timeline.map((event) => event.kind)).toEqual(['information_requested', 'submitted']);
    const text = JSON.stringify(status);
    for (const secret of [citizen.fullName, citizen.nik, 'Bayu', 'Pesan rahasia']) expect(text).not.toContain(secret);
    expect(await t.services.applications.publicStatus('LKT-0000-0001')).toBeUndefined();
  });

  it('lets the applicant and the agency’s staff download an attachment, each audited, and nobody else', async () => {
    const citizen = await createCitizen(t.services);
    const application = await submitted(citizen);
    const officer = await createStaff(t.services, service.agencyId);
    const auditor = await createStaff(t.services, null, 'auditor');
    const other = await createServiceFixture(t.database.db);
    const otherOfficer = await createStaff(t.services, other.agencyId);
    const number = application.trackingNumber;
    expect(await t.services.applications.authorizeDownload(citizen.actor, number, application.fileId, ORIGIN)).toBe(application.fileId);
    expect(await t.services.applications.authorizeDownload(officer, number, application.fileId, ORIGIN)).toBe(application.fileId);
    expect(await t.services.applications.authorizeDownload(auditor, number, application.fileId, ORIGIN)).toBe(application.fileId);
    expect(await codeOf(t.services.applications.authorizeDownload(otherOfficer, number, application.fileId, ORIGIN))).toBe('platform.not_found');
    expect(await codeOf(t.services.applications.authorizeDownload(citizen.actor, number, crypto.randomUUID(), ORIGIN))).toBe('platform.not_found');
    const audit = await t.services.audit.search({ subjectType: 'application', subjectId: application.id, limit: 10 });
    expect(audit.entries.map((entry) => entry.action).sort()).toEqual([
      'application.submitted',
      'attachment.downloaded',
      'personal_data.read',
      'personal_data.read',
    ]);
  });
});

describe('changes after filing', () => {
  it('withdraws an open application with the reason on the timeline, and refuses a second withdrawal', async () => {
    const citizen = await createCitizen(t.services);
    const application = await submitted(citizen);
    await t.services.applications.withdraw(citizen.actor, application.trackingNumber, 'Salah pilih layanan', ORIGIN);
    const detail = await t.services.applications.getForApplicant(citizen.actor, application.trackingNumber);
    expect(detail.status).toBe('withdrawn');
    expect(detail.timeline[0]).toMatchObject({ kind: 'withdrawn', message: 'Salah pilih layanan', byApplicant: true });
    expect(await codeOf(t.services.applications.withdraw(citizen.actor, application.trackingNumber, 'lagi', ORIGIN))).toBe('applications.wrong_state');
    const audit = await t.services.audit.search({ subjectType: 'application', subjectId: application.id, action: 'application.withdrawn', limit: 10 });
    expect(audit.entries).toHaveLength(1);
  });

  it('takes a request for information and the applicant’s answer with a file, back to review', async () => {
    const citizen = await createCitizen(t.services);
    const application = await submitted(citizen);
    const officer = await createStaff(t.services, service.agencyId);
    expect(await codeOf(t.services.applications.provideInformation(citizen.actor, application.trackingNumber, 'belum diminta', [], ORIGIN))).toBe(
      'applications.wrong_state',
    );
    await t.services.workflow.act(
      officer,
      application.trackingNumber,
      { type: 'request_information', message: 'Unggah ulang surat yang lebih jelas.', deadline: 5 },
      ORIGIN,
    );
    let detail = await t.services.applications.getForApplicant(citizen.actor, application.trackingNumber);
    expect(detail.status).toBe('information_requested');
    expect(detail.openRequest).toBe('Unggah ulang surat yang lebih jelas.');
    expect(detail.timeline[0]?.agencyName?.id).toBe('Dinas Uji Kota Bandung');

    const extra = await uploadPdf(t.services, { ownerAccountId: citizen.actor.accountId }, 'surat-baru.pdf');
    await t.services.applications.provideInformation(citizen.actor, application.trackingNumber, 'Sudah saya unggah.', [extra], ORIGIN);
    detail = await t.services.applications.getForApplicant(citizen.actor, application.trackingNumber);
    expect(detail.status).toBe('in_review');
    expect(detail.openRequest).toBeNull();
    expect(detail.timeline.map((event) => event.kind)).toEqual(['information_provided', 'information_requested', 'submitted']);
    expect(detail.attachments.map((a) => a.fieldName)).toEqual(['birthLetter', 'information']);
  });

  it('refuses a request for information from an officer of another agency, as if the application did not exist', async () => {
    const citizen = await createCitizen(t.services);
    const application = await submitted(citizen);
    const other = await createServiceFixture(t.database.db);
    const stranger = await createStaff(t.services, other.agencyId);
    expect(await t.services.workflow.act(stranger, application.trackingNumber, { type: 'request_information', message: 'x', deadline: 5 }, ORIGIN)).toEqual({
      ok: false,
      reason: 'not_found',
    });
  });
});

describe('at the counter', () => {
  it('registers an application for a walk-in applicant without an account, who claims it after registering', async () => {
    const officer = await createStaff(t.services, service.agencyId);
    const nik = testNik();
    const fileId = await uploadPdf(t.services, { uploadedBy: officer.accountId });
    const result = await t.services.applications.submitAtCounter(
      officer,
      { serviceCode: service.code, applicantNik: nik, answers: birthAnswers({ nik, fullName: 'Sutrisno' }, fileId), idempotencyKey: crypto.randomUUID() },
      ORIGIN,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.application).toMatchObject({ channel: 'counter', applicantAccountId: null });
    const receipt = await t.services.applications.receiptFor(officer, result.application.trackingNumber);
    expect(receipt.trackingNumber).toBe(result.application.trackingNumber);

    // The walk-in applicant registers later with the same NIK.
    const registered = await t.services.accounts.register(
      {
        nik,
        fullName: 'Sutrisno',
        birthDate: { day: '17', month: '8', year: '1990' },
        email: `sutrisno.${nik}@contoh.test`,
        phone: '',
        password: 'teh-hangat-di-pagi',
        locale: 'id',
      },
      ORIGIN,
    );
    if (!registered.ok) throw new Error('registration refused');
    const actor: SignedInActor = { kind: 'citizen', accountId: registered.value.accountId, sessionId: 't', locale: 'id', organisations: [] };
    expect((await t.services.applications.listClaimable(actor)).map((c) => c.trackingNumber)).toEqual([result.application.trackingNumber]);
    expect(await codeOf(t.services.applications.claim(actor, result.application.trackingNumber, ORIGIN))).toBe('applications.contact_not_verified');
    await t.services.accountsRepository.update(actor.accountId, { emailVerifiedAt: new Date() });
    await t.services.applications.claim(actor, result.application.trackingNumber, ORIGIN);
    const mine = await t.services.applications.listMine(actor);
    expect(mine.map((a) => a.trackingNumber)).toEqual([result.application.trackingNumber]);
    expect(await t.services.applications.listClaimable(actor)).toEqual([]);
  });

  it('refuses a claim by someone with another NIK, as if the application did not exist', async () => {
    const officer = await createStaff(t.services, service.agencyId);
    const fileId = await uploadPdf(t.services, { uploadedBy: officer.accountId });
    const nik = testNik();
    const result = await t.services.applications.submitAtCounter(
      officer,
      { serviceCode: service.code, applicantNik: nik, answers: birthAnswers({ nik, fullName: 'Warga' }, fileId), idempotencyKey: crypto.randomUUID() },
      ORIGIN,
    );
    if (!result.ok) throw new Error('refused');
    const stranger = await createCitizen(t.services);
    expect(await codeOf(t.services.applications.claim(stranger.actor, result.application.trackingNumber, ORIGIN))).toBe('platform.not_found');
  });

  it('links the application to the account at once when the NIK has one', async () => {
    const citizen = await createCitizen(t.services);
    const officer = await createStaff(t.services, service.agencyId, 'supervisor');
    const fileId = await uploadPdf(t.services, { uploadedBy: officer.accountId });
    const result = await t.services.applications.submitAtCounter(
      officer,
      {
        serviceCode: service.code,
        applicantNik: citizen.nik,
        answers: birthAnswers(citizen, fileId),
        idempotencyKey: crypto.randomUUID(),
        priorityGroup: 'elderly',
      },
      ORIGIN,
    );
    if (!result.ok) throw new Error('refused');
    const mine = await t.services.applications.listMine(citizen.actor);
    expect(mine.map((a) => a.trackingNumber)).toEqual([result.application.trackingNumber]);
    const detail = await t.services.applications.getForApplicant(citizen.actor, result.application.trackingNumber);
    expect(detail.channel).toBe('counter');
    expect(detail.timeline[0]?.agencyName?.id).toBe('Dinas Uji Kota Bandung');
  });

  it('refuses an officer of another agency and an invalid NIK', async () => {
    const other = await createServiceFixture(t.database.db);
    const stranger = await createStaff(t.services, other.agencyId);
    const input = { serviceCode: service.code, applicantNik: testNik(), answers: {}, idempotencyKey: crypto.randomUUID() };
    expect(await codeOf(t.services.applications.submitAtCounter(stranger, input, ORIGIN))).toBe('platform.not_found');
    const officer = await createStaff(t.services, service.agencyId);
    const result = await t.services.applications.submitAtCounter(officer, { ...input, applicantNik: '1234' }, ORIGIN);
    expect(result).toEqual({ ok: false, problems: [{ field: 'applicantNik', key: 'nik.length' }] });
  });
});

describe('service versions', () => {
  it('publishing version 2 leaves version-1 applications intact and shown with their own form', async () => {
    const fixture = await createServiceFixture(t.database.db);
    const citizen = await createCitizen(t.services);
    const fileId = await uploadPdf(t.services, { ownerAccountId: citizen.actor.accountId });
    const first = await t.services.applications.submitOnline(
      citizen.actor,
      { serviceCode: fixture.code, answers: birthAnswers(citizen, fileId), idempotencyKey: crypto.randomUUID() },
      ORIGIN,
    );
    if (!first.ok) throw new Error('refused');

    const v2: FormSchema = {
      schemaVersion: 1,
      pages: [
        {
          id: 'baru',
          title: { id: 'Baru', en: 'New' },
          fields: [{ type: 'text', name: 'motherName', label: { id: 'Nama ibu', en: 'Mother' }, required: true }],
        },
      ],
    };
    const v2Id = await publishNewVersion(t.database.db, fixture, v2);
    const second = await t.services.applications.submitOnline(
      citizen.actor,
      { serviceCode: fixture.code, answers: { motherName: 'Sri' }, idempotencyKey: crypto.randomUUID() },
      ORIGIN,
    );
    if (!second.ok) throw new Error(JSON.stringify(second.problems));
    expect(second.application.serviceVersionId).toBe(v2Id);

    const old = await t.services.applications.getForApplicant(citizen.actor, first.application.trackingNumber);
    expect(old.form).toEqual(BIRTH_FORM);
    expect(old.answers.childName).toBe('Bayu Pratama');
    expect(old.serviceName.id).toBe('Layanan Uji v1');
    const row = await t.database.db.selectFrom('application').select('serviceVersionId').where('id', '=', first.application.id).executeTakeFirstOrThrow();
    expect(row.serviceVersionId).toBe(fixture.versionId);
    const fresh = await t.services.applications.getForApplicant(citizen.actor, second.application.trackingNumber);
    expect(fresh.form).toEqual(v2);
  });

  it('moves a draft started under version 1 to version 2, keeping the answers whose fields remain', async () => {
    const fixture = await createServiceFixture(t.database.db);
    const citizen = await createCitizen(t.services);
    const draft = await t.services.applicationDrafts.startOrResume(citizen.actor, fixture.code);
    expect(draft.version.id).toBe(fixture.versionId);
    expect(draft.answers).toMatchObject({ fullName: citizen.fullName, nik: citizen.nik });
    const v2: FormSchema = {
      schemaVersion: 1,
      pages: [
        {
          id: 'pemohon',
          title: { id: 'Pemohon', en: 'Applicant' },
          fields: [{ type: 'text', name: 'fullName', label: { id: 'Nama', en: 'Name' }, required: true }],
        },
      ],
    };
    const v2Id = await publishNewVersion(t.database.db, fixture, v2);
    const moved = await t.services.applicationDrafts.open(citizen.actor, draft.id);
    expect(moved.version.id).toBe(v2Id);
    expect(moved.answers).toEqual({ fullName: citizen.fullName });
    const again = await t.services.applicationDrafts.startOrResume(citizen.actor, fixture.code);
    expect(again.id).toBe(draft.id);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import type { MailboxEntry } from '../../platform/notify/notify.service.ts';
import { SMALL_DEMO, seedDemo } from '../../seed.ts';
import { DEMO_CITIZEN } from '../accounts/accounts.seed.ts';
import { createApplicationsRepository } from './applications.repository.ts';
import { createApplicationsService } from './applications.service.ts';
import { birthAnswers, createCitizen, createServiceFixture, createStaff, type ServiceFixture, testNik, uploadPdf } from './applications.test-support.ts';

const ORIGIN = { ip: '127.0.0.1', requestId: 'test', userAgent: 'test' };

// The messages applicants receive when their application moves, read back from the development mailbox.
let t: TestApp;
let service: ServiceFixture;
let siti: SignedInActor;

beforeAll(async () => {
  t = await createTestApp({ env: { LOKET_DEV_MAILBOX: 'true' } });
  await seedDemo(t.database.db, t.services, SMALL_DEMO);
  service = await createServiceFixture(t.database.db);
  const account = await t.services.accountsRepository.findByIndex('nikIndex', t.services.personalData.index('nik', DEMO_CITIZEN.nik));
  if (!account) throw new Error('the demo citizen is missing');
  // English, so that the message visibly follows her language rather than the default.
  await t.services.accountsRepository.update(account.id, { locale: 'en' });
  siti = { kind: 'citizen', accountId: account.id, sessionId: 'test', locale: 'en', organisations: [] };
}, 120_000);

afterAll(async () => t?.close());

async function messages(kind: string): Promise<MailboxEntry[]> {
  return (await t.services.notifier.mailbox(1000)).filter((entry) => entry.kind === kind);
}

async function submitAsSiti(applications = t.services.applications) {
  const fileId = await uploadPdf(t.services, { ownerAccountId: siti.accountId });
  return applications.submitOnline(
    siti,
    {
      serviceCode: service.code,
      answers: birthAnswers({ nik: DEMO_CITIZEN.nik, fullName: DEMO_CITIZEN.fullName }, fileId),
      idempotencyKey: crypto.randomUUID(),
    },
    ORIGIN,
  );
}

describe('notifying applicants', () => {
  it('sends the demo citizen one “application received” e-mail in her language, with the number and without her NIK', async () => {
    const result = await submitAsSiti();
    if (!result.ok) throw new Error(`submission refused: ${JSON.stringify(result.problems)}`);
    const number = result.application.trackingNumber;

    const received = (await messages('application.submitted')).filter((entry) => entry.text?.includes(number));
    expect(received).toHaveLength(1);
    const [entry] = received;
    expect(entry?.channel).toBe('email');
    expect(entry?.recipient).toBe(DEMO_CITIZEN.email);
    expect(entry?.locale).toBe('en');
    expect(entry?.subject).toBe(`Application ${number} has been received`);
    expect(entry?.text).toContain('Your application for Test Service v1 has been received.');
    expect(entry?.text).toMatch(/To be completed by: \d{1,2} \w+ \d{4}/);
    expect(entry?.text).not.toContain(DEMO_CITIZEN.nik);
    expect(entry?.text).not.toContain(DEMO_CITIZEN.fullName);
  });

  it('stores no NIK, name or answer among the parameters kept in clear', async () => {
    const result = await submitAsSiti();
    if (!result.ok) throw new Error('submission refused');
    const rows = await t.database.db.selectFrom('notification').select('params').where('kind', '=', 'application.submitted').execute();
    const params = rows.map((row) => row.params).find((p) => p.trackingNumber === result.application.trackingNumber);
    expect(Object.keys(params ?? {}).toSorted()).toEqual(['dueDate', 'serviceName', 'trackingNumber']);
    const stored = JSON.stringify(params);
    expect(stored).not.toContain(DEMO_CITIZEN.nik);
    expect(stored).not.toContain(DEMO_CITIZEN.fullName);
    expect(stored).not.toContain('Bayu Pratama');
  });

  it('leaves nothing to send when the submission rolls back after the message was written', async () => {
    const before = (await messages('application.submitted')).length;
    const failing = createApplicationsService({
      db: t.database.db,
      repository: createApplicationsRepository(t.database.db),
      versions: t.services.catalogue,
      accountsRepository: t.services.accountsRepository,
      personalData: t.services.personalData,
      dataKeys: t.services.dataKeys,
      storage: t.services.storage,
      audit: t.services.audit,
      workflow: t.services.workflow,
      notices: {
        publicUrl: t.config.publicUrl,
        notifier: {
          async enqueue(request, trx) {
            await t.services.notifier.enqueue(request, trx);
            throw new Error('the database went away');
          },
        },
      },
    });
    await expect(submitAsSiti(failing)).rejects.toThrow('the database went away');
    expect(await messages('application.submitted')).toHaveLength(before);
  });

  it('tells the applicant what to do, with a link to the application, when an officer asks for information', async () => {
    const result = await submitAsSiti();
    if (!result.ok) throw new Error('submission refused');
    const number = result.application.trackingNumber;
    const officer = await createStaff(t.services, service.agencyId);
    await t.services.workflow.act(
      officer,
      number,
      { type: 'request_information', message: `Surat lahir untuk ${DEMO_CITIZEN.fullName} kurang jelas.`, deadline: 5 },
      ORIGIN,
    );

    const requested = (await messages('application.information_requested')).filter((entry) => entry.text?.includes(number));
    expect(requested).toHaveLength(1);
    expect(requested[0]?.recipient).toBe(DEMO_CITIZEN.email);
    expect(requested[0]?.text).toContain(`${t.config.publicUrl}/applications/${number}`);
    // The officer's message may hold personal data: it stays in the application, not in the outbox.
    expect(requested[0]?.text).not.toContain('kurang jelas');
  });

  it('sends nothing for a counter application of someone without an account', async () => {
    const before = (await t.services.notifier.mailbox(1000)).length;
    const officer = await createStaff(t.services, service.agencyId);
    const nik = testNik();
    const fileId = await uploadPdf(t.services, { uploadedBy: officer.accountId });
    const filed = await t.services.applications.submitAtCounter(
      officer,
      { serviceCode: service.code, applicantNik: nik, answers: birthAnswers({ nik, fullName: 'Warga Loket' }, fileId), idempotencyKey: crypto.randomUUID() },
      ORIGIN,
    );
    expect(filed.ok).toBe(true);
    expect(await t.services.notifier.mailbox(1000)).toHaveLength(before);
  });

  it('tells an account holder about a counter application filed under their NIK', async () => {
    const officer = await createStaff(t.services, service.agencyId);
    const fileId = await uploadPdf(t.services, { uploadedBy: officer.accountId });
    const filed = await t.services.applications.submitAtCounter(
      officer,
      {
        serviceCode: service.code,
        applicantNik: DEMO_CITIZEN.nik,
        answers: birthAnswers({ nik: DEMO_CITIZEN.nik, fullName: DEMO_CITIZEN.fullName }, fileId),
        idempotencyKey: crypto.randomUUID(),
      },
      ORIGIN,
    );
    if (!filed.ok) throw new Error('refused');
    const received = (await messages('application.submitted')).filter((entry) => entry.text?.includes(filed.application.trackingNumber));
    expect(received.map((entry) => entry.recipient)).toEqual([DEMO_CITIZEN.email]);
  });

  it('sends an SMS instead when the applicant has only a verified phone', async () => {
    const nik = testNik();
    const registered = await t.services.accounts.register(
      {
        nik,
        fullName: 'Dewi Lestari',
        birthDate: { day: '17', month: '8', year: '1990' },
        email: '',
        phone: '081298765432',
        password: 'kopi-tubruk-pagi-hari',
        locale: 'id',
      },
      ORIGIN,
    );
    if (!registered.ok) throw new Error('registration refused');
    await t.services.accountsRepository.update(registered.value.accountId, { phoneVerifiedAt: new Date() });
    const actor: SignedInActor = { kind: 'citizen', accountId: registered.value.accountId, sessionId: 'test', locale: 'id', organisations: [] };
    const fileId = await uploadPdf(t.services, { ownerAccountId: actor.accountId });
    const result = await t.services.applications.submitOnline(
      actor,
      { serviceCode: service.code, answers: birthAnswers({ nik, fullName: 'Dewi Lestari' }, fileId), idempotencyKey: crypto.randomUUID() },
      ORIGIN,
    );
    if (!result.ok) throw new Error('submission refused');
    const received = (await messages('application.submitted')).filter((entry) => entry.text?.includes(result.application.trackingNumber));
    expect(received.map((entry) => [entry.channel, entry.recipient])).toEqual([['sms', '+6281298765432']]);
    expect(received[0]?.text).toMatch(/^Loket: permohonan \S+ sudah diterima\. Batas waktu penyelesaian: \d{1,2} \w+ \d{4}\.$/);
  });

  it('sends nothing to an applicant whose contact is not verified', async () => {
    const citizen = await createCitizen(t.services, { verified: false });
    const fileId = await uploadPdf(t.services, { ownerAccountId: citizen.actor.accountId });
    const result = await t.services.applications.submitOnline(
      citizen.actor,
      { serviceCode: service.code, answers: birthAnswers(citizen, fileId), idempotencyKey: crypto.randomUUID() },
      ORIGIN,
    );
    if (!result.ok) throw new Error('submission refused');
    expect((await messages('application.submitted')).filter((entry) => entry.text?.includes(result.application.trackingNumber))).toEqual([]);
  });
});

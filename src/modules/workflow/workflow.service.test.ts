import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { loadConfig } from '../../config.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import type { StaffRole } from '../../platform/auth/permissions.ts';
import { createCalendar } from '../../platform/calendar/calendar.service.ts';
import { dueAtWithPauses } from '../../platform/calendar/paused-clock.ts';
import { dueAt } from '../../platform/calendar/working-days.ts';
import { decryptField } from '../../platform/crypto/envelope.ts';
import { resolveSecrets } from '../../platform/crypto/secrets.ts';
import { createServices, type Services } from '../../services.ts';
import { birthAnswers, createCitizen, createServiceFixture, createStaff, type ServiceFixture, uploadPdf } from '../applications/applications.test-support.ts';
import { genericWorkflow } from './workflow.examples.ts';
import type { WorkflowEngine } from './workflow.service.ts';
import { allowedActions, createWorkflowService, noteContext, stateOf } from './workflow.service.ts';
import { createWorkqueueRepository, workScope } from './workqueue.repository.ts';

const ORIGIN = { ip: '127.0.0.1', requestId: 'test', userAgent: 'test' };

let t: { database: TestDatabase; services: Services };
let engine: WorkflowEngine;
let service: ServiceFixture;
let filesDir: string | undefined;
/** What the issue hook saw, inside the action's transaction. */
const issued: { applicationId: string; statusInTransaction: string | undefined }[] = [];
const billed: { applicationId: string; amount: number }[] = [];

beforeAll(async () => {
  const database = await createTestDatabase({ poolSize: 8 });
  filesDir = await mkdtemp(path.join(os.tmpdir(), 'loket-test-files-'));
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: database.url, LOKET_FILES_DIR: filesDir });
  const secrets = await resolveSecrets(config, () => {});
  const services = createServices({ config, db: database.db, secrets, log: pino({ level: 'silent' }) });
  t = { database, services };
  engine = createWorkflowService({
    db: database.db,
    dataKeys: services.dataKeys,
    audit: services.audit,
    calendar: createCalendar(database.db),
    accountsRepository: services.accountsRepository,
    personalData: services.personalData,
    notices: { notifier: services.notifier, publicUrl: config.publicUrl },
    hooks: {
      async issueDocument(trx, input) {
        const row = await trx.selectFrom('application').select('status').where('id', '=', input.applicationId).executeTakeFirst();
        issued.push({ applicationId: input.applicationId, statusInTransaction: row?.status });
      },
      async billApplication(_trx, input) {
        billed.push({ applicationId: input.applicationId, amount: input.amount });
      },
    },
  });
  service = await createServiceFixture(database.db);
});

afterAll(async () => {
  await t?.services.notifier.close();
  await t?.database.drop();
  if (filesDir) await rm(filesDir, { recursive: true, force: true });
});

async function file(fixture: ServiceFixture = service) {
  const citizen = await createCitizen(t.services);
  const fileId = await uploadPdf(t.services, { ownerAccountId: citizen.actor.accountId });
  const result = await t.services.applications.submitOnline(
    citizen.actor,
    { serviceCode: fixture.code, answers: birthAnswers(citizen, fileId), idempotencyKey: crypto.randomUUID() },
    ORIGIN,
  );
  if (!result.ok) throw new Error('submission refused');
  return { ...result.application, citizen };
}

const row = (id: string) => t.database.db.selectFrom('application').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const events = (id: string) => t.database.db.selectFrom('applicationEvent').select('kind').where('applicationId', '=', id).orderBy('id').execute();
const outbox = (id: string) => t.database.db.selectFrom('outboxEvent').select(['topic', 'payload']).where('aggregateId', '=', id).orderBy('id').execute();
const audits = (action: string, accountId: string) =>
  t.database.db.selectFrom('auditEvent').select(['details', 'subjectId']).where('action', '=', action).where('actorAccountId', '=', accountId).execute();

/** A staff member whose grant is limited to one unit of the agency (null: every unit). */
async function staffAt(agencyId: string, role: StaffRole, unitId: string | null = null): Promise<SignedInActor> {
  const { accountId } = await t.services.staff.create(
    { email: `${role}.${crypto.randomUUID().slice(0, 8)}@instansi.test`, fullName: 'Petugas Uji', roles: [{ role, agencyId, unitId }] },
    { accountId: null, role: 'system' },
  );
  return { kind: 'staff', accountId, sessionId: 'test', locale: 'id', grants: [{ role, agencyId, unitId }] };
}

/** A staff member holding several grants at once (unitId null: every unit). */
async function staffWith(grants: { role: StaffRole; agencyId: string; unitId: string | null }[]): Promise<SignedInActor> {
  const { accountId } = await t.services.staff.create(
    { email: `staf.${crypto.randomUUID().slice(0, 8)}@instansi.test`, fullName: 'Petugas Uji', roles: grants },
    { accountId: null, role: 'system' },
  );
  return { kind: 'staff', accountId, sessionId: 'test', locale: 'id', grants };
}

async function addUnit(agencyId: string, code: string): Promise<string> {
  const unit = await t.database.db
    .insertInto('agencyUnit')
    .values({ agencyId, code, nameId: code, nameEn: code, streetAddress: 'Jl. Uji No. 3', regionCode: '32.73', timeZone: 'Asia/Jakarta', openingHours: '[]' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return unit.id;
}

const unitIdOf = async (agencyId: string, code: string) =>
  (await t.database.db.selectFrom('agencyUnit').select('id').where('agencyId', '=', agencyId).where('code', '=', code).executeTakeFirstOrThrow()).id;

/** A service whose every step belongs to its agency's unit 'kantor' (the decision may also ask the applicant); its agency has a second unit 'timur'. */
async function unitService(): Promise<ServiceFixture & { kantor: string; timur: string }> {
  const fixture = await createServiceFixture(t.database.db);
  const workflow = {
    ...genericWorkflow,
    steps: genericWorkflow.steps.map((step) => ({
      ...step,
      responsible: { ...step.responsible, unitCode: 'kantor' },
      actions: step.id === 'decide' ? [...step.actions, 'request_information' as const] : step.actions,
    })),
  };
  await t.database.db
    .updateTable('serviceVersion')
    .set({ workflow: JSON.stringify(workflow) })
    .where('id', '=', fixture.versionId)
    .execute();
  return { ...fixture, kantor: await unitIdOf(fixture.agencyId, 'kantor'), timur: await addUnit(fixture.agencyId, 'timur') };
}

const pauses = (id: string) => t.database.db.selectFrom('applicationPause').select(['startedAt', 'endedAt']).where('applicationId', '=', id).execute();

describe('closing an application', () => {
  it('takes a withdrawn application out of the workflow: queues, clock, wait, unpaid bill, with an outbox event', async () => {
    const fixture = await createServiceFixture(t.database.db);
    await t.database.db.updateTable('serviceVersion').set({ costAmount: 50_000 }).where('id', '=', fixture.versionId).execute();
    const application = await file(fixture);
    const bills = () => t.database.db.selectFrom('applicationBill').select('status').where('applicationId', '=', application.id).execute();
    expect(await bills()).toEqual([{ status: 'unpaid' }]);
    const officer = await createStaff(t.services, fixture.agencyId, 'officer');
    expect(await engine.act(officer, application.trackingNumber, { type: 'request_information', message: 'Kirim KK.', deadline: 3 }, ORIGIN)).toEqual({
      ok: true,
    });

    await t.services.applications.withdraw(application.citizen.actor, application.trackingNumber, 'Salah layanan', ORIGIN);
    const current = await row(application.id);
    // The SLA sweep and every queue select step_id is not null.
    expect(current).toMatchObject({ status: 'withdrawn', stepId: null, queueUnitCode: null, queueRole: null, forwardedUnitCode: null });
    expect(current.closedAt).not.toBeNull();
    const queue = await createWorkqueueRepository(t.database.db, t.services.personalData).queue(officer, await workScope(t.database.db, officer), {
      tab: 'all',
      number: application.trackingNumber,
      page: 1,
    });
    expect(queue.total).toBe(0);
    expect((await pauses(application.id)).every((pause) => pause.endedAt !== null)).toBe(true);
    expect(await bills()).toEqual([{ status: 'cancelled' }]);
    expect((await outbox(application.id)).at(-1)).toEqual({ topic: 'application.changed', payload: { status: 'withdrawn', stepId: null } });

    // A payment arriving late changes nothing, however often it is reported.
    for (let i = 0; i < 2; i += 1) await t.database.db.transaction().execute((trx) => engine.recordPayment(trx, application.id, new Date()));
    expect((await row(application.id)).feePaidAt).toBeNull();
    expect((await events(application.id)).map((e) => e.kind)).not.toContain('payment_received');
  });

  it('ends the wait for the applicant when the application is rejected meanwhile', async () => {
    const fixture = await unitService();
    const application = await file(fixture);
    const officer = await staffAt(fixture.agencyId, 'officer', fixture.kantor);
    const supervisor = await staffAt(fixture.agencyId, 'supervisor', fixture.kantor);
    await engine.setChecklistItem(officer, application.trackingNumber, 'requirements-present', true, ORIGIN);
    await engine.act(officer, application.trackingNumber, { type: 'advance' }, ORIGIN);
    await engine.act(officer, application.trackingNumber, { type: 'advance' }, ORIGIN);
    const request = { type: 'request_information' as const, message: 'Kirim KK.', deadline: 3 };
    expect(await engine.act(supervisor, application.trackingNumber, request, ORIGIN)).toEqual({ ok: true });
    expect(await pauses(application.id)).toEqual([{ startedAt: expect.any(Date), endedAt: null }]);
    const rejection = { type: 'reject' as const, reason: 'Tidak menjawab.', legalBasis: 'Perpres 96/2018' };
    expect(await engine.act(supervisor, application.trackingNumber, rejection, ORIGIN)).toEqual({ ok: true });
    expect(await row(application.id)).toMatchObject({ status: 'rejected', stepId: null, queueRole: null });
    expect((await pauses(application.id))[0]?.endedAt).not.toBeNull();
  });
});

describe('unit scope', () => {
  it("keeps another unit's supervisor off assign, release and notes, and supervises per unit", async () => {
    const fixture = await unitService();
    const application = await file(fixture);
    const officer = await staffAt(fixture.agencyId, 'officer', fixture.kantor);
    const otherSupervisor = await staffAt(fixture.agencyId, 'supervisor', fixture.timur);
    const supervisor = await staffAt(fixture.agencyId, 'supervisor', fixture.kantor);
    expect(await engine.claim(officer, application.trackingNumber, ORIGIN)).toEqual({ ok: true });
    expect((await row(application.id)).queueUnitCode).toBe('kantor');

    expect(await engine.assign(otherSupervisor, application.trackingNumber, otherSupervisor.accountId, ORIGIN)).toEqual({ ok: false, reason: 'wrong_unit' });
    expect(await engine.release(otherSupervisor, application.trackingNumber, ORIGIN)).toEqual({ ok: false, reason: 'wrong_unit' });
    expect(await engine.addNote(otherSupervisor, application.trackingNumber, 'Catatan', ORIGIN)).toEqual({ ok: false, reason: 'wrong_unit' });
    expect((await row(application.id)).assigneeId).toBe(officer.accountId);
    expect(await engine.release(supervisor, application.trackingNumber, ORIGIN)).toEqual({ ok: true });
    expect(await engine.assign(supervisor, application.trackingNumber, officer.accountId, ORIGIN)).toEqual({ ok: true });

    // An officer everywhere who supervises 'timur' is no supervisor of 'kantor'.
    const mixed = await staffWith([
      { role: 'officer', agencyId: fixture.agencyId, unitId: null },
      { role: 'supervisor', agencyId: fixture.agencyId, unitId: fixture.timur },
    ]);
    expect(await engine.setChecklistItem(officer, application.trackingNumber, 'requirements-present', true, ORIGIN)).toEqual({ ok: true });
    expect(await engine.act(officer, application.trackingNumber, { type: 'advance' }, ORIGIN)).toEqual({ ok: true });
    expect(await engine.act(officer, application.trackingNumber, { type: 'advance' }, ORIGIN)).toEqual({ ok: true });
    expect(await row(application.id)).toMatchObject({ stepId: 'decide', queueRole: 'supervisor', queueUnitCode: 'kantor' });
    expect(await engine.act(mixed, application.trackingNumber, { type: 'approve' }, ORIGIN)).toEqual({ ok: false, reason: 'wrong_role' });
    expect(await engine.claim(mixed, application.trackingNumber, ORIGIN)).toEqual({ ok: false, reason: 'wrong_role' });
    expect(await engine.availableActions(mixed, application.trackingNumber)).toEqual([]);
    const mixedQueue = await createWorkqueueRepository(t.database.db, t.services.personalData).queue(mixed, await workScope(t.database.db, mixed), {
      tab: 'all',
      number: application.trackingNumber,
      page: 1,
    });
    expect(mixedQueue.total).toBe(0);
    expect(await engine.act(supervisor, application.trackingNumber, { type: 'approve' }, ORIGIN)).toEqual({ ok: true });
  });

  it('counts the queue up to its cap and offers the agency’s services and units as filters', async () => {
    const fixture = await unitService();
    const [first, second, third] = [await file(fixture), await file(fixture), await file(fixture)];
    const officer = await staffAt(fixture.agencyId, 'officer', fixture.kantor);
    expect(await engine.claim(officer, first.trackingNumber, ORIGIN)).toEqual({ ok: true });
    const scopes = await workScope(t.database.db, officer);
    const capped = createWorkqueueRepository(t.database.db, t.services.personalData, 1);
    const queue = await capped.queue(officer, scopes, { tab: 'all', page: 1 });
    // Three open items, counted to one above the cap; the page itself is complete.
    expect(queue.counts).toMatchObject({ all: 2, unassigned: 2, mine: 1, cap: 1 });
    expect(queue.items.map((item) => item.trackingNumber).sort()).toEqual([first, second, third].map((a) => a.trackingNumber).sort());
    const exact = await createWorkqueueRepository(t.database.db, t.services.personalData).queue(officer, scopes, { tab: 'all', page: 1 });
    expect(exact.counts).toMatchObject({ all: 3, unassigned: 2, mine: 1 });
    const facets = await capped.queueFacets(scopes);
    expect(facets.services.map((service) => service.code)).toContain(fixture.code);
    expect(facets.units).toEqual(['kantor']);
  });

  it('bulk-reassigns only the items of the units the supervisor supervises', async () => {
    const fixture = await unitService();
    const [inKantor, inTimur] = [await file(fixture), await file(fixture)];
    const absent = await createStaff(t.services, fixture.agencyId, 'officer');
    const standIn = await createStaff(t.services, fixture.agencyId, 'officer');
    await t.database.db.updateTable('application').set({ queueUnitCode: 'timur', forwardedUnitCode: 'timur' }).where('id', '=', inTimur.id).execute();
    await t.database.db.updateTable('application').set({ assigneeId: absent.accountId }).where('id', 'in', [inKantor.id, inTimur.id]).execute();
    const supervisor = await staffAt(fixture.agencyId, 'supervisor', fixture.kantor);
    expect(await engine.bulkReassign(supervisor, absent.accountId, standIn.accountId, ORIGIN)).toEqual({ ok: true, moved: 1 });
    expect((await row(inKantor.id)).assigneeId).toBe(standIn.accountId);
    expect((await row(inTimur.id)).assigneeId).toBe(absent.accountId);
  });

  it("lets the receiving agency's unit officers work an application forwarded to it", async () => {
    const fixture = await unitService();
    const receiving = await createServiceFixture(t.database.db);
    const receivingUnit = await addUnit(receiving.agencyId, 'loket-b');
    const { code } = await t.database.db.selectFrom('agency').select('code').where('id', '=', receiving.agencyId).executeTakeFirstOrThrow();
    const application = await file(fixture);
    const sender = await staffAt(fixture.agencyId, 'officer', fixture.kantor);
    expect(await engine.act(sender, application.trackingNumber, { type: 'forward', toAgencyCode: code }, ORIGIN)).toEqual({ ok: true });
    expect(await row(application.id)).toMatchObject({ agencyId: receiving.agencyId, queueUnitCode: null });

    const there = await staffAt(receiving.agencyId, 'officer', receivingUnit);
    expect(await engine.setChecklistItem(there, application.trackingNumber, 'requirements-present', true, ORIGIN)).toEqual({ ok: true });
    expect(await engine.act(there, application.trackingNumber, { type: 'advance' }, ORIGIN)).toEqual({ ok: true });
    // The next step names the sending agency's unit: at the receiving agency it is any unit's.
    expect(await row(application.id)).toMatchObject({ stepId: 'assess', queueUnitCode: null });
    expect(await engine.availableActions(there, application.trackingNumber)).toContain('advance');
    expect(await engine.act(there, application.trackingNumber, { type: 'advance' }, ORIGIN)).toEqual({ ok: true });
    expect(await engine.act(sender, application.trackingNumber, { type: 'advance' }, ORIGIN)).toEqual({ ok: false, reason: 'not_found' });
  });
});

describe('the workflow engine', () => {
  it('runs the generic workflow from submission to issue, with the timeline, audit, outbox and one issue hook in the transaction', async () => {
    const application = await file();
    let current = await row(application.id);
    expect(current).toMatchObject({ status: 'submitted', stepId: 'check', stepSeq: 1, queueRole: 'officer', queueUnitCode: null, assigneeId: null });
    expect(current.stepDueAt?.getTime()).toBeLessThan(current.dueAt.getTime());
    const officer = await createStaff(t.services, service.agencyId, 'officer');
    const supervisor = await createStaff(t.services, service.agencyId, 'supervisor');

    expect(await engine.act(officer, application.trackingNumber, { type: 'advance' }, ORIGIN)).toEqual({ ok: false, reason: 'checklist_incomplete' });
    expect(await engine.setChecklistItem(officer, application.trackingNumber, 'no-such-item', true, ORIGIN)).toEqual({
      ok: false,
      reason: 'unknown_checklist_item',
    });
    expect(await engine.availableActions(officer, application.trackingNumber)).toEqual(['request_information', 'forward']);
    expect(await engine.setChecklistItem(officer, application.trackingNumber, 'requirements-present', true, ORIGIN)).toEqual({ ok: true });
    expect(await engine.availableActions(officer, application.trackingNumber)).toEqual(['advance', 'request_information', 'forward']);
    expect(await engine.act(officer, application.trackingNumber, { type: 'advance' }, ORIGIN)).toEqual({ ok: true });
    current = await row(application.id);
    expect(current).toMatchObject({ status: 'in_review', stepId: 'assess', stepSeq: 2, checklistDone: [], assigneeId: officer.accountId });

    expect(await engine.act(officer, application.trackingNumber, { type: 'advance' }, ORIGIN)).toEqual({ ok: true });
    current = await row(application.id);
    // The decision is the supervisor's: the item goes back to a queue.
    expect(current).toMatchObject({ stepId: 'decide', queueRole: 'supervisor', assigneeId: null });
    expect(await engine.act(officer, application.trackingNumber, { type: 'approve' }, ORIGIN)).toEqual({ ok: false, reason: 'wrong_role' });
    expect(await engine.act(supervisor, application.trackingNumber, { type: 'approve' }, ORIGIN)).toEqual({ ok: true });
    current = await row(application.id);
    expect(current).toMatchObject({ status: 'approved', stepId: 'issue' });
    expect(current.decidedAt).not.toBeNull();

    // The issue step waits for payment, but only where there is a fee: the fixture's service is made a paid one.
    const setCost = (costAmount: number) =>
      t.database.db.updateTable('serviceVersion').set({ costAmount }).where('id', '=', current.serviceVersionId).execute();
    await setCost(50_000);
    try {
      expect(await engine.act(supervisor, application.trackingNumber, { type: 'issue' }, ORIGIN)).toEqual({ ok: false, reason: 'payment_pending' });
      await t.database.db.transaction().execute((trx) => engine.recordPayment(trx, application.id, new Date()));
      expect(await engine.act(supervisor, application.trackingNumber, { type: 'issue' }, ORIGIN)).toEqual({ ok: true });
    } finally {
      await setCost(0);
    }
    current = await row(application.id);
    expect(current).toMatchObject({ status: 'issued', stepId: null, queueRole: null });
    expect(current.closedAt).not.toBeNull();
    expect(issued.filter((entry) => entry.applicationId === application.id)).toEqual([{ applicationId: application.id, statusInTransaction: 'issued' }]);

    expect((await events(application.id)).map((e) => e.kind)).toEqual([
      'submitted',
      'step_entered',
      'step_entered',
      'decided',
      'step_entered',
      'payment_received',
      'issued',
    ]);
    const published = await outbox(application.id);
    expect(published.every((event) => event.topic === 'application.changed')).toBe(true);
    expect(published.at(-1)?.payload).toEqual({ status: 'issued', stepId: null });
    const actions = await t.database.db
      .selectFrom('auditEvent')
      .select('action')
      .where('subjectId', '=', application.id)
      .where('action', 'in', ['application.advanced', 'application.approved', 'application.issued'])
      .execute();
    expect(actions.map((a) => a.action).sort()).toEqual(['application.advanced', 'application.advanced', 'application.approved', 'application.issued']);
    expect(await engine.act(supervisor, application.trackingNumber, { type: 'issue' }, ORIGIN)).toEqual({ ok: false, reason: 'already_closed' });
    // The applicant reads the public kinds, not who worked on it.
    const detail = await t.services.applications.getForApplicant(application.citizen.actor, application.trackingNumber);
    expect(detail.timeline.map((e) => e.kind)).not.toContain('work_claimed');
  });

  it('pauses the clock on a request for information and resumes it on the answer, moving the due dates later', async () => {
    const application = await file();
    const officer = await createStaff(t.services, service.agencyId, 'officer');
    // Filed two weeks ago, so that the wait below falls inside the running clock.
    const submittedAt = new Date(Date.now() - 14 * 24 * 3600 * 1000);
    const holidays = await createCalendar(t.database.db).holidaysFor(service.agencyId);
    const plainDueAt = dueAt(submittedAt, 5, { timeZone: 'Asia/Jakarta', holidays });
    await t.database.db
      .updateTable('application')
      .set({ submittedAt, dueAt: plainDueAt, stepStartedAt: submittedAt })
      .where('id', '=', application.id)
      .execute();
    expect(await engine.act(officer, application.trackingNumber, { type: 'request_information', message: 'Kirim surat baru.' }, ORIGIN)).toEqual({
      ok: false,
      reason: 'deadline_required',
    });
    expect(await engine.act(officer, application.trackingNumber, { type: 'request_information', message: 'Kirim surat baru.', deadline: 5 }, ORIGIN)).toEqual({
      ok: true,
    });
    const waiting = await row(application.id);
    expect(waiting.status).toBe('information_requested');
    const pauseStart = new Date(Date.now() - 3 * 24 * 3600 * 1000);
    await t.database.db.updateTable('applicationPause').set({ startedAt: pauseStart }).where('applicationId', '=', application.id).execute();
    expect(await engine.act(officer, application.trackingNumber, { type: 'advance' }, ORIGIN)).toEqual({ ok: false, reason: 'waiting_for_applicant' });

    await t.services.applications.provideInformation(application.citizen.actor, application.trackingNumber, 'Sudah.', [], ORIGIN);
    const resumed = await row(application.id);
    const pauses = await t.database.db.selectFrom('applicationPause').selectAll().where('applicationId', '=', application.id).execute();
    expect(pauses).toHaveLength(1);
    expect(pauses[0]?.endedAt).not.toBeNull();
    const expected = dueAtWithPauses(submittedAt, 5, [{ from: pauseStart, to: pauses[0]?.endedAt ?? null }], { timeZone: 'Asia/Jakarta', holidays });
    expect(resumed.status).toBe('in_review');
    expect(resumed.dueAt.toISOString()).toBe(expected.toISOString());
    expect(resumed.dueAt.getTime()).toBeGreaterThan(waiting.dueAt.getTime());
    expect(resumed.stepDueAt?.getTime()).toBeGreaterThan(waiting.stepDueAt?.getTime() ?? 0);
    expect(resumed.stepWarnAt?.getTime()).toBeGreaterThan(waiting.stepWarnAt?.getTime() ?? 0);
    const detail = await t.services.applications.getForApplicant(application.citizen.actor, application.trackingNumber);
    expect(detail.pauses).toEqual([{ from: pauseStart, to: pauses[0]?.endedAt }]);
    expect(detail.dueAt.toISOString()).toBe(expected.toISOString());
  });

  it('refuses invalid moves with the reason, changing nothing but one audited refusal', async () => {
    const unitFixture = await createServiceFixture(t.database.db);
    const other = await t.database.db
      .insertInto('agencyUnit')
      .values({
        agencyId: unitFixture.agencyId,
        code: 'loket-timur',
        nameId: 'Loket Timur',
        nameEn: 'East Counter',
        streetAddress: 'Jl. Uji No. 2',
        regionCode: '32.73',
        timeZone: 'Asia/Jakarta',
        openingHours: '[]',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const workflow = {
      ...genericWorkflow,
      steps: genericWorkflow.steps.map((step) => ({ ...step, responsible: { ...step.responsible, unitCode: 'kantor' } })),
    };
    await t.database.db
      .updateTable('serviceVersion')
      .set({ workflow: JSON.stringify(workflow) })
      .where('id', '=', unitFixture.versionId)
      .execute();
    const application = await file(unitFixture);
    const sameUnit = await staffAt(unitFixture.agencyId, 'officer');
    const otherUnit = await staffAt(unitFixture.agencyId, 'officer', other.id);
    const otherAgency = await createStaff(t.services, service.agencyId, 'officer');
    expect((await row(application.id)).queueUnitCode).toBe('kantor');

    const attempts: [SignedInActor, Parameters<WorkflowEngine['act']>[2], string][] = [
      [sameUnit, { type: 'approve' }, 'action_not_allowed'],
      [otherUnit, { type: 'request_information', message: 'x', deadline: 3 }, 'wrong_unit'],
      [otherAgency, { type: 'advance' }, 'not_found'],
    ];
    for (const [actor, action, reason] of attempts) {
      const before = { row: await row(application.id), events: await events(application.id), outbox: await outbox(application.id) };
      expect(await engine.act(actor, application.trackingNumber, action, ORIGIN)).toEqual({ ok: false, reason });
      expect(await row(application.id)).toEqual(before.row);
      expect(await events(application.id)).toEqual(before.events);
      expect(await outbox(application.id)).toEqual(before.outbox);
      const refusals = await audits('application.action_refused', actor.accountId);
      expect(refusals).toHaveLength(1);
      expect(refusals[0]?.details).toMatchObject({ reason, attempted: action.type });
      // Another agency's application is not named to, or recorded for, the stranger.
      expect(refusals[0]?.subjectId).toBe(reason === 'not_found' ? null : application.id);
    }
    expect(await engine.act(sameUnit, 'LKT-0000-0000', { type: 'advance' }, ORIGIN)).toEqual({ ok: false, reason: 'not_found' });
  });

  it('lets officers claim and release, supervisors assign and bulk-reassign, and keeps others off a claimed item', async () => {
    const first = await file();
    const second = await file();
    const a = await createStaff(t.services, service.agencyId, 'officer');
    const b = await createStaff(t.services, service.agencyId, 'officer');
    const supervisor = await createStaff(t.services, service.agencyId, 'supervisor');
    const stranger = await createStaff(t.services, (await createServiceFixture(t.database.db)).agencyId, 'officer');

    expect(await engine.claim(a, first.trackingNumber, ORIGIN)).toEqual({ ok: true });
    expect(await engine.claim(b, first.trackingNumber, ORIGIN)).toEqual({ ok: false, reason: 'assigned_to_another' });
    expect(await engine.act(b, first.trackingNumber, { type: 'forward', toUnitCode: 'kantor' }, ORIGIN)).toEqual({ ok: false, reason: 'assigned_to_another' });
    expect(await engine.release(b, first.trackingNumber, ORIGIN)).toEqual({ ok: false, reason: 'assigned_to_another' });
    expect(await engine.availableActions(b, first.trackingNumber)).toEqual([]);
    expect(await engine.assign(a, first.trackingNumber, b.accountId, ORIGIN)).toEqual({ ok: false, reason: 'wrong_role' });
    expect(await engine.assign(supervisor, first.trackingNumber, stranger.accountId, ORIGIN)).toEqual({ ok: false, reason: 'unknown_assignee' });
    expect(await engine.assign(supervisor, first.trackingNumber, b.accountId, ORIGIN)).toEqual({ ok: true });
    expect(await engine.assign(supervisor, second.trackingNumber, b.accountId, ORIGIN)).toEqual({ ok: true });
    expect((await row(first.id)).assigneeId).toBe(b.accountId);

    expect(await engine.bulkReassign(b, b.accountId, a.accountId, ORIGIN)).toEqual({ ok: false, reason: 'wrong_role' });
    expect(await engine.bulkReassign(supervisor, b.accountId, a.accountId, ORIGIN)).toEqual({ ok: true, moved: 2 });
    expect((await row(first.id)).assigneeId).toBe(a.accountId);
    expect((await row(second.id)).assigneeId).toBe(a.accountId);
    expect(await engine.release(a, second.trackingNumber, ORIGIN)).toEqual({ ok: true });
    expect((await row(second.id)).assigneeId).toBeNull();
    expect((await audits('application.bulk_reassigned', supervisor.accountId))[0]?.details).toMatchObject({ moved: 2 });
    // Staff-internal events stay off the applicant's timeline.
    const detail = await t.services.applications.getForApplicant(first.citizen.actor, first.trackingNumber);
    expect(detail.timeline.map((e) => e.kind)).toEqual(['submitted']);
  });

  it('keeps internal notes encrypted under the application’s key, for staff only', async () => {
    const application = await file();
    const officer = await createStaff(t.services, service.agencyId, 'officer');
    expect(await engine.addNote(officer, application.trackingNumber, '   ', ORIGIN)).toEqual({ ok: false, reason: 'note_required' });
    expect(await engine.addNote(officer, application.trackingNumber, 'x'.repeat(4001), ORIGIN)).toEqual({ ok: false, reason: 'note_required' });
    const body = 'Pemohon menelepon, surat asli menyusul besok.';
    expect(await engine.addNote(officer, application.trackingNumber, body, ORIGIN)).toEqual({ ok: true });
    const notes = await t.database.db.selectFrom('applicationNote').selectAll().where('applicationId', '=', application.id).execute();
    expect(notes).toHaveLength(1);
    const note = notes[0];
    if (!note) throw new Error('no note');
    expect(note.bodyEnc).not.toContain('menelepon');
    const current = await row(application.id);
    const key = await t.services.dataKeys.open(current.dataKeyId);
    expect(decryptField(key, note.bodyEnc, noteContext(note.id))).toBe(body);
    const detail = await t.services.applications.getForApplicant(application.citizen.actor, application.trackingNumber);
    expect(JSON.stringify(detail)).not.toContain('menelepon');
    expect(detail.timeline.map((e) => e.kind)).toEqual(['submitted']);
  });

  it('rejects with a reason and legal basis the applicant reads, and tells them', async () => {
    const application = await file();
    const officer = await createStaff(t.services, service.agencyId, 'officer');
    const supervisor = await createStaff(t.services, service.agencyId, 'supervisor');
    await engine.setChecklistItem(officer, application.trackingNumber, 'requirements-present', true, ORIGIN);
    await engine.act(officer, application.trackingNumber, { type: 'advance' }, ORIGIN);
    await engine.act(officer, application.trackingNumber, { type: 'advance' }, ORIGIN);
    expect(await engine.act(supervisor, application.trackingNumber, { type: 'reject', reason: 'Data tidak sesuai.' }, ORIGIN)).toEqual({
      ok: false,
      reason: 'legal_basis_required',
    });
    expect(
      await engine.act(supervisor, application.trackingNumber, { type: 'reject', reason: 'Data tidak sesuai.', legalBasis: 'Perpres 96/2018' }, ORIGIN),
    ).toEqual({ ok: true });
    const current = await row(application.id);
    expect(current).toMatchObject({ status: 'rejected', stepId: null });
    expect(current.decidedAt).not.toBeNull();
    const detail = await t.services.applications.getForApplicant(application.citizen.actor, application.trackingNumber);
    expect(detail.timeline[0]).toMatchObject({ kind: 'decided', message: 'Data tidak sesuai.\nPerpres 96/2018', byApplicant: false });
    const sent = await t.database.db.selectFrom('notification').select('params').where('kind', '=', 'application.status_changed').execute();
    expect(sent.map((n) => n.params).find((p) => p.trackingNumber === application.trackingNumber)).toEqual({
      trackingNumber: application.trackingNumber,
      status: 'Ditolak',
    });
  });

  it('forwards to a unit of the agency, back to its queue, and bills a service with a fee when the workflow starts', async () => {
    const application = await file();
    const officer = await createStaff(t.services, service.agencyId, 'officer');
    expect(await engine.act(officer, application.trackingNumber, { type: 'forward', toUnitCode: 'tidak-ada' }, ORIGIN)).toEqual({
      ok: false,
      reason: 'destination_required',
    });
    expect((await row(application.id)).forwardedUnitCode).toBeNull();
    expect(await engine.act(officer, application.trackingNumber, { type: 'forward', toUnitCode: 'kantor' }, ORIGIN)).toEqual({ ok: true });
    expect(await row(application.id)).toMatchObject({ stepId: 'check', stepSeq: 1, forwardedUnitCode: 'kantor', queueUnitCode: 'kantor', assigneeId: null });

    await t.database.db.updateTable('serviceVersion').set({ costAmount: 50_000 }).where('id', '=', service.versionId).execute();
    try {
      const paying = await file();
      await t.database.db.transaction().execute((trx) => engine.start(trx, paying.id));
      expect(billed).toEqual([{ applicationId: paying.id, amount: 50_000 }]);
    } finally {
      await t.database.db.updateTable('serviceVersion').set({ costAmount: 0 }).where('id', '=', service.versionId).execute();
    }
  });

  it('lists the actions the actor may take at the current step', () => {
    const state = stateOf({ stepId: 'decide', status: 'in_review', checklistDone: [], forwardedUnitCode: null }, genericWorkflow);
    const application = { answers: {}, applicantType: 'citizen' as const, feePaid: false };
    expect(allowedActions(genericWorkflow, state, { actor: { role: 'supervisor', agencyMatches: true }, application })).toEqual([
      'approve',
      'reject',
      'forward',
    ]);
    expect(allowedActions(genericWorkflow, state, { actor: { role: 'officer', agencyMatches: true }, application })).toEqual([]);
  });
});

import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, sessionTokenFor, type TestApp } from '../../../test/helpers/app.ts';
import { type CsrfPair, csrfPair } from '../../../test/security/forms.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import type { StaffRole } from '../../platform/auth/permissions.ts';
import { birthAnswers, createCitizen, createServiceFixture, createStaff, type ServiceFixture, uploadPdf } from '../applications/applications.test-support.ts';

// The back office over HTTP as an officer's browser uses it: queue, workspace, forms with CSRF,
// refusals shown in the officer's language, and the supervisor page.

const ORIGIN = { ip: '127.0.0.1', requestId: 'test', userAgent: 'test' };

let t: TestApp;
let csrf: CsrfPair;
let serviceA: ServiceFixture;
let serviceB: ServiceFixture;
let address = 0;
let officerA: SignedInActor;
let unitOfficerA: SignedInActor;
let supervisorA: SignedInActor;
let officerB: SignedInActor;
let supervisorB: SignedInActor;
let citizen: Awaited<ReturnType<typeof createCitizen>>;

beforeAll(async () => {
  t = await createTestApp();
  csrf = await csrfPair(t.app);
  [serviceA, serviceB] = [await createServiceFixture(t.database.db), await createServiceFixture(t.database.db)];
  await t.database.db
    .insertInto('agencyUnit')
    .values({
      agencyId: serviceA.agencyId,
      code: 'arsip',
      nameId: 'Bagian Arsip',
      nameEn: 'Archive',
      streetAddress: 'Jl. Uji No. 2',
      regionCode: '32.73',
      timeZone: 'Asia/Jakarta',
      openingHours: '[]',
    })
    .execute();
  officerA = await createStaff(t.services, serviceA.agencyId, 'officer');
  supervisorA = await createStaff(t.services, serviceA.agencyId, 'supervisor');
  officerB = await createStaff(t.services, serviceB.agencyId, 'officer');
  supervisorB = await createStaff(t.services, serviceB.agencyId, 'supervisor');
  unitOfficerA = await staffInUnit(serviceA.agencyId, 'kantor', 'officer');
  citizen = await createCitizen(t.services);
});

afterAll(async () => t?.close());

async function staffInUnit(agencyId: string, unitCode: string, role: StaffRole): Promise<SignedInActor> {
  const unit = await t.database.db
    .selectFrom('agencyUnit')
    .select('id')
    .where('agencyId', '=', agencyId)
    .where('code', '=', unitCode)
    .executeTakeFirstOrThrow();
  const { accountId } = await t.services.staff.create(
    { email: `unit.${crypto.randomUUID().slice(0, 8)}@instansi.test`, fullName: 'Petugas Unit', roles: [{ role, agencyId, unitId: unit.id }] },
    { accountId: null, role: 'system' },
  );
  return { kind: 'staff', accountId, sessionId: 'test', locale: 'id', grants: [{ role, agencyId, unitId: unit.id }] };
}

function nextAddress(): string {
  address += 1;
  return `10.30.${(address >> 8) & 255}.${address & 255}`;
}

async function session(actor: SignedInActor): Promise<string> {
  const token = await sessionTokenFor(t.services, actor);
  return `loket_session=${token}; ${csrf.cookie}`;
}

async function get(actor: SignedInActor, url: string): Promise<LightMyRequestResponse> {
  return t.app.inject({ url, headers: { cookie: await session(actor) }, remoteAddress: nextAddress() });
}

async function post(actor: SignedInActor, url: string, fields: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: await session(actor), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrf.token, ...fields }).toString(),
    remoteAddress: nextAddress(),
  });
}

/** Files an online application and places it in a queue as the test needs. */
async function file(
  service: ServiceFixture,
  queue: { unit?: string | null; priority?: 'elderly' | null; dueInDays?: number } = {},
): Promise<{ id: string; trackingNumber: string; fileId: string }> {
  const fileId = await uploadPdf(t.services, { ownerAccountId: citizen.actor.accountId });
  const result = await t.services.applications.submitOnline(
    citizen.actor,
    { serviceCode: service.code, answers: birthAnswers(citizen, fileId), idempotencyKey: crypto.randomUUID() },
    ORIGIN,
  );
  if (!result.ok) throw new Error(`submission refused: ${JSON.stringify(result.problems)}`);
  const row = await t.database.db
    .updateTable('application')
    .set({
      stepId: 'check',
      queueRole: 'officer',
      queueUnitCode: queue.unit ?? null,
      priorityGroup: queue.priority ?? null,
      dueAt: new Date(Date.now() + (queue.dueInDays ?? 10) * 86_400_000),
    })
    .where('trackingNumber', '=', result.application.trackingNumber)
    .returning(['id', 'trackingNumber'])
    .executeTakeFirstOrThrow();
  return { ...row, fileId };
}

function positionOf(html: string, number: string): number {
  return html.indexOf(`/backoffice/applications/${number}"`);
}

async function auditCount(action: string, subjectId: string): Promise<number> {
  const row = await t.database.db
    .selectFrom('auditEvent')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('action', '=', action)
    .where('subjectId', '=', subjectId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

describe('work queue', () => {
  it("shows the actor's agency and unit items, vulnerable applicants first, then by due date", async () => {
    const late = await file(serviceA, { dueInDays: 20 });
    const soon = await file(serviceA, { dueInDays: 2 });
    const priority = await file(serviceA, { priority: 'elderly', dueInDays: 30 });
    const inUnit = await file(serviceA, { unit: 'kantor', dueInDays: 5 });
    const otherUnit = await file(serviceA, { unit: 'arsip', dueInDays: 1 });
    const otherAgency = await file(serviceB, { dueInDays: 1 });

    const page = await get(unitOfficerA, '/backoffice/queue');
    expect(page.statusCode).toBe(200);
    const html = page.body;
    const order = [priority, soon, inUnit, late].map((a) => positionOf(html, a.trackingNumber));
    expect(order.every((position) => position > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(positionOf(html, otherUnit.trackingNumber)).toBe(-1);
    expect(positionOf(html, otherAgency.trackingNumber)).toBe(-1);
    expect(html).toContain('Prioritas: lansia');

    // A grant without a unit covers every unit of the agency; the other agency stays out.
    const wide = await get(officerA, '/backoffice/queue?tab=unassigned');
    expect(positionOf(wide.body, otherUnit.trackingNumber)).toBeGreaterThan(0);
    expect(positionOf(wide.body, otherAgency.trackingNumber)).toBe(-1);
    const other = await get(officerB, '/backoffice/queue');
    expect(positionOf(other.body, otherAgency.trackingNumber)).toBeGreaterThan(0);
    expect(positionOf(other.body, late.trackingNumber)).toBe(-1);
  });

  it('claims from the queue and counts the tabs', async () => {
    const application = await file(serviceA, { unit: 'kantor' });
    const claimed = await post(unitOfficerA, `/backoffice/applications/${application.trackingNumber}/claim`, { return: 'queue' });
    expect(claimed.statusCode).toBe(303);
    expect(claimed.headers.location).toBe(`/backoffice/queue?claimed=${application.trackingNumber}`);
    const mine = await get(unitOfficerA, `/backoffice/queue?tab=mine&claimed=${application.trackingNumber}`);
    expect(mine.body).toContain(`Permohonan ${application.trackingNumber} sekarang Anda tangani.`);
    expect(positionOf(mine.body, application.trackingNumber)).toBeGreaterThan(0);
    expect(mine.body).toMatch(/Tugas saya \(\d+\)/);
    // Someone else's item: the claim is refused with the reason, nothing changes.
    const again = await post(officerA, `/backoffice/applications/${application.trackingNumber}/claim`);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('sedang ditangani petugas lain');
  });

  it('filters by time limit and service, with counts', async () => {
    const breached = await file(serviceB, { dueInDays: 3 });
    const onTime = await file(serviceB, { dueInDays: 4 });
    await t.database.db
      .updateTable('application')
      .set({ slaState: 'breached', stepDueAt: new Date(Date.now() - 86_400_000) })
      .where('id', '=', breached.id)
      .execute();
    const overdue = await get(officerB, `/backoffice/queue?due=overdue&service=${serviceB.code}`);
    expect(overdue.statusCode).toBe(200);
    expect(positionOf(overdue.body, breached.trackingNumber)).toBeGreaterThan(0);
    expect(positionOf(overdue.body, onTime.trackingNumber)).toBe(-1);
    expect(overdue.body).toContain('Lewat batas (1)');
    const none = await get(officerB, `/backoffice/queue?service=${serviceA.code}`);
    expect(positionOf(none.body, onTime.trackingNumber)).toBe(-1);
  });

  it('refuses filters it does not know with a 400', async () => {
    expect((await get(officerA, '/backoffice/queue?tab=semua')).statusCode).toBe(400);
    expect((await get(officerA, '/backoffice/queue?page=-1')).statusCode).toBe(400);
    expect((await get(officerA, '/backoffice/queue?service=%3Cscript%3E')).statusCode).toBe(400);
    expect((await get(officerA, '/backoffice/queue?due=near&status=in_review')).statusCode).toBe(200);
  });
});

describe('application workspace', () => {
  it("answers 404 for another agency's application and for a malformed number", async () => {
    const application = await file(serviceA);
    expect((await get(officerB, `/backoffice/applications/${application.trackingNumber}`)).statusCode).toBe(404);
    expect((await get(officerB, `/backoffice/applications/${application.trackingNumber}/files/${application.fileId}`)).statusCode).toBe(404);
    expect((await post(officerB, `/backoffice/applications/${application.trackingNumber}/claim`)).statusCode).toBe(404);
    expect((await get(officerA, '/backoffice/applications/BUKAN-NOMOR')).statusCode).toBe(404);
    expect((await post(officerA, '/backoffice/applications/%27%3B--/notes', { note: 'x' })).statusCode).toBe(404);
  });

  it("answers 404 to an officer of another unit, as for an unknown number, and opens to the item's unit and its assignee", async () => {
    const application = await file(serviceA, { unit: 'kantor' });
    const archivist = await staffInUnit(serviceA.agencyId, 'arsip', 'officer');
    const base = `/backoffice/applications/${application.trackingNumber}`;
    expect((await get(archivist, base)).statusCode).toBe(404);
    expect((await get(archivist, `${base}/files/${application.fileId}`)).statusCode).toBe(404);
    expect((await post(archivist, `${base}/notes`, { note: 'Catatan' })).statusCode).toBe(404);
    expect((await get(unitOfficerA, base)).statusCode).toBe(200);
    expect((await get(officerA, base)).statusCode).toBe(200);
    // Forwarded to the archive while assigned to no one, it is the archive's: the other unit's officer loses it.
    await t.database.db.updateTable('application').set({ queueUnitCode: 'arsip', assigneeId: null }).where('id', '=', application.id).execute();
    expect((await get(archivist, base)).statusCode).toBe(200);
    expect((await get(unitOfficerA, base)).statusCode).toBe(404);
    // The assignee keeps it whichever unit holds it.
    await t.database.db.updateTable('application').set({ assigneeId: unitOfficerA.accountId }).where('id', '=', application.id).execute();
    expect((await get(unitOfficerA, base)).statusCode).toBe(200);
  });

  it('shows the applicant data and audits one personal-data view per rendering', async () => {
    const application = await file(serviceA);
    const before = await auditCount('application.personal_data_viewed', application.id);
    const page = await get(officerA, `/backoffice/applications/${application.trackingNumber}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(citizen.fullName);
    expect(page.body).toContain(`/backoffice/applications/${application.trackingNumber}/files/${application.fileId}`);
    expect(await auditCount('application.personal_data_viewed', application.id)).toBe(before + 1);

    const download = await get(officerA, `/backoffice/applications/${application.trackingNumber}/files/${application.fileId}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toContain('application/pdf');
    expect(await auditCount('personal_data.read', application.id)).toBe(1);
  });

  it('works an item: checklist, note, advance, each by post/redirect/get', async () => {
    const application = await file(serviceA);
    const base = `/backoffice/applications/${application.trackingNumber}`;
    expect((await post(officerA, `${base}/claim`)).headers.location).toBe(`${base}?done=claimed`);
    const tick = await post(officerA, `${base}/checklist`, { item: 'requirements-present', done: 'true' });
    expect(tick.statusCode).toBe(303);
    const note = await post(officerA, `${base}/notes`, { note: 'Berkas asli sudah dilihat di loket.' });
    expect(note.headers.location).toBe(`${base}?done=note`);
    const page = await get(officerA, `${base}?done=note`);
    expect(page.body).toContain('Berkas asli sudah dilihat di loket.');
    expect(page.body).toContain('Catatan internal disimpan.');
    expect(page.body).toContain('name="action" value="advance"');
    const advanced = await post(officerA, `${base}/act`, { action: 'advance' });
    expect(advanced.headers.location).toBe(`${base}?done=advance`);
    const row = await t.database.db.selectFrom('application').select('stepId').where('id', '=', application.id).executeTakeFirstOrThrow();
    expect(row.stepId).toBe('assess');
  });

  it('shows a refused action in the officer language with a 4xx, never a 5xx', async () => {
    const application = await file(serviceA);
    const base = `/backoffice/applications/${application.trackingNumber}`;
    const approve = await post(officerA, `${base}/act`, { action: 'approve' });
    expect(approve.statusCode).toBe(409);
    expect(approve.body).toContain('Tindakan ini tidak diizinkan pada langkah ini.');
    const noMessage = await post(officerA, `${base}/act`, { action: 'request_information', message: ' ', deadline: '5' });
    expect(noMessage.statusCode).toBe(422);
    expect(noMessage.body).toContain('Tulis informasi apa yang perlu dikirim pemohon.');
    const badDeadline = await post(officerA, `${base}/act`, { action: 'request_information', message: 'Kirim KK', deadline: '999' });
    expect(badDeadline.statusCode).toBe(422);
    expect(badDeadline.body).toContain('Kirim KK');
  });

  it('refuses hostile input with a 4xx', async () => {
    const application = await file(serviceA);
    const base = `/backoffice/applications/${application.trackingNumber}`;
    const unknown = await post(officerA, `${base}/act`, { action: 'drop_table' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('Tindakan ini tidak dikenal.');
    const long = await post(officerA, `${base}/notes`, { note: 'a'.repeat(4001) });
    expect(long.statusCode).toBe(422);
    expect(long.body).toContain('Catatan paling banyak 4000 karakter.');
    expect((await post(officerA, `${base}/notes`, { note: '   ' })).statusCode).toBe(422);
    expect((await post(officerA, `${base}/checklist`, { item: '../../x', done: 'yes' })).statusCode).toBe(422);
    expect((await post(officerA, `${base}/assign`, { assignee: officerA.accountId })).statusCode).toBe(403);
    const notes = await t.database.db.selectFrom('applicationNote').select('id').where('applicationId', '=', application.id).execute();
    expect(notes).toHaveLength(0);
  });
});

describe('supervisor page', () => {
  it('shows the figures to supervisors only, and moves an absent officer’s work', async () => {
    expect((await get(officerA, '/backoffice/supervisor')).statusCode).toBe(403);
    const escalated = await file(serviceA);
    await t.database.db.updateTable('application').set({ escalatedAt: new Date(), slaState: 'breached' }).where('id', '=', escalated.id).execute();
    const page = await get(supervisorA, '/backoffice/supervisor');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Beban kerja per petugas');
    const headQueue = page.body.slice(page.body.indexOf('Antrean kepala instansi'));
    expect(positionOf(headQueue, escalated.trackingNumber)).toBeGreaterThan(0);
    expect((await get(supervisorB, '/backoffice/supervisor')).body).not.toContain(escalated.trackingNumber);

    const application = await file(serviceA);
    await post(officerA, `/backoffice/applications/${application.trackingNumber}/claim`);
    const empty = await post(supervisorA, '/backoffice/supervisor/reassign', { from: '', to: '' });
    expect(empty.statusCode).toBe(422);
    const moved = await post(supervisorA, '/backoffice/supervisor/reassign', { from: officerA.accountId, to: unitOfficerA.accountId });
    expect(moved.statusCode).toBe(303);
    expect(moved.headers.location).toMatch(/^\/backoffice\/supervisor\?moved=[1-9]/);
    const row = await t.database.db.selectFrom('application').select('assigneeId').where('id', '=', application.id).executeTakeFirstOrThrow();
    expect(row.assigneeId).toBe(unitOfficerA.accountId);
  });
});

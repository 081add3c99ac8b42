import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { loadConfig } from '../../config.ts';
import { resolveSecrets } from '../../platform/crypto/secrets.ts';
import { type DatabaseHandle, openDatabase } from '../../platform/db/database.ts';
import { createServices, type Services } from '../../services.ts';
import { birthAnswers, createCitizen, createServiceFixture, createStaff, type ServiceFixture, uploadPdf } from '../applications/applications.test-support.ts';
import { createSlaService, type SlaService } from './sla.service.ts';

const ORIGIN = { ip: '127.0.0.1', requestId: 'test', userAgent: 'test' };
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
// A controllable clock: every instant is given to the sweep, far from the real time.
const BASE = new Date('2031-03-03T01:00:00Z');
const at = (days: number) => new Date(BASE.getTime() + days * DAY);

let database: TestDatabase;
let services: Services;
let filesDir: string | undefined;
let service: ServiceFixture;
let sla: SlaService;
let officer: { accountId: string; email: string };
let unitSupervisor: { accountId: string; email: string };
let headSupervisor: { accountId: string; email: string };
let strangerSupervisor: { accountId: string; email: string };
const publicUrl = 'https://loket.example';

async function staffMember(agencyId: string, role: 'officer' | 'supervisor', unitId: string | null = null) {
  const email = `${role}.${crypto.randomUUID().slice(0, 8)}@instansi.test`;
  const { accountId } = await services.staff.create(
    { email, fullName: 'Petugas Uji', roles: [{ role, agencyId, unitId }] },
    { accountId: null, role: 'system' },
  );
  return { accountId, email };
}

beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 6 });
  filesDir = await mkdtemp(path.join(os.tmpdir(), 'loket-test-files-'));
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: database.url, LOKET_FILES_DIR: filesDir, LOKET_DEV_MAILBOX: 'true' });
  const secrets = await resolveSecrets(config, () => {});
  services = createServices({ config, db: database.db, secrets, log: pino({ level: 'silent' }) });
  service = await createServiceFixture(database.db);
  const unit = await database.db.selectFrom('agencyUnit').select('id').where('agencyId', '=', service.agencyId).executeTakeFirstOrThrow();
  officer = await staffMember(service.agencyId, 'officer', unit.id);
  unitSupervisor = await staffMember(service.agencyId, 'supervisor', unit.id);
  headSupervisor = await staffMember(service.agencyId, 'supervisor');
  const other = await createServiceFixture(database.db);
  strangerSupervisor = await staffMember(other.agencyId, 'supervisor');
  // Another agency's officer, to show the sweep never writes to people outside the application's agency.
  await createStaff(services, other.agencyId, 'officer');
  sla = createSlaService({ db: database.db, notifier: services.notifier, personalData: services.personalData, publicUrl });
});

afterAll(async () => {
  await services?.notifier.close();
  await database?.drop();
  if (filesDir) await rm(filesDir, { recursive: true, force: true });
});

/** An application in its first step, with the step's clock set directly: warning at day 3, due at day 4. */
async function applicationInStep(options: { assigned?: boolean } = {}) {
  const citizen = await createCitizen(services);
  const fileId = await uploadPdf(services, { ownerAccountId: citizen.actor.accountId });
  const result = await services.applications.submitOnline(
    citizen.actor,
    { serviceCode: service.code, answers: birthAnswers(citizen, fileId), idempotencyKey: crypto.randomUUID() },
    ORIGIN,
  );
  if (!result.ok) throw new Error(`submission refused: ${JSON.stringify(result.problems)}`);
  const trackingNumber = result.application.trackingNumber;
  const row = await database.db
    .updateTable('application')
    .set({
      status: 'in_review',
      stepId: 'check',
      stepSeq: 1,
      queueUnitCode: 'kantor',
      queueRole: 'officer',
      assigneeId: options.assigned === false ? null : officer.accountId,
      stepStartedAt: BASE,
      stepWarnAt: at(3),
      stepDueAt: at(4),
      slaState: 'on_time',
      breachCount: 0,
      escalatedAt: null,
      dueAt: at(30),
    })
    .where('trackingNumber', '=', trackingNumber)
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, trackingNumber };
}

async function alertsOf(applicationId: string) {
  const rows = await database.db
    .selectFrom('slaAlert')
    .select(['stepSeq', 'kind', 'firedAt'])
    .where('applicationId', '=', applicationId)
    .orderBy('stepSeq')
    .orderBy('kind')
    .execute();
  return rows.map((row) => `${row.stepSeq}:${row.kind}`);
}

async function stateOf(applicationId: string) {
  return database.db.selectFrom('application').select(['slaState', 'breachCount', 'escalatedAt']).where('id', '=', applicationId).executeTakeFirstOrThrow();
}

async function eventsOf(applicationId: string) {
  const rows = await database.db
    .selectFrom('applicationEvent')
    .select(['kind', 'actorRole'])
    .where('applicationId', '=', applicationId)
    .where('kind', 'in', ['sla_warning', 'sla_breached', 'escalated'])
    .orderBy('id')
    .execute();
  return rows.map((row) => `${row.kind}/${row.actorRole}`);
}

async function outboxOf(applicationId: string) {
  const rows = await database.db
    .selectFrom('outboxEvent')
    .select(['topic', 'payload'])
    .where('aggregateId', '=', applicationId)
    .where('topic', '=', 'application.sla')
    .orderBy('id')
    .execute();
  return rows.map((row) => row.payload);
}

/** The staff messages about one application, as "kind → recipient". */
async function messagesAbout(trackingNumber: string) {
  const entries = await services.notifier.mailbox(1000);
  return entries
    .filter((entry) => entry.kind.startsWith('staff.sla_') && entry.text?.includes(trackingNumber))
    .map((entry) => `${entry.kind} → ${entry.recipient}`)
    .toSorted();
}

describe('the SLA sweep', () => {
  it('warns the assignee at 75%, flags the breach to the supervisors, and escalates a repeated breach, each once', async () => {
    const application = await applicationInStep();

    await sla.sweep(at(2));
    expect(await alertsOf(application.id)).toEqual([]);
    expect((await stateOf(application.id)).slaState).toBe('on_time');

    await sla.sweep(at(3));
    expect(await alertsOf(application.id)).toEqual(['1:warning']);
    expect(await stateOf(application.id)).toMatchObject({ slaState: 'warned', breachCount: 0, escalatedAt: null });
    expect(await eventsOf(application.id)).toEqual(['sla_warning/system']);
    expect(await outboxOf(application.id)).toEqual([{ kind: 'warning', stepSeq: 1 }]);
    expect(await messagesAbout(application.trackingNumber)).toEqual([`staff.sla_warning → ${officer.email}`]);
    const [warning] = (await services.notifier.mailbox(1000)).filter((e) => e.kind === 'staff.sla_warning' && e.text?.includes(application.trackingNumber));
    expect(warning?.text).toContain(`${publicUrl}/backoffice/applications/${application.trackingNumber}`);

    // Sweeping again, an hour later, fires nothing new.
    await sla.sweep(new Date(at(3).getTime() + HOUR));
    expect(await alertsOf(application.id)).toEqual(['1:warning']);

    await sla.sweep(at(4));
    expect(await alertsOf(application.id)).toEqual(['1:breach', '1:warning']);
    expect(await stateOf(application.id)).toMatchObject({ slaState: 'breached', breachCount: 1, escalatedAt: null });
    expect(await messagesAbout(application.trackingNumber)).toEqual(
      [`staff.sla_breach → ${headSupervisor.email}`, `staff.sla_breach → ${unitSupervisor.email}`, `staff.sla_warning → ${officer.email}`].toSorted(),
    );
    await sla.sweep(at(4.5));
    expect(await alertsOf(application.id)).toEqual(['1:breach', '1:warning']);

    // The next step (as the workflow engine enters it) is breached too: a repeated breach.
    await database.db
      .updateTable('application')
      .set({ stepId: 'verify', stepSeq: 2, slaState: 'on_time', stepStartedAt: at(5), stepWarnAt: at(5.5), stepDueAt: at(6) })
      .where('id', '=', application.id)
      .execute();
    const result = await sla.sweep(at(7));
    expect(result).toMatchObject({ breaches: 1, escalations: 1 });
    expect(await alertsOf(application.id)).toEqual(['1:breach', '1:warning', '2:breach', '2:escalation']);
    const state = await stateOf(application.id);
    expect(state).toMatchObject({ slaState: 'breached', breachCount: 2 });
    expect(state.escalatedAt?.toISOString()).toBe(at(7).toISOString());
    expect(await eventsOf(application.id)).toEqual(['sla_warning/system', 'sla_breached/system', 'sla_breached/system', 'escalated/system']);
    expect(await outboxOf(application.id)).toEqual([
      { kind: 'warning', stepSeq: 1 },
      { kind: 'breach', stepSeq: 1 },
      { kind: 'breach', stepSeq: 2 },
      { kind: 'escalation', stepSeq: 2 },
    ]);
    const messages = await messagesAbout(application.trackingNumber);
    // The agency head's queue: only the supervisors of the whole agency; never another agency's.
    expect(messages.filter((m) => m.startsWith('staff.sla_escalation'))).toEqual([`staff.sla_escalation → ${headSupervisor.email}`]);
    expect(messages.filter((m) => m.startsWith('staff.sla_breach'))).toHaveLength(4);
    expect(messages.join('\n')).not.toContain(strangerSupervisor.email);

    await sla.sweep(at(8));
    expect(await alertsOf(application.id)).toHaveLength(4);
    expect(await messagesAbout(application.trackingNumber)).toHaveLength(messages.length);
  });

  it('fires each alert once when two nodes sweep the same database at the same moment', async () => {
    const application = await applicationInStep({ assigned: false });
    const second: DatabaseHandle = openDatabase(database.url, 3, () => {});
    try {
      const otherNode = createSlaService({ db: second.db, notifier: services.notifier, personalData: services.personalData, publicUrl });
      await Promise.all([sla.sweep(at(3)), otherNode.sweep(at(3)), sla.sweep(at(3)), otherNode.sweep(at(3))]);
      expect(await alertsOf(application.id)).toEqual(['1:warning']);
      // Unassigned: the warning goes to the unit's supervisors.
      expect(await messagesAbout(application.trackingNumber)).toEqual(
        [`staff.sla_warning → ${headSupervisor.email}`, `staff.sla_warning → ${unitSupervisor.email}`].toSorted(),
      );

      // Past the step's and the application's due date: breach and escalation in one sweep, on both nodes.
      await database.db
        .updateTable('application')
        .set({ dueAt: at(9) })
        .where('id', '=', application.id)
        .execute();
      await Promise.all([sla.sweep(at(10)), otherNode.sweep(at(10)), sla.sweep(at(10)), otherNode.sweep(at(10))]);
      expect(await alertsOf(application.id)).toEqual(['1:breach', '1:escalation', '1:warning']);
      expect(await stateOf(application.id)).toMatchObject({ slaState: 'breached', breachCount: 1 });
      expect(await eventsOf(application.id)).toEqual(['sla_warning/system', 'sla_breached/system', 'escalated/system']);
      expect(await outboxOf(application.id)).toHaveLength(3);
      const messages = await messagesAbout(application.trackingNumber);
      expect(messages.filter((m) => m.startsWith('staff.sla_breach'))).toHaveLength(2);
      expect(messages.filter((m) => m.startsWith('staff.sla_escalation'))).toEqual([`staff.sla_escalation → ${headSupervisor.email}`]);
    } finally {
      await second.close();
    }
  });

  it('stays silent while the agency waits for the applicant, and resumes on their answer', async () => {
    const application = await applicationInStep();
    await database.db.updateTable('application').set({ status: 'information_requested' }).where('id', '=', application.id).execute();
    await sla.sweep(at(5));
    expect(await alertsOf(application.id)).toEqual([]);
    expect(await messagesAbout(application.trackingNumber)).toEqual([]);

    // The answer came and the engine moved the step's instants later by the time waited.
    await database.db
      .updateTable('application')
      .set({ status: 'in_review', stepWarnAt: at(8), stepDueAt: at(9) })
      .where('id', '=', application.id)
      .execute();
    await sla.sweep(at(6));
    expect(await alertsOf(application.id)).toEqual([]);
    await sla.sweep(at(8));
    expect(await alertsOf(application.id)).toEqual(['1:warning']);
  });

  it('leaves closed applications alone', async () => {
    const application = await applicationInStep();
    await database.db.updateTable('application').set({ status: 'issued', stepId: null }).where('id', '=', application.id).execute();
    await sla.sweep(at(20));
    expect(await alertsOf(application.id)).toEqual([]);
  });
});

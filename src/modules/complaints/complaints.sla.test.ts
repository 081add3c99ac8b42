import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../../test/helpers/db.ts';
import { createCalendar } from '../../platform/calendar/calendar.service.ts';
import type { Database } from '../../platform/db/database.ts';
import { type DatabaseHandle, openDatabase } from '../../platform/db/database.ts';
import type { Services } from '../../services.ts';
import { createApplicantMessages } from '../applications/applicant-contact.ts';
import type { ComplaintsService } from './complaints.contract.ts';
import { createComplaintsService } from './complaints.service.ts';
import { stageUntil, workingStage } from './complaints.sla.ts';
import { COMPLAINT_ORIGIN, type ComplaintsFixture, createComplaintsFixture, createComplaintsTestServices, validComplaint } from './complaints.test-support.ts';

const DAY = 24 * 3600 * 1000;
const publicUrl = 'https://loket.example';
// A controllable clock, far from the real time: a Monday morning in WIB.
const BASE = new Date('2031-03-03T01:00:00Z');
let now = BASE;

let database: TestDatabase;
let services: Services;
let close: () => Promise<void>;
let fx: ComplaintsFixture;
let complaints: ComplaintsService;
let emails: Record<'desk' | 'officer' | 'supervisor' | 'otherOfficer' | 'citizen', string>;

function serviceOn(db: Database): ComplaintsService {
  return createComplaintsService({
    db,
    dataKeys: services.dataKeys,
    storage: services.storage,
    audit: services.audit,
    notifier: services.notifier,
    calendar: createCalendar(db),
    personalData: services.personalData,
    accounts: services.accountsRepository,
    contactOf: createApplicantMessages({
      accountsRepository: services.accountsRepository,
      personalData: services.personalData,
      notices: { notifier: services.notifier, publicUrl },
    }).contactOf,
    publicUrl,
    now: () => now,
  });
}

async function emailOf(accountId: string) {
  const account = await services.accountsRepository.findById(accountId);
  if (!account?.emailEnc) throw new Error('no e-mail');
  return (await services.personalData.sealer(account.dataKeyId, account.id)).open('email', account.emailEnc);
}

beforeAll(async () => {
  ({ database, services, close } = await createComplaintsTestServices({ poolSize: 6 }));
  fx = await createComplaintsFixture(services, database.db);
  complaints = serviceOn(database.db);
  emails = {
    desk: await emailOf(fx.desk.accountId),
    officer: await emailOf(fx.officer.accountId),
    supervisor: await emailOf(fx.supervisor.accountId),
    otherOfficer: await emailOf(fx.otherOfficer.accountId),
    citizen: await emailOf(fx.citizen.accountId),
  };
});

afterAll(async () => {
  await close?.();
});

async function file(): Promise<string> {
  now = BASE;
  const result = await complaints.file(validComplaint(), { kind: 'account', accountId: fx.citizen.accountId }, COMPLAINT_ORIGIN);
  if (!result.ok) throw new Error('refused');
  return result.trackingId;
}

const rowOf = (trackingId: string) => database.db.selectFrom('complaint').selectAll().where('trackingId', '=', trackingId).executeTakeFirstOrThrow();

async function alertsOf(trackingId: string) {
  const row = await rowOf(trackingId);
  const alerts = await database.db.selectFrom('complaintAlert').select(['stage', 'stageSeq', 'kind']).where('complaintId', '=', row.id).execute();
  return alerts.map((a) => `${a.stage}.${a.stageSeq}:${a.kind}`).toSorted();
}

/** Staff and reporter messages about one report, as "kind → who". */
async function messagesAbout(trackingId: string) {
  const who = new Map(Object.entries(emails).map(([name, email]) => [email, name]));
  const entries = await services.notifier.mailbox(1000);
  return entries
    .filter((e) => e.text?.includes(trackingId) && e.kind !== 'complaint.received' && e.kind !== 'complaint.forwarded' && e.kind !== 'complaint.responded')
    .map((e) => `${e.kind} → ${who.get(e.recipient ?? '') ?? 'someone else'}`)
    .toSorted();
}

const at = (instant: Date | null, offsetMs = 0) => new Date((instant as Date).getTime() + offsetMs);

describe('the complaints clock', () => {
  it('warns, flags the breach and escalates the verification to the desk, each once', async () => {
    const trackingId = await file();
    const row = await rowOf(trackingId);
    expect(await complaints.sweep(at(row.stageWarnAt, -1))).toEqual({ warnings: 0, breaches: 0, escalations: 0, autoClosed: 0 });

    expect(await complaints.sweep(at(row.stageWarnAt))).toMatchObject({ warnings: 1 });
    expect(await alertsOf(trackingId)).toEqual(['verify.1:warning']);
    expect(await messagesAbout(trackingId)).toEqual(['staff.complaint_warning → desk']);
    expect(await complaints.sweep(at(row.stageWarnAt, 1000))).toMatchObject({ warnings: 0 });

    expect(await complaints.sweep(at(row.stageDueAt))).toMatchObject({ breaches: 1, escalations: 0 });
    expect((await rowOf(trackingId)).escalationLevel).toBe(1);
    // A day after the breach: not yet escalated (five working days after it).
    expect(await complaints.sweep(at(row.stageDueAt, DAY))).toMatchObject({ breaches: 0, escalations: 0 });
    expect(await complaints.sweep(at(row.stageDueAt, 10 * DAY))).toMatchObject({ escalations: 1 });
    expect((await rowOf(trackingId)).escalationLevel).toBe(2);
    expect(await complaints.sweep(at(row.stageDueAt, 20 * DAY))).toEqual({ warnings: 0, breaches: 0, escalations: 0, autoClosed: 0 });

    expect(await alertsOf(trackingId)).toEqual(['verify.1:breach', 'verify.1:escalation', 'verify.1:warning']);
    expect(await messagesAbout(trackingId)).toEqual(['staff.complaint_breach → desk', 'staff.complaint_escalation → desk', 'staff.complaint_warning → desk']);
    const events = await database.db.selectFrom('complaintEvent').select(['kind', 'visibility']).where('complaintId', '=', row.id).orderBy('id').execute();
    expect(events.map((e) => `${e.kind}/${e.visibility}`)).toEqual(['filed/public', 'sla_warning/internal', 'sla_breached/internal', 'escalated/internal']);
    // The escalated report shows in the desk's queue, breached.
    now = at(row.stageDueAt, 20 * DAY);
    const queue = await complaints.triageQueue(fx.desk, { overdue: true });
    expect(queue.items.find((i) => i.trackingId === trackingId)).toMatchObject({ clock: 'breached', escalationLevel: 2 });
  });

  it('alerts the agency in the plan stage (handlers warned, supervisors on breach), never another agency', async () => {
    const trackingId = await file();
    await complaints.act(fx.desk, trackingId, { type: 'forward', agencyId: fx.agencyId, isSecret: false, isAnonymous: false }, COMPLAINT_ORIGIN);
    const row = await rowOf(trackingId);
    expect(row).toMatchObject({ stage: 'plan', stageSeq: 2, escalationLevel: 0 });
    await complaints.sweep(at(row.stageWarnAt));
    await complaints.sweep(at(row.stageDueAt));
    expect(await alertsOf(trackingId)).toEqual(['plan.2:breach', 'plan.2:warning']);
    expect(await messagesAbout(trackingId)).toEqual([
      'staff.complaint_breach → supervisor',
      'staff.complaint_warning → officer',
      'staff.complaint_warning → supervisor',
    ]);
    const [breach] = (await services.notifier.mailbox(1000)).filter((e) => e.kind === 'staff.complaint_breach' && e.text?.includes(trackingId));
    expect(breach?.text).toContain(`${publicUrl}/backoffice/complaints/${trackingId}`);
  });

  it('stays silent while postponed', async () => {
    const trackingId = await file();
    await complaints.act(fx.desk, trackingId, { type: 'forward', agencyId: fx.agencyId, isSecret: false, isAnonymous: false }, COMPLAINT_ORIGIN);
    await complaints.act(fx.officer, trackingId, { type: 'postpone', reason: 'Menunggu data dari pusat.' }, COMPLAINT_ORIGIN);
    const row = await rowOf(trackingId);
    await complaints.sweep(at(row.stageDueAt, 30 * DAY));
    expect(await alertsOf(trackingId)).toEqual([]);
    expect(await messagesAbout(trackingId)).toEqual([]);
  });

  it('closes a response the reporter did not answer after the confirmation window, and tells them', async () => {
    const trackingId = await file();
    await complaints.act(fx.desk, trackingId, { type: 'forward', agencyId: fx.agencyId, isSecret: false, isAnonymous: false }, COMPLAINT_ORIGIN);
    await complaints.act(fx.officer, trackingId, { type: 'plan', message: 'Kami periksa.' }, COMPLAINT_ORIGIN);
    await complaints.act(fx.officer, trackingId, { type: 'respond', message: 'Sudah selesai.' }, COMPLAINT_ORIGIN);
    const row = await rowOf(trackingId);
    expect(row).toMatchObject({ status: 'done', stage: 'confirm' });
    // Ten working days: at least two calendar weeks.
    expect((row.stageDueAt as Date).getTime() - BASE.getTime()).toBeGreaterThanOrEqual(13 * DAY);
    await complaints.sweep(at(row.stageDueAt, -1));
    expect((await rowOf(trackingId)).status).toBe('done');
    expect(await complaints.sweep(at(row.stageDueAt))).toMatchObject({ autoClosed: 1 });
    expect(await rowOf(trackingId)).toMatchObject({ status: 'closed', closedBy: 'timeout', stage: null });
    expect(await complaints.sweep(at(row.stageDueAt, DAY))).toMatchObject({ autoClosed: 0 });
    expect(await messagesAbout(trackingId)).toEqual(['complaint.closed → citizen']);
    expect((await complaints.publicView(trackingId))?.timeline.at(-1)).toMatchObject({ kind: 'closed', actorRole: 'system' });
  });

  it('fires each alert once when two nodes sweep the same database at the same moment', async () => {
    const trackingId = await file();
    const row = await rowOf(trackingId);
    const second: DatabaseHandle = openDatabase(database.url, 3, () => {});
    try {
      const otherNode = serviceOn(second.db);
      const late = at(row.stageDueAt, 10 * DAY);
      const results = await Promise.all([complaints.sweep(late), otherNode.sweep(late), complaints.sweep(late), otherNode.sweep(late)]);
      expect(results.reduce((sum, r) => sum + r.breaches, 0)).toBe(1);
      expect(results.reduce((sum, r) => sum + r.escalations, 0)).toBe(1);
      expect(await alertsOf(trackingId)).toEqual(['verify.1:breach', 'verify.1:escalation']);
      expect(await messagesAbout(trackingId)).toEqual(['staff.complaint_breach → desk', 'staff.complaint_escalation → desk']);
      const outbox = await database.db
        .selectFrom('outboxEvent')
        .select('payload')
        .where('aggregateId', '=', row.id)
        .where('topic', '=', 'complaint.sla')
        .execute();
      expect(outbox).toHaveLength(2);
    } finally {
      await second.close();
    }
  });
});

describe('stage clocks', () => {
  it('counts working days from the next midnight, skipping weekends and holidays, and warns at 75%', () => {
    // Filed on Friday 2031-03-07 at 10:00 WIB; Monday 10 March a holiday: three working days are Tue, Wed, Thu.
    const filed = new Date('2031-03-07T03:00:00Z');
    const times = workingStage(filed, 3, { timeZone: 'Asia/Jakarta', holidays: new Set(['2031-03-10']) });
    expect(times.dueAt.toISOString()).toBe('2031-03-13T16:59:59.999Z');
    // 75% of three working days: the end of Tuesday, Wednesday and a quarter of Thursday (06:00 WIB).
    expect(times.warnAt.toISOString()).toBe('2031-03-12T22:59:59.999Z');
    // In WIT the same days end two hours earlier.
    expect(workingStage(filed, 3, { timeZone: 'Asia/Jayapura', holidays: new Set(['2031-03-10']) }).dueAt.toISOString()).toBe('2031-03-13T14:59:59.999Z');
  });

  it('warns a fixed-instant stage at 75% of the time left', () => {
    const from = new Date('2031-01-01T00:00:00Z');
    const times = stageUntil(from, new Date('2031-01-05T00:00:00Z'));
    expect(times.warnAt.toISOString()).toBe('2031-01-04T00:00:00.000Z');
  });
});

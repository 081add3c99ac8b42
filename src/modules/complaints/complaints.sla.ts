import { sql } from 'kysely';
import type { HolidaySource } from '../../platform/calendar/calendar.service.ts';
import { WORKING_DAY_MS } from '../../platform/calendar/paused-clock.ts';
import { dueAt } from '../../platform/calendar/working-days.ts';
import type { Database } from '../../platform/db/database.ts';
import type { TimeZone } from '../../platform/db/schema.ts';
import { publishEvent } from '../../platform/events/outbox.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import type { Notifier } from '../../platform/notify/notify.service.ts';
import type { PersonalData } from '../accounts/personal-data.ts';
import { clockStartOf, stepTimes, WARN_FRACTION } from '../workflow/step-clock.ts';
import type { ComplaintSweepResult } from './complaints.contract.ts';
import type { ComplaintRow, ComplaintsRepository } from './complaints.repository.ts';
import type { ComplaintAlertKind, ComplaintStage } from './complaints.tables.ts';

/**
 * The complaints clock. Each stage keeps its warning instant (75% of its time) and due instant on the
 * report row; the sweep compares them with `now`. Each alert (report, stage entry, kind) is a row of
 * complaint_alert: only the insert that wins its primary key writes the timeline, the outbox and the
 * messages, so sweeps on any number of nodes fire each alert exactly once.
 *
 * - warning: 75% of the stage used — the agency's handlers (the desk for verification);
 * - breach: the stage's due instant — the agency's supervisors (the desk for verification); level 1;
 * - escalation: still unresolved `planWorkingDays` working days after the breach — every complaints
 *   desk account (the national centre); level 2;
 * - auto_close: a response the reporter did not answer within the confirmation window.
 */

export interface StageCalendar {
  timeZone: TimeZone;
  holidays: ReadonlySet<string>;
}

export interface StageTimes {
  warnAt: Date;
  dueAt: Date;
}

/** A stage of `workingDays` working days entered at `enteredAt`: it runs from the next midnight, as applications do. */
export function workingStage(enteredAt: Date, workingDays: number, calendar: StageCalendar): StageTimes {
  const start = clockStartOf(enteredAt, workingDays, calendar.timeZone);
  const times = stepTimes(start, workingDays * WORKING_DAY_MS, calendar);
  return { warnAt: times.warnAt, dueAt: times.dueAt };
}

/** A stage that ends at a fixed instant (resolution, counted in calendar days): warned at 75% of what is left. */
export function stageUntil(enteredAt: Date, due: Date): StageTimes {
  const span = Math.max(0, due.getTime() - enteredAt.getTime());
  return { warnAt: new Date(enteredAt.getTime() + Math.round(span * WARN_FRACTION)), dueAt: due };
}

/** The agency's working calendar (its offices' zone, national holidays and its closures); the national one without an agency. */
export async function stageCalendar(
  calendar: HolidaySource,
  repository: Pick<ComplaintsRepository, 'agencyTimeZone'>,
  agencyId: string | null,
  unitId: string | null,
  trx?: Database,
): Promise<StageCalendar> {
  if (!agencyId) return { timeZone: 'Asia/Jakarta', holidays: await calendar.holidaysFor(null) };
  return { timeZone: await repository.agencyTimeZone(agencyId, trx), holidays: await calendar.holidaysFor(agencyId, unitId) };
}

interface StaffRecipient {
  email: string;
  locale: Locale;
}

export interface SweepDependencies {
  db: Database;
  repository: ComplaintsRepository;
  notifier: Pick<Notifier, 'enqueue'>;
  personalData: Pick<PersonalData, 'sealer'>;
  calendar: HolidaySource;
  publicUrl: string;
  /** Tells the reporter their report was closed, in the sweep's transaction. */
  closedNotice(row: ComplaintRow, trx: Database): Promise<void>;
}

interface Candidate {
  id: string;
  stage: ComplaintStage;
  stageSeq: number;
}

const BATCH = 200;
const CLOCKED_STAGES: readonly ComplaintStage[] = ['verify', 'plan', 'resolve'];

export function createComplaintSweep(deps: SweepDependencies) {
  const { db, repository, notifier, personalData, publicUrl } = deps;

  async function staffContacts(trx: Database, query: 'desk' | { agencyId: string; roles: readonly ('officer' | 'supervisor')[] }): Promise<StaffRecipient[]> {
    let q = trx
      .selectFrom('staffRole as r')
      .innerJoin('account as a', 'a.id', 'r.accountId')
      .select(['a.id', 'a.dataKeyId', 'a.emailEnc', 'a.locale'])
      .distinct()
      .where('a.kind', '=', 'staff')
      .where('a.status', '=', 'active');
    q = query === 'desk' ? q.where('r.role', '=', 'complaints_desk') : q.where('r.role', 'in', [...query.roles]).where('r.agencyId', '=', query.agencyId);
    const rows = await q.orderBy('a.id').execute();
    const result: StaffRecipient[] = [];
    for (const row of rows) {
      if (!row.emailEnc) continue;
      const sealer = await personalData.sealer(row.dataKeyId, row.id, trx);
      result.push({ email: sealer.open('email', row.emailEnc), locale: row.locale });
    }
    return result;
  }

  function recipientsFor(trx: Database, row: ComplaintRow, kind: ComplaintAlertKind): Promise<StaffRecipient[]> {
    if (kind === 'escalation' || !row.agencyId) return staffContacts(trx, 'desk');
    return staffContacts(trx, { agencyId: row.agencyId, roles: kind === 'warning' ? ['officer', 'supervisor'] : ['supervisor'] });
  }

  /** Claims the alert for the locked row; false when another sweep (or an earlier one) already fired it. */
  async function claim(trx: Database, candidate: Candidate, kind: ComplaintAlertKind, now: Date): Promise<boolean> {
    const inserted = await trx
      .insertInto('complaintAlert')
      .values({ complaintId: candidate.id, stage: candidate.stage, stageSeq: candidate.stageSeq, kind, firedAt: now })
      .onConflict((oc) => oc.doNothing())
      .returning('complaintId')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  /**
   * Runs one alert for one report in its own short transaction: locks the row (skipping it when
   * someone else holds it), checks it is still in the same stage entry, claims the alert and acts.
   */
  async function fire(
    candidate: Candidate,
    kind: ComplaintAlertKind,
    now: Date,
    still: (row: ComplaintRow, trx: Database) => boolean | Promise<boolean>,
  ): Promise<boolean> {
    return db.transaction().execute(async (trx) => {
      const locked = await trx.selectFrom('complaint').select('id').where('id', '=', candidate.id).forUpdate().skipLocked().executeTakeFirst();
      if (!locked) return false;
      const row = await repository.byId(candidate.id, trx);
      if (!row || row.stage !== candidate.stage || row.stageSeq !== candidate.stageSeq || !(await still(row, trx))) return false;
      if (!(await claim(trx, candidate, kind, now))) return false;
      await act(trx, row, kind, now);
      return true;
    });
  }

  async function act(trx: Database, row: ComplaintRow, kind: ComplaintAlertKind, now: Date): Promise<void> {
    const stage = row.stage as ComplaintStage;
    if (kind === 'auto_close') {
      await trx
        .updateTable('complaint')
        .set({ status: 'closed', closedAt: now, closedBy: 'timeout', stage: null, stageWarnAt: null, stageDueAt: null, updatedAt: now })
        .where('id', '=', row.id)
        .execute();
      await repository.insertEvent(
        {
          complaintId: row.id,
          agencyId: row.agencyId,
          occurredAt: now,
          kind: 'closed',
          actorRole: 'system',
          visibility: 'public',
          details: { closedBy: 'timeout' },
        },
        trx,
      );
      await publishEvent(trx, { topic: 'complaint.closed', aggregateId: row.id, agencyId: row.agencyId, payload: { closedBy: 'timeout' } });
      await deps.closedNotice(row, trx);
      return;
    }
    if (kind === 'breach') await trx.updateTable('complaint').set({ escalationLevel: sql`greatest(escalation_level, 1)` }).where('id', '=', row.id).execute();
    if (kind === 'escalation') await trx.updateTable('complaint').set({ escalationLevel: 2 }).where('id', '=', row.id).execute();
    const eventKind = kind === 'warning' ? 'sla_warning' : kind === 'breach' ? 'sla_breached' : 'escalated';
    await repository.insertEvent(
      { complaintId: row.id, agencyId: row.agencyId, occurredAt: now, kind: eventKind, actorRole: 'system', visibility: 'internal', details: { stage } },
      trx,
    );
    await publishEvent(trx, { topic: 'complaint.sla', aggregateId: row.id, agencyId: row.agencyId, payload: { kind, stage, stageSeq: row.stageSeq } });
    const trackingId = row.trackingId;
    const link = `${publicUrl}/backoffice/complaints/${trackingId}`;
    for (const recipient of await recipientsFor(trx, row, kind)) {
      const base = { channel: 'email' as const, recipient: recipient.email, locale: recipient.locale };
      if (kind === 'warning')
        await notifier.enqueue({ ...base, kind: 'staff.complaint_warning', params: { trackingId, dueAt: (row.stageDueAt ?? now).toISOString(), link } }, trx);
      else if (kind === 'breach') await notifier.enqueue({ ...base, kind: 'staff.complaint_breach', params: { trackingId, link } }, trx);
      else await notifier.enqueue({ ...base, kind: 'staff.complaint_escalation', params: { trackingId, link } }, trx);
    }
  }

  function candidates(kind: ComplaintAlertKind, now: Date, afterId: string) {
    let query = db
      .selectFrom('complaint as c')
      .select(['c.id', 'c.stage', 'c.stageSeq'])
      .where('c.stage', 'is not', null)
      .where('c.id', '>', afterId)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('complaintAlert as s')
              .select('s.kind')
              .whereRef('s.complaintId', '=', 'c.id')
              .whereRef('s.stage', '=', 'c.stage')
              .whereRef('s.stageSeq', '=', 'c.stageSeq')
              .where('s.kind', '=', kind),
          ),
        ),
      );
    if (kind === 'auto_close') query = query.where('c.stage', '=', 'confirm').where('c.status', '=', 'done').where('c.stageDueAt', '<=', now);
    else {
      query = query.where('c.stage', 'in', [...CLOCKED_STAGES]).where('c.status', '<>', 'postponed');
      if (kind === 'warning') query = query.where('c.stageWarnAt', '<=', now).where('c.stageDueAt', '>', now);
      else query = query.where('c.stageDueAt', '<=', now);
      if (kind === 'escalation') query = query.where('c.escalationLevel', '=', 1);
    }
    return query.orderBy('c.id').limit(BATCH).execute() as Promise<Candidate[]>;
  }

  async function run(kind: ComplaintAlertKind, now: Date, still: (row: ComplaintRow, trx: Database) => boolean | Promise<boolean>): Promise<number> {
    let fired = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const batch = await candidates(kind, now, after);
      for (const candidate of batch) if (await fire(candidate, kind, now, still)) fired += 1;
      if (batch.length < BATCH) return fired;
      after = batch[batch.length - 1]?.id ?? after;
    }
  }

  /** When a breached stage escalates: `planWorkingDays` working days after its due instant, in its calendar. */
  async function escalationDue(row: ComplaintRow, now: Date, trx: Database): Promise<boolean> {
    if (!row.stageDueAt) return false;
    // In the sweep's transaction: a second connection per locked row could exhaust a small pool.
    const category = await repository.category(row.categoryCode, trx);
    const calendar = await stageCalendar(deps.calendar, repository, row.agencyId, row.unitId, trx);
    return dueAt(row.stageDueAt, category?.planWorkingDays ?? 5, calendar) <= now;
  }

  return {
    async sweep(now: Date): Promise<ComplaintSweepResult> {
      // Breaches before warnings: a stage already past due gets its breach only.
      const autoClosed = await run('auto_close', now, (row) => row.status === 'done' && row.stageDueAt !== null && row.stageDueAt <= now);
      const breaches = await run('breach', now, (row) => row.status !== 'postponed' && row.stageDueAt !== null && row.stageDueAt <= now);
      const warnings = await run('warning', now, async (row) => {
        if (row.status === 'postponed' || !row.stageWarnAt || !row.stageDueAt || row.stageWarnAt > now || row.stageDueAt <= now) return false;
        return true;
      });
      const escalations = await run('escalation', now, (row, trx) => row.status !== 'postponed' && row.escalationLevel === 1 && escalationDue(row, now, trx));
      return { warnings, breaches, escalations, autoClosed };
    },
  };
}

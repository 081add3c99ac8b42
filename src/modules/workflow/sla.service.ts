import { sql } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import { publishEvent } from '../../platform/events/outbox.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import type { Notifier } from '../../platform/notify/notify.service.ts';
import type { PersonalData } from '../accounts/personal-data.ts';
import type { SlaAlertKind } from './workflow.tables.ts';

/**
 * The SLA clock's alarms. The workflow engine keeps each step's warning instant (75% of its time) and
 * due instant on the application row, already moved later by the time spent waiting for the applicant;
 * the sweep only compares them with `now`. Each alert (application, step entry, kind) is a row of
 * sla_alert: the insert that wins the primary key is the only one that flags, writes the timeline and
 * notifies, so sweeps on any number of nodes at once fire each alert exactly once.
 */

export interface SlaSweepResult {
  warnings: number;
  breaches: number;
  escalations: number;
}

export interface SlaService {
  /** Fires every alert due at `now` that has not fired yet. Safe to run concurrently on several nodes. */
  sweep(now?: Date): Promise<SlaSweepResult>;
}

/** One alert this sweep fired, with what its messages need. */
interface FiredAlert {
  id: string;
  agencyId: string;
  trackingNumber: string;
  stepSeq: number;
  stepDueAt: Date | null;
  assigneeId: string | null;
  queueUnitCode: string | null;
  kind: SlaAlertKind;
}

interface StaffRecipient {
  accountId: string;
  email: string;
  locale: Locale;
}

/** Alerts per statement: a long backlog (after an outage) is worked through in bounded transactions. */
const BATCH = 200;

export function createSlaService(deps: {
  db: Database;
  notifier: Pick<Notifier, 'enqueue'>;
  personalData: Pick<PersonalData, 'sealer'>;
  /** Loket's public address (config.publicUrl, no trailing slash): the back-office link in each message. */
  publicUrl: string;
  /** The clock used when sweep is called without one (tests pass their own instants). */
  now?: () => Date;
}): SlaService {
  const { db, notifier, personalData, publicUrl } = deps;
  const clock = deps.now ?? (() => new Date());

  /**
   * Warnings and breaches of the current step. A step already past due gets its breach only: a warning
   * then would say less, later. Rows locked by another sweep (or by an officer's action) are skipped:
   * whoever holds them handles them now, or the next sweep does.
   */
  async function fireStepAlerts(trx: Database, now: Date): Promise<FiredAlert[]> {
    const { rows } = await sql<FiredAlert>`
      with candidate as (
        select a.id, a.agency_id, a.step_seq,
          case when a.step_due_at <= ${now}::timestamptz then 'breach' else 'warning' end as kind
        from application a
        where a.step_id is not null
          and a.status <> 'information_requested'
          and (a.step_warn_at <= ${now}::timestamptz or a.step_due_at <= ${now}::timestamptz)
          and not exists (
            select 1 from sla_alert s
            where s.application_id = a.id and s.step_seq = a.step_seq
              and s.kind = case when a.step_due_at <= ${now}::timestamptz then 'breach' else 'warning' end
          )
        order by a.step_warn_at
        limit ${BATCH}
        for update of a skip locked
      ),
      fired as (
        insert into sla_alert (application_id, agency_id, step_seq, kind, fired_at)
        select id, agency_id, step_seq, kind, ${now}::timestamptz from candidate
        on conflict do nothing
        returning application_id, step_seq, kind
      ),
      flagged as (
        update application a
        set sla_state = case when f.kind = 'breach' then 'breached' else 'warned' end,
          breach_count = a.breach_count + case when f.kind = 'breach' then 1 else 0 end
        from fired f
        where a.id = f.application_id and a.step_seq = f.step_seq
        returning a.id, a.agency_id, a.tracking_number, a.step_seq, a.step_due_at, a.assignee_id, a.queue_unit_code, f.kind
      ),
      timeline as (
        insert into application_event (application_id, agency_id, occurred_at, kind, actor_role)
        select id, agency_id, ${now}::timestamptz, case kind when 'breach' then 'sla_breached' else 'sla_warning' end, 'system'
        from flagged
      )
      select * from flagged`.execute(trx);
    return rows;
  }

  /**
   * Repeated breach: a second step breached, or the application's own time limit passed while a step
   * is breached. Runs after fireStepAlerts in the same transaction, so it sees the breaches just counted.
   */
  async function fireEscalations(trx: Database, now: Date): Promise<FiredAlert[]> {
    const { rows } = await sql<FiredAlert>`
      with candidate as (
        select a.id, a.agency_id, a.step_seq
        from application a
        where a.step_id is not null
          and a.status <> 'information_requested'
          and a.sla_state = 'breached'
          and a.escalated_at is null
          and (a.breach_count >= 2 or a.due_at <= ${now}::timestamptz)
          and not exists (select 1 from sla_alert s where s.application_id = a.id and s.step_seq = a.step_seq and s.kind = 'escalation')
        order by a.due_at
        limit ${BATCH}
        for update of a skip locked
      ),
      fired as (
        insert into sla_alert (application_id, agency_id, step_seq, kind, fired_at)
        select id, agency_id, step_seq, 'escalation', ${now}::timestamptz from candidate
        on conflict do nothing
        returning application_id, step_seq
      ),
      flagged as (
        update application a
        set escalated_at = ${now}::timestamptz
        from fired f
        where a.id = f.application_id
        returning a.id, a.agency_id, a.tracking_number, a.step_seq, a.step_due_at, a.assignee_id, a.queue_unit_code, 'escalation' as kind
      ),
      timeline as (
        insert into application_event (application_id, agency_id, occurred_at, kind, actor_role)
        select id, agency_id, ${now}::timestamptz, 'escalated', 'system' from flagged
      )
      select * from flagged`.execute(trx);
    return rows;
  }

  /** The active supervisors of the agency: only those of the whole agency, or those over one unit (all units when null). */
  async function supervisors(trx: Database, agencyId: string, scope: { unitCode: string | null } | 'agency_wide'): Promise<StaffRecipient[]> {
    let query = trx
      .selectFrom('staffRole as r')
      .innerJoin('account as a', 'a.id', 'r.accountId')
      .select(['a.id', 'a.dataKeyId', 'a.emailEnc', 'a.locale'])
      .distinct()
      .where('r.role', '=', 'supervisor')
      .where('r.agencyId', '=', agencyId)
      .where('a.kind', '=', 'staff')
      .where('a.status', '=', 'active');
    if (scope === 'agency_wide') query = query.where('r.unitId', 'is', null);
    else if (scope.unitCode !== null) {
      const unitCode = scope.unitCode;
      // A supervisor of the whole agency oversees every unit.
      query = query.where((eb) =>
        eb.or([
          eb('r.unitId', 'is', null),
          eb('r.unitId', 'in', eb.selectFrom('agencyUnit as u').select('u.id').where('u.agencyId', '=', agencyId).where('u.code', '=', unitCode)),
        ]),
      );
    }
    return contacts(trx, await query.execute());
  }

  async function account(trx: Database, accountId: string): Promise<StaffRecipient[]> {
    const rows = await trx
      .selectFrom('account as a')
      .select(['a.id', 'a.dataKeyId', 'a.emailEnc', 'a.locale'])
      .where('a.id', '=', accountId)
      .where('a.kind', '=', 'staff')
      .where('a.status', '=', 'active')
      .execute();
    return contacts(trx, rows);
  }

  /** Staff sign in with their e-mail, so every staff account has one; an account without one is skipped. */
  async function contacts(trx: Database, rows: { id: string; dataKeyId: string; emailEnc: string | null; locale: Locale }[]): Promise<StaffRecipient[]> {
    const result: StaffRecipient[] = [];
    for (const row of rows) {
      if (!row.emailEnc) continue;
      const sealer = await personalData.sealer(row.dataKeyId, row.id, trx);
      result.push({ accountId: row.id, email: sealer.open('email', row.emailEnc), locale: row.locale });
    }
    return result;
  }

  /**
   * Warning: the assignee (the unit's supervisors while nobody has claimed it). Breach: the supervisors
   * of the unit and of the whole agency. Escalation: the agency head's queue, the agency-wide
   * supervisors (the unit's, when the agency has none).
   */
  async function recipientsOf(trx: Database, alert: FiredAlert): Promise<StaffRecipient[]> {
    const unit = { unitCode: alert.queueUnitCode };
    if (alert.kind === 'warning') {
      const assignee = alert.assigneeId ? await account(trx, alert.assigneeId) : [];
      return assignee.length > 0 ? assignee : supervisors(trx, alert.agencyId, unit);
    }
    if (alert.kind === 'breach') return supervisors(trx, alert.agencyId, unit);
    const heads = await supervisors(trx, alert.agencyId, 'agency_wide');
    return heads.length > 0 ? heads : supervisors(trx, alert.agencyId, unit);
  }

  /** The outbox event and the staff messages of one fired alert, in the sweep's transaction. */
  async function announce(trx: Database, alert: FiredAlert, now: Date): Promise<void> {
    await publishEvent(trx, {
      topic: 'application.sla',
      aggregateId: alert.id,
      agencyId: alert.agencyId,
      payload: { kind: alert.kind, stepSeq: alert.stepSeq },
    });
    const trackingNumber = alert.trackingNumber;
    const link = `${publicUrl}/backoffice/applications/${trackingNumber}`;
    for (const recipient of await recipientsOf(trx, alert)) {
      const base = { channel: 'email' as const, recipient: recipient.email, locale: recipient.locale };
      if (alert.kind === 'warning')
        await notifier.enqueue({ ...base, kind: 'staff.sla_warning', params: { trackingNumber, dueAt: (alert.stepDueAt ?? now).toISOString(), link } }, trx);
      else if (alert.kind === 'breach') await notifier.enqueue({ ...base, kind: 'staff.sla_breach', params: { trackingNumber, link } }, trx);
      else await notifier.enqueue({ ...base, kind: 'staff.sla_escalation', params: { trackingNumber, link } }, trx);
    }
  }

  return {
    async sweep(now = clock()) {
      const total: SlaSweepResult = { warnings: 0, breaches: 0, escalations: 0 };
      for (;;) {
        const { stepAlerts, escalations } = await db.transaction().execute(async (trx) => {
          const batch = { stepAlerts: await fireStepAlerts(trx, now), escalations: await fireEscalations(trx, now) };
          for (const alert of [...batch.stepAlerts, ...batch.escalations]) await announce(trx, alert, now);
          return batch;
        });
        for (const alert of [...stepAlerts, ...escalations]) {
          if (alert.kind === 'warning') total.warnings += 1;
          else if (alert.kind === 'breach') total.breaches += 1;
          else total.escalations += 1;
        }
        // A full batch may have left more behind; anything skipped as locked waits for the next sweep.
        if (stepAlerts.length < BATCH && escalations.length < BATCH) return total;
      }
    },
  };
}

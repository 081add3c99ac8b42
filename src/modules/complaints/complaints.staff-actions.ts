import type { Updateable } from 'kysely';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import type { Database } from '../../platform/db/database.ts';
import { publishEvent } from '../../platform/events/outbox.ts';
import type { RequestOrigin } from '../../platform/http/request-input.ts';
import { type ComplaintsContext, DAY_MS, noStage, type ReporterNotice, refuse, type StaffStanding, staffAuditActor, standing } from './complaints.context.ts';
import type { ComplaintResult, ComplaintsService, StaffAction } from './complaints.contract.ts';
import { staffActions } from './complaints.read-models.ts';
import type { ComplaintRow, NewEvent } from './complaints.repository.ts';
import { stageUntil, workingStage } from './complaints.sla.ts';
import { ARCHIVE_REASONS, type ComplaintStatus, type ComplaintTable } from './complaints.tables.ts';
import { checkMessage } from './complaints.validation.ts';

/** What the complaints desk and the handling agency do to a report, each with its event, audit entry, outbox event and notice. */
export function createStaffActions(ctx: ComplaintsContext): Pick<ComplaintsService, 'act'> {
  const { db, audit, clock, repository, calendarFor, tellReporter } = ctx;

  interface ActContext {
    trx: Database;
    row: ComplaintRow;
    now: Date;
    actor: SignedInActor;
    s: StaffStanding;
    origin: RequestOrigin;
  }

  /** One action's timeline event, outbox event, notice to the reporter and audit entry (last: it holds the chain's lock until commit). */
  async function record(
    ctx: ActContext,
    change: {
      event?: Omit<NewEvent, 'complaintId' | 'occurredAt' | 'actorRole' | 'actorAccountId' | 'actorAgencyId' | 'agencyId'> & { agencyId?: string | null };
      action: string;
      details?: Record<string, string | number | boolean | null>;
      notice?: ReporterNotice;
      agencyId?: string | null;
    },
  ): Promise<void> {
    const { trx, row, now, actor, s } = ctx;
    const agencyId = change.agencyId === undefined ? row.agencyId : change.agencyId;
    const actorRole = s.handler ? 'agency' : 'complaints_desk';
    if (change.event) {
      await repository.insertEvent(
        {
          ...change.event,
          complaintId: row.id,
          agencyId: change.event.agencyId === undefined ? agencyId : change.event.agencyId,
          occurredAt: now,
          actorRole,
          actorAccountId: actor.accountId,
          actorAgencyId: s.handler ? row.agencyId : null,
        },
        trx,
      );
    }
    await publishEvent(trx, { topic: `complaint.${change.action}`, aggregateId: row.id, agencyId, payload: change.details ?? {} });
    if (change.notice) {
      const fresh = await repository.byId(row.id, trx);
      if (fresh) await tellReporter(fresh, change.notice, trx);
    }
    await audit.record(
      {
        actor: staffAuditActor(actor, s, row.agencyId),
        action: `complaint.${change.action}`,
        subject: { type: 'complaint', id: row.id },
        ip: ctx.origin.ip,
        requestId: ctx.origin.requestId,
        details: change.details ?? {},
      },
      trx,
    );
  }

  const update = (ctx: ActContext, values: Updateable<ComplaintTable>) => repository.update(ctx.row.id, { ...values, updatedAt: ctx.now }, ctx.trx);

  async function staffAct(ctx: ActContext, given: StaffAction): Promise<ComplaintResult> {
    const { row, now, s, trx } = ctx;
    // Privacy flags from a form or an API: anything but an explicit false keeps the protection.
    const action: StaffAction =
      given.type === 'forward' || given.type === 'set_flags'
        ? { ...given, isSecret: given.isSecret !== false, isAnonymous: given.isAnonymous !== false }
        : given;
    const allowed = staffActions(row, s);
    if (!allowed.includes(action.type)) return refuse('not_allowed_now');
    switch (action.type) {
      case 'forward': {
        const agency = await repository.agencyById(action.agencyId, trx);
        if (!agency) return refuse('unknown_agency');
        const unitId = action.unitId ?? null;
        if (unitId && !(await repository.unitOf(agency.id, unitId, trx))) return refuse('unknown_unit');
        const message = action.message?.trim() ? checkMessage(action.message) : undefined;
        if (message && !message.ok) return refuse(message.reason);
        const category = await repository.category(row.categoryCode, trx);
        const plan = workingStage(now, category?.planWorkingDays ?? 5, await calendarFor(agency.id, unitId, trx));
        const resolveDueAt = new Date(now.getTime() + (category?.resolveDays ?? 60) * DAY_MS);
        await update(ctx, {
          status: 'not_followed_up',
          agencyId: agency.id,
          unitId,
          isSecret: action.isSecret,
          isAnonymous: action.isAnonymous,
          verifiedAt: now,
          forwardedAt: now,
          stage: 'plan',
          stageSeq: row.stageSeq + 1,
          stageWarnAt: plan.warnAt,
          stageDueAt: plan.dueAt,
          resolveDueAt,
          escalationLevel: 0,
        });
        if (message?.ok) {
          await repository.insertEvent(
            {
              complaintId: row.id,
              agencyId: agency.id,
              occurredAt: now,
              kind: 'note',
              actorRole: 'complaints_desk',
              actorAccountId: ctx.actor.accountId,
              visibility: 'internal',
              message: message.message,
            },
            trx,
          );
        }
        await record(ctx, {
          agencyId: agency.id,
          event: { kind: 'forwarded', visibility: 'public', details: { agencyCode: agency.code, unitId } },
          action: 'forwarded',
          details: { agencyId: agency.id, unitId, confidential: action.isSecret, anonymous: action.isAnonymous },
          notice: 'complaint.forwarded',
        });
        return { ok: true };
      }
      case 'archive': {
        if (!ARCHIVE_REASONS.includes(action.reason)) return refuse('not_allowed_now');
        const message = checkMessage(action.message);
        if (!message.ok) return refuse(message.reason);
        await update(ctx, { status: 'archived', archiveReason: action.reason, verifiedAt: now, closedAt: now, closedBy: 'desk', ...noStage });
        await record(ctx, {
          event: { kind: 'archived', visibility: 'public', message: message.message, details: { reason: action.reason } },
          action: 'archived',
          details: { reason: action.reason },
          notice: 'complaint.archived',
        });
        return { ok: true };
      }
      case 'merge': {
        const target = await repository.lockByTrackingId(action.intoTrackingId.trim().toUpperCase(), trx);
        if (!target || target.mergedIntoId !== null || target.status === 'archived') return refuse('unknown_report');
        if (target.id === row.id) return refuse('merge_into_self');
        await update(ctx, {
          status: 'archived',
          archiveReason: 'duplicate',
          mergedIntoId: target.id,
          verifiedAt: now,
          closedAt: now,
          closedBy: 'desk',
          ...noStage,
        });
        await repository.addReporter(target.id, now, trx);
        await repository.insertEvent(
          {
            complaintId: target.id,
            agencyId: target.agencyId,
            occurredAt: now,
            kind: 'merged_from',
            actorRole: 'complaints_desk',
            actorAccountId: ctx.actor.accountId,
            visibility: 'internal',
            details: { from: row.trackingId },
          },
          trx,
        );
        await record(ctx, {
          event: { kind: 'merged', visibility: 'public', details: { reason: 'duplicate', into: target.trackingId } },
          action: 'merged',
          details: { intoId: target.id },
          notice: 'complaint.archived',
        });
        return { ok: true };
      }
      case 'set_flags': {
        // Agency staff may only protect the reporter more, never less.
        if (!s.desk && ((row.isSecret && !action.isSecret) || (row.isAnonymous && !action.isAnonymous))) return refuse('not_allowed_now');
        await update(ctx, { isSecret: action.isSecret, isAnonymous: action.isAnonymous });
        await record(ctx, {
          event: { kind: 'flags_changed', visibility: 'reporter', details: { isSecret: action.isSecret, isAnonymous: action.isAnonymous } },
          action: 'flags_changed',
          details: { confidential: action.isSecret, anonymous: action.isAnonymous },
        });
        return { ok: true };
      }
      case 'plan': {
        const message = checkMessage(action.message);
        if (!message.ok) return refuse(message.reason);
        const resolveDue = row.resolveDueAt ?? new Date(now.getTime() + 60 * DAY_MS);
        const times = stageUntil(now, resolveDue);
        await update(ctx, {
          status: 'in_process',
          followedUpAt: now,
          stage: 'resolve',
          stageSeq: row.stageSeq + 1,
          stageWarnAt: times.warnAt,
          stageDueAt: times.dueAt,
          escalationLevel: 0,
        });
        await record(ctx, { event: { kind: 'plan', visibility: 'public', message: message.message }, action: 'planned', details: { status: 'in_process' } });
        return { ok: true };
      }
      case 'message': {
        const message = checkMessage(action.message);
        if (!message.ok) return refuse(message.reason);
        const kind = action.requestInformation ? 'information_requested' : 'message';
        await update(ctx, {});
        await record(ctx, {
          event: { kind, visibility: action.requestInformation ? 'reporter' : 'public', message: message.message },
          action: action.requestInformation ? 'information_requested' : 'messaged',
          details: { requestInformation: action.requestInformation },
          ...(action.requestInformation ? { notice: 'complaint.information_requested' as const } : {}),
        });
        return { ok: true };
      }
      case 'respond': {
        const message = checkMessage(action.message);
        if (!message.ok) return refuse(message.reason);
        const category = await repository.category(row.categoryCode, trx);
        const confirm = workingStage(now, category?.autoCloseWorkingDays ?? 10, await calendarFor(row.agencyId, row.unitId, trx));
        await update(ctx, {
          status: 'done',
          respondedAt: now,
          stage: 'confirm',
          stageSeq: row.stageSeq + 1,
          // The confirmation window has no warning: the sweep closes the report at its end.
          stageWarnAt: confirm.dueAt,
          stageDueAt: confirm.dueAt,
          escalationLevel: 0,
        });
        await record(ctx, {
          event: { kind: 'responded', visibility: 'public', message: message.message },
          action: 'responded',
          details: { status: 'done' },
          notice: 'complaint.responded',
        });
        return { ok: true };
      }
      case 'postpone': {
        const message = checkMessage(action.reason);
        if (!message.ok) return refuse(message.reason);
        await update(ctx, { status: 'postponed' });
        await record(ctx, {
          event: { kind: 'postponed', visibility: 'public', message: message.message, details: { from: row.status } },
          action: 'postponed',
          details: { from: row.status },
        });
        return { ok: true };
      }
      case 'resume': {
        // The clock stood still while postponed: the stage's instants move later by the time it waited.
        const last = await repository.lastPostponement(row.id, trx);
        const waited = last ? Math.max(0, now.getTime() - last.at.getTime()) : 0;
        const status: ComplaintStatus = last?.from === 'not_followed_up' || row.stage === 'plan' ? 'not_followed_up' : 'in_process';
        const shift = (d: Date | null) => (d ? new Date(d.getTime() + waited) : null);
        await update(ctx, {
          status,
          stageWarnAt: shift(row.stageWarnAt),
          stageDueAt: shift(row.stageDueAt),
          resolveDueAt: shift(row.resolveDueAt),
        });
        await record(ctx, { event: { kind: 'resumed', visibility: 'public', details: { status } }, action: 'resumed', details: { status } });
        return { ok: true };
      }
      case 'reroute': {
        const message = checkMessage(action.message);
        if (!message.ok) return refuse(message.reason);
        const agency = await repository.agencyById(action.agencyId, trx);
        if (!agency) return refuse('unknown_agency');
        const unitId = action.unitId ?? null;
        if (unitId && !(await repository.unitOf(agency.id, unitId, trx))) return refuse('unknown_unit');
        // The history and the resolution deadline go along; a plan not yet made restarts at the new agency.
        const values: Updateable<ComplaintTable> = { agencyId: agency.id, unitId };
        if (row.status === 'not_followed_up') {
          const category = await repository.category(row.categoryCode, trx);
          const plan = workingStage(now, category?.planWorkingDays ?? 5, await calendarFor(agency.id, unitId, trx));
          Object.assign(values, { stage: 'plan', stageSeq: row.stageSeq + 1, stageWarnAt: plan.warnAt, stageDueAt: plan.dueAt, escalationLevel: 0 });
        }
        await update(ctx, values);
        await repository.insertEvent(
          {
            complaintId: row.id,
            agencyId: agency.id,
            occurredAt: now,
            kind: 'note',
            actorRole: s.handler ? 'agency' : 'complaints_desk',
            actorAgencyId: s.handler ? row.agencyId : null,
            actorAccountId: ctx.actor.accountId,
            visibility: 'internal',
            message: message.message,
          },
          trx,
        );
        await record(ctx, {
          agencyId: agency.id,
          event: { kind: 'rerouted', visibility: 'public', details: { fromAgencyId: row.agencyId, toAgencyCode: agency.code } },
          action: 'rerouted',
          details: { fromAgencyId: row.agencyId, toAgencyId: agency.id },
        });
        return { ok: true };
      }
      case 'note': {
        const message = checkMessage(action.message);
        if (!message.ok) return refuse(message.reason);
        await record(ctx, { event: { kind: 'note', visibility: 'internal', message: message.message }, action: 'noted' });
        return { ok: true };
      }
    }
  }

  return {
    async act(actor, trackingId, action, origin) {
      return db.transaction().execute(async (trx) => {
        const row = await repository.lockByTrackingId(trackingId.trim().toUpperCase(), trx);
        if (!row) return refuse('not_found');
        const s = standing(actor, row);
        if (!s) return refuse('not_found');
        return staffAct({ trx, row, now: clock(), actor, s, origin }, action);
      });
    },
  };
}

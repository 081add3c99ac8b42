import type { Database } from '../../platform/db/database.ts';
import { publishEvent } from '../../platform/events/outbox.ts';
import type { RequestOrigin } from '../../platform/http/request-input.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import { type ComplaintsContext, noStage, RejectedFiles, refuse } from './complaints.context.ts';
import type { ComplaintResult, ComplaintsService, ReporterAccess, ReporterAction } from './complaints.contract.ts';
import { reporterActions } from './complaints.read-models.ts';
import type { ComplaintRow } from './complaints.repository.ts';
import { stageUntil, workingStage } from './complaints.sla.ts';
import type { ComplaintEventVisibility } from './complaints.tables.ts';
import { checkMessage } from './complaints.validation.ts';

/** What the reporter does to their own report: reply, accept, reject once, rate. */
export function createReporterActions(ctx: ComplaintsContext): Pick<ComplaintsService, 'reporterAct'> {
  const { db, audit, clock, repository, files, calendarFor, ownRow, closed } = ctx;

  async function reporterChange(
    trx: Database,
    row: ComplaintRow,
    access: ReporterAccess,
    origin: RequestOrigin,
    now: Date,
    change: {
      event: { kind: string; visibility: ComplaintEventVisibility; message?: string; details?: Record<string, string | number | boolean | null> };
      action: string;
    },
  ): Promise<number> {
    const eventId = await repository.insertEvent(
      {
        complaintId: row.id,
        agencyId: row.agencyId,
        occurredAt: now,
        actorRole: 'reporter',
        actorAccountId: access.kind === 'account' ? access.accountId : null,
        ...change.event,
      },
      trx,
    );
    await publishEvent(trx, { topic: `complaint.${change.action}`, aggregateId: row.id, agencyId: row.agencyId, payload: change.event.details ?? {} });
    await audit.record(
      {
        actor:
          access.kind === 'account' ? { accountId: access.accountId, role: 'citizen', agencyId: null } : { accountId: null, role: 'anonymous', agencyId: null },
        action: `complaint.${change.action}`,
        subject: { type: 'complaint', id: row.id },
        ip: origin.ip,
        requestId: origin.requestId,
        details: change.event.details ?? {},
      },
      trx,
    );
    return eventId;
  }

  async function reporterActIn(access: ReporterAccess, trackingId: string, action: ReporterAction, origin: RequestOrigin): Promise<ComplaintResult> {
    return db.transaction().execute(async (trx) => {
      const found = await ownRow(access, trackingId, trx);
      if (!found) return refuse('not_found');
      const row = await repository.lockByTrackingId(found.trackingId, trx);
      if (!row) return refuse('not_found');
      const now = clock();
      const events = await repository.events(row.id, ['public', 'reporter'], trx);
      const can = reporterActions(row, events);
      switch (action.type) {
        case 'reply': {
          if (!can.canReply) return refuse('not_allowed_now');
          const message = checkMessage(action.message);
          if (!message.ok) return refuse(message.reason);
          const fileIds = [...new Set(action.fileIds ?? [])];
          if (fileIds.length > 0 && access.kind !== 'account') return refuse('not_allowed_now');
          const eventId = await reporterChange(trx, row, access, origin, now, {
            event: { kind: 'reporter_reply', visibility: 'reporter', message: message.message, details: { attachments: fileIds.length } },
            action: 'reporter_replied',
          });
          if (access.kind === 'account') {
            for (const fileId of fileIds) {
              if (!isUuid(fileId) || !(await files.attach(fileId, { ownerAccountId: access.accountId, uploadedBy: access.accountId }, trx)))
                throw new RejectedFiles();
              await repository.attach({ complaintId: row.id, fileId, eventId, addedAt: now }, trx);
            }
          }
          await repository.update(row.id, { updatedAt: now }, trx);
          return { ok: true };
        }
        case 'accept': {
          if (!can.canAccept) return refuse('not_allowed_now');
          await repository.update(row.id, { status: 'closed', closedAt: now, closedBy: 'reporter', ...noStage, updatedAt: now }, trx);
          await reporterChange(trx, row, access, origin, now, {
            event: { kind: 'accepted', visibility: 'public', details: { closedBy: 'reporter' } },
            action: 'accepted',
          });
          await closed(row, trx);
          return { ok: true };
        }
        case 'reject': {
          if (row.status !== 'done') return refuse('not_allowed_now');
          if (row.reopened) return refuse('already_rejected');
          const message = checkMessage(action.reason);
          if (!message.ok) return refuse(message.reason);
          // Reopened: the agency resolves again, by the original deadline if it is still ahead, else within a new plan period.
          const category = await repository.category(row.categoryCode, trx);
          const due =
            row.resolveDueAt && row.resolveDueAt > now
              ? stageUntil(now, row.resolveDueAt)
              : workingStage(now, category?.planWorkingDays ?? 5, await calendarFor(row.agencyId, row.unitId, trx));
          await repository.update(
            row.id,
            {
              status: 'in_process',
              reopened: true,
              respondedAt: null,
              stage: 'resolve',
              stageSeq: row.stageSeq + 1,
              stageWarnAt: due.warnAt,
              stageDueAt: due.dueAt,
              escalationLevel: 0,
              updatedAt: now,
            },
            trx,
          );
          await reporterChange(trx, row, access, origin, now, {
            event: { kind: 'rejected', visibility: 'public', message: message.message },
            action: 'rejected',
          });
          return { ok: true };
        }
        case 'rate': {
          if (!Number.isInteger(action.rating) || action.rating < 1 || action.rating > 5) return refuse('invalid_rating');
          if (row.rating !== null) return refuse('already_rated');
          if (!can.canRate) return refuse('not_allowed_now');
          await repository.update(row.id, { rating: action.rating, ratedAt: now, updatedAt: now }, trx);
          await reporterChange(trx, row, access, origin, now, {
            event: { kind: 'rated', visibility: 'public', details: { rating: action.rating } },
            action: 'rated',
          });
          return { ok: true };
        }
      }
      return refuse('not_allowed_now');
    });
  }

  return {
    async reporterAct(access, trackingId, action: ReporterAction, origin) {
      try {
        return await reporterActIn(access, trackingId, action, origin);
      } catch (error) {
        // A file that is not theirs: nothing was saved.
        if (error instanceof RejectedFiles) return refuse('not_allowed_now');
        throw error;
      }
    },
  };
}

import type { AuditAction, AuditActor } from '../../platform/audit/audit.input.ts';
import type { AuditLog } from '../../platform/audit/audit.service.ts';
import type { SignedInActor, StaffGrant } from '../../platform/auth/actor.ts';
import { roleHasPermission } from '../../platform/auth/permissions.ts';
import type { HolidaySource } from '../../platform/calendar/calendar.service.ts';
import { dueAtWithPauses } from '../../platform/calendar/paused-clock.ts';
import type { CalendarOptions } from '../../platform/calendar/working-days.ts';
import type { DataKeyStore } from '../../platform/crypto/data-keys.ts';
import { encryptField } from '../../platform/crypto/envelope.ts';
import type { Database } from '../../platform/db/database.ts';
import { publishEvent } from '../../platform/events/outbox.ts';
import type { RequestOrigin } from '../../platform/http/request-input.ts';
import type { AccountsRepository } from '../accounts/accounts.repository.ts';
import type { PersonalData } from '../accounts/personal-data.ts';
import { type ApplicantNotices, createApplicantMessages } from '../applications/applicant-contact.ts';
import { answersContext, messageContext, openJson } from '../applications/application-records.ts';
import type { ApplicationRow } from '../applications/applications.repository.ts';
import type { ApplicationStatus } from '../applications/applications.tables.ts';
import { parseTrackingNumber } from '../applications/tracking-number.ts';
import { clockForStep, clockStartOf, shiftedByPause } from './step-clock.ts';
import {
  type ApplicationFacts,
  allowedActions,
  decideTransition,
  initialState,
  type NextState,
  type RefusalReason,
  type TransitionContext,
  type WorkflowEvent,
  type WorkflowState,
} from './transitions.ts';
import type { StaffWorkflowAction, WorkflowHooks, WorkflowService, WorkRefusal, WorkResult } from './workflow.contract.ts';
import { workflowOf } from './workflow.defaults.ts';
import type { WorkflowDefinition, WorkflowRole } from './workflow.schema.ts';
import { roleAtUnit, type UnitGrant } from './workqueue.repository.ts';

export { allowedActions };

export interface WorkflowDependencies {
  db: Database;
  dataKeys: DataKeyStore;
  audit: AuditLog;
  calendar: HolidaySource;
  /** For the applicant's notifications (their verified contact, in their language). */
  accountsRepository: AccountsRepository;
  personalData: PersonalData;
  notices: ApplicantNotices;
  hooks: WorkflowHooks;
  now?: () => Date;
}

export const MAX_NOTE_LENGTH = 4000;
/** Requests for information and reasons for rejection, as the applications module caps the applicant's messages. */
export const MAX_MESSAGE_LENGTH = 2000;
export const noteContext = (noteId: string | number) => `application.note:${noteId}`;

const CLOSED: ReadonlySet<ApplicationStatus> = new Set(['rejected', 'issued', 'withdrawn']);
const AUDIT_NAMES: Record<StaffWorkflowAction['type'], string> = {
  advance: 'advanced',
  request_information: 'information_requested',
  forward: 'forwarded',
  reject: 'rejected',
  approve: 'approved',
  issue: 'issued',
};

/** What the actor may do at the application's agency under application.work, for the item at hand. */
interface WorkScope {
  /** Each grant counts for its own unit only (roleAtUnit). */
  grants: readonly UnitGrant[];
  /** The role for the item's queue unit; where no grant covers it, the highest held at the agency (for the records). */
  role: 'officer' | 'supervisor';
  /** Whether a grant covers the item's queue unit. */
  covers: boolean;
}

/** The parts of a service version the engine reads. */
interface VersionFacts {
  timeLimitWorkingDays: number;
  costAmount: number;
  workflow: unknown;
  /** The service's own agency: while another holds the application, the workflow's unit codes do not apply. */
  serviceAgencyId: string;
}

type Outcome = { ok: true } | { ok: false; reason: WorkRefusal; row?: ApplicationRow | undefined };

class Refusal {
  constructor(
    readonly reason: WorkRefusal,
    readonly row?: ApplicationRow,
  ) {}
}

/** The workflow state kept on the application row, as decideTransition reads it. */
export function stateOf(
  row: Pick<ApplicationRow, 'stepId' | 'status' | 'checklistDone' | 'forwardedUnitCode'>,
  definition: WorkflowDefinition,
  foreignAgency = false,
): WorkflowState {
  const closed = CLOSED.has(row.status);
  // Rows filed before workflows existed have no step: they stand on the first one.
  const stepId = row.stepId ?? (closed ? 'done' : (definition.steps[0]?.id ?? 'done'));
  return { stepId, status: row.status, checklistDone: row.checklistDone, unitCode: row.forwardedUnitCode ?? undefined, foreignAgency };
}

async function announce(trx: Database, row: { id: string; agencyId: string }, status: ApplicationStatus, stepId: string | null): Promise<void> {
  await publishEvent(trx, { topic: 'application.changed', aggregateId: row.id, agencyId: row.agencyId, payload: { status, stepId } });
}

/**
 * Takes a closed application (issued, rejected, withdrawn: its status already written) out of the
 * workflow in the caller's transaction: off every queue and the SLA sweep, any wait for the applicant
 * ended, its unpaid bills cancelled so that they can no longer be paid, and the change announced.
 */
export async function closeWorkflow(trx: Database, row: { id: string }, at: Date): Promise<void> {
  const closed = await trx
    .updateTable('application')
    .set({ stepId: null, queueUnitCode: null, queueRole: null, forwardedUnitCode: null, closedAt: at, updatedAt: at })
    .where('id', '=', row.id)
    .returning(['id', 'agencyId', 'status'])
    .executeTakeFirstOrThrow();
  await trx.updateTable('applicationPause').set({ endedAt: at }).where('applicationId', '=', row.id).where('endedAt', 'is', null).execute();
  await trx.updateTable('applicationBill').set({ status: 'cancelled' }).where('applicationId', '=', row.id).where('status', '=', 'unpaid').execute();
  await announce(trx, closed, closed.status, null);
}

/** The agency unit whose calendar and queue a unit code names; null: the agency's first office. */
async function unitOf(trx: Database, agencyId: string, code: string | null | undefined) {
  let query = trx.selectFrom('agencyUnit').select(['id', 'code', 'timeZone']).where('agencyId', '=', agencyId);
  query = code ? query.where('code', '=', code) : query.orderBy('code').limit(1);
  return query.executeTakeFirst();
}

/**
 * The workflow engine: runs staff actions through decideTransition and keeps the application row, its
 * timeline, pauses, audit entries, outbox events and the applicant's notifications in step, each move
 * in one transaction with the application row locked.
 */
export function createWorkflowService(deps: WorkflowDependencies) {
  const { db, dataKeys, audit, calendar, hooks } = deps;
  const now = deps.now ?? (() => new Date());
  const applicantMessages = createApplicantMessages(deps);

  async function calendarFor(trx: Database, agencyId: string, unitCode: string | null | undefined): Promise<CalendarOptions> {
    const unit = await unitOf(trx, agencyId, unitCode);
    return { timeZone: unit?.timeZone ?? 'Asia/Jakarta', holidays: await calendar.holidaysFor(agencyId, unitCode ? (unit?.id ?? null) : null) };
  }

  /**
   * What the engine needs of the application's service version, read in the caller's transaction (a
   * second pool connection inside a transaction starves the pool under parallel filings).
   */
  async function versionOf(row: ApplicationRow, trx: Database): Promise<{ version: VersionFacts; definition: WorkflowDefinition }> {
    const version = await trx
      .selectFrom('serviceVersion as v')
      .innerJoin('service as s', 's.id', 'v.serviceId')
      .select(['v.timeLimitWorkingDays', 'v.costAmount', 'v.workflow', 's.agencyId as serviceAgencyId'])
      .where('v.id', '=', row.serviceVersionId)
      .executeTakeFirst();
    if (!version) throw new Error('an application names a service version that does not exist');
    return { version, definition: workflowOf(version.workflow ?? null) };
  }

  /** `costAmount`: the version's, when the caller has read it already. */
  async function factsOf(row: ApplicationRow, trx: Database, costAmount?: number): Promise<ApplicationFacts> {
    const key = await dataKeys.open(row.dataKeyId, trx);
    const cost =
      costAmount ?? (await trx.selectFrom('serviceVersion').select('costAmount').where('id', '=', row.serviceVersionId).executeTakeFirstOrThrow()).costAmount;
    return {
      answers: openJson(key, row.answersEnc, answersContext(row.id)),
      applicantType: row.organisationId ? 'business' : 'citizen',
      // A free service has nothing to pay: a step that waits for payment must not wait forever.
      feePaid: row.feePaidAt !== null || Number(cost) === 0,
    };
  }

  function grantsAt(actor: SignedInActor, agencyId: string): StaffGrant[] {
    if (actor.kind !== 'staff') return [];
    return actor.grants.filter((g) => g.agencyId === agencyId && roleHasPermission(g.role, 'application.work'));
  }

  /** The actor's grants at the agency, each with its unit's code; undefined when they do not work there. */
  async function unitGrantsAt(actor: SignedInActor, agencyId: string, trx: Database): Promise<UnitGrant[] | undefined> {
    const grants = grantsAt(actor, agencyId);
    if (grants.length === 0) return undefined;
    const unitIds = grants.map((g) => g.unitId).filter((id): id is string => id !== null);
    const units =
      unitIds.length > 0 ? await trx.selectFrom('agencyUnit').select(['id', 'code']).where('id', 'in', unitIds).where('agencyId', '=', agencyId).execute() : [];
    const codes = new Map(units.map((u) => [u.id, u.code]));
    // A grant naming a unit the agency does not have covers nothing.
    return grants
      .filter((g) => g.unitId === null || codes.has(g.unitId))
      .map((g) => ({ unitCode: g.unitId === null ? null : (codes.get(g.unitId) ?? null), supervisor: g.role === 'supervisor' }));
  }

  /** The actor's scope for an item queued at `unitCode` (null: any unit) of the agency. */
  async function scopeOf(actor: SignedInActor, agencyId: string, trx: Database, unitCode: string | null): Promise<WorkScope | undefined> {
    const grants = await unitGrantsAt(actor, agencyId, trx);
    if (!grants) return undefined;
    const role = roleAtUnit(grants, unitCode);
    const highest = grantsAt(actor, agencyId).some((g) => g.role === 'supervisor') ? 'supervisor' : 'officer';
    return { grants, role: role ?? highest, covers: role !== undefined };
  }

  /** Whether the item waits in a queue the actor covers: its unit and its role. */
  function queueRefusal(scope: WorkScope, row: ApplicationRow): WorkRefusal | undefined {
    if (row.stepId === null || CLOSED.has(row.status)) return 'already_closed';
    if (!scope.covers) return 'wrong_unit';
    if (row.queueRole === 'agency_admin' || (row.queueRole === 'supervisor' && scope.role !== 'supervisor')) return 'wrong_role';
    return undefined;
  }

  function auditActor(actor: SignedInActor, scope: WorkScope | undefined, agencyId: string | null): AuditActor {
    return { accountId: actor.accountId, role: scope?.role ?? (actor.kind === 'staff' ? 'staff' : 'citizen'), agencyId: scope ? agencyId : null };
  }

  async function lock(trx: Database, trackingNumber: string): Promise<ApplicationRow | undefined> {
    const canonical = parseTrackingNumber(trackingNumber);
    if (!canonical) return undefined;
    return trx.selectFrom('application').selectAll().where('trackingNumber', '=', canonical).forUpdate().executeTakeFirst();
  }

  /** A refusal changes nothing: its audit entry is written on its own, after the work's transaction ended. */
  async function recordRefusal(actor: SignedInActor, attempted: string, refusal: Refusal, origin: RequestOrigin): Promise<void> {
    const row = refusal.row;
    const scope = row ? await scopeOf(actor, row.agencyId, db, row.queueUnitCode) : undefined;
    await db.transaction().execute((trx) =>
      audit.record(
        {
          actor: auditActor(actor, scope, row?.agencyId ?? null),
          action: 'application.action_refused',
          // Another agency's application is "not found" to the actor, and recorded without naming it.
          subject: row && scope ? { type: 'application', id: row.id } : null,
          ip: origin.ip,
          requestId: origin.requestId,
          details: { attempted, reason: refusal.reason, ...(row && scope ? { stepId: row.stepId, status: row.status } : {}) },
        },
        trx,
      ),
    );
  }

  interface Work {
    trx: Database;
    row: ApplicationRow;
    scope: WorkScope;
    at: Date;
  }

  /**
   * Locks the application, checks the actor works at its agency, runs `work`; a Refusal thrown by
   * `work` (before it wrote anything) or returned ends with an audited refusal and no change.
   */
  async function withApplication(
    actor: SignedInActor,
    trackingNumber: string,
    attempted: string,
    origin: RequestOrigin,
    work: (input: Work) => Promise<WorkRefusal | undefined>,
  ): Promise<WorkResult> {
    let outcome: Outcome;
    try {
      outcome = await db.transaction().execute(async (trx): Promise<Outcome> => {
        const row = await lock(trx, trackingNumber);
        const scope = row ? await scopeOf(actor, row.agencyId, trx, row.queueUnitCode) : undefined;
        if (!row || !scope) return { ok: false, reason: 'not_found', row };
        const reason = await work({ trx, row, scope, at: now() });
        // A refusal must leave nothing behind: work checks before it writes, and a late one rolls back.
        if (reason) throw new Refusal(reason, row);
        return { ok: true };
      });
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      outcome = { ok: false, reason: error.reason, row: error.row };
    }
    if (outcome.ok) return outcome;
    await recordRefusal(actor, attempted, new Refusal(outcome.reason, outcome.row), origin);
    return { ok: false, reason: outcome.reason };
  }

  async function record(
    input: Work & { actor: SignedInActor; origin: RequestOrigin; action: AuditAction; details?: Record<string, string | number | boolean | null> },
  ) {
    await audit.record(
      {
        actor: auditActor(input.actor, input.scope, input.row.agencyId),
        action: input.action,
        subject: { type: 'application', id: input.row.id },
        ip: input.origin.ip,
        requestId: input.origin.requestId,
        details: input.details ?? {},
      },
      input.trx,
    );
  }

  async function insertEvent(
    input: Work & { actor: SignedInActor | null; kind: string; role?: string; message?: string | undefined; agencyId?: string },
  ): Promise<number> {
    const message = input.message?.trim().slice(0, MAX_MESSAGE_LENGTH);
    const key = message ? await dataKeys.open(input.row.dataKeyId, input.trx) : undefined;
    const row = await input.trx
      .insertInto('applicationEvent')
      .values({
        applicationId: input.row.id,
        agencyId: input.agencyId ?? input.row.agencyId,
        occurredAt: input.at,
        kind: input.kind,
        actorRole: input.role ?? input.scope.role,
        actorAgencyId: input.agencyId ?? input.row.agencyId,
        actorAccountId: input.actor?.accountId ?? null,
        messageEnc: key && message ? encryptField(key, message, messageContext(input.row.id)) : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** The message the applicant reads with an event: the request, or the reason and legal basis of a rejection. */
  function messageOf(event: WorkflowEvent): string | undefined {
    if (event.kind === 'information_requested') return event.message;
    if (event.kind === 'decided' && event.decision === 'rejected') return `${event.reason}\n${event.legalBasis}`;
    return undefined;
  }

  /** Writes an accepted transition: the row, the timeline, the pause, the audit entry, the outbox event, the hook and the notification. */
  async function applyTransition(
    work: Work & { actor: SignedInActor; origin: RequestOrigin },
    input: {
      action: StaffWorkflowAction;
      state: WorkflowState;
      next: NextState;
      definition: WorkflowDefinition;
      version: VersionFacts;
      facts: ApplicationFacts;
    },
  ): Promise<WorkRefusal | undefined> {
    const { trx, row, at } = work;
    const { next, definition } = input;
    let agencyId = row.agencyId;
    if (next.agencyCode !== undefined) {
      const agency = await trx.selectFrom('agency').select('id').where('code', '=', next.agencyCode).executeTakeFirst();
      if (!agency || agency.id === row.agencyId) return 'destination_required';
      agencyId = agency.id;
    } else if (input.action.type === 'forward' && next.unitCode && !(await unitOf(trx, row.agencyId, next.unitCode))) {
      return 'destination_required';
    }
    const closing = next.stepId === 'done';
    const stepChanged = next.stepId !== input.state.stepId;
    const step = definition.steps.find((candidate) => candidate.id === next.stepId);
    const forwardedUnitCode = stepChanged || agencyId !== row.agencyId ? null : (next.unitCode ?? null);
    // Held by another agency, the workflow's unit codes (the service agency's units) name none of its units.
    const foreign = agencyId !== input.version.serviceAgencyId;
    const stepUnitCode = foreign ? null : (step?.responsible.unitCode ?? null);
    const queueUnitCode = closing || agencyId !== row.agencyId ? null : (forwardedUnitCode ?? stepUnitCode);
    const queueRole: WorkflowRole | null = closing ? null : (step?.responsible.role ?? null);
    const queueMoved = queueUnitCode !== row.queueUnitCode || queueRole !== row.queueRole || agencyId !== row.agencyId;
    // Acting on an unassigned item takes it; a move to another role or unit puts it back in that queue.
    const assigneeId = closing ? row.assigneeId : queueMoved ? null : (row.assigneeId ?? work.actor.accountId);
    const status: ApplicationStatus = next.status === 'submitted' ? 'in_review' : next.status;
    const clock =
      stepChanged && !closing && step
        ? clockForStep({
            definition,
            facts: input.facts,
            stepId: step.id,
            timeLimitWorkingDays: input.version.timeLimitWorkingDays,
            enteredAt: at,
            calendar: await calendarFor(trx, row.agencyId, stepUnitCode),
          })
        : undefined;
    await trx
      .updateTable('application')
      .set({
        status,
        agencyId,
        stepId: closing ? null : next.stepId,
        forwardedUnitCode,
        queueUnitCode,
        queueRole,
        assigneeId,
        assignedAt: assigneeId === row.assigneeId ? row.assignedAt : assigneeId ? at : null,
        updatedAt: at,
        ...(clock
          ? {
              stepSeq: row.stepSeq + 1,
              checklistDone: [],
              stepStartedAt: clock.startedAt,
              stepWarnAt: clock.warnAt,
              stepDueAt: clock.dueAt,
              slaState: 'on_time' as const,
            }
          : {}),
        ...(input.action.type === 'approve' || input.action.type === 'reject' ? { decidedAt: at } : {}),
        ...(closing ? { closedAt: at } : {}),
      })
      .where('id', '=', row.id)
      .execute();
    if (next.pauseClock) await trx.insertInto('applicationPause').values({ applicationId: row.id, agencyId: row.agencyId, startedAt: at }).execute();
    for (const event of next.events) await insertEvent({ ...work, kind: event.kind, message: messageOf(event) });
    await record({
      ...work,
      action: `application.${AUDIT_NAMES[input.action.type]}`,
      details: {
        from: row.status,
        to: status,
        fromStep: row.stepId,
        toStep: closing ? null : next.stepId,
        ...(input.action.type === 'request_information' ? { deadlineWorkingDays: input.action.deadline ?? null } : {}),
        ...(input.action.type === 'forward' ? { toUnitCode: input.action.toUnitCode ?? null, toAgencyCode: input.action.toAgencyCode ?? null } : {}),
      },
    });
    if (input.action.type === 'issue') await hooks.issueDocument(trx, { applicationId: row.id, actorAccountId: work.actor.accountId });
    if (closing) await closeWorkflow(trx, row, at);
    else await announce(trx, { id: row.id, agencyId }, status, next.stepId);
    if (closing && status === 'issued' && hooks.applicationCompleted) {
      await hooks.applicationCompleted(trx, {
        applicationId: row.id,
        trackingNumber: row.trackingNumber,
        agencyId,
        serviceId: row.serviceId,
        // The unit that held it last, before closing clears the queue.
        unitCode: row.queueUnitCode ?? row.forwardedUnitCode,
        applicantAccountId: row.applicantAccountId,
      });
    }
    if (input.action.type === 'request_information') await applicantMessages.informationRequested(row, trx);
    // The decision, either way. An issued application is announced by the documents module
    // (application.document_ready), with its download.
    if (input.action.type === 'approve' || input.action.type === 'reject') await applicantMessages.statusChanged(row, status, trx);
    return undefined;
  }

  async function transitionContext(work: Work, definition: WorkflowDefinition, state: WorkflowState): Promise<TransitionContext> {
    const step = definition.steps.find((candidate) => candidate.id === state.stepId);
    const required = state.unitCode ?? (state.foreignAgency ? undefined : step?.responsible.unitCode);
    // The role counts at the unit the step needs: supervising one unit makes no one supervisor of another.
    const role = roleAtUnit(work.scope.grants, required ?? null);
    return {
      actor: { role: role ?? work.scope.role, unitCode: role ? required : undefined, agencyMatches: true },
      application: await factsOf(work.row, work.trx),
    };
  }

  const service = {
    /** Takes a closed application out of the workflow, in the caller's transaction (see closeWorkflow). */
    close: closeWorkflow,

    async act(actor: SignedInActor, trackingNumber: string, action: StaffWorkflowAction, origin: RequestOrigin): Promise<WorkResult> {
      // The type comes from a form: only a known one is written to the audit log.
      const attempted = Object.hasOwn(AUDIT_NAMES, action.type) ? action.type : 'unknown';
      return withApplication(actor, trackingNumber, attempted, origin, async (work) => {
        const { version, definition } = await versionOf(work.row, work.trx);
        const state = stateOf(work.row, definition, work.row.agencyId !== version.serviceAgencyId);
        const context = await transitionContext(work, definition, state);
        const decided = decideTransition(definition, state, action, context);
        if (!decided.ok) return decided.reason;
        if (work.row.assigneeId && work.row.assigneeId !== actor.accountId && work.scope.role !== 'supervisor') return 'assigned_to_another';
        return applyTransition({ ...work, actor, origin }, { action, state, next: decided.next, definition, version, facts: context.application });
      });
    },

    /** The staff actions the actor could take now (the workspace's buttons); empty when they cannot act at all. */
    async availableActions(actor: SignedInActor, trackingNumber: string): Promise<StaffWorkflowAction['type'][]> {
      const canonical = parseTrackingNumber(trackingNumber);
      const row = canonical ? await db.selectFrom('application').selectAll().where('trackingNumber', '=', canonical).executeTakeFirst() : undefined;
      const scope = row ? await scopeOf(actor, row.agencyId, db, row.queueUnitCode) : undefined;
      if (!row || !scope) return [];
      if (row.assigneeId && row.assigneeId !== actor.accountId && scope.role !== 'supervisor') return [];
      const { version, definition } = await versionOf(row, db);
      const state = stateOf(row, definition, row.agencyId !== version.serviceAgencyId);
      const context = await transitionContext({ trx: db, row, scope, at: now() }, definition, state);
      return allowedActions(definition, state, context);
    },

    async setChecklistItem(actor: SignedInActor, trackingNumber: string, itemId: string, done: boolean, origin: RequestOrigin): Promise<WorkResult> {
      return withApplication(actor, trackingNumber, 'checklist', origin, async (work) => {
        const refusal = queueRefusal(work.scope, work.row);
        if (refusal) return refusal;
        if (work.row.assigneeId && work.row.assigneeId !== actor.accountId && work.scope.role !== 'supervisor') return 'assigned_to_another';
        const { definition } = await versionOf(work.row, work.trx);
        const step = definition.steps.find((candidate) => candidate.id === work.row.stepId);
        if (!step?.checklist.some((item) => item.id === itemId)) return 'unknown_checklist_item';
        const current = work.row.checklistDone.filter((id) => id !== itemId);
        const checklistDone = done ? [...current, itemId] : current;
        const assigneeId = work.row.assigneeId ?? actor.accountId;
        await work.trx
          .updateTable('application')
          .set({ checklistDone, assigneeId, assignedAt: work.row.assigneeId ? work.row.assignedAt : work.at, updatedAt: work.at })
          .where('id', '=', work.row.id)
          .execute();
        await record({ ...work, actor, origin, action: 'application.checklist_updated', details: { stepId: step.id, itemId, done } });
        await announce(work.trx, work.row, work.row.status, work.row.stepId);
        return undefined;
      });
    },

    async claim(actor: SignedInActor, trackingNumber: string, origin: RequestOrigin): Promise<WorkResult> {
      return withApplication(actor, trackingNumber, 'claim', origin, async (work) => {
        const refusal = queueRefusal(work.scope, work.row);
        if (refusal) return refusal;
        if (work.row.assigneeId === actor.accountId) return undefined;
        if (work.row.assigneeId) return 'assigned_to_another';
        await setAssignee(work, actor.accountId);
        await insertEvent({ ...work, actor, kind: 'work_claimed' });
        await record({ ...work, actor, origin, action: 'application.work_claimed', details: { stepId: work.row.stepId } });
        await announce(work.trx, work.row, work.row.status, work.row.stepId);
        return undefined;
      });
    },

    async release(actor: SignedInActor, trackingNumber: string, origin: RequestOrigin): Promise<WorkResult> {
      return withApplication(actor, trackingNumber, 'release', origin, async (work) => {
        if (work.row.assigneeId === null) return undefined;
        if (work.row.stepId === null || CLOSED.has(work.row.status)) return 'already_closed';
        // Someone else's item: only a supervisor of its unit gives it back.
        if (work.row.assigneeId !== actor.accountId) {
          const refusal = queueRefusal(work.scope, work.row);
          if (refusal) return refusal;
          if (work.scope.role !== 'supervisor') return 'assigned_to_another';
        }
        await setAssignee(work, null);
        await insertEvent({ ...work, actor, kind: 'work_released' });
        await record({ ...work, actor, origin, action: 'application.work_released', details: { previousAssigneeId: work.row.assigneeId } });
        await announce(work.trx, work.row, work.row.status, work.row.stepId);
        return undefined;
      });
    },

    async assign(actor: SignedInActor, trackingNumber: string, assigneeAccountId: string, origin: RequestOrigin): Promise<WorkResult> {
      return withApplication(actor, trackingNumber, 'assign', origin, async (work) => {
        const refusal = queueRefusal(work.scope, work.row);
        if (refusal) return refusal;
        if (work.scope.role !== 'supervisor') return 'wrong_role';
        if (!(await mayWork(work.trx, assigneeAccountId, work.row.agencyId, work.row.queueUnitCode, work.row.queueRole))) return 'unknown_assignee';
        await setAssignee(work, assigneeAccountId);
        await insertEvent({ ...work, actor, kind: 'work_assigned' });
        await record({
          ...work,
          actor,
          origin,
          action: 'application.assigned',
          details: { assigneeId: assigneeAccountId, previousAssigneeId: work.row.assigneeId },
        });
        await announce(work.trx, work.row, work.row.status, work.row.stepId);
        return undefined;
      });
    },

    async bulkReassign(
      actor: SignedInActor,
      fromAccountId: string,
      toAccountId: string,
      origin: RequestOrigin,
    ): Promise<{ ok: true; moved: number } | { ok: false; reason: WorkRefusal }> {
      const supervising = actor.kind === 'staff' ? actor.grants.filter((g) => g.role === 'supervisor' && g.agencyId) : [];
      const agencies = [...new Set(supervising.map((g) => g.agencyId as string))];
      const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
      const refuse = async (reason: WorkRefusal) => {
        await recordRefusal(actor, 'bulk_reassign', new Refusal(reason), origin);
        return { ok: false as const, reason };
      };
      if (agencies.length === 0) return refuse('wrong_role');
      if (!uuid.test(fromAccountId) || !uuid.test(toAccountId) || fromAccountId === toAccountId) return refuse('unknown_assignee');
      const result = await db.transaction().execute(async (trx) => {
        // Only items of the units the actor supervises (a grant without a unit: every unit of its agency).
        const unitIds = supervising.map((g) => g.unitId).filter((id): id is string => id !== null);
        const units = unitIds.length > 0 ? await trx.selectFrom('agencyUnit').select(['id', 'agencyId', 'code']).where('id', 'in', unitIds).execute() : [];
        const rows = await trx
          .selectFrom('application')
          .selectAll()
          .where('assigneeId', '=', fromAccountId)
          .where('stepId', 'is not', null)
          .where((eb) =>
            eb.or(
              supervising.map((g) => {
                const unit = units.find((candidate) => candidate.id === g.unitId && candidate.agencyId === g.agencyId);
                return eb.and([
                  eb('agencyId', '=', g.agencyId as string),
                  g.unitId === null ? eb.val(true) : unit ? eb.or([eb('queueUnitCode', 'is', null), eb('queueUnitCode', '=', unit.code)]) : eb.val(false),
                ]);
              }),
            ),
          )
          .orderBy('id')
          .forUpdate()
          .execute();
        const at = now();
        for (const row of rows) {
          if (!(await mayWork(trx, toAccountId, row.agencyId, row.queueUnitCode, row.queueRole)))
            return { ok: false as const, reason: 'unknown_assignee' as const };
        }
        for (const row of rows) {
          const work: Work = { trx, row, scope: { grants: [], role: 'supervisor', covers: true }, at };
          await setAssignee(work, toAccountId);
          await insertEvent({ ...work, actor, kind: 'work_assigned' });
          await announce(trx, row, row.status, row.stepId);
        }
        await audit.record(
          {
            actor: { accountId: actor.accountId, role: 'supervisor', agencyId: agencies.length === 1 ? (agencies[0] ?? null) : null },
            action: 'application.bulk_reassigned',
            subject: { type: 'account', id: fromAccountId },
            ip: origin.ip,
            requestId: origin.requestId,
            details: { fromAccountId, toAccountId, moved: rows.length },
          },
          trx,
        );
        return { ok: true as const, moved: rows.length };
      });
      return result.ok ? result : refuse(result.reason);
    },

    async addNote(actor: SignedInActor, trackingNumber: string, body: string, origin: RequestOrigin): Promise<WorkResult> {
      const text = body.trim();
      return withApplication(actor, trackingNumber, 'note', origin, async (work) => {
        // Whoever may read the item may annotate it (maySee): its assignee, or a grant covering its queue
        // unit; a closed item has none, so any worker of the agency.
        if (work.row.assigneeId !== actor.accountId && !work.scope.covers) return 'wrong_unit';
        if (text.length === 0 || text.length > MAX_NOTE_LENGTH) return 'note_required';
        const key = await dataKeys.open(work.row.dataKeyId, work.trx);
        // The id names the ciphertext's context, so the row is inserted first and sealed under its own id.
        const note = await work.trx
          .insertInto('applicationNote')
          .values({ applicationId: work.row.id, agencyId: work.row.agencyId, authorId: actor.accountId, bodyEnc: '-', createdAt: work.at })
          .returning('id')
          .executeTakeFirstOrThrow();
        await work.trx
          .updateTable('applicationNote')
          .set({ bodyEnc: encryptField(key, text, noteContext(note.id)) })
          .where('id', '=', note.id)
          .execute();
        await insertEvent({ ...work, actor, kind: 'note_added' });
        await record({ ...work, actor, origin, action: 'application.note_added', details: { noteId: note.id } });
        await announce(work.trx, work.row, work.row.status, work.row.stepId);
        return undefined;
      });
    },

    async start(trx: Database, applicationId: string): Promise<void> {
      const row = await trx.selectFrom('application').selectAll().where('id', '=', applicationId).forUpdate().executeTakeFirstOrThrow();
      const { version, definition } = await versionOf(row, trx);
      const facts = await factsOf(row, trx, version.costAmount);
      const first = initialState(definition, facts);
      const step = definition.steps.find((candidate) => candidate.id === first.stepId);
      if (step) {
        const options = await calendarFor(trx, row.agencyId, step.responsible.unitCode);
        const enteredAt = clockStartOf(row.submittedAt, version.timeLimitWorkingDays, options.timeZone);
        const clock = clockForStep({ definition, facts, stepId: step.id, timeLimitWorkingDays: version.timeLimitWorkingDays, enteredAt, calendar: options });
        await trx
          .updateTable('application')
          .set({
            stepId: step.id,
            stepSeq: 1,
            queueUnitCode: step.responsible.unitCode ?? null,
            queueRole: step.responsible.role,
            checklistDone: [],
            stepStartedAt: clock.startedAt,
            stepWarnAt: clock.warnAt,
            stepDueAt: clock.dueAt,
            slaState: 'on_time',
          })
          .where('id', '=', row.id)
          .execute();
        await announce(trx, row, row.status, step.id);
      }
      const amount = Number(version.costAmount);
      if (amount > 0) await hooks.billApplication(trx, { applicationId: row.id, agencyId: row.agencyId, amount });
    },

    /**
     * The applicant answered a request for information, in the caller's transaction (the applications
     * module writes the answer, its files and the timeline event): the pause ends, the due date and the
     * step's instants move later by the working time spent waiting. Refused by decideTransition when
     * nothing was asked.
     */
    async informationProvided(trx: Database, row: ApplicationRow): Promise<{ ok: true; status: ApplicationStatus } | { ok: false; reason: RefusalReason }> {
      const { version, definition } = await versionOf(row, trx);
      const decided = decideTransition(
        definition,
        stateOf(row, definition),
        { type: 'information_provided' },
        {
          actor: { role: 'applicant', agencyMatches: true },
          application: await factsOf(row, trx, version.costAmount),
        },
      );
      if (!decided.ok) return decided;
      const at = now();
      await trx.updateTable('applicationPause').set({ endedAt: at }).where('applicationId', '=', row.id).where('endedAt', 'is', null).execute();
      const pauses = await trx.selectFrom('applicationPause').select(['startedAt', 'endedAt']).where('applicationId', '=', row.id).execute();
      const agencyCalendar = await calendarFor(trx, row.agencyId, null);
      const dueAt = dueAtWithPauses(
        row.submittedAt,
        version.timeLimitWorkingDays,
        pauses.map((p) => ({ from: p.startedAt, to: p.endedAt })),
        { ...agencyCalendar, now: at },
      );
      const last = pauses.toSorted((a, b) => b.startedAt.getTime() - a.startedAt.getTime())[0];
      let stepTimes: { stepWarnAt?: Date; stepDueAt?: Date } = {};
      if (last && row.stepWarnAt && row.stepDueAt && row.stepStartedAt) {
        const step = definition.steps.find((candidate) => candidate.id === row.stepId);
        const stepCalendar = await calendarFor(
          trx,
          row.agencyId,
          row.forwardedUnitCode ?? (row.agencyId === version.serviceAgencyId ? step?.responsible.unitCode : null),
        );
        const shifted = shiftedByPause({ warnAt: row.stepWarnAt, dueAt: row.stepDueAt }, { from: last.startedAt, to: at }, row.stepStartedAt, stepCalendar);
        stepTimes = { stepWarnAt: shifted.warnAt, stepDueAt: shifted.dueAt };
      }
      const status = decided.next.status;
      await trx
        .updateTable('application')
        .set({ status, dueAt, ...stepTimes, updatedAt: at })
        .where('id', '=', row.id)
        .execute();
      await announce(trx, row, status, row.stepId);
      return { ok: true, status };
    },

    async recordPayment(trx: Database, applicationId: string, paidAt: Date): Promise<void> {
      const row = await trx.selectFrom('application').selectAll().where('id', '=', applicationId).forUpdate().executeTakeFirstOrThrow();
      if (row.feePaidAt) return;
      // Withdrawn or rejected: nothing is owed any more (its bills were cancelled when it closed).
      if (row.stepId === null && (row.status === 'withdrawn' || row.status === 'rejected')) return;
      await trx.updateTable('application').set({ feePaidAt: paidAt, updatedAt: now() }).where('id', '=', row.id).execute();
      await trx
        .insertInto('applicationEvent')
        .values({
          applicationId: row.id,
          agencyId: row.agencyId,
          occurredAt: paidAt,
          kind: 'payment_received',
          actorRole: 'system',
          actorAgencyId: null,
          actorAccountId: null,
          messageEnc: null,
        })
        .execute();
      await audit.record(
        {
          actor: { accountId: null, role: 'system', agencyId: row.agencyId },
          action: 'application.payment_received',
          subject: { type: 'application', id: row.id },
          details: { paidAt: paidAt.toISOString() },
        },
        trx,
      );
      await announce(trx, row, row.status, row.stepId);
    },
  };

  async function setAssignee(work: Work, assigneeId: string | null): Promise<void> {
    await work.trx
      .updateTable('application')
      .set({ assigneeId, assignedAt: assigneeId ? work.at : null, updatedAt: work.at })
      .where('id', '=', work.row.id)
      .execute();
  }

  /** Whether an account holds application.work at the agency, for the unit and role of the queue. */
  async function mayWork(trx: Database, accountId: string, agencyId: string, unitCode: string | null, role: string | null): Promise<boolean> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(accountId)) return false;
    const grants = await trx
      .selectFrom('staffRole as r')
      .innerJoin('account as a', 'a.id', 'r.accountId')
      .leftJoin('agencyUnit as u', 'u.id', 'r.unitId')
      .select(['r.role', 'r.unitId', 'u.code'])
      .where('r.accountId', '=', accountId)
      .where('r.agencyId', '=', agencyId)
      .where('a.status', '=', 'active')
      .execute();
    return grants.some(
      (g) =>
        roleHasPermission(g.role, 'application.work') &&
        (role !== 'supervisor' || g.role === 'supervisor') &&
        (unitCode === null || g.unitId === null || g.code === unitCode),
    );
  }

  return service satisfies WorkflowService;
}

export type WorkflowEngine = ReturnType<typeof createWorkflowService>;

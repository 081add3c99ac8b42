import type { FieldValue } from '../../platform/forms/form-schema.ts';
import type { ApplicationStatus } from '../applications/applications.tables.ts';
import type { ApplicantType } from '../catalogue/catalogue.tables.ts';
import type { StepCondition, WorkflowDefinition, WorkflowRole, WorkflowStep } from './workflow.schema.ts';

/** Where an application stands in its workflow. `unitCode` is set while it is forwarded to another unit. */
export interface WorkflowState {
  stepId: string | 'done';
  status: ApplicationStatus;
  checklistDone: readonly string[];
  unitCode?: string | undefined;
  /**
   * Held by an agency other than the service's (forwarded there): the workflow's unit codes name the
   * service agency's units, so the step is any unit's of the holding agency.
   */
  foreignAgency?: boolean | undefined;
}

export type WorkflowAction =
  | { type: 'advance' }
  | { type: 'request_information'; message?: string | undefined; deadline?: number | undefined }
  | { type: 'information_provided' }
  | { type: 'forward'; toUnitCode?: string | undefined; toAgencyCode?: string | undefined }
  | { type: 'reject'; reason?: string | undefined; legalBasis?: string | undefined }
  | { type: 'approve' }
  | { type: 'issue' };

/** The application data conditions are evaluated against. */
export interface ApplicationFacts {
  answers: Readonly<Record<string, FieldValue>>;
  applicantType: ApplicantType;
  feePaid: boolean;
}

export interface TransitionContext {
  actor: { role: WorkflowRole | 'applicant'; unitCode?: string | undefined; agencyMatches: boolean };
  application: ApplicationFacts;
}

/** What the service writes to the timeline (and audit and outbox) with the transition. */
export type WorkflowEvent =
  | { kind: 'step_entered'; stepId: string }
  | { kind: 'step_skipped'; stepId: string }
  | { kind: 'information_requested'; stepId: string; message: string; deadline: number }
  | { kind: 'information_provided'; stepId: string }
  | { kind: 'forwarded'; stepId: string; toUnitCode?: string; toAgencyCode?: string }
  | { kind: 'decided'; stepId: string; decision: 'approved' }
  | { kind: 'decided'; stepId: string; decision: 'rejected'; reason: string; legalBasis: string }
  | { kind: 'issued'; stepId: string };

export interface NextState extends WorkflowState {
  /** Set when the application moves to another agency; the clock carries over. */
  agencyCode?: string;
  /** Stop the time-limit clock: the agency waits for the applicant. */
  pauseClock?: boolean;
  resumeClock?: boolean;
  events: WorkflowEvent[];
}

export const REFUSAL_REASONS = [
  'already_closed',
  'already_decided',
  'unknown_step',
  'action_not_allowed',
  'wrong_agency',
  'wrong_unit',
  'wrong_role',
  'waiting_for_applicant',
  'not_waiting',
  'checklist_incomplete',
  'payment_pending',
  'message_required',
  'deadline_required',
  'destination_required',
  'reason_required',
  'legal_basis_required',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export type TransitionResult = { ok: true; next: NextState } | { ok: false; reason: RefusalReason };

/** The longest deadline an officer may give the applicant to answer, in working days. */
export const MAX_INFORMATION_DEADLINE = 30;
const CLOSED_STATUSES: ReadonlySet<ApplicationStatus> = new Set(['rejected', 'issued', 'withdrawn']);
// Supervisors cover their officers' work (absence, backlog); admins configure, they do not decide cases.
const ROLES_COVERING: Record<WorkflowRole, readonly (WorkflowRole | 'applicant')[]> = {
  officer: ['officer', 'supervisor'],
  supervisor: ['supervisor'],
  agency_admin: ['agency_admin'],
};

/**
 * Decides whether `action` may happen now and what follows: the next step (skipping steps whose
 * condition is false), the new status, clock flags and the events to record. Pure and total: an invalid
 * move is a refusal value, never an exception, so the caller can audit it and show its message.
 */
export function decideTransition(definition: WorkflowDefinition, state: WorkflowState, action: WorkflowAction, context: TransitionContext): TransitionResult {
  if (state.stepId === 'done' || CLOSED_STATUSES.has(state.status)) return refuse('already_closed');
  if (!context.actor.agencyMatches) return refuse('wrong_agency');
  const index = definition.steps.findIndex((step) => step.id === state.stepId);
  const step = definition.steps[index];
  if (!step) return refuse('unknown_step');
  if (action.type === 'information_provided') return provideInformation(state, step, context);
  const refusal = staffRefusal(state, step, action, context);
  if (refusal) return refuse(refusal);
  switch (action.type) {
    case 'advance':
    case 'approve': {
      const status = action.type === 'approve' ? 'approved' : state.status;
      const events: WorkflowEvent[] = action.type === 'approve' ? [{ kind: 'decided', stepId: step.id, decision: 'approved' }] : [];
      const moved = moveOn(definition, index, context.application, status, events);
      // Advancing past the end would close the case without a decision.
      return action.type === 'advance' && moved.stepId === 'done' ? refuse('action_not_allowed') : ok(moved);
    }
    case 'issue':
      return ok({ stepId: 'done', status: 'issued', checklistDone: state.checklistDone, events: [{ kind: 'issued', stepId: step.id }] });
    case 'request_information':
      return ok({
        ...state,
        status: 'information_requested',
        pauseClock: true,
        events: [{ kind: 'information_requested', stepId: step.id, message: (action.message ?? '').trim(), deadline: action.deadline ?? 0 }],
      });
    case 'forward':
      return ok(forward(state, step, action));
    case 'reject':
      return ok({
        stepId: 'done',
        status: 'rejected',
        checklistDone: state.checklistDone,
        events: [
          { kind: 'decided', stepId: step.id, decision: 'rejected', reason: (action.reason ?? '').trim(), legalBasis: (action.legalBasis ?? '').trim() },
        ],
      });
  }
}

/** A payload that satisfies every payload check, so that only the state and the actor decide. */
const FILLED_PAYLOADS: Record<StaffAction['type'], StaffAction> = {
  advance: { type: 'advance' },
  request_information: { type: 'request_information', message: '-', deadline: 1 },
  forward: { type: 'forward', toUnitCode: '-' },
  reject: { type: 'reject', reason: '-', legalBasis: '-' },
  approve: { type: 'approve' },
  issue: { type: 'issue' },
};

/**
 * The staff actions decideTransition would accept now from this actor, whatever the payload (message,
 * deadline, destination, reason): the buttons the workspace shows. Checklist and payment still count,
 * so "advance" appears only once the checklist is complete.
 */
export function allowedActions(definition: WorkflowDefinition, state: WorkflowState, context: TransitionContext): StaffAction['type'][] {
  const step = definition.steps.find((candidate) => candidate.id === state.stepId);
  if (!step) return [];
  return step.actions.filter((type) => decideTransition(definition, state, FILLED_PAYLOADS[type], context).ok);
}

/** The first step whose condition holds, where a newly submitted application starts. */
export function initialState(definition: WorkflowDefinition, application: ApplicationFacts): NextState {
  return moveOn(definition, -1, application, 'in_review', []);
}

function provideInformation(state: WorkflowState, step: WorkflowStep, context: TransitionContext): TransitionResult {
  if (context.actor.role !== 'applicant') return refuse('wrong_role');
  if (state.status !== 'information_requested') return refuse('not_waiting');
  return ok({ ...state, status: 'in_review', resumeClock: true, events: [{ kind: 'information_provided', stepId: step.id }] });
}

type StaffAction = Exclude<WorkflowAction, { type: 'information_provided' }>;

function staffRefusal(state: WorkflowState, step: WorkflowStep, action: StaffAction, context: TransitionContext): RefusalReason | undefined {
  if (!step.actions.includes(action.type)) return 'action_not_allowed';
  const unitCode = state.unitCode ?? (state.foreignAgency ? undefined : step.responsible.unitCode);
  if (unitCode !== undefined && context.actor.unitCode !== unitCode) return 'wrong_unit';
  if (!ROLES_COVERING[step.responsible.role].includes(context.actor.role)) return 'wrong_role';
  // While the applicant has the file the agency may only close it (for example after the deadline passed).
  if (state.status === 'information_requested' && action.type !== 'reject') return 'waiting_for_applicant';
  if (state.status === 'approved' && (action.type === 'approve' || action.type === 'reject' || action.type === 'request_information')) return 'already_decided';
  return payloadRefusal(state, step, action, context.application);
}

function payloadRefusal(state: WorkflowState, step: WorkflowStep, action: StaffAction, application: ApplicationFacts): RefusalReason | undefined {
  switch (action.type) {
    case 'advance':
    case 'approve':
    case 'issue':
      if (!step.checklist.every((item) => state.checklistDone.includes(item.id))) return 'checklist_incomplete';
      return step.waitForPayment && !application.feePaid ? 'payment_pending' : undefined;
    case 'request_information':
      if (blank(action.message)) return 'message_required';
      return Number.isInteger(action.deadline) && (action.deadline ?? 0) >= 1 && (action.deadline ?? 0) <= MAX_INFORMATION_DEADLINE
        ? undefined
        : 'deadline_required';
    case 'forward':
      return blank(action.toUnitCode) === blank(action.toAgencyCode) ? 'destination_required' : undefined;
    case 'reject':
      if (blank(action.reason)) return 'reason_required';
      return blank(action.legalBasis) ? 'legal_basis_required' : undefined;
  }
}

/** Forwarding keeps the step, its checklist and the clock; only who holds the application changes. */
function forward(state: WorkflowState, step: WorkflowStep, action: { toUnitCode?: string | undefined; toAgencyCode?: string | undefined }): NextState {
  const toUnitCode = action.toUnitCode?.trim();
  const toAgencyCode = action.toAgencyCode?.trim();
  if (toUnitCode) return { ...state, unitCode: toUnitCode, events: [{ kind: 'forwarded', stepId: step.id, toUnitCode }] };
  return { ...state, unitCode: undefined, agencyCode: toAgencyCode ?? '', events: [{ kind: 'forwarded', stepId: step.id, toAgencyCode: toAgencyCode ?? '' }] };
}

function moveOn(
  definition: WorkflowDefinition,
  fromIndex: number,
  application: ApplicationFacts,
  status: ApplicationStatus,
  events: WorkflowEvent[],
): NextState {
  for (const step of definition.steps.slice(fromIndex + 1)) {
    if (conditionHolds(step.condition, application))
      return { stepId: step.id, status, checklistDone: [], events: [...events, { kind: 'step_entered', stepId: step.id }] };
    events.push({ kind: 'step_skipped', stepId: step.id });
  }
  return { stepId: 'done', status, checklistDone: [], events };
}

/** True when the step applies to this application: no condition, or the named value is one of `equals`. */
export function conditionHolds(condition: StepCondition | undefined, application: ApplicationFacts): boolean {
  if (!condition) return true;
  const value: unknown =
    condition.field === 'applicantType'
      ? application.applicantType
      : condition.field === 'feePaid'
        ? String(application.feePaid)
        : Object.hasOwn(application.answers, condition.field)
          ? application.answers[condition.field]
          : undefined;
  if (typeof value === 'string') return condition.equals.includes(value);
  if (typeof value === 'number') return condition.equals.includes(String(value));
  // A checkboxes answer matches when any ticked option is listed.
  if (Array.isArray(value)) return value.some((item) => typeof item === 'string' && condition.equals.includes(item));
  return false;
}

function blank(text: string | undefined): boolean {
  return text === undefined || text.trim() === '';
}

function refuse(reason: RefusalReason): TransitionResult {
  return { ok: false, reason };
}

function ok(next: NextState): TransitionResult {
  return { ok: true, next };
}

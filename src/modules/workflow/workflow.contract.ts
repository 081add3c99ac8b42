import type { SignedInActor } from '../../platform/auth/actor.ts';
import type { Database } from '../../platform/db/database.ts';
import type { RequestOrigin } from '../../platform/http/request-input.ts';
import type { RefusalReason, WorkflowAction } from './transitions.ts';

// What the workflow service offers the back office, the SLA clock, payments and documents, and what it
// needs from them. Implemented by workflow.service.ts; the other modules depend on these types only.

/** What staff may do to an application through its workflow (the applicant's answer goes through the applications module). */
export type StaffWorkflowAction = Exclude<WorkflowAction, { type: 'information_provided' }>;

/** Why the service refused a back-office request besides decideTransition's reasons. Each has a message `workflow.refusal.<reason>`. */
export type WorkRefusal =
  | RefusalReason
  /** Unknown tracking number, or an application of another agency: answered as 404. */
  | 'not_found'
  /** Someone else has claimed it; a supervisor may reassign. */
  | 'assigned_to_another'
  /** The new assignee holds no working role at the application's agency (and unit). */
  | 'unknown_assignee'
  | 'unknown_checklist_item'
  | 'note_required';

export type WorkResult = { ok: true } | { ok: false; reason: WorkRefusal };

export interface WorkflowService {
  /**
   * Runs one staff action through decideTransition. A move is written in one transaction with its
   * timeline events, audit entry, outbox event and applicant notification; a refusal changes nothing
   * but an audit entry (`application.action_refused`).
   */
  act(actor: SignedInActor, trackingNumber: string, action: StaffWorkflowAction, origin: RequestOrigin): Promise<WorkResult>;
  /** Ticks or unticks an item of the current step's checklist. */
  setChecklistItem(actor: SignedInActor, trackingNumber: string, itemId: string, done: boolean, origin: RequestOrigin): Promise<WorkResult>;
  /** Takes an unassigned application in the actor's queue. */
  claim(actor: SignedInActor, trackingNumber: string, origin: RequestOrigin): Promise<WorkResult>;
  /** Gives an application back to the queue (its assignee, or a supervisor). */
  release(actor: SignedInActor, trackingNumber: string, origin: RequestOrigin): Promise<WorkResult>;
  /** A supervisor assigns or reassigns an application to an officer of the agency. */
  assign(actor: SignedInActor, trackingNumber: string, assigneeAccountId: string, origin: RequestOrigin): Promise<WorkResult>;
  /** A supervisor moves every open application of an absent officer to another (one transaction). */
  bulkReassign(
    actor: SignedInActor,
    fromAccountId: string,
    toAccountId: string,
    origin: RequestOrigin,
  ): Promise<{ ok: true; moved: number } | { ok: false; reason: WorkRefusal }>;
  /** An internal note, visible to staff only, encrypted under the application's data key. */
  addNote(actor: SignedInActor, trackingNumber: string, body: string, origin: RequestOrigin): Promise<WorkResult>;
  /** Puts a newly filed application on the first step of its version's workflow, in the filing transaction. */
  start(trx: Database, applicationId: string): Promise<void>;
  /** The payment provider confirmed the fee (called by the payments module in its transaction). */
  recordPayment(trx: Database, applicationId: string, paidAt: Date): Promise<void>;
}

/** What the workflow service calls in other modules, inside its own transaction. Wired in src/services.ts. */
export interface WorkflowHooks {
  /** The 'issue' action: create, sign and store the document. Throwing rolls the action back. */
  issueDocument(trx: Database, input: { applicationId: string; actorAccountId: string }): Promise<void>;
  /** A newly filed application of a service with a cost: create its billing code. */
  billApplication(trx: Database, input: { applicationId: string; agencyId: string; amount: number }): Promise<void>;
  /**
   * An application was issued (the service delivered): the satisfaction survey invites the applicant.
   * In the same transaction, so an invitation exists exactly when the completion committed.
   */
  applicationCompleted?(
    trx: Database,
    input: { applicationId: string; trackingNumber: string; agencyId: string; serviceId: string; unitCode: string | null; applicantAccountId: string | null },
  ): Promise<void>;
}

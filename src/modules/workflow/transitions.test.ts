import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ApplicationFacts,
  conditionHolds,
  decideTransition,
  initialState,
  type TransitionContext,
  type WorkflowAction,
  type WorkflowState,
} from './transitions.ts';
import { birthCertificateWorkflow, genericWorkflow } from './workflow.examples.ts';

const hospitalBirth: ApplicationFacts = { answers: { birthPlaceType: 'hospital' }, applicantType: 'citizen', feePaid: false };
const homeBirth: ApplicationFacts = { ...hospitalBirth, answers: { birthPlaceType: 'home' } };
const officer: TransitionContext = { actor: { role: 'officer', unitCode: 'kantor-dinas', agencyMatches: true }, application: hospitalBirth };
const supervisor: TransitionContext = {
  actor: { role: 'supervisor', unitCode: 'kantor-dinas', agencyMatches: true },
  application: { ...hospitalBirth, feePaid: true },
};
const applicant: TransitionContext = { ...officer, actor: { role: 'applicant', agencyMatches: true } };
const at = (stepId: string, extra: Partial<WorkflowState> = {}): WorkflowState => ({ stepId, status: 'in_review', checklistDone: [], ...extra });
const checked = at('check-completeness', { checklistDone: ['birth-letter-readable', 'reporter-identified'] });
const birth = (state: WorkflowState, action: WorkflowAction, context = officer) => decideTransition(birthCertificateWorkflow, state, action, context);

describe('decideTransition', () => {
  it('advances to the next step once the checklist is done, and not before', () => {
    expect(birth(at('check-completeness'), { type: 'advance' })).toEqual({ ok: false, reason: 'checklist_incomplete' });
    const result = birth(checked, { type: 'advance' });
    expect(result).toEqual({
      ok: true,
      next: { stepId: 'verify-documents', status: 'in_review', checklistDone: [], events: [{ kind: 'step_entered', stepId: 'verify-documents' }] },
    });
  });

  it('skips a step whose condition is false and enters it when it holds', () => {
    const verified = at('verify-documents', { checklistDone: ['mother-nik-matches', 'marriage-checked'] });
    const skipped = birth(verified, { type: 'advance' });
    expect(skipped.ok && skipped.next.stepId).toBe('decide');
    expect(skipped.ok && skipped.next.events).toContainEqual({ kind: 'step_skipped', stepId: 'home-birth-inspection' });
    const entered = birth(verified, { type: 'advance' }, { ...officer, application: homeBirth });
    expect(entered.ok && entered.next.stepId).toBe('home-birth-inspection');
  });

  it('starts a new application at the first step whose condition holds', () => {
    expect(initialState(birthCertificateWorkflow, hospitalBirth).stepId).toBe('check-completeness');
    expect(conditionHolds({ field: 'alsoIssue', equals: ['child-id'] }, { ...hospitalBirth, answers: { alsoIssue: ['family-card', 'child-id'] } })).toBe(true);
    expect(conditionHolds({ field: 'missing', equals: ['x'] }, hospitalBirth)).toBe(false);
  });

  it('pauses the clock when asking for information and resumes it on the answer', () => {
    const asked = birth(at('decide'), { type: 'request_information', message: 'Send the marriage book', deadline: 5 });
    expect(asked.ok && asked.next).toMatchObject({ stepId: 'decide', status: 'information_requested', pauseClock: true });
    if (!asked.ok) return;
    expect(birth(asked.next, { type: 'approve' })).toEqual({ ok: false, reason: 'waiting_for_applicant' });
    expect(birth(asked.next, { type: 'information_provided' })).toEqual({ ok: false, reason: 'wrong_role' });
    const answered = birth(asked.next, { type: 'information_provided' }, applicant);
    expect(answered.ok && answered.next).toMatchObject({ stepId: 'decide', status: 'in_review', resumeClock: true });
    expect(birth(at('decide'), { type: 'information_provided' }, applicant)).toEqual({ ok: false, reason: 'not_waiting' });
  });

  it('requires a message and a deadline of 1 to 30 working days to ask for information', () => {
    expect(birth(at('decide'), { type: 'request_information', message: '  ', deadline: 5 })).toEqual({ ok: false, reason: 'message_required' });
    for (const deadline of [undefined, 0, 2.5, 31]) {
      expect(birth(at('decide'), { type: 'request_information', message: 'Send it', deadline })).toEqual({ ok: false, reason: 'deadline_required' });
    }
  });

  it('forwards to another unit keeping the step, the checklist and the clock', () => {
    const forwarded = birth(checked, { type: 'forward', toUnitCode: 'kecamatan-depok' });
    expect(forwarded.ok && forwarded.next).toEqual({ ...checked, unitCode: 'kecamatan-depok', events: [expect.objectContaining({ kind: 'forwarded' })] });
    if (!forwarded.ok) return;
    expect(birth(forwarded.next, { type: 'advance' })).toEqual({ ok: false, reason: 'wrong_unit' });
    expect(birth(forwarded.next, { type: 'advance' }, { ...officer, actor: { ...officer.actor, unitCode: 'kecamatan-depok' } }).ok).toBe(true);
    const toAgency = birth(checked, { type: 'forward', toAgencyCode: 'ditjen-dukcapil' });
    expect(toAgency.ok && toAgency.next).toMatchObject({ stepId: 'check-completeness', agencyCode: 'ditjen-dukcapil' });
    expect(birth(checked, { type: 'forward' })).toEqual({ ok: false, reason: 'destination_required' });
    expect(birth(checked, { type: 'forward', toUnitCode: 'a-unit', toAgencyCode: 'an-agency' })).toEqual({ ok: false, reason: 'destination_required' });
  });

  it("ignores the workflow's unit codes while another agency holds the application", () => {
    const elsewhere = { ...officer, actor: { ...officer.actor, unitCode: 'kantor-lain' } };
    expect(birth(checked, { type: 'advance' }, elsewhere)).toEqual({ ok: false, reason: 'wrong_unit' });
    expect(birth({ ...checked, foreignAgency: true }, { type: 'advance' }, elsewhere).ok).toBe(true);
    // A unit of the holding agency it was forwarded to still binds.
    expect(birth({ ...checked, foreignAgency: true, unitCode: 'loket-b' }, { type: 'advance' }, elsewhere)).toEqual({ ok: false, reason: 'wrong_unit' });
  });

  it('requires a reason and a legal basis to reject, and closes the application', () => {
    expect(birth(at('decide'), { type: 'reject', legalBasis: 'Perpres 96/2018' })).toEqual({ ok: false, reason: 'reason_required' });
    expect(birth(at('decide'), { type: 'reject', reason: 'Forged letter' })).toEqual({ ok: false, reason: 'legal_basis_required' });
    const rejected = birth(at('decide'), { type: 'reject', reason: 'Forged letter', legalBasis: 'Perpres 96/2018' });
    expect(rejected.ok && rejected.next).toMatchObject({ stepId: 'done', status: 'rejected' });
    if (rejected.ok) expect(birth(rejected.next, { type: 'approve' })).toEqual({ ok: false, reason: 'already_closed' });
  });

  it('approves only where the step allows it, then issues', () => {
    expect(birth(checked, { type: 'approve' })).toEqual({ ok: false, reason: 'action_not_allowed' });
    const approved = birth(at('decide'), { type: 'approve' });
    expect(approved.ok && approved.next).toMatchObject({ stepId: 'sign-and-issue', status: 'approved' });
    if (!approved.ok) return;
    expect(birth(approved.next, { type: 'issue' })).toEqual({ ok: false, reason: 'wrong_role' });
    expect(birth(approved.next, { type: 'reject', reason: 'r', legalBasis: 'l' }, supervisor)).toEqual({ ok: false, reason: 'already_decided' });
    const issued = birth(approved.next, { type: 'issue' }, supervisor);
    expect(issued.ok && issued.next).toMatchObject({ stepId: 'done', status: 'issued' });
  });

  it('refuses actors of another agency and steps the workflow does not have', () => {
    expect(birth(checked, { type: 'advance' }, { ...officer, actor: { ...officer.actor, agencyMatches: false } })).toEqual({
      ok: false,
      reason: 'wrong_agency',
    });
    expect(birth(at('gone'), { type: 'advance' })).toEqual({ ok: false, reason: 'unknown_step' });
  });

  it('waits for payment where the step says so', () => {
    const unpaid = { ...supervisor, application: { ...hospitalBirth, feePaid: false } };
    expect(decideTransition(genericWorkflow, at('issue', { status: 'approved' }), { type: 'issue' }, unpaid)).toEqual({ ok: false, reason: 'payment_pending' });
    expect(decideTransition(genericWorkflow, at('issue', { status: 'approved' }), { type: 'issue' }, supervisor).ok).toBe(true);
  });
});

const actionArbitrary: fc.Arbitrary<WorkflowAction> = fc.oneof(
  fc.constant({ type: 'advance' as const }),
  fc.constant({ type: 'approve' as const }),
  fc.constant({ type: 'issue' as const }),
  fc.constant({ type: 'information_provided' as const }),
  fc.record({ type: fc.constant('request_information' as const), message: fc.constantFrom('', 'Send it'), deadline: fc.integer({ min: 0, max: 40 }) }),
  fc.record({ type: fc.constant('forward' as const), toUnitCode: fc.constantFrom(undefined, 'kantor-dinas', 'other-unit') }),
  fc.record({ type: fc.constant('reject' as const), reason: fc.constantFrom('', 'Forged'), legalBasis: fc.constantFrom('', 'Perpres 96/2018') }),
);
const contextArbitrary: fc.Arbitrary<TransitionContext> = fc.record({
  actor: fc.record({
    role: fc.constantFrom('officer' as const, 'supervisor' as const, 'agency_admin' as const, 'applicant' as const),
    unitCode: fc.constantFrom(undefined, 'kantor-dinas', 'other-unit'),
    agencyMatches: fc.boolean(),
  }),
  application: fc.record({
    answers: fc.record({ birthPlaceType: fc.constantFrom('hospital', 'clinic', 'home', 'other') }),
    applicantType: fc.constant('citizen' as const),
    feePaid: fc.boolean(),
  }),
});

describe('decideTransition, over any sequence of attempts', () => {
  it('never reopens a closed application and never skips a step whose condition holds', () => {
    const steps = birthCertificateWorkflow.steps;
    fc.assert(
      fc.property(fc.array(fc.tuple(actionArbitrary, contextArbitrary, fc.boolean()), { maxLength: 40 }), (attempts) => {
        let state: WorkflowState = initialState(birthCertificateWorkflow, hospitalBirth);
        for (const [action, context, tickChecklist] of attempts) {
          // Officers tick the checklist between attempts, as the workspace lets them.
          const step = steps.find((candidate) => candidate.id === state.stepId);
          if (tickChecklist && step) state = { ...state, checklistDone: step.checklist.map((item) => item.id) };
          const closed = state.stepId === 'done' || ['rejected', 'issued', 'withdrawn'].includes(state.status);
          const result = decideTransition(birthCertificateWorkflow, state, action, context);
          if (closed) expect(result).toEqual({ ok: false, reason: 'already_closed' });
          if (!result.ok) continue;
          const from = steps.findIndex((candidate) => candidate.id === state.stepId);
          const to = result.next.stepId === 'done' ? steps.length : steps.findIndex((candidate) => candidate.id === result.next.stepId);
          expect(to).toBeGreaterThanOrEqual(from);
          for (const between of steps.slice(from + 1, to)) expect(conditionHolds(between.condition, context.application), between.id).toBe(false);
          if (result.next.stepId === 'done') expect(['approved', 'rejected', 'issued']).toContain(result.next.status);
          state = result.next;
        }
      }),
      { numRuns: 300 },
    );
  });
});

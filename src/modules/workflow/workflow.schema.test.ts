import { describe, expect, it } from 'vitest';
import { birthRegistrationForm } from '../../platform/forms/examples.ts';
import { ALL_MESSAGES } from '../../platform/i18n/index.ts';
import { REFUSAL_REASONS } from './transitions.ts';
import { birthCertificateWorkflow, genericWorkflow } from './workflow.examples.ts';
import { validateWorkflow, type WorkflowDefinition } from './workflow.schema.ts';

const formNames = new Set(birthRegistrationForm.pages.flatMap((page) => page.fields.map((field) => field.name)));

function withSteps(change: (steps: WorkflowDefinition['steps']) => void): WorkflowDefinition {
  const copy = structuredClone(genericWorkflow);
  change(copy.steps);
  return copy;
}

function errorsOf(json: unknown): string[] {
  const check = validateWorkflow(json);
  return check.ok ? [] : check.errors;
}

describe('validateWorkflow', () => {
  it('accepts both example workflows, the birth certificate one against its form', () => {
    expect(validateWorkflow(birthCertificateWorkflow, { answerNames: formNames }).ok).toBe(true);
    expect(validateWorkflow(genericWorkflow).ok).toBe(true);
  });

  it('rejects input that is not an object without throwing', () => {
    for (const json of [null, 'steps', [], 42]) expect(errorsOf(json)).toEqual(['The workflow must be a JSON object with "schemaVersion" and "steps".']);
  });

  it('says where a shape error is, by step number and id', () => {
    const errors = errorsOf(withSteps((steps) => Object.assign(steps[1] ?? {}, { responsible: { role: 'boss' } })));
    expect(errors).toContain('Step 2 ("assess"), responsible.role: must be one of "officer", "supervisor", "agency_admin".');
    expect(errorsOf({ schemaVersion: 1 })).toEqual(['The workflow: "steps" is missing.']);
  });

  it('refuses repeated step and checklist ids', () => {
    const errors = errorsOf(
      withSteps((steps) => {
        Object.assign(steps[1] ?? {}, { id: 'check' });
        steps[0]?.checklist.push({ id: 'requirements-present', label: { id: 'x', en: 'x' } });
      }),
    );
    expect(errors).toContain('Step 2 ("check"): another step has the id "check"; step ids must be unique.');
    expect(errors).toContain('Step 1 ("check"): two checklist items have the id "requirements-present"; they must be unique within the step.');
  });

  it('refuses shares that do not add up to 100', () => {
    expect(errorsOf(withSteps((steps) => Object.assign(steps[0] ?? {}, { shareOfTimeLimit: 25 })))).toEqual([
      'The shares of the time limit add up to 105%; they must add up to 100%.',
    ]);
  });

  it('refuses a last step that cannot decide, or that advances or has a condition', () => {
    const errors = errorsOf(withSteps((steps) => Object.assign(steps[3] ?? {}, { actions: ['advance'], condition: { field: 'feePaid', equals: ['true'] } })));
    expect(errors).toContain('Step 4 ("issue"): the last step must allow "approve" or "issue", so that applications can be decided.');
    expect(errors).toContain('Step 4 ("issue"): the last step cannot "advance": no step follows it. Use "approve" or "issue".');
    expect(errors).toContain('Step 4 ("issue"): the last step cannot have a "condition": when it is false, the application could never be decided.');
  });

  it('allows reject only where a decision is made, and issue only at the end', () => {
    const errors = errorsOf(withSteps((steps) => Object.assign(steps[0] ?? {}, { actions: ['advance', 'reject', 'issue'] })));
    expect(errors).toContain('Step 1 ("check"): only the last step may "issue": issuing closes the application, so the steps after it would never run.');
    expect(errorsOf(withSteps((steps) => Object.assign(steps[1] ?? {}, { actions: ['advance', 'reject'] })))).toEqual([
      'Step 2 ("assess"): "reject" is allowed only on a step that decides (one that allows "approve" or "issue").',
    ]);
  });

  it('refuses empty and repeated actions', () => {
    expect(errorsOf(withSteps((steps) => Object.assign(steps[1] ?? {}, { actions: [] })))).toEqual([
      'Step 2 ("assess"): "actions" is empty; allow at least one action, or the application would be stuck at this step.',
    ]);
    expect(errorsOf(withSteps((steps) => Object.assign(steps[1] ?? {}, { actions: ['advance', 'advance'] })))).toEqual([
      'Step 2 ("assess"): "advance" is listed twice in "actions".',
    ]);
  });

  it('refuses conditions on unknown fields or impossible values', () => {
    const unknownField = withSteps((steps) => Object.assign(steps[1] ?? {}, { condition: { field: 'colour', equals: ['red'] } }));
    expect(validateWorkflow(unknownField).ok).toBe(true);
    expect(validateWorkflow(unknownField, { answerNames: formNames })).toEqual({
      ok: false,
      errors: ['Step 2 ("assess"): "condition" refers to "colour", which is neither a field of the service\'s form nor applicantType or feePaid.'],
    });
    expect(errorsOf(withSteps((steps) => Object.assign(steps[1] ?? {}, { condition: { field: 'feePaid', equals: ['yes'] } })))).toEqual([
      'Step 2 ("assess"): "condition" value "yes" cannot match "feePaid" (its values are true, false).',
    ]);
  });
});

describe('workflow messages', () => {
  it('has a text for every refusal reason in both languages', () => {
    for (const reason of REFUSAL_REASONS) {
      const key = `workflow.refusal.${reason}`;
      expect(ALL_MESSAGES.id, key).toHaveProperty([key]);
      expect(ALL_MESSAGES.en, key).toHaveProperty([key]);
    }
  });
});

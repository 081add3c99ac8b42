import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';
import { LocalizedText } from '../../platform/forms/form-schema.ts';
import { describeSchemaErrors, type ErrorVocabulary } from '../../platform/forms/schema-errors.ts';
import { APPLICANT_TYPES } from '../catalogue/catalogue.vocabulary.ts';

/**
 * How applications of a service version are worked to a decision: ordered steps, each with the unit and
 * role responsible, its share of the service's time limit, a checklist and the actions allowed there.
 * Stored as JSON beside the service version and checked by `validateWorkflow` when an admin saves it.
 */

/** Facts about an application a condition may test besides its answers. */
export const APPLICATION_FACT_FIELDS = ['applicantType', 'feePaid'] as const;

export const MAX_STEPS = 20;
export const MAX_CHECKLIST_ITEMS = 30;

const ID_PATTERN = '^[a-z][a-z0-9-]{0,39}$';
const UNIT_CODE_PATTERN = '^[a-z0-9][a-z0-9-]{1,62}$';

/** The step is skipped when the answer (or fact) named by `field` is none of `equals`. */
export const StepCondition = Type.Object(
  {
    field: Type.String({ pattern: '^[a-z][a-zA-Z0-9]{0,39}$' }),
    equals: Type.Array(Type.String({ maxLength: 200 }), { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type StepCondition = Static<typeof StepCondition>;

export const ChecklistItem = Type.Object({ id: Type.String({ pattern: ID_PATTERN }), label: LocalizedText }, { additionalProperties: false });
export type ChecklistItem = Static<typeof ChecklistItem>;

export const WorkflowStep = Type.Object(
  {
    id: Type.String({ pattern: ID_PATTERN }),
    title: LocalizedText,
    responsible: Type.Object(
      {
        role: Type.Union([Type.Literal('officer'), Type.Literal('supervisor'), Type.Literal('agency_admin')]),
        /** Absent: any unit of the agency may work the step. */
        unitCode: Type.Optional(Type.String({ pattern: UNIT_CODE_PATTERN })),
      },
      { additionalProperties: false },
    ),
    /** Percent of the service's time limit; skipped steps' shares are redistributed when the clock runs. */
    shareOfTimeLimit: Type.Integer({ minimum: 0, maximum: 100 }),
    checklist: Type.Array(ChecklistItem, { maxItems: MAX_CHECKLIST_ITEMS }),
    // An empty list passes the schema so that validateWorkflow can say which step lacks actions.
    actions: Type.Array(
      Type.Union([
        Type.Literal('advance'),
        Type.Literal('request_information'),
        Type.Literal('forward'),
        Type.Literal('reject'),
        Type.Literal('approve'),
        Type.Literal('issue'),
      ]),
      { maxItems: 12 },
    ),
    condition: Type.Optional(StepCondition),
    /** The step cannot be completed until the fee is paid. */
    waitForPayment: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type WorkflowStep = Static<typeof WorkflowStep>;
export type WorkflowRole = WorkflowStep['responsible']['role'];
export type WorkflowActionType = WorkflowStep['actions'][number];
export const WORKFLOW_ROLES: readonly WorkflowRole[] = ['officer', 'supervisor', 'agency_admin'];
export const WORKFLOW_ACTIONS: readonly WorkflowActionType[] = ['advance', 'request_information', 'forward', 'reject', 'approve', 'issue'];

export const WorkflowDefinition = Type.Object(
  {
    /** Meta-schema version, so stored workflows can be read after this file changes. */
    schemaVersion: Type.Literal(1),
    steps: Type.Array(WorkflowStep, { minItems: 1, maxItems: MAX_STEPS }),
  },
  { additionalProperties: false, $id: 'WorkflowDefinition', title: 'Workflow definition' },
);
export type WorkflowDefinition = Static<typeof WorkflowDefinition>;

export type WorkflowCheck = { ok: true; workflow: WorkflowDefinition } | { ok: false; errors: string[] };

/** A long list helps nobody: past this many the admin fixes the first ones and saves again. */
const MAX_ERRORS = 50;
const DECISION_ACTIONS: readonly WorkflowActionType[] = ['approve', 'issue'];

/**
 * Checks a workflow an agency admin saves: its shape against the schema, then the rules the schema
 * cannot express (unique ids, shares summing to 100, a decision at the end, rejection only where a
 * decision is made, sensible conditions). When `answerNames` (the service form's field names) is
 * given, conditions must name one of them or an application fact. Errors are English sentences for
 * the back office, each saying where and what to change. Never throws, whatever the input.
 */
export function validateWorkflow(json: unknown, options: { answerNames?: ReadonlySet<string> } = {}): WorkflowCheck {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return { ok: false, errors: ['The workflow must be a JSON object with "schemaVersion" and "steps".'] };
  if (!Value.Check(WorkflowDefinition, json))
    return { ok: false, errors: describeSchemaErrors(json, Value.Errors(WorkflowDefinition, json), WORKFLOW_VOCABULARY).slice(0, MAX_ERRORS) };
  const errors = ruleErrors(json, options.answerNames);
  return errors.length > 0 ? { ok: false, errors: errors.slice(0, MAX_ERRORS) } : { ok: true, workflow: json };
}

function ruleErrors(workflow: WorkflowDefinition, answerNames: ReadonlySet<string> | undefined): string[] {
  const errors: string[] = [];
  const total = workflow.steps.reduce((sum, step) => sum + step.shareOfTimeLimit, 0);
  if (total !== 100) errors.push(`The shares of the time limit add up to ${total}%; they must add up to 100%.`);
  const stepIds = new Set<string>();
  workflow.steps.forEach((step, index) => {
    const last = index === workflow.steps.length - 1;
    const problems: string[] = [];
    if (stepIds.has(step.id)) problems.push(`another step has the id "${step.id}"; step ids must be unique.`);
    stepIds.add(step.id);
    problems.push(
      ...duplicates(step.checklist.map((item) => item.id)).map((id) => `two checklist items have the id "${id}"; they must be unique within the step.`),
    );
    problems.push(...actionProblems(step.actions, last));
    if (step.condition) problems.push(...conditionProblems(step.condition, last, answerNames));
    errors.push(...problems.map((problem) => `Step ${index + 1} ("${step.id}"): ${problem}`));
  });
  return errors;
}

function actionProblems(actions: readonly WorkflowActionType[], last: boolean): string[] {
  if (actions.length === 0) return ['"actions" is empty; allow at least one action, or the application would be stuck at this step.'];
  const problems = duplicates(actions).map((action) => `"${action}" is listed twice in "actions".`);
  const decides = actions.some((action) => DECISION_ACTIONS.includes(action));
  if (last && !decides) problems.push('the last step must allow "approve" or "issue", so that applications can be decided.');
  if (last && actions.includes('advance')) problems.push('the last step cannot "advance": no step follows it. Use "approve" or "issue".');
  if (!last && actions.includes('issue'))
    problems.push('only the last step may "issue": issuing closes the application, so the steps after it would never run.');
  if (actions.includes('reject') && !decides) problems.push('"reject" is allowed only on a step that decides (one that allows "approve" or "issue").');
  return problems;
}

function conditionProblems(condition: StepCondition, last: boolean, answerNames: ReadonlySet<string> | undefined): string[] {
  if (last) return ['the last step cannot have a "condition": when it is false, the application could never be decided.'];
  const allowed: Record<string, readonly string[]> = { feePaid: ['true', 'false'], applicantType: APPLICANT_TYPES };
  const values = allowed[condition.field];
  if (values) {
    return condition.equals
      .filter((value) => !values.includes(value))
      .map((value) => `"condition" value "${value}" cannot match "${condition.field}" (its values are ${values.join(', ')}).`);
  }
  if (answerNames && !answerNames.has(condition.field)) {
    return [`"condition" refers to "${condition.field}", which is neither a field of the service's form nor ${APPLICATION_FACT_FIELDS.join(' or ')}.`];
  }
  return [];
}

function duplicates<T>(values: readonly T[]): T[] {
  return [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];
}

/** How validateWorkflow's sentences name places: steps and checklist items by number and id. */
const WORKFLOW_VOCABULARY: ErrorVocabulary = {
  lists: { steps: { noun: 'Step', key: 'id' }, checklist: { noun: 'checklist item', key: 'id' } },
  patternAdvice: {
    id: 'must start with a lower-case letter and contain only lower-case letters, digits and hyphens, at most 40 (for example "verify-documents")',
    unitCode: 'must be a unit code: lower-case letters, digits and hyphens (for example "kantor-dinas")',
    field: 'must be the name of a form field (a lower-case letter, then letters and digits) or applicantType or feePaid',
  },
  whole: 'The workflow',
};

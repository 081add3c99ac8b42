import type { Updateable } from 'kysely';
import type { FormSchema } from '../../platform/forms/form-schema.ts';
import { validateFormSchema } from '../../platform/forms/validate-schema.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { validateWorkflow, type WorkflowCheck, type WorkflowDefinition } from '../workflow/workflow.schema.ts';
import type { FieldProblem } from './catalogue.errors.ts';
import { checkStandard, isIncompleteness, type ServiceStandard, type StandardProblem } from './catalogue.standard.ts';
import type { ServiceVersionTable } from './catalogue.tables.ts';
import { APPLICANT_TYPES, CHANNELS, isLifeEvent, PRIORITY_GROUPS } from './catalogue.vocabulary.ts';

// Checking what an agency admin saves into a draft, and whether a draft is complete enough to publish.
// Kept apart from the service so that the rules read in one place.

/** What the back office sends when it saves a draft. */
export interface DraftInput {
  nameId: string;
  nameEn: string;
  summaryId: string;
  summaryEn: string;
  lifeEvents: readonly string[];
  applicantTypes: readonly string[];
  channels: readonly string[];
  priorityGroups: readonly string[];
  /** Built from the standard's form fields (see views/standard-form.ts). */
  standard: unknown;
  /** The form as JSON text; '' keeps the form empty for now (then the draft cannot be published). */
  form: string;
  /** The workflow as JSON text (workflow.schema.ts); '' for the platform's standard workflow. */
  workflow: string;
  /** The output template as JSON text; '' for none. */
  outputTemplate: string;
}

/** The form of a draft nobody has written yet: it fails validateFormSchema, so it cannot be published. */
export const EMPTY_FORM = { schemaVersion: 1, pages: [] } as const;

const MAX_JSON = 200_000;

/** The input id of a field of the standard in the back-office form: `std.requirements.0.label.en`. */
export function standardFieldId(path: string): string {
  const segments = path.split('/').filter(Boolean);
  // A list with too few entries points at the first entry's first box.
  if (segments.length === 1 && ['requirements', 'procedure', 'legalBasis'].includes(segments[0] ?? '')) {
    return segments[0] === 'legalBasis' ? 'std.legalBasis.0.id' : `std.${segments[0]}.0.${segments[0] === 'requirements' ? 'label' : 'title'}.id`;
  }
  if (segments.length === 2 && segments[0] === 'complaintChannel' && segments[1] === 'channels') return 'std.complaintChannel.channels.0.label.id';
  if (segments.length === 1 && segments[0] === 'cost') return 'std.cost.kind';
  return ['std', ...segments].join('.');
}

function messageFor(problem: StandardProblem): MessageKey {
  switch (problem.keyword) {
    case 'minLength':
    case 'required':
      return 'catalogue.admin.error.required';
    case 'minItems':
      return 'catalogue.admin.error.atLeastOne';
    case 'maxLength':
    case 'maxItems':
      return 'catalogue.admin.error.tooLong';
    case 'pattern':
      return 'catalogue.admin.error.format';
    case 'unique':
      return 'catalogue.admin.error.unique';
    case 'type':
    case 'minimum':
    case 'maximum':
      return 'catalogue.admin.error.number';
    default:
      return 'catalogue.admin.error.invalid';
  }
}

export function standardFieldProblems(problems: readonly StandardProblem[]): FieldProblem[] {
  const seen = new Set<string>();
  return problems.flatMap((problem) => {
    const field = standardFieldId(problem.path);
    if (seen.has(field)) return [];
    seen.add(field);
    return [{ field, key: messageFor(problem) }];
  });
}

function subset<T extends string>(values: readonly string[], allowed: readonly T[]): T[] | undefined {
  const chosen = [...new Set(values)];
  return chosen.every((value) => (allowed as readonly string[]).includes(value)) ? (chosen as T[]) : undefined;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The names of a form's fields: what a workflow step's condition may test besides the application facts. */
export function answerNamesOf(form: FormSchema): Set<string> {
  return new Set(form.pages.flatMap((page) => page.fields.map((field) => field.name)));
}

/**
 * validateWorkflow against the service's form (when it has a valid one): conditions must name one of
 * its fields, and test values that field can take. Sentences in validateWorkflow's style.
 */
export function checkWorkflow(json: unknown, form: FormSchema | undefined): WorkflowCheck {
  if (!form) return validateWorkflow(json);
  const check = validateWorkflow(json, { answerNames: answerNamesOf(form) });
  if (!check.ok) return check;
  const fields = new Map(form.pages.flatMap((page) => page.fields).map((field) => [field.name, field]));
  const errors = check.workflow.steps.flatMap((step, index) => {
    const field = step.condition ? fields.get(step.condition.field) : undefined;
    if (!step.condition || !field || !('options' in field)) return [];
    const values = field.options.map((option) => option.value);
    return step.condition.equals
      .filter((value) => !values.includes(value))
      .map(
        (value) =>
          `Step ${index + 1} ("${step.id}"): "condition" value "${value}" is not an option of the form field "${field.name}" (its options are ${values.join(', ')}).`,
      );
  });
  return errors.length > 0 ? { ok: false, errors } : check;
}

/**
 * A workflow's problems as one field problem: `details` keeps validateWorkflow's sentences (English,
 * for the back office), which the editor lists under a localized heading.
 */
function workflowProblem(errors: readonly string[]): FieldProblem {
  return {
    field: 'workflow',
    key: 'catalogue.admin.error.workflow',
    params: { count: errors.length, details: errors.slice(0, 3).join(' · ') },
    details: errors,
  };
}

/** Unit codes the workflow's steps name that are not among the agency's units (`known`). */
export function unknownUnitCodes(workflow: WorkflowDefinition, known: ReadonlySet<string>): string[] {
  const codes = workflow.steps.flatMap((step) => (step.responsible.unitCode === undefined ? [] : [step.responsible.unitCode]));
  return [...new Set(codes.filter((code) => !known.has(code)))];
}

/** File fields that claim to satisfy a requirement the standard does not have. */
function unknownRequirementRefs(form: FormSchema, standard: unknown): string[] {
  const requirements = (standard as { requirements?: { id?: unknown }[] } | null)?.requirements ?? [];
  const ids = new Set(requirements.map((requirement) => requirement.id));
  return form.pages.flatMap((page) =>
    page.fields.flatMap((field) => (field.type === 'file' && field.requirement && !ids.has(field.requirement) ? [field.requirement] : [])),
  );
}

/**
 * Checks a draft as saved: everything filled in must be valid, but texts and lists may still be empty.
 * Returns the columns to write, or the problems by field.
 */
export function checkDraft(
  input: DraftInput,
): { ok: true; values: Updateable<ServiceVersionTable>; workflow: WorkflowDefinition | null } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const text = (field: keyof DraftInput, value: string, max: number) => {
    if (value.trim() === '') problems.push({ field, key: 'catalogue.admin.error.required' });
    else if (value.length > max) problems.push({ field, key: 'catalogue.admin.error.tooLong' });
  };
  text('nameId', input.nameId, 200);
  text('nameEn', input.nameEn, 200);
  text('summaryId', input.summaryId, 1000);
  text('summaryEn', input.summaryEn, 1000);

  const lifeEvents = input.lifeEvents.every(isLifeEvent) ? [...new Set(input.lifeEvents)] : undefined;
  if (!lifeEvents) problems.push({ field: 'lifeEvents', key: 'catalogue.admin.error.invalid' });
  const applicantTypes = subset(input.applicantTypes, APPLICANT_TYPES);
  if (!applicantTypes || applicantTypes.length === 0) problems.push({ field: 'applicantTypes', key: 'catalogue.admin.error.atLeastOne' });
  const channels = subset(input.channels, CHANNELS);
  if (!channels || channels.length === 0) problems.push({ field: 'channels', key: 'catalogue.admin.error.atLeastOne' });
  const priorityGroups = subset(input.priorityGroups, PRIORITY_GROUPS);
  if (!priorityGroups) problems.push({ field: 'priorityGroups', key: 'catalogue.admin.error.invalid' });

  const standardCheck = checkStandard(input.standard);
  if (!standardCheck.ok) problems.push(...standardFieldProblems(standardCheck.problems.filter((problem) => !isIncompleteness(problem))));

  let form: unknown = EMPTY_FORM;
  // Conditions are checked against the form's field names once there is a valid form; before that
  // (or when the form has errors of its own) only their shape is, and publishing checks them again.
  let validForm: FormSchema | undefined;
  if (input.form.trim() !== '') {
    const parsed = input.form.length <= MAX_JSON ? parseJson(input.form) : { ok: false as const };
    const check = parsed.ok ? validateFormSchema(parsed.value) : undefined;
    if (!check) problems.push({ field: 'form', key: 'catalogue.admin.error.json' });
    else if (!check.ok) problems.push({ field: 'form', key: 'catalogue.admin.error.form', params: { details: check.errors.slice(0, 3).join(' · ') } });
    else {
      const unknown = unknownRequirementRefs(check.form, input.standard);
      if (unknown.length > 0) problems.push({ field: 'form', key: 'catalogue.admin.error.formRequirement', params: { ids: unknown.join(', ') } });
      form = check.form;
      validForm = check.form;
    }
  }

  let workflow: WorkflowDefinition | null = null;
  if (input.workflow.trim() !== '') {
    const parsed = input.workflow.length <= MAX_JSON ? parseJson(input.workflow) : { ok: false as const };
    const check = parsed.ok ? checkWorkflow(parsed.value, validForm) : undefined;
    if (!check) problems.push({ field: 'workflow', key: 'catalogue.admin.error.json' });
    else if (!check.ok) problems.push(workflowProblem(check.errors));
    else workflow = check.workflow;
  }

  let outputTemplate: unknown = null;
  if (input.outputTemplate.trim() !== '') {
    const parsed = input.outputTemplate.length <= MAX_JSON ? parseJson(input.outputTemplate) : { ok: false as const };
    if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
      problems.push({ field: 'outputTemplate', key: 'catalogue.admin.error.json' });
    } else outputTemplate = parsed.value;
  }

  if (problems.length > 0 || !lifeEvents || !applicantTypes || !channels || !priorityGroups) return { ok: false, problems };
  const standard = input.standard as ServiceStandard;
  return {
    ok: true,
    workflow,
    values: {
      nameId: input.nameId.trim(),
      nameEn: input.nameEn.trim(),
      summaryId: input.summaryId.trim(),
      summaryEn: input.summaryEn.trim(),
      lifeEvents,
      applicantTypes,
      channels,
      priorityGroups,
      timeLimitWorkingDays: standard.timeLimit.workingDays,
      costAmount: standard.cost.kind === 'paid' ? standard.cost.amount : 0,
      standard: JSON.stringify(standard),
      form: JSON.stringify(form),
      workflow: workflow === null ? null : JSON.stringify(workflow),
      outputTemplate: outputTemplate === null ? null : JSON.stringify(outputTemplate),
    },
  };
}

/**
 * What still stops a draft from being published: empty parts of the standard, no valid form, or a
 * workflow that does not validate against the form. None: ready.
 */
export function publishProblems(version: { standard: unknown; form: unknown; workflow: unknown }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const standard = checkStandard(version.standard);
  if (!standard.ok) problems.push(...standardFieldProblems(standard.problems));
  const pages = (version.form as { pages?: unknown[] } | null)?.pages;
  const form = Array.isArray(pages) && pages.length === 0 ? undefined : validateFormSchema(version.form);
  if (!form) problems.push({ field: 'form', key: 'catalogue.admin.error.formMissing' });
  else if (!form.ok) problems.push({ field: 'form', key: 'catalogue.admin.error.form', params: { details: form.errors.slice(0, 3).join(' · ') } });
  else {
    const unknown = unknownRequirementRefs(form.form, version.standard);
    if (unknown.length > 0) problems.push({ field: 'form', key: 'catalogue.admin.error.formRequirement', params: { ids: unknown.join(', ') } });
  }
  // Null runs the standard workflow, which has no conditions: nothing to check.
  if (version.workflow !== null && version.workflow !== undefined) {
    const workflow = checkWorkflow(version.workflow, form?.ok ? form.form : undefined);
    if (!workflow.ok) problems.push(workflowProblem(workflow.errors));
  }
  return problems;
}

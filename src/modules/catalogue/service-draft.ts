import type { Updateable } from 'kysely';
import type { FormSchema } from '../../platform/forms/form-schema.ts';
import { validateFormSchema } from '../../platform/forms/validate-schema.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
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
  /** A workflow id; '' for none yet. */
  workflowRef: string;
  /** The output template as JSON text; '' for none. */
  outputTemplate: string;
}

/** The form of a draft nobody has written yet: it fails validateFormSchema, so it cannot be published. */
export const EMPTY_FORM = { schemaVersion: 1, pages: [] } as const;

const WORKFLOW_REF = /^[a-z0-9][a-z0-9._-]{0,79}$/;
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
export function checkDraft(input: DraftInput): { ok: true; values: Updateable<ServiceVersionTable> } | { ok: false; problems: FieldProblem[] } {
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
  const workflowRef = input.workflowRef.trim();
  if (workflowRef !== '' && !WORKFLOW_REF.test(workflowRef)) problems.push({ field: 'workflowRef', key: 'catalogue.admin.error.format' });

  const standardCheck = checkStandard(input.standard);
  if (!standardCheck.ok) problems.push(...standardFieldProblems(standardCheck.problems.filter((problem) => !isIncompleteness(problem))));

  let form: unknown = EMPTY_FORM;
  if (input.form.trim() !== '') {
    const parsed = input.form.length <= MAX_JSON ? parseJson(input.form) : { ok: false as const };
    const check = parsed.ok ? validateFormSchema(parsed.value) : undefined;
    if (!check) problems.push({ field: 'form', key: 'catalogue.admin.error.json' });
    else if (!check.ok) problems.push({ field: 'form', key: 'catalogue.admin.error.form', params: { details: check.errors.slice(0, 3).join(' · ') } });
    else {
      const unknown = unknownRequirementRefs(check.form, input.standard);
      if (unknown.length > 0) problems.push({ field: 'form', key: 'catalogue.admin.error.formRequirement', params: { ids: unknown.join(', ') } });
      form = check.form;
    }
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
      workflowRef: workflowRef === '' ? null : workflowRef,
      outputTemplate: outputTemplate === null ? null : JSON.stringify(outputTemplate),
    },
  };
}

/** What still stops a draft from being published: empty parts of the standard, or no valid form. None: ready. */
export function publishProblems(version: { standard: unknown; form: unknown }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const standard = checkStandard(version.standard);
  if (!standard.ok) problems.push(...standardFieldProblems(standard.problems));
  const pages = (version.form as { pages?: unknown[] } | null)?.pages;
  if (Array.isArray(pages) && pages.length === 0) return [...problems, { field: 'form', key: 'catalogue.admin.error.formMissing' }];
  const form = validateFormSchema(version.form);
  if (!form.ok) problems.push({ field: 'form', key: 'catalogue.admin.error.form', params: { details: form.errors.slice(0, 3).join(' · ') } });
  else {
    const unknown = unknownRequirementRefs(form.form, version.standard);
    if (unknown.length > 0) problems.push({ field: 'form', key: 'catalogue.admin.error.formRequirement', params: { ids: unknown.join(', ') } });
  }
  return problems;
}

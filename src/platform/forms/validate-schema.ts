import { type TSchema, Type } from 'typebox';
import { Value } from 'typebox/value';
import { parseIsoDate } from './dates.ts';
import {
  AddressField,
  ChoiceField,
  DateField,
  type Field,
  type FieldType,
  FileField,
  FormPage,
  FormSchema,
  GeoPointField,
  IdentifierField,
  MAX_FIELDS_PER_PAGE,
  MAX_PAGES,
  NumberField,
  type PrefillSource,
  TextField,
} from './form-schema.ts';
import { RESERVED_FIELD_NAMES, RESERVED_PAGE_IDS } from './ids.ts';
import { checkPattern } from './pattern.ts';
import { describeSchemaErrors, locate } from './schema-errors.ts';

export type FormSchemaCheck = { ok: true; form: FormSchema } | { ok: false; errors: string[] };

const FIELD_SCHEMAS: Record<FieldType, TSchema> = {
  text: TextField,
  longText: TextField,
  number: NumberField,
  money: NumberField,
  date: DateField,
  nik: IdentifierField,
  nib: IdentifierField,
  phone: IdentifierField,
  email: IdentifierField,
  select: ChoiceField,
  radios: ChoiceField,
  checkboxes: ChoiceField,
  address: AddressField,
  geoPoint: GeoPointField,
  file: FileField,
};
const FIELD_TYPES = Object.keys(FIELD_SCHEMAS);

// The form and its pages with their items left unchecked, so that each level reports its own errors
// and a field is checked only against the schema its `type` selects (not every branch of the union).
const FormShell = Type.Object(
  { ...FormSchema.properties, pages: Type.Array(Type.Unknown(), { minItems: 1, maxItems: MAX_PAGES }) },
  { additionalProperties: false },
);
const PageShell = Type.Object(
  { ...FormPage.properties, fields: Type.Array(Type.Unknown(), { minItems: 1, maxItems: MAX_FIELDS_PER_PAGE }) },
  { additionalProperties: false },
);

/** A long list helps nobody: past this many the admin fixes the first ones and saves again. */
const MAX_ERRORS = 50;

/**
 * Checks a form an agency admin saves: its shape against the meta-schema, then the rules the meta-schema
 * cannot express (unique names and page ids, conditions on earlier choice fields, safe patterns,
 * consistent bounds, prefill from a matching profile fact). Errors are English sentences for the
 * back office, each saying where and what to change. Never throws, whatever the input.
 */
export function validateFormSchema(json: unknown): FormSchemaCheck {
  const shapeErrors = structuralErrors(json);
  if (shapeErrors.length > 0) return { ok: false, errors: shapeErrors.slice(0, MAX_ERRORS) };
  const form = json as FormSchema;
  const errors = ruleErrors(form);
  return errors.length > 0 ? { ok: false, errors: errors.slice(0, MAX_ERRORS) } : { ok: true, form };
}

function structuralErrors(json: unknown): string[] {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return ['The form must be a JSON object with "schemaVersion" and "pages".'];
  if (Value.Check(FormSchema, json)) return [];
  const errors = describeSchemaErrors(json, Value.Errors(FormShell, json));
  const pages = (json as { pages?: unknown }).pages;
  if (errors.length === 0 && Array.isArray(pages)) {
    pages.forEach((page, pageIndex) => {
      const pageErrors = describeSchemaErrors(json, prefixed(Value.Errors(PageShell, page), `/pages/${pageIndex}`));
      errors.push(...pageErrors);
      const fields = (page as { fields?: unknown } | null)?.fields;
      if (pageErrors.length > 0 || !Array.isArray(fields)) return;
      fields.forEach((field, fieldIndex) => {
        errors.push(...fieldErrors(json, field, `/pages/${pageIndex}/fields/${fieldIndex}`));
      });
    });
  }
  // Whatever the levels above missed still fails the whole check, with TypeBox's own wording.
  return errors.length > 0 ? errors : describeSchemaErrors(json, Value.Errors(FormSchema, json));
}

function fieldErrors(json: unknown, field: unknown, path: string): string[] {
  const type = typeof field === 'object' && field !== null && Object.hasOwn(field, 'type') ? (field as { type: unknown }).type : undefined;
  if (typeof type !== 'string' || !Object.hasOwn(FIELD_SCHEMAS, type)) {
    return [`${locate(json, path)}: "type" must be one of ${FIELD_TYPES.join(', ')}.`];
  }
  return describeSchemaErrors(json, prefixed(Value.Errors(FIELD_SCHEMAS[type as FieldType], field), path));
}

function prefixed<T extends { instancePath: string }>(errors: readonly T[], path: string): T[] {
  return errors.map((error) => ({ ...error, instancePath: `${path}${error.instancePath}` }));
}

function ruleErrors(form: FormSchema): string[] {
  const errors: string[] = [];
  const allNames = new Set(form.pages.flatMap((page) => page.fields.map((field) => field.name)));
  const earlier = new Map<string, Field>();
  const pageIds = new Set<string>();
  form.pages.forEach((page, pageIndex) => {
    if (RESERVED_PAGE_IDS.has(page.id))
      errors.push(`Page ${pageIndex + 1} ("${page.id}"): the id "${page.id}" is reserved for the apply journey's own pages; choose another.`);
    if (pageIds.has(page.id)) errors.push(`Page ${pageIndex + 1} ("${page.id}"): another page has the same id; page ids must be unique.`);
    pageIds.add(page.id);
    page.fields.forEach((field, fieldIndex) => {
      const where = `Page ${pageIndex + 1} ("${page.id}"), field ${fieldIndex + 1} ("${field.name}")`;
      const problems = [...nameProblems(field, earlier), ...conditionProblems(field, earlier, allNames), ...typeProblems(field), ...prefillProblems(field)];
      errors.push(...problems.map((problem) => `${where}: ${problem}`));
      if (!earlier.has(field.name)) earlier.set(field.name, field);
    });
  });
  return errors;
}

function nameProblems(field: Field, earlier: ReadonlyMap<string, Field>): string[] {
  if (RESERVED_FIELD_NAMES.has(field.name)) return [`the name "${field.name}" is reserved; choose another.`];
  if (earlier.has(field.name)) return [`another field already has the name "${field.name}"; field names must be unique across the form.`];
  return [];
}

const CHOICE_TYPES: ReadonlySet<FieldType> = new Set(['select', 'radios', 'checkboxes']);

function conditionProblems(field: Field, earlier: ReadonlyMap<string, Field>, allNames: ReadonlySet<string>): string[] {
  const condition = field.showWhen;
  if (!condition) return [];
  const target = earlier.get(condition.field);
  if (!target) {
    if (condition.field === field.name) return ['"showWhen" cannot refer to the field itself.'];
    if (allNames.has(condition.field)) {
      return [`"showWhen" refers to "${condition.field}", which comes later; it must refer to a field on an earlier page or earlier on the same page.`];
    }
    return [`"showWhen" refers to "${condition.field}", but the form has no field with that name.`];
  }
  if (target.type !== 'select' && target.type !== 'radios' && target.type !== 'checkboxes') {
    return [`"showWhen" must refer to a choice field (${[...CHOICE_TYPES].join(', ')}); "${target.name}" is a ${target.type} field.`];
  }
  const options = new Set(target.options.map((option) => option.value));
  return condition.equals
    .filter((value) => !options.has(value))
    .map((value) => `"showWhen" value "${value}" is not an option of "${target.name}" (its options are ${[...options].join(', ')}).`);
}

function typeProblems(field: Field): string[] {
  switch (field.type) {
    case 'text':
    case 'longText':
      return [...boundProblems('minLength', field.minLength, 'maxLength', field.maxLength), ...patternProblems(field.pattern)];
    case 'number':
      return boundProblems('min', field.min, 'max', field.max);
    case 'money':
      return [...moneyBoundProblems(field.min, field.max), ...boundProblems('min', field.min, 'max', field.max)];
    case 'date':
      return dateBoundProblems(field.min, field.max);
    case 'select':
    case 'radios':
    case 'checkboxes':
      return duplicateOptionProblems(field.options.map((option) => option.value));
    default:
      return [];
  }
}

function boundProblems(minName: string, min: number | undefined, maxName: string, max: number | undefined): string[] {
  return min !== undefined && max !== undefined && min > max ? [`"${minName}" (${min}) is greater than "${maxName}" (${max}).`] : [];
}

function moneyBoundProblems(...bounds: (number | undefined)[]): string[] {
  return bounds.some((bound) => bound !== undefined && (!Number.isSafeInteger(bound) || bound < 0))
    ? ['"min" and "max" of a money field must be whole rupiah amounts of 0 or more.']
    : [];
}

function patternProblems(pattern: string | undefined): string[] {
  if (pattern === undefined) return [];
  const check = checkPattern(pattern);
  if (check.ok) return [];
  const reasons = {
    too_long: 'is longer than 200 characters.',
    invalid: 'is not a valid regular expression.',
    unsafe: 'could make matching take very long (nested or too many repetitions, as in "(a+)+"); simplify it.',
  } as const;
  return [`"pattern" ${reasons[check.reason]}`];
}

function dateBoundProblems(min: string | undefined, max: string | undefined): string[] {
  const problems = [min, max].flatMap((bound, index) =>
    bound === undefined || bound === 'today' || parseIsoDate(bound)
      ? []
      : [`"${index === 0 ? 'min' : 'max'}" must be a date written YYYY-MM-DD or "today"; "${bound}" is neither.`],
  );
  if (problems.length === 0 && min && max && min !== 'today' && max !== 'today' && min > max) problems.push(`"min" (${min}) is after "max" (${max}).`);
  return problems;
}

function duplicateOptionProblems(values: readonly string[]): string[] {
  const duplicates = new Set(values.filter((value, index) => values.indexOf(value) !== index));
  return [...duplicates].map((value) => `two options have the value "${value}"; option values must be unique.`);
}

/** The field types each profile fact fits: a name is text, a birth date is a date, and so on. */
const PREFILL_TYPES: Record<PrefillSource, readonly FieldType[]> = {
  fullName: ['text'],
  nik: ['nik'],
  email: ['email'],
  phone: ['phone'],
  birthDate: ['date'],
};

function prefillProblems(field: Field): string[] {
  if (!field.prefill) return [];
  const types = PREFILL_TYPES[field.prefill];
  return types.includes(field.type) ? [] : [`"prefill": "${field.prefill}" needs a ${types.join(' or ')} field, not ${field.type}.`];
}

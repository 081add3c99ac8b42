import type { FieldError } from '../../ui/components/error-summary.tsx';
import type { PageContext } from '../../ui/context.ts';
import type { Field, FormPage, FormSchema } from '../form-schema.ts';
import { fieldNameOfInputId } from '../ids.ts';
import { labelParams } from '../labels.ts';
import type { FormProblem } from '../problems.ts';

/** Where the fields of problems are looked up: a whole form, one page, or a list of fields. */
export type FieldSource = FormSchema | FormPage | readonly Field[];

function fieldsOf(source: FieldSource): Map<string, Field> {
  const fields = Array.isArray(source) ? source : 'pages' in source ? source.pages.flatMap((page) => page.fields) : (source as FormPage).fields;
  return new Map(fields.map((field) => [field.name, field]));
}

/** Messages that come from the accounts module say "NIK" but not which one: the label is put before them. */
const IDENTIFIER_KEYS = /^(nik|nib|email|phone)\./;

/**
 * Problems as the error summary and the fields show them, in the page's language: the label and any
 * bound (rupiah, number, date) are written for `ctx.locale`, whatever language the validator used.
 */
export function formErrors(ctx: PageContext, source: FieldSource, problems: readonly FormProblem[]): FieldError[] {
  const fields = fieldsOf(source);
  return problems.map((problem) => {
    const name = fieldNameOfInputId(problem.field);
    return { field: problem.field, message: problemMessage(ctx, name === undefined ? undefined : fields.get(name), problem) };
  });
}

export function problemMessage(ctx: PageContext, field: Field | undefined, problem: FormProblem): string {
  if (!field) return ctx.t(problem.key, problem.params);
  const labels = labelParams(field, ctx.locale);
  const params: Record<string, string | number> = { ...problem.params, ...labels };
  for (const bound of ['min', 'max', 'length', 'count'] as const) {
    const value = params[bound];
    if (value !== undefined) params[bound] = formatBound(ctx, field, value);
  }
  const message = ctx.t(problem.key, params);
  return IDENTIFIER_KEYS.test(problem.key) ? ctx.t('form.fieldProblem', { Label: labels.Label, message }) : message;
}

function formatBound(ctx: PageContext, field: Field, value: string | number): string {
  if (typeof value === 'string')
    return field.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? ctx.format.date(new Date(`${value}T00:00:00Z`), 'UTC') : value;
  return field.type === 'money' ? ctx.format.currency(value) : ctx.format.number(value);
}

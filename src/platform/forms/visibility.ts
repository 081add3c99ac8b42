import type { Field, FieldValue, FormData, FormPage, FormSchema } from './form-schema.ts';

/** The answer to a field, read only from the data's own keys (a field could be named like an Object method). */
export function answerOf(data: FormData, name: string): FieldValue | undefined {
  return typeof data === 'object' && data !== null && Object.hasOwn(data, name) ? data[name] : undefined;
}

/**
 * Whether the answer to the field's condition is one of the values it waits for (for checkboxes, any
 * ticked one). It reads that answer only: `visibleFields` also hides a field whose condition field is
 * itself hidden.
 */
export function isVisible(field: Field, data: FormData): boolean {
  const condition = field.showWhen;
  if (!condition) return true;
  const answer = answerOf(data, condition.field);
  if (typeof answer === 'string') return condition.equals.includes(answer);
  if (Array.isArray(answer)) return answer.some((value) => typeof value === 'string' && condition.equals.includes(value));
  return false;
}

/**
 * The fields the applicant is asked, in form order. A condition always refers to an earlier field, so
 * one pass decides: a field is shown when its condition field is shown and has a matching answer.
 */
export function visibleFields(form: FormSchema, data: FormData): Field[] {
  const shown = new Set<string>();
  const fields: Field[] = [];
  for (const page of form.pages) {
    for (const field of page.fields) {
      if (field.showWhen && !shown.has(field.showWhen.field)) continue;
      if (!isVisible(field, data)) continue;
      shown.add(field.name);
      fields.push(field);
    }
  }
  return fields;
}

/** The pages that have at least one visible field: the others are skipped in the page flow and on check answers. */
export function visiblePages(form: FormSchema, data: FormData): FormPage[] {
  const shown = new Set(visibleFields(form, data));
  return form.pages.filter((page) => page.fields.some((field) => shown.has(field)));
}

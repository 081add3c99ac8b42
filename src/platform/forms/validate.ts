import type { FormData, FormSchema } from './form-schema.ts';
import type { FormProblem } from './problems.ts';
import { validateField } from './validate-field.ts';
import type { ValidationOptions } from './validation-options.ts';
import { answerOf, visibleFields } from './visibility.ts';

export type { ValidationOptions } from './validation-options.ts';

/** Stands in for the input id when the page itself does not exist: there is no field to link to. */
export const UNKNOWN_PAGE_FIELD = 'form-page';

/** Data as given when it is an object, else no answers: a hostile JSON body must not throw. */
function asData(data: unknown): FormData {
  return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as FormData) : {};
}

/**
 * The problems with the visible fields of one page, given all answers so far (earlier pages decide
 * which fields are shown). An unknown page id gives one `form.pageUnknown` problem: callers should
 * answer 404 before asking. Never throws, whatever the data.
 */
export function validatePage(form: FormSchema, pageId: string, data: FormData, options: ValidationOptions): FormProblem[] {
  const page = form.pages.find((candidate) => candidate.id === pageId);
  if (!page) return [{ field: UNKNOWN_PAGE_FIELD, key: 'form.pageUnknown' }];
  const answers = asData(data);
  const shown = new Set(visibleFields(form, answers));
  return page.fields.filter((field) => shown.has(field)).flatMap((field) => validateField(field, answerOf(answers, field.name), options));
}

/** The problems with every visible field of every page, in form order: the check made before an application is filed. */
export function validateSubmission(form: FormSchema, data: FormData, options: ValidationOptions): FormProblem[] {
  const answers = asData(data);
  return visibleFields(form, answers).flatMap((field) => validateField(field, answerOf(answers, field.name), options));
}

/**
 * The answers to keep: those of visible fields only. An answer given before the applicant changed the
 * choice that showed its field is dropped, as are keys the form does not know.
 */
export function cleanSubmission(form: FormSchema, data: FormData): FormData {
  const answers = asData(data);
  const cleaned: FormData = {};
  for (const field of visibleFields(form, answers)) {
    const answer = answerOf(answers, field.name);
    if (answer !== undefined) cleaned[field.name] = answer;
  }
  return cleaned;
}

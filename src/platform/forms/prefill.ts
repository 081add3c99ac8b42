import type { FormData, FormSchema, PrefillSource } from './form-schema.ts';

/** What the applicant's profile knows: the platform's verified identity and contact facts. */
export type PrefillProfile = { [K in PrefillSource]?: string | undefined };

/**
 * Answers taken from the applicant's profile for the fields that ask for them, and the names of those
 * fields so the page can mark them ("Filled in from your profile"). Merge under the draft's own
 * answers (`{ ...prefilled.data, ...draft }`): what the applicant changed wins.
 */
export function prefill(form: FormSchema, profile: PrefillProfile): { data: FormData; prefilled: Set<string> } {
  const data: FormData = {};
  const prefilled = new Set<string>();
  for (const page of form.pages) {
    for (const field of page.fields) {
      const value = field.prefill ? profile[field.prefill] : undefined;
      if (typeof value !== 'string' || value.trim() === '') continue;
      data[field.name] = value.trim();
      prefilled.add(field.name);
    }
  }
  return { data, prefilled };
}

import type { MessageKey } from '../i18n/index.ts';

/**
 * One problem with an answer. `field` is the id of the input to link to from the error summary (see
 * `inputId` in ids.ts); `params` fill the message. The label in `params` is in the language the
 * validator was given; `formErrors` (views/errors.ts) rewrites label and bounds for the page's language.
 */
export interface FormProblem {
  field: string;
  key: MessageKey;
  params?: Record<string, string | number>;
}

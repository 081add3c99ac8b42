import { AppError, type InvalidParam } from '../../platform/http/errors.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';

// Errors of the catalogue module (codes `catalogue.*`). A service of another agency is answered as
// missing (authErrors.notFound), never as forbidden.
export const catalogueErrors = {
  serviceNotFound: () => new AppError('catalogue.service_not_found', 404, 'catalogue.error.serviceNotFound.title', 'catalogue.error.serviceNotFound.text'),
  /** Only a draft may change: a published or retired version is what applications were filed under. */
  notDraft: () => new AppError('catalogue.version_not_draft', 409, 'catalogue.error.notDraft.title', 'catalogue.error.notDraft.text'),
  /** Publishing a draft whose standard or form is not complete yet. */
  incomplete: (params: readonly InvalidParam[]) =>
    new AppError('catalogue.version_incomplete', 422, 'catalogue.error.incomplete.title', 'catalogue.error.incomplete.text', params),
};

/** A problem with one field of a back-office form: `field` is the id of its input. */
export interface FieldProblem {
  field: string;
  key: MessageKey;
  params?: Record<string, string | number>;
  /** Sentences that explain the problem further (validateWorkflow's, in English), listed under the field. */
  details?: readonly string[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

import type { Locale, MessageKey } from '../i18n/index.ts';
import type { Field } from './form-schema.ts';
import { inputId } from './ids.ts';
import { labelParams } from './labels.ts';
import type { FormProblem } from './problems.ts';

export interface ValidationOptions {
  /** Whether a Kemendagri province or regency code is in the region table (for address fields). */
  regionExists(code: string): boolean;
  /** The moment "today" is taken from for date bounds; now by default. */
  today?: Date;
  /** The language of the labels put in the problems' params; Indonesian by default. */
  locale?: Locale;
}

/** Builds the problems of one field: the label goes into every message. */
export type Report = (key: MessageKey, params?: Record<string, string | number>, part?: string) => FormProblem;

export function reporter(field: Field, locale: Locale): Report {
  const labels = labelParams(field, locale);
  return (key, params, part) => ({ field: inputId(field.name, part), key, params: { ...labels, ...params } });
}

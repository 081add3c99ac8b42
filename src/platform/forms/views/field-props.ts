import type { FieldError } from '../../ui/components/error-summary.tsx';
import type { PageContext } from '../../ui/context.ts';
import type { Field, FieldValue } from '../form-schema.ts';
import type { FormProblem } from '../problems.ts';
import type { RegionOptions } from './regions.ts';

export interface FieldControlProps {
  ctx: PageContext;
  field: Field;
  value: FieldValue | undefined;
  /** This field's problems, and their messages in the page's language (same order). */
  problems: readonly FormProblem[];
  errors: readonly FieldError[];
  /** The hint to show: the form's, with what the engine adds (prefilled, conditional, format). */
  hint: string | undefined;
  regions: RegionOptions;
  fileNames: Readonly<Record<string, string>>;
}

/** The first message for an input id, shown above that input. */
export function errorAt(errors: readonly FieldError[], id: string): string | undefined {
  return errors.find((error) => error.field === id)?.message;
}

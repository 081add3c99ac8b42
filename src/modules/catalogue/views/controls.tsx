import { describedBy, ErrorMessage, type FieldError } from '../../../platform/ui/components/error-summary.tsx';
import { TextInput } from '../../../platform/ui/components/text-input.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';

/** The first message for a field, shown above it. */
export function errorFor(errors: readonly FieldError[], field: string): string | undefined {
  return errors.find((error) => error.field === field)?.message;
}

export interface TextAreaProps {
  ctx: PageContext;
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  value: string;
  rows?: number;
  optional?: boolean;
  /** Monospaced and not spell-checked: for JSON. */
  code?: boolean;
}

/** A labelled multi-line text box, with hint and error as the other fields have them. */
export function TextArea({ ctx, id, label, hint, error, value, rows = 4, optional, code }: TextAreaProps) {
  return (
    <div class={error ? 'form-group form-group--error' : 'form-group'}>
      <label class="label" for={id}>
        {label}
        {optional ? ` ${ctx.t('ui.optional')}` : ''}
      </label>
      {hint ? (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      ) : null}
      <ErrorMessage ctx={ctx} id={id} message={error} />
      <textarea
        class={[error ? 'textarea textarea--error' : 'textarea', code ? 'textarea--code' : ''].filter(Boolean).join(' ')}
        id={id}
        name={id}
        rows={rows}
        spellcheck={code ? false : undefined}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? 'true' : undefined}
        value={value}
      />
    </div>
  );
}

export interface PairProps {
  ctx: PageContext;
  /** The field ids are `${base}.id` and `${base}.en`. */
  base: string;
  legend: string;
  hint?: string | undefined;
  values: ReadonlyMap<string, string>;
  errors: readonly FieldError[];
  long?: boolean;
  optional?: boolean;
}

/** One text in both languages: a fieldset with an Indonesian and an English box. */
export function Pair({ ctx, base, legend, hint, values, errors, long, optional }: PairProps) {
  const { t } = ctx;
  return (
    <fieldset class="fieldset">
      <legend class="fieldset__legend">
        {legend}
        {optional ? ` ${t('ui.optional')}` : ''}
      </legend>
      {hint ? <p class="hint">{hint}</p> : null}
      {(['id', 'en'] as const).map((lang) => {
        const id = `${base}.${lang}`;
        const label = t(lang === 'id' ? 'catalogue.admin.lang.id' : 'catalogue.admin.lang.en');
        const value = values.get(id) ?? '';
        return long ? (
          <TextArea key={lang} ctx={ctx} id={id} label={label} value={value} error={errorFor(errors, id)} rows={3} />
        ) : (
          <TextInput key={lang} ctx={ctx} id={id} label={label} value={value} error={errorFor(errors, id)} />
        );
      })}
    </fieldset>
  );
}

import { errorFor, type FieldError } from '../../../platform/ui/components/error-summary.tsx';
import { TextInput } from '../../../platform/ui/components/text-input.tsx';
import { Textarea } from '../../../platform/ui/components/textarea.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';

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
          <Textarea key={lang} ctx={ctx} id={id} label={label} value={value} error={errorFor(errors, id)} rows={3} />
        ) : (
          <TextInput key={lang} ctx={ctx} id={id} label={label} value={value} error={errorFor(errors, id)} />
        );
      })}
    </fieldset>
  );
}

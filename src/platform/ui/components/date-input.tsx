import type { MessageKey } from '../../i18n/index.ts';
import type { PageContext } from '../context.ts';
import { type FieldFrameProps, Fieldset } from './field.tsx';

export type DatePart = 'day' | 'month' | 'year';

export interface DateInputValue {
  day?: string | undefined;
  month?: string | undefined;
  year?: string | undefined;
}

export interface DateInputProps extends FieldFrameProps {
  /** The parts post as `${name}[day]`, `${name}[month]` and `${name}[year]`. Defaults to the id. */
  name?: string;
  legend: string;
  legendAsHeading?: boolean;
  /** What the person typed, kept as text after an error. */
  value?: DateInputValue | undefined;
  /** The parts to highlight when there is an error; all three when not given. */
  errorParts?: readonly DatePart[] | undefined;
  /** "bday" for a date of birth, so browsers can fill it in. */
  autocomplete?: 'bday';
}

const PARTS: readonly { part: DatePart; label: MessageKey; width: 2 | 4 }[] = [
  { part: 'day', label: 'ui.date.day', width: 2 },
  { part: 'month', label: 'ui.date.month', width: 2 },
  { part: 'year', label: 'ui.date.year', width: 4 },
];

/**
 * A memorable date as three text boxes (day, month, year), which people type more reliably than they
 * use a date picker. Inputs are `${id}-day`, `${id}-month` and `${id}-year`; link an error summary
 * entry to the first part in error (the group itself takes `${id}` as a fallback target).
 */
export function DateInput(props: DateInputProps) {
  const { ctx, id, legend, hint, error } = props;
  const name = props.name ?? id;
  const highlighted = new Set<DatePart>(error ? (props.errorParts ?? ['day', 'month', 'year']) : []);
  return (
    <Fieldset ctx={ctx} id={id} legend={legend} legendAsHeading={props.legendAsHeading} hint={hint} error={error} optional={props.optional}>
      <div class="date-input" id={id}>
        {PARTS.map(({ part, label, width }) => (
          <DatePartInput
            key={part}
            ctx={ctx}
            id={`${id}-${part}`}
            name={`${name}[${part}]`}
            label={label}
            width={width}
            value={props.value?.[part]}
            invalid={highlighted.has(part)}
            autocomplete={props.autocomplete ? `${props.autocomplete}-${part}` : undefined}
          />
        ))}
      </div>
    </Fieldset>
  );
}

function DatePartInput(props: {
  ctx: PageContext;
  id: string;
  name: string;
  label: MessageKey;
  width: 2 | 4;
  value: string | undefined;
  invalid: boolean;
  autocomplete: string | undefined;
}) {
  const classes = `input input--width-${props.width}${props.invalid ? ' input--error' : ''}`;
  return (
    <div class="form-group">
      <label class="label" for={props.id}>
        {props.ctx.t(props.label)}
      </label>
      <input
        class={classes}
        id={props.id}
        name={props.name}
        type="text"
        inputMode="numeric"
        value={props.value ?? ''}
        autocomplete={props.autocomplete}
        spellcheck={false}
        aria-invalid={props.invalid ? 'true' : undefined}
      />
    </div>
  );
}

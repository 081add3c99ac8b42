import { describedBy } from './error-summary.tsx';
import { Field, type FieldFrameProps } from './field.tsx';

export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectProps extends FieldFrameProps {
  /** Defaults to the id. */
  name?: string;
  label: string;
  labelAsHeading?: boolean;
  options: readonly SelectOption[];
  /** The value that is selected, for example the answer kept after an error. */
  value?: string | undefined;
}

/** One answer from a long list. Starts on an empty "choose one" option, so nothing is chosen by accident. */
export function Select(props: SelectProps) {
  const { ctx, id, label, hint, error } = props;
  return (
    <Field ctx={ctx} id={id} label={label} labelAsHeading={props.labelAsHeading} hint={hint} error={error} optional={props.optional}>
      <select
        class={error ? 'select select--error' : 'select'}
        id={id}
        name={props.name ?? id}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? 'true' : undefined}
      >
        <option value="">{ctx.t('ui.select.choose')}</option>
        {props.options.map((option) => (
          <option key={option.value} value={option.value} selected={option.value === props.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

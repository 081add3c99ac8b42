import { describedBy } from './error-summary.tsx';
import { Field, type FieldFrameProps } from './field.tsx';

export interface TextareaProps extends FieldFrameProps {
  /** Defaults to the id. */
  name?: string;
  label: string;
  labelAsHeading?: boolean;
  value?: string | undefined;
  /** Visible lines; the box does not limit what can be typed. */
  rows?: number;
  /** Monospaced and not spell-checked: for JSON in the back office. */
  code?: boolean;
}

/** A long answer in several lines, in the same frame (label, hint, error) as every other field. */
export function Textarea(props: TextareaProps) {
  const { ctx, id, label, hint, error } = props;
  return (
    <Field ctx={ctx} id={id} label={label} labelAsHeading={props.labelAsHeading} hint={hint} error={error} optional={props.optional}>
      <textarea
        class={['textarea', error ? 'textarea--error' : '', props.code ? 'textarea--code' : ''].filter(Boolean).join(' ')}
        spellcheck={props.code ? false : undefined}
        id={id}
        name={props.name ?? id}
        rows={props.rows ?? 5}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? 'true' : undefined}
        value={props.value ?? ''}
      />
    </Field>
  );
}

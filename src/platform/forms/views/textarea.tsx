import { describedBy } from '../../ui/components/error-summary.tsx';
import { Field, type FieldFrameProps } from '../../ui/components/field.tsx';

export interface TextareaProps extends FieldFrameProps {
  /** Defaults to the id. */
  name?: string;
  label: string;
  labelAsHeading?: boolean;
  value?: string | undefined;
  /** Visible lines; the box does not limit what can be typed. */
  rows?: number;
}

/** A long answer in several lines, in the same frame (label, hint, error) as every other field. */
export function Textarea(props: TextareaProps) {
  const { ctx, id, label, hint, error } = props;
  return (
    <Field ctx={ctx} id={id} label={label} labelAsHeading={props.labelAsHeading} hint={hint} error={error} optional={props.optional}>
      <textarea
        class={error ? 'textarea textarea--error' : 'textarea'}
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

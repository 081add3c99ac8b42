import { describedBy } from './error-summary.tsx';
import { Field, type FieldFrameProps } from './field.tsx';

export interface FileInputProps extends FieldFrameProps {
  /** Defaults to the id. */
  name?: string;
  label: string;
  labelAsHeading?: boolean;
  /** File types the picker offers, for example "application/pdf,image/jpeg". The server still checks. */
  accept?: string;
  multiple?: boolean;
}

/** A file upload field. The form around it needs `enctype="multipart/form-data"`. */
export function FileInput(props: FileInputProps) {
  const { ctx, id, label, hint, error } = props;
  return (
    <Field ctx={ctx} id={id} label={label} labelAsHeading={props.labelAsHeading} hint={hint} error={error} optional={props.optional}>
      <input
        class={error ? 'input input--error' : 'input'}
        type="file"
        id={id}
        name={props.name ?? id}
        accept={props.accept}
        multiple={props.multiple}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? 'true' : undefined}
      />
    </Field>
  );
}

import type { PageContext } from '../context.ts';
import { describedBy, ErrorMessage } from './error-summary.tsx';

export interface TextInputProps {
  ctx: PageContext;
  id: string;
  name?: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  value?: string | undefined;
  type?: 'text' | 'email' | 'tel' | 'password' | 'search' | 'number';
  inputMode?: 'numeric' | 'text' | 'email' | 'tel';
  autocomplete?: string;
  width?: 2 | 4 | 10;
  optional?: boolean;
  /** The label as the page heading, for one-question pages. */
  labelAsHeading?: boolean;
}

export function TextInput(props: TextInputProps) {
  const { ctx, id, label, hint, error, width } = props;
  const classes = ['input', width ? `input--width-${width}` : '', error ? 'input--error' : ''].filter(Boolean).join(' ');
  const labelElement = (
    <label class="label" for={id}>
      {label}
      {props.optional ? ` ${ctx.t('ui.optional')}` : ''}
    </label>
  );
  return (
    <div class={error ? 'form-group form-group--error' : 'form-group'}>
      {props.labelAsHeading ? <h1>{labelElement}</h1> : labelElement}
      {hint ? (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      ) : null}
      <ErrorMessage ctx={ctx} id={id} message={error} />
      <input
        class={classes}
        id={id}
        name={props.name ?? id}
        // Preact types <input> as a union keyed on one literal `type`; TypeScript cannot match a union-typed value against it.
        type={(props.type ?? 'text') as 'text'}
        value={props.value ?? ''}
        inputMode={props.inputMode}
        autocomplete={props.autocomplete}
        spellcheck={false}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
}

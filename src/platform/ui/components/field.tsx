import type { ComponentChildren } from 'preact';
import type { PageContext } from '../context.ts';
import { describedBy, ErrorMessage } from './error-summary.tsx';

/** What every labelled field shares: the frame around its control. */
export interface FieldFrameProps {
  ctx: PageContext;
  /** Id of the control; the hint and error take `${id}-hint` and `${id}-error`. */
  id: string;
  hint?: string | undefined;
  error?: string | undefined;
  optional?: boolean | undefined;
}

function Hint({ id, hint }: { id: string; hint: string | undefined }) {
  if (!hint) return null;
  return (
    <p id={`${id}-hint`} class="hint">
      {hint}
    </p>
  );
}

function optionalSuffix(ctx: PageContext, optional: boolean | undefined): string {
  return optional ? ` ${ctx.t('ui.optional')}` : '';
}

export interface FieldProps extends FieldFrameProps {
  label: string;
  /** The label as the page heading, for one-question pages. */
  labelAsHeading?: boolean | undefined;
  children: ComponentChildren;
}

/** A form group with a label, hint and error above one control (select, file input). */
export function Field({ ctx, id, label, labelAsHeading, hint, error, optional, children }: FieldProps) {
  const labelElement = (
    <label class="label" for={id}>
      {label}
      {optionalSuffix(ctx, optional)}
    </label>
  );
  return (
    <div class={error ? 'form-group form-group--error' : 'form-group'}>
      {labelAsHeading ? <h1>{labelElement}</h1> : labelElement}
      <Hint id={id} hint={hint} />
      <ErrorMessage ctx={ctx} id={id} message={error} />
      {children}
    </div>
  );
}

export interface FieldsetProps extends FieldFrameProps {
  legend: string;
  /** The legend as the page heading, for one-question pages. */
  legendAsHeading?: boolean | undefined;
  children: ComponentChildren;
}

/** A form group for several controls answering one question (radios, checkboxes, a date). */
export function Fieldset({ ctx, id, legend, legendAsHeading, hint, error, optional, children }: FieldsetProps) {
  const text = `${legend}${optionalSuffix(ctx, optional)}`;
  return (
    <div class={error ? 'form-group form-group--error' : 'form-group'}>
      <fieldset class="fieldset" aria-describedby={describedBy(id, hint, error)}>
        {legendAsHeading ? (
          <legend class="fieldset__legend fieldset__legend--l">
            <h1>{text}</h1>
          </legend>
        ) : (
          <legend class="fieldset__legend">{text}</legend>
        )}
        <Hint id={id} hint={hint} />
        <ErrorMessage ctx={ctx} id={id} message={error} />
        {children}
      </fieldset>
    </div>
  );
}

import type { PageContext } from '../context.ts';

/** One problem with a form field; `field` is the id of the input it links to. */
export interface FieldError {
  field: string;
  message: string;
}

/** The error summary at the top of a form, each problem linking to its field. */
export function ErrorSummary({ ctx, errors }: { ctx: PageContext; errors: readonly FieldError[] }) {
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <h2 id="error-summary-title">{ctx.t('error.summaryTitle')}</h2>
      <ul>
        {errors.map((error) => (
          <li key={error.field}>
            <a href={`#${error.field}`}>{error.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The message above a field in error, announced with a visually hidden prefix. */
export function ErrorMessage({ ctx, id, message }: { ctx: PageContext; id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={`${id}-error`} class="error-message">
      <span class="visually-hidden">{ctx.t('ui.error.prefix')} </span>
      {message}
    </p>
  );
}

/** aria-describedby for a field: its hint and its error, when present. */
export function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** The first message for any of the given fields, to show above that field. */
export function errorFor(errors: readonly FieldError[], ...fields: string[]): string | undefined {
  return errors.find((error) => fields.includes(error.field))?.message;
}

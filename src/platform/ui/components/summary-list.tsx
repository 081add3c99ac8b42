import type { ComponentChildren } from 'preact';

export interface SummaryListAction {
  href: string;
  /** The visible link text, for example "Ubah". */
  text: string;
  /** Completes the link text for screen readers, for example "nama lengkap". */
  visuallyHiddenText: string;
}

export interface SummaryListRow {
  key: string;
  value: ComponentChildren;
  action?: SummaryListAction;
}

/** Pairs of keys and values, as on a "check your answers" page, each with an optional change link. */
export function SummaryList({ rows }: { rows: readonly SummaryListRow[] }) {
  return (
    <dl class="summary-list">
      {rows.map((row, index) => (
        <div class="summary-list__row" key={index}>
          <dt class="summary-list__key">{row.key}</dt>
          <dd class="summary-list__value">{row.value}</dd>
          {row.action ? (
            <dd class="summary-list__actions">
              <a href={row.action.href}>
                {row.action.text}
                <span class="visually-hidden"> {row.action.visuallyHiddenText}</span>
              </a>
            </dd>
          ) : null}
        </div>
      ))}
    </dl>
  );
}

import type { ComponentChildren } from 'preact';
import type { PageContext } from '../context.ts';

export interface TimelineEvent {
  title: string;
  /** Who and when, as text, for example "Dinas Kependudukan · 3 Januari 2027 10.15 WIB". */
  meta: string;
  body?: ComponentChildren;
}

/** What happened to a case, in the order given (newest first by convention). Nothing when there are no events. */
export function Timeline({ ctx, events }: { ctx: PageContext; events: readonly TimelineEvent[] }) {
  if (events.length === 0) return null;
  return (
    <ol class="timeline" aria-label={ctx.t('ui.timeline.label')}>
      {events.map((event, index) => (
        <li class="timeline__item" key={index}>
          <p class="timeline__title">{event.title}</p>
          <p class="timeline__meta">{event.meta}</p>
          {event.body !== undefined ? <div>{event.body}</div> : null}
        </li>
      ))}
    </ol>
  );
}

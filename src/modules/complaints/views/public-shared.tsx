import { Tag } from '../../../platform/ui/components/tag.tsx';
import { Timeline } from '../../../platform/ui/components/timeline.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import type { Names, Place, TimelineEntry } from '../complaints.contract.ts';
import type { ComplaintStatus } from '../complaints.tables.ts';

/** A bilingual name in the page's language. */
export function named(ctx: PageContext, names: Names): string {
  return ctx.locale === 'en' ? names.en : names.id;
}

const STATUS_COLOUR = {
  unverified: 'grey',
  not_followed_up: 'yellow',
  in_process: 'blue',
  done: 'green',
  closed: 'grey',
  archived: 'grey',
  postponed: 'yellow',
} as const;

/** The status as a text label (never colour alone). */
export function ComplaintStatusTag({ ctx, status }: { ctx: PageContext; status: ComplaintStatus }) {
  return <Tag text={ctx.t(`complaints.status.${status}`)} colour={STATUS_COLOUR[status] ?? 'grey'} />;
}

export function placeText(place: Place): string {
  return [place.address, place.regionName].filter((part) => part !== null && part !== '').join(', ');
}

/** Events newest first, by role and agency, never by an official's name. */
export function ComplaintTimeline({ ctx, entries }: { ctx: PageContext; entries: readonly TimelineEntry[] }) {
  if (entries.length === 0) return <p>{ctx.t('complaintPages.noEvents')}</p>;
  const actor = (entry: TimelineEntry) => {
    if (entry.agency) return named(ctx, entry.agency.name);
    const role = ['reporter', 'complaints_desk', 'agency', 'system'].includes(entry.actorRole) ? entry.actorRole : 'system';
    return ctx.t(`complaintPages.actor.${role as 'reporter'}`);
  };
  const events = [...entries]
    .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime())
    .map((entry) => ({
      title: ctx.t(`complaints.event.${entry.kind as 'filed'}`),
      meta: `${ctx.format.dateTime(entry.occurredAt, 'Asia/Jakarta')} · ${actor(entry)}`,
      ...(entry.message ? { body: <p class="pre-line">{entry.message}</p> } : {}),
    }));
  return <Timeline ctx={ctx} events={events} />;
}

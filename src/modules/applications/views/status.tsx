import { workingDaysLeft } from '../../../platform/calendar/working-days.ts';
import type { TimeZone } from '../../../platform/db/schema.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { Tag, type TagColour } from '../../../platform/ui/components/tag.tsx';
import type { TimelineEvent } from '../../../platform/ui/components/timeline.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import type { ApplicationStatus } from '../applications.tables.ts';
import { EVENT_KINDS } from '../applications.tables.ts';
import type { Named } from '../reading.service.ts';

// The status tags of UI.md (Diterima, Diproses, Perlu tindakan Anda, Selesai, Ditolak), plus
// withdrawn. An approved application is still in progress for the applicant until the output is issued.
const TAGS: Record<ApplicationStatus, { key: MessageKey; colour: TagColour }> = {
  submitted: { key: 'applications.status.submitted', colour: 'blue' },
  in_review: { key: 'applications.status.in_review', colour: 'blue' },
  information_requested: { key: 'applications.status.information_requested', colour: 'yellow' },
  approved: { key: 'applications.status.in_review', colour: 'blue' },
  issued: { key: 'applications.status.issued', colour: 'green' },
  rejected: { key: 'applications.status.rejected', colour: 'red' },
  withdrawn: { key: 'applications.status.withdrawn', colour: 'grey' },
};

export function statusText(ctx: PageContext, status: ApplicationStatus): string {
  return ctx.t(TAGS[status].key);
}

export function StatusTag({ ctx, status }: { ctx: PageContext; status: ApplicationStatus }) {
  return <Tag text={statusText(ctx, status)} colour={TAGS[status].colour} />;
}

export function named(ctx: PageContext, name: Named): string {
  return ctx.locale === 'id' ? name.id : name.en;
}

/** The SLA line of UI.md: the deadline and the working days left, paused while the applicant is asked. */
export function slaLine(
  ctx: PageContext,
  application: { status: ApplicationStatus; dueAt: Date; timeZone: TimeZone; holidays?: ReadonlySet<string> },
  now = new Date(),
): string {
  const date = ctx.format.date(application.dueAt, application.timeZone);
  if (application.status === 'information_requested') return ctx.t('applications.sla.paused');
  if (application.status === 'issued' || application.status === 'rejected' || application.status === 'withdrawn')
    return ctx.t('applications.sla.closed', { date });
  if (now.getTime() > application.dueAt.getTime()) return ctx.t('applications.sla.overdue', { date });
  const days = workingDaysLeft(now, application.dueAt, { timeZone: application.timeZone, holidays: application.holidays ?? new Set() });
  return days === 0 ? ctx.t('applications.sla.dueToday', { date }) : ctx.t('applications.sla.due', { date, days });
}

const KNOWN_KINDS = new Set<string>(EVENT_KINDS);

export function eventTitle(ctx: PageContext, kind: string, counter = false): string {
  if (kind === 'submitted' && counter) return ctx.t('applications.event.submitted.counter');
  return KNOWN_KINDS.has(kind) ? ctx.t(`applications.event.${kind}` as MessageKey) : ctx.t('applications.event.other');
}

/** Timeline entries for the Timeline component: who (the agency, or "you"), when, what. */
export function timelineEvents(
  ctx: PageContext,
  entries: readonly { kind: string; occurredAt: Date; agencyName: Named | null; byApplicant?: boolean; message?: string | null }[],
  options: { timeZone: TimeZone; agencyName: Named; counter?: boolean; publicView?: boolean },
): TimelineEvent[] {
  return entries.map((entry) => {
    const who = entry.agencyName
      ? named(ctx, entry.agencyName)
      : entry.byApplicant
        ? ctx.t(options.publicView ? 'applications.event.applicant' : 'applications.event.byApplicant')
        : named(ctx, options.agencyName);
    return {
      title: eventTitle(ctx, entry.kind, options.counter),
      meta: ctx.t('applications.event.meta', { who, when: ctx.format.dateTime(entry.occurredAt, options.timeZone) }),
      ...(entry.message ? { body: <p class="timeline__message">{entry.message}</p> } : {}),
    };
  });
}

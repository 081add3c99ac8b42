import { pausedWorkingTime, WORKING_DAY_MS } from '../../../platform/calendar/paused-clock.ts';
import { endOfDay, localDate, dueAt as plainDueAt, workingDaysLeft } from '../../../platform/calendar/working-days.ts';
import type { TimeZone } from '../../../platform/db/schema.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { Tag, type TagColour } from '../../../platform/ui/components/tag.tsx';
import type { TimelineEvent } from '../../../platform/ui/components/timeline.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import type { ApplicationStatus } from '../applications.tables.ts';
import { EVENT_KINDS } from '../applications.tables.ts';
import type { Named } from '../reading.service.ts';

// The status tags of UI.md (Diterima, Diproses, Perlu tindakan Anda, Selesai, Ditolak), plus
// withdrawn. Approved says the decision is made; the application completes when the output is issued.
const TAGS: Record<ApplicationStatus, { key: MessageKey; colour: TagColour }> = {
  submitted: { key: 'applications.status.submitted', colour: 'blue' },
  in_review: { key: 'applications.status.in_review', colour: 'blue' },
  information_requested: { key: 'applications.status.information_requested', colour: 'yellow' },
  approved: { key: 'applications.status.approved', colour: 'blue' },
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

/** The application's clock on its page, beyond the SLA line: what the applicant needs to know to trust it. */
export interface SlaClockFacts {
  status: ApplicationStatus;
  dueAt: Date;
  submittedAt: Date;
  timeLimitWorkingDays: number;
  timeZone: TimeZone;
  holidays?: ReadonlySet<string>;
  /** Newest first, as ApplicationDetail has it. */
  timeline: readonly { kind: string; occurredAt: Date }[];
  /** Oldest first; `to` is null while the agency still waits. */
  pauses?: readonly { from: Date; to: Date | null }[];
}

/** The events that end the agency's work: the output issued, or the application refused. */
const COMPLETING_EVENT: Partial<Record<ApplicationStatus, string>> = { issued: 'issued', rejected: 'decided' };

/**
 * Notes under the SLA line: that the clock is paused while the agency waits for the applicant; once it
 * runs again, for how long it stood still and how far the due date moved; once the application is
 * decided, whether the time limit was met. A withdrawn application has no verdict.
 */
export function slaNotes(ctx: PageContext, application: SlaClockFacts): string[] {
  const calendar = { timeZone: application.timeZone, holidays: application.holidays ?? new Set<string>() };
  const date = (value: Date) => ctx.format.date(value, application.timeZone);
  if (application.status === 'information_requested') return [ctx.t('sla.applicant.paused')];

  const completing = COMPLETING_EVENT[application.status];
  if (completing !== undefined) {
    const done = application.timeline.find((event) => event.kind === completing) ?? application.timeline[0];
    if (!done) return [];
    if (done.occurredAt.getTime() <= application.dueAt.getTime()) return [ctx.t('sla.applicant.onTime', { date: date(application.dueAt) })];
    // Working days after the due date's day, up to the day it was done; at least one (a weekend finish is still late).
    const days = Math.max(1, workingDaysLeft(application.dueAt, done.occurredAt, calendar));
    return [ctx.t(days === 1 ? 'sla.applicant.late.one' : 'sla.applicant.late.many', { days, date: date(application.dueAt) })];
  }
  if (application.status === 'withdrawn') return [];

  const ended = (application.pauses ?? []).filter((pause): pause is { from: Date; to: Date } => pause.to !== null);
  if (ended.length === 0) return [];
  // The day of filing does not count (as in dueAtWithPauses): waiting on it cost the agency nothing.
  const clockStart =
    application.timeLimitWorkingDays === 0
      ? application.submittedAt
      : new Date(endOfDay(localDate(application.submittedAt, application.timeZone), application.timeZone).getTime() + 1);
  const paused = pausedWorkingTime(ended, clockStart, calendar);
  if (paused === 0) return [ctx.t('sla.applicant.resumed.none')];
  const days = Math.round(paused / WORKING_DAY_MS);
  const notes = [
    days === 0 ? ctx.t('sla.applicant.resumed.lessThanDay') : ctx.t(days === 1 ? 'sla.applicant.resumed.one' : 'sla.applicant.resumed.many', { days }),
  ];
  const original = plainDueAt(application.submittedAt, application.timeLimitWorkingDays, calendar);
  if (localDate(original, application.timeZone) !== localDate(application.dueAt, application.timeZone))
    notes.push(ctx.t('sla.applicant.moved', { from: date(original), to: date(application.dueAt) }));
  return notes;
}

/** The applicant's view of the clock: the SLA line, then its notes. */
export function SlaClock({ ctx, application, now = new Date() }: { ctx: PageContext; application: SlaClockFacts; now?: Date }) {
  return (
    <>
      <p>
        <strong>{slaLine(ctx, application, now)}</strong>
      </p>
      {slaNotes(ctx, application).map((note) => (
        <p key={note}>{note}</p>
      ))}
    </>
  );
}

const KNOWN_KINDS = new Set<string>(EVENT_KINDS);
/** The SLA clock's alerts are for staff: the applicant sees the clock itself, not the agency's alarms. */
const STAFF_ONLY_KINDS = new Set(['sla_warning', 'sla_breached', 'escalated']);

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
  return entries
    .filter((entry) => !STAFF_ONLY_KINDS.has(entry.kind))
    .map((entry) => {
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

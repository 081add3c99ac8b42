import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { dueAtWithPauses } from '../../../platform/calendar/paused-clock.ts';
import { formatters, translator } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/ui/context.ts';
import { SlaClock, slaLine, slaNotes, timelineEvents } from './status.tsx';

const ctx: PageContext = {
  locale: 'en',
  t: translator('en'),
  format: formatters('en'),
  path: '/',
  requestId: 'r',
  cssHref: '/app.css',
  signedIn: true,
  csrfToken: () => 't',
};

describe('the SLA line', () => {
  // Due at the end of Friday 27 March 2026 (WIB); "now" is Monday 16 March, just before Nyepi and Idul Fitri.
  const dueAt = new Date('2026-03-27T16:59:59.999Z');
  const now = new Date('2026-03-16T03:00:00Z');

  it('counts the working days left without the agency holidays', () => {
    const withoutHolidays = slaLine(ctx, { status: 'in_review', dueAt, timeZone: 'Asia/Jakarta' }, now);
    const holidays = new Set(['2026-03-18', '2026-03-19', '2026-03-20', '2026-03-23', '2026-03-24']);
    const withHolidays = slaLine(ctx, { status: 'in_review', dueAt, timeZone: 'Asia/Jakarta', holidays }, now);
    const daysOf = (line: string) => Number(/\((\d+) working days?/.exec(line)?.[1] ?? Number.NaN);
    // Tuesday 17 to Friday 27 March, today not counted.
    expect(daysOf(withoutHolidays)).toBe(9);
    expect(daysOf(withHolidays)).toBe(daysOf(withoutHolidays) - holidays.size);
  });

  it('says the clock is paused while the applicant is asked for information', () => {
    expect(slaLine(ctx, { status: 'information_requested', dueAt, timeZone: 'Asia/Jakarta' }, now)).toBe(ctx.t('applications.sla.paused'));
  });
});

describe('the clock notes under the SLA line', () => {
  // Filed Monday 2 March 2026, 10:00 WIB, five working days: due at the end of Monday 9 March.
  const submittedAt = new Date('2026-03-02T03:00:00Z');
  const base = { submittedAt, timeLimitWorkingDays: 5, timeZone: 'Asia/Jakarta' as const, timeline: [] };
  const plainDue = new Date('2026-03-09T16:59:59.999Z');
  // Waited from Wednesday 4 March 00:00 to Friday 6 March 00:00 WIB: two working days.
  const pause = { from: new Date('2026-03-03T17:00:00Z'), to: new Date('2026-03-05T17:00:00Z') };
  const date = (value: Date) => ctx.format.date(value, 'Asia/Jakarta');

  it('says the time limit is paused while the agency waits for the applicant', () => {
    const notes = slaNotes(ctx, { ...base, status: 'information_requested', dueAt: plainDue, pauses: [{ from: pause.from, to: null }] });
    expect(notes).toEqual(['The time limit is paused while we wait for your answer, and runs again once you reply.']);
  });

  it('once resumed, says how many working days it stood still and how far the due date moved', () => {
    const movedDue = dueAtWithPauses(submittedAt, 5, [pause], { timeZone: 'Asia/Jakarta' });
    expect(movedDue.toISOString()).toBe('2026-03-11T16:59:59.999Z');
    const notes = slaNotes(ctx, { ...base, status: 'in_review', dueAt: movedDue, pauses: [pause] });
    expect(notes).toEqual([
      'The time limit was paused for 2 working days while we waited for your answer.',
      ctx.t('sla.applicant.moved', { from: date(plainDue), to: date(movedDue) }),
    ]);
  });

  it('counts a short wait as less than a working day, and says a wait on a weekend moved nothing', () => {
    const short = { from: new Date('2026-03-04T03:00:00Z'), to: new Date('2026-03-04T05:00:00Z') };
    const shortDue = dueAtWithPauses(submittedAt, 5, [short], { timeZone: 'Asia/Jakarta' });
    expect(slaNotes(ctx, { ...base, status: 'in_review', dueAt: shortDue, pauses: [short] })[0]).toBe(ctx.t('sla.applicant.resumed.lessThanDay'));
    const weekend = { from: new Date('2026-03-06T17:00:00Z'), to: new Date('2026-03-08T16:00:00Z') };
    expect(slaNotes(ctx, { ...base, status: 'in_review', dueAt: plainDue, pauses: [weekend] })).toEqual([ctx.t('sla.applicant.resumed.none')]);
  });

  it('says whether a decided application met its time limit', () => {
    const issuedOn = (iso: string) => [{ kind: 'issued', occurredAt: new Date(iso) }];
    expect(slaNotes(ctx, { ...base, status: 'issued', dueAt: plainDue, timeline: issuedOn('2026-03-09T09:00:00Z') })).toEqual([
      ctx.t('sla.applicant.onTime', { date: date(plainDue) }),
    ]);
    // Issued on Wednesday 11 March: Tuesday and Wednesday late.
    expect(slaNotes(ctx, { ...base, status: 'issued', dueAt: plainDue, timeline: issuedOn('2026-03-11T02:00:00Z') })).toEqual([
      `Completed 2 working days late (the time limit was ${date(plainDue)}).`,
    ]);
    // Due Friday 6 March, issued on the Saturday: still late, by one working day.
    const friday = new Date('2026-03-06T16:59:59.999Z');
    expect(slaNotes(ctx, { ...base, status: 'issued', dueAt: friday, timeline: issuedOn('2026-03-07T02:00:00Z') })).toEqual([
      `Completed 1 working day late (the time limit was ${date(friday)}).`,
    ]);
    const rejected = [
      { kind: 'sla_breached', occurredAt: new Date('2026-03-12T02:00:00Z') },
      { kind: 'decided', occurredAt: new Date('2026-03-05T02:00:00Z') },
    ];
    expect(slaNotes(ctx, { ...base, status: 'rejected', dueAt: plainDue, timeline: rejected })).toEqual([
      ctx.t('sla.applicant.onTime', { date: date(plainDue) }),
    ]);
    expect(slaNotes(ctx, { ...base, status: 'withdrawn', dueAt: plainDue, timeline: issuedOn('2026-03-20T02:00:00Z') })).toEqual([]);
  });

  it('keeps the SLA alerts, which are for staff, out of the applicant’s timeline', () => {
    const agencyName = { id: 'Dinas', en: 'Office' };
    const entries = ['received', 'sla_warning', 'sla_breached', 'escalated', 'information_requested'].map((kind) => ({
      kind,
      occurredAt: submittedAt,
      agencyName,
    }));
    const titles = timelineEvents(ctx, entries, { timeZone: 'Asia/Jakarta', agencyName }).map((event) => event.title);
    expect(titles).toEqual([ctx.t('applications.event.received'), ctx.t('applications.event.information_requested')]);
  });

  it('renders the line and its notes in the SlaClock component', () => {
    const html = renderToString(h(SlaClock, { ctx, application: { ...base, status: 'information_requested', dueAt: plainDue } }));
    expect(html).toContain(ctx.t('applications.sla.paused'));
    expect(html).toContain(ctx.t('sla.applicant.paused'));
  });
});

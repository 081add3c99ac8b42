import { describe, expect, it } from 'vitest';
import { formatters, translator } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/ui/context.ts';
import { slaLine } from './status.tsx';

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

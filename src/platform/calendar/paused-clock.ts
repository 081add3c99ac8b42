import { type CalendarOptions, dueAt, endOfDay, isWorkingDay, localDate, nextDate, startOfDay } from './working-days.ts';

/**
 * The clock that stops while the agency waits for the applicant (the service standard measures the
 * agency's time, not the citizen's). Working time is whole working days of the agency's calendar:
 * every millisecond of a working day counts, none of a weekend, holiday or joint leave day. Time
 * spent waiting on a working day therefore moves the deadline later by the same amount of working time.
 */

const DAY_MS = 24 * 3600 * 1000;

/** A stretch of time waiting for the applicant; `to` is absent while still waiting. */
export interface Pause {
  from: Date;
  to?: Date | null | undefined;
}

export interface PausedClockOptions extends CalendarOptions {
  /** Required when a pause is still open: the open pause counts until now. */
  now?: Date;
}

/** Milliseconds of working time between two instants (0 when `to` is not after `from`). */
export function workingTime(from: Date, to: Date, { timeZone = 'Asia/Jakarta', holidays = new Set() }: CalendarOptions = {}): number {
  let total = 0;
  const last = localDate(to, timeZone);
  for (let date = localDate(from, timeZone); date <= last; date = nextDate(date)) {
    if (!isWorkingDay(date, holidays)) continue;
    const start = Math.max(startOfDay(date, timeZone).getTime(), from.getTime());
    const end = Math.min(endOfDay(date, timeZone).getTime() + 1, to.getTime());
    if (end > start) total += end - start;
  }
  return total;
}

/**
 * The instant `ms` of working time after `from`. A span that uses up a working day exactly ends at
 * its midnight rather than jumping over the following days off.
 */
export function addWorkingTime(from: Date, ms: number, { timeZone = 'Asia/Jakarta', holidays = new Set() }: CalendarOptions = {}): Date {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError('working time must be zero or more');
  if (ms === 0) return from;
  let remaining = ms;
  let date = localDate(from, timeZone);
  let cursor = from.getTime();
  // A calendar always has working days; the bound only guards against a corrupt holiday set.
  for (let guard = 0; guard < 3660; guard += 1) {
    if (isWorkingDay(date, holidays)) {
      const available = endOfDay(date, timeZone).getTime() + 1 - cursor;
      if (remaining <= available) return new Date(cursor + remaining);
      remaining -= available;
    }
    date = nextDate(date);
    cursor = startOfDay(date, timeZone).getTime();
  }
  throw new RangeError('no working day within ten years');
}

/**
 * When the clock starts: the day of filing does not count (day 1 is the next working day, as in
 * addWorkingDays), so waiting on that day costs the agency nothing and moves nothing. A limit of zero
 * days runs from the filing itself.
 */
function clockStart(submittedAt: Date, workingDays: number, timeZone: CalendarOptions['timeZone']): number {
  if (workingDays === 0) return submittedAt.getTime();
  return endOfDay(localDate(submittedAt, timeZone), timeZone).getTime() + 1;
}

/**
 * Working time spent waiting, from `start` on. Overlapping pauses count once; an open pause counts
 * until `now`.
 */
export function pausedWorkingTime(pauses: readonly Pause[], start: Date, options: PausedClockOptions = {}): number {
  const spans = pauses
    .map((pause) => {
      const to = pause.to ?? options.now;
      if (!to) throw new RangeError('an open pause needs the current time (options.now)');
      return [Math.max(pause.from.getTime(), start.getTime()), to.getTime()] as const;
    })
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let coveredUntil = Number.NEGATIVE_INFINITY;
  for (const [from, to] of spans) {
    const begin = Math.max(from, coveredUntil);
    if (to > begin) total += workingTime(new Date(begin), new Date(to), options);
    coveredUntil = Math.max(coveredUntil, to);
  }
  return total;
}

/**
 * The instant a time limit of `workingDays` runs out when the clock was stopped during `pauses`: the
 * plain deadline (dueAt) moved later by the working time spent waiting. While a pause is open the
 * result keeps moving with `now`; show the clock as paused rather than this date.
 */
export function dueAtWithPauses(submittedAt: Date, workingDays: number, pauses: readonly Pause[], options: PausedClockOptions = {}): Date {
  const base = dueAt(submittedAt, workingDays, options);
  const paused = pausedWorkingTime(pauses, new Date(clockStart(submittedAt, workingDays, options.timeZone)), options);
  if (paused === 0) return base;
  return new Date(addWorkingTime(new Date(base.getTime() + 1), paused, options).getTime() - 1);
}

/** Working time the agency has used so far: from the clock's start to `now`, minus the pauses. */
export function workingTimeUsed(submittedAt: Date, workingDays: number, pauses: readonly Pause[], now: Date, options: CalendarOptions = {}): number {
  const start = new Date(clockStart(submittedAt, workingDays, options.timeZone));
  const upToNow = pauses.map((pause) => ({ from: pause.from, to: pause.to && pause.to < now ? pause.to : now }));
  return Math.max(0, workingTime(start, now, options) - pausedWorkingTime(upToNow, start, { ...options, now }));
}

/** One working day of working time, for turning milliseconds into days in reports. */
export const WORKING_DAY_MS = DAY_MS;

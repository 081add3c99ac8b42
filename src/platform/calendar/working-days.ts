import type { TimeZone } from '../db/schema.ts';

/**
 * Working days for service time limits (jangka waktu, PermenPANRB 15/2014): Monday to Friday in the
 * agency's time zone. Public holidays and collective leave are passed in as ISO dates; the workflow
 * issue keeps them as data. Indonesia has no daylight saving, so each zone is a fixed offset.
 */

const OFFSET_HOURS: Record<TimeZone, number> = { 'Asia/Jakarta': 7, 'Asia/Makassar': 8, 'Asia/Jayapura': 9 };
const DAY_MS = 24 * 3600 * 1000;

export interface CalendarOptions {
  timeZone?: TimeZone;
  /** ISO dates (YYYY-MM-DD) that are not working days although they fall on a weekday. */
  holidays?: ReadonlySet<string>;
}

/** The calendar date of an instant in the zone, as YYYY-MM-DD. */
export function localDate(instant: Date, timeZone: TimeZone = 'Asia/Jakarta'): string {
  return new Date(instant.getTime() + OFFSET_HOURS[timeZone] * 3600 * 1000).toISOString().slice(0, 10);
}

/** The calendar date after `isoDate`. */
export function nextDate(isoDate: string): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** True on Monday to Friday that is not a listed holiday. */
export function isWorkingDay(isoDate: string, holidays: ReadonlySet<string> = new Set()): boolean {
  const weekday = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(isoDate);
}

/**
 * The last day of a time limit of `days` working days started at `from`: the day of filing does not
 * count, the next working day is day 1. A limit of 0 ends on the day of filing (or the next working
 * day, when filed on a day off).
 */
export function addWorkingDays(from: Date, days: number, { timeZone = 'Asia/Jakarta', holidays = new Set() }: CalendarOptions = {}): string {
  if (!Number.isInteger(days) || days < 0) throw new RangeError('working days must be a whole number, zero or more');
  let date = localDate(from, timeZone);
  if (days === 0) {
    while (!isWorkingDay(date, holidays)) date = nextDate(date);
    return date;
  }
  let counted = 0;
  while (counted < days) {
    date = nextDate(date);
    if (isWorkingDay(date, holidays)) counted += 1;
  }
  return date;
}

/** The first millisecond of a calendar date in the zone. */
export function startOfDay(isoDate: string, timeZone: TimeZone = 'Asia/Jakarta'): Date {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) - OFFSET_HOURS[timeZone] * 3600 * 1000);
}

/** The last millisecond of a calendar date in the zone: the moment a time limit ending that day runs out. */
export function endOfDay(isoDate: string, timeZone: TimeZone = 'Asia/Jakarta'): Date {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + DAY_MS - OFFSET_HOURS[timeZone] * 3600 * 1000 - 1);
}

/** The instant a time limit of `days` working days, started at `from`, runs out. */
export function dueAt(from: Date, days: number, options: CalendarOptions = {}): Date {
  return endOfDay(addWorkingDays(from, days, options), options.timeZone);
}

/**
 * Working days left until a deadline, counting the deadline's day and not today: 0 on the last day
 * and after it. "Selesai paling lambat … (3 hari kerja lagi)".
 */
export function workingDaysLeft(now: Date, deadline: Date, { timeZone = 'Asia/Jakarta', holidays = new Set() }: CalendarOptions = {}): number {
  const last = localDate(deadline, timeZone);
  let date = localDate(now, timeZone);
  let left = 0;
  while (date < last) {
    date = nextDate(date);
    if (isWorkingDay(date, holidays)) left += 1;
  }
  return left;
}

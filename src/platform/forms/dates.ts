/** Calendar dates as forms store them: `YYYY-MM-DD`, with no time and no time zone. */

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isRealDate({ year, month, day }: CalendarDate): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // Date.UTC months are zero-based; day 0 of the next month is the last day of this one.
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The date an ISO `YYYY-MM-DD` string names, or undefined when it is not a real date. */
export function parseIsoDate(value: string): CalendarDate | undefined {
  const match = ISO_DATE.exec(value);
  if (!match) return undefined;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isRealDate(date) ? date : undefined;
}

export function toIsoDate({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Today's date in a time zone. Indonesia spans three: for "not after today" the latest of them (WIT)
 * is used and for "not before today" the earliest (WIB), so that nobody in Papua is told a child born
 * this morning was born in the future, and nobody in Aceh that today is already past.
 */
export function todayIn(now: Date, timeZone: 'Asia/Jakarta' | 'Asia/Jayapura'): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(now);
  const part = (type: 'year' | 'month' | 'day') => Number(parts.find((p) => p.type === type)?.value);
  return toIsoDate({ year: part('year'), month: part('month'), day: part('day') });
}

/** A date bound from a form (`YYYY-MM-DD` or `today`) as an ISO date, or undefined when unusable. */
export function resolveDateBound(bound: string | undefined, now: Date, side: 'min' | 'max'): string | undefined {
  if (bound === undefined) return undefined;
  if (bound === 'today') return todayIn(now, side === 'max' ? 'Asia/Jayapura' : 'Asia/Jakarta');
  return parseIsoDate(bound) ? bound : undefined;
}

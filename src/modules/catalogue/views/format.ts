import type { OpeningHours } from '../../../platform/db/schema.ts';
import type { PageContext } from '../../../platform/ui/context.ts';
import type { CostKind } from '../catalogue.standard.ts';

/** The text of a bilingual pair in the page's language. */
export function pick(ctx: PageContext, text: { id: string; en: string }): string {
  return ctx.locale === 'id' ? text.id : text.en;
}

/** A row's name in the page's language, from its nameId/nameEn columns. */
export function localName(ctx: PageContext, row: { nameId: string; nameEn: string }): string {
  return ctx.locale === 'id' ? row.nameId : row.nameEn;
}

/** "Gratis", the amount in rupiah, or "depends on the case" for a retribution computed per application. */
export function costText(ctx: PageContext, kind: CostKind, amount: number): string {
  if (kind === 'variable') return ctx.t('catalogue.cost.variable');
  return kind === 'free' || amount === 0 ? ctx.t('catalogue.cost.free') : ctx.format.currency(amount);
}

/** "14 hari kerja", or "the same working day" for 0. */
export function timeLimitText(ctx: PageContext, workingDays: number): string {
  return workingDays === 0 ? ctx.t('catalogue.timeLimit.sameDay') : ctx.t('catalogue.timeLimit.days', { days: workingDays });
}

// 1 January 2024 was a Monday: day n of the ISO week is 2024-01-0n.
function weekdayName(ctx: PageContext, day: number): string {
  return new Intl.DateTimeFormat(ctx.locale === 'id' ? 'id-ID' : 'en-GB', { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, day)));
}

/** "Senin–Kamis" for a run of consecutive days, "Sabtu" for one, joined with commas otherwise. */
export function daysText(ctx: PageContext, days: readonly number[]): string {
  const sorted = [...new Set(days)].filter((day) => day >= 1 && day <= 7).sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const day of sorted) {
    const run = runs.at(-1);
    if (run && run.at(-1) === day - 1) run.push(day);
    else runs.push([day]);
  }
  return runs
    .map((run) => {
      const first = run[0] ?? 1;
      const last = run.at(-1) ?? first;
      return run.length > 2 ? `${weekdayName(ctx, first)}–${weekdayName(ctx, last)}` : run.map((day) => weekdayName(ctx, day)).join(', ');
    })
    .join(', ');
}

const ZONE: Record<string, string> = { 'Asia/Jakarta': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };

/** "Senin–Kamis 08.00–15.30 WIB": opening hours as written in Indonesia, in the office's own time zone. */
export function openingHoursText(ctx: PageContext, hours: OpeningHours, timeZone: string): string {
  const time = (value: string) => (ctx.locale === 'id' ? value.replace(':', '.') : value);
  return `${daysText(ctx, hours.days)} ${time(hours.opens)}–${time(hours.closes)} ${ZONE[timeZone] ?? timeZone}`;
}

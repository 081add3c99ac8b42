import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TimeZone } from '../db/schema.ts';
import { addWorkingTime, dueAtWithPauses, type Pause, pausedWorkingTime, workingTime } from './paused-clock.ts';
import { addWorkingDays, dueAt, endOfDay, isWorkingDay, localDate, nextDate, startOfDay, workingDaysLeft } from './working-days.ts';

// The national holidays and joint leave exactly as migrations/0012_calendar.sql ships them, read from
// the file so that these properties follow the data without a database.
const MIGRATED_HOLIDAYS: ReadonlySet<string> = new Set(
  [...readFileSync(new URL('../../../migrations/0012_calendar.sql', import.meta.url), 'utf8').matchAll(/^\s*\('(\d{4}-\d{2}-\d{2})'/gm)].map(
    (m) => m[1] as string,
  ),
);

const DAY = 24 * 3600 * 1000;
const FIRST = Date.UTC(2025, 0, 1);
const LAST = Date.UTC(2027, 11, 31, 23, 59, 59, 999);

const instant = fc.integer({ min: FIRST, max: LAST }).map((ms) => new Date(ms));
const timeZone = fc.constantFrom<TimeZone>('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura');
/** Any set of days off in 2025–2028, up to a fifth of the weekdays: a calendar always keeps working days. */
const randomHolidays = fc
  .uniqueArray(fc.integer({ min: 0, max: 4 * 366 }), { maxLength: 200 })
  .map((days) => new Set(days.map((d) => new Date(FIRST + d * DAY).toISOString().slice(0, 10))));
const holidays = fc.oneof(fc.constant(MIGRATED_HOLIDAYS), fc.constant(new Set<string>()), randomHolidays);
const options = fc.record({ timeZone, holidays });
const days = fc.integer({ min: 0, max: 60 });
const RUNS = { numRuns: 150 };

describe('working days (properties)', () => {
  it('reads the migrated holidays', () => {
    expect(MIGRATED_HOLIDAYS.size).toBeGreaterThan(50);
    expect(MIGRATED_HOLIDAYS.has('2025-04-01')).toBe(true);
  });

  it('a limit always ends on a working day, and that many working days are left on the day of filing', () => {
    fc.assert(
      fc.property(instant, days, options, (from, n, opts) => {
        const last = addWorkingDays(from, n, opts);
        expect(isWorkingDay(last, opts.holidays)).toBe(true);
        expect(last >= localDate(from, opts.timeZone)).toBe(true);
        const left = workingDaysLeft(from, dueAt(from, n, opts), opts);
        // A limit of 0 filed on a day off ends on the next working day, which is still ahead.
        const expected = n === 0 && !isWorkingDay(localDate(from, opts.timeZone), opts.holidays) ? 1 : n;
        expect(left).toBe(expected);
      }),
      RUNS,
    );
  });

  it('the due instant is the last millisecond of the last day in the zone', () => {
    fc.assert(
      fc.property(instant, days, options, (from, n, opts) => {
        const due = dueAt(from, n, opts);
        expect(localDate(due, opts.timeZone)).toBe(addWorkingDays(from, n, opts));
        expect(localDate(new Date(due.getTime() + 1), opts.timeZone)).toBe(nextDate(addWorkingDays(from, n, opts)));
      }),
      RUNS,
    );
  });

  it('a longer limit never ends earlier, and each extra working day ends strictly later', () => {
    fc.assert(
      fc.property(instant, days, days, options, (from, a, b, opts) => {
        const [n, m] = a <= b ? [a, b] : [b, a];
        const shorter = dueAt(from, n, opts).getTime();
        const longer = dueAt(from, m, opts).getTime();
        expect(longer).toBeGreaterThanOrEqual(shorter);
        if (n >= 1 && m > n) expect(longer).toBeGreaterThan(shorter);
      }),
      RUNS,
    );
  });

  it('filing later never ends a limit earlier', () => {
    fc.assert(
      fc.property(instant, instant, days, options, (a, b, n, opts) => {
        const [earlier, later] = a <= b ? [a, b] : [b, a];
        expect(dueAt(later, n, opts).getTime()).toBeGreaterThanOrEqual(dueAt(earlier, n, opts).getTime());
      }),
      RUNS,
    );
  });
});

describe('paused clock (properties)', () => {
  const span = fc.tuple(instant, fc.integer({ min: 0, max: 45 * DAY })).map(([from, length]) => ({ from, to: new Date(from.getTime() + length) }));

  it('adding the working time between two instants reaches the first instant with that much working time, at or before the second', () => {
    fc.assert(
      fc.property(span, options, ({ from, to }, opts) => {
        const worked = workingTime(from, to, opts);
        const reached = addWorkingTime(from, worked, opts);
        expect(reached.getTime()).toBeLessThanOrEqual(to.getTime());
        expect(workingTime(from, reached, opts)).toBe(worked);
        // Whatever lies between the two is not working time.
        expect(workingTime(reached, to, opts)).toBe(0);
      }),
      RUNS,
    );
  });

  it('working time added is working time measured', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 40 * DAY }), options, (from, ms, opts) => {
        expect(workingTime(from, addWorkingTime(from, ms, opts), opts)).toBe(ms);
      }),
      RUNS,
    );
  });

  it('disjoint pauses count their sum, in any order, and a repeated pause counts once', () => {
    const pauses = fc
      .tuple(instant, fc.array(fc.tuple(fc.integer({ min: 0, max: 5 * DAY }), fc.integer({ min: 0, max: 5 * DAY })), { maxLength: 5 }))
      .map(([start, steps]) => {
        let cursor = start.getTime();
        return steps.map(([gap, length]) => {
          const pause = { from: new Date(cursor + gap), to: new Date(cursor + gap + length) };
          cursor += gap + length;
          return pause;
        });
      });
    fc.assert(
      fc.property(pauses, options, fc.boolean(), (list, opts, shuffle) => {
        const start = new Date(FIRST - DAY);
        const sum = list.reduce((total, p) => total + workingTime(p.from, p.to, opts), 0);
        const ordered = shuffle ? [...list].reverse() : list;
        expect(pausedWorkingTime(ordered, start, opts)).toBe(sum);
        expect(pausedWorkingTime([...list, ...list], start, opts)).toBe(sum);
      }),
      RUNS,
    );
  });

  it('a pause that lies entirely on days off moves no deadline', () => {
    const scenario = fc
      .tuple(instant, days, options, fc.integer({ min: 0, max: 40 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
      .map(([submittedAt, n, opts, ahead, x, y]) => {
        // The first run of days off at least `ahead` days after filing (weekends recur, so one exists).
        let date = localDate(new Date(submittedAt.getTime() + ahead * DAY), opts.timeZone);
        while (isWorkingDay(date, opts.holidays)) date = nextDate(date);
        let end = date;
        while (!isWorkingDay(nextDate(end), opts.holidays)) end = nextDate(end);
        const begin = startOfDay(date, opts.timeZone).getTime();
        const finish = endOfDay(end, opts.timeZone).getTime() + 1;
        const [a, b] = [begin + Math.floor(x * (finish - begin)), begin + Math.floor(y * (finish - begin))].sort((p, q) => p - q);
        const pause: Pause = { from: new Date(a as number), to: new Date(b as number) };
        return { submittedAt, n, opts, pause };
      });
    fc.assert(
      fc.property(scenario, ({ submittedAt, n, opts, pause }) => {
        expect(pausedWorkingTime([pause], new Date(FIRST - DAY), opts)).toBe(0);
        expect(dueAtWithPauses(submittedAt, n, [pause], opts).toISOString()).toBe(dueAt(submittedAt, n, opts).toISOString());
      }),
      RUNS,
    );
  });

  it('a pause with working time in it moves the deadline later by exactly that working time', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 20 * DAY }),
        fc.integer({ min: 1, max: 10 * DAY }),
        options,
        (submittedAt, n, offset, length, opts) => {
          const pause = { from: new Date(submittedAt.getTime() + offset), to: new Date(submittedAt.getTime() + offset + length) };
          // With a limit of one day or more the clock starts after the day of filing.
          const clockStart = new Date(endOfDay(localDate(submittedAt, opts.timeZone), opts.timeZone).getTime() + 1);
          const paused = pausedWorkingTime([pause], clockStart, opts);
          const base = dueAt(submittedAt, n, opts);
          const moved = dueAtWithPauses(submittedAt, n, [pause], opts);
          expect(moved.getTime()).toBeGreaterThanOrEqual(base.getTime());
          expect(workingTime(new Date(base.getTime() + 1), new Date(moved.getTime() + 1), opts)).toBe(paused);
        },
      ),
      RUNS,
    );
  });
});

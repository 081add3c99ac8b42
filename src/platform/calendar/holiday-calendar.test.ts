import { describe, expect, it } from 'vitest';
import { addWorkingDays, dueAt } from './working-days.ts';

// The days off around the dates under test, as migrations/0012_calendar.sql lists them (the medium
// test in calendar.service.test.ts checks the same dates against the migrated table).
const HOLIDAYS = new Set([
  // Nyepi and Idulfitri 1446 H (2025).
  '2025-03-28',
  '2025-03-29',
  '2025-03-31',
  '2025-04-01',
  '2025-04-02',
  '2025-04-03',
  '2025-04-04',
  '2025-04-07',
  // Nyepi and Idulfitri 1447 H (2026).
  '2026-03-18',
  '2026-03-19',
  '2026-03-20',
  '2026-03-21',
  '2026-03-22',
  '2026-03-23',
  '2026-03-24',
  // Christmas and New Year.
  '2025-12-25',
  '2025-12-26',
  '2026-01-01',
  '2026-12-24',
  '2026-12-25',
  '2027-01-01',
]);

describe('due dates over national holidays and joint leave', () => {
  it('skips Idulfitri 2025 and its joint leave: filed Thursday 27 March, 3 days end Thursday 10 April', () => {
    // 28 March joint leave Nyepi, 31 March–1 April Idulfitri, 2–4 and 7 April joint leave.
    expect(addWorkingDays(new Date('2025-03-27T03:00:00Z'), 3, { holidays: HOLIDAYS })).toBe('2025-04-10');
    expect(addWorkingDays(new Date('2025-03-27T03:00:00Z'), 3)).toBe('2025-04-01');
  });

  it('skips Idulfitri 2026 and its joint leave: filed Tuesday 17 March, 1 day ends Wednesday 25 March', () => {
    expect(addWorkingDays(new Date('2026-03-17T03:00:00Z'), 1, { holidays: HOLIDAYS })).toBe('2026-03-25');
    expect(dueAt(new Date('2026-03-17T03:00:00Z'), 5, { holidays: HOLIDAYS }).toISOString()).toBe('2026-03-31T16:59:59.999Z');
  });

  it('runs across the year end, skipping Christmas joint leave and New Year', () => {
    // Filed Tuesday 23 December 2025: 24 Dec, 29, 30, 31 Dec, 2 Jan 2026.
    expect(addWorkingDays(new Date('2025-12-23T03:00:00Z'), 5, { holidays: HOLIDAYS })).toBe('2026-01-02');
    // Filed Wednesday 23 December 2026: 28, 29, 30, 31 Dec, 4 Jan 2027.
    expect(addWorkingDays(new Date('2026-12-23T03:00:00Z'), 5, { holidays: HOLIDAYS })).toBe('2027-01-04');
  });

  it('counts the day in the agency time zone: 23.30 WIB on a Friday is Saturday in WITA and WIT', () => {
    // Friday 13 March 2026, 23.30 WIB = Saturday 00.30 WITA = Saturday 01.30 WIT.
    const lateFriday = new Date('2026-03-13T16:30:00Z');
    // WIB: filed on Friday; day 1 Monday 16, day 2 Tuesday 17, day 3 Wednesday 25 (after the holidays).
    expect(addWorkingDays(lateFriday, 3, { timeZone: 'Asia/Jakarta', holidays: HOLIDAYS })).toBe('2026-03-25');
    // WITA and WIT: filed on Saturday; the same days, since Saturday is not a working day either.
    expect(addWorkingDays(lateFriday, 3, { timeZone: 'Asia/Makassar', holidays: HOLIDAYS })).toBe('2026-03-25');
    // A limit of zero shows the difference: Friday itself in WIB, the next working day elsewhere.
    expect(addWorkingDays(lateFriday, 0, { timeZone: 'Asia/Jakarta', holidays: HOLIDAYS })).toBe('2026-03-13');
    expect(addWorkingDays(lateFriday, 0, { timeZone: 'Asia/Jayapura', holidays: HOLIDAYS })).toBe('2026-03-16');
    // And the deadline ends at midnight of the agency's own zone.
    expect(dueAt(lateFriday, 3, { timeZone: 'Asia/Jayapura', holidays: HOLIDAYS }).toISOString()).toBe('2026-03-25T14:59:59.999Z');
  });

  it('a Thursday-night filing in WIB is Friday in WIT, so day 1 there is the next Monday', () => {
    // Thursday 26 March 2026, 23.30 WIB = Friday 01.30 WIT.
    const lateThursday = new Date('2026-03-26T16:30:00Z');
    expect(addWorkingDays(lateThursday, 1, { timeZone: 'Asia/Jakarta', holidays: HOLIDAYS })).toBe('2026-03-27');
    expect(addWorkingDays(lateThursday, 1, { timeZone: 'Asia/Jayapura', holidays: HOLIDAYS })).toBe('2026-03-30');
  });
});

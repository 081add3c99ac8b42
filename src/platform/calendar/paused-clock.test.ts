import { describe, expect, it } from 'vitest';
import { addWorkingTime, dueAtWithPauses, pausedWorkingTime, workingTime, workingTimeUsed } from './paused-clock.ts';
import { dueAt } from './working-days.ts';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
// Monday 11 January 2027, 09.00 WIB.
const MONDAY_MORNING_WIB = new Date('2027-01-11T02:00:00Z');

describe('paused clock', () => {
  it('without pauses the deadline is the plain one', () => {
    expect(dueAtWithPauses(MONDAY_MORNING_WIB, 5, []).toISOString()).toBe(dueAt(MONDAY_MORNING_WIB, 5).toISOString());
  });

  it('a wait of one whole working day moves the deadline one working day later', () => {
    // Waiting all of Tuesday 12 January (WIB): due Monday 18 becomes Tuesday 19.
    const pause = { from: new Date('2027-01-11T17:00:00Z'), to: new Date('2027-01-12T17:00:00Z') };
    expect(dueAtWithPauses(MONDAY_MORNING_WIB, 5, [pause]).toISOString()).toBe('2027-01-19T16:59:59.999Z');
  });

  it('a wait over the weekend only counts its working days', () => {
    // Friday 15 00.00 to Monday 18 00.00 WIB: one working day (Friday), not three.
    const pause = { from: new Date('2027-01-14T17:00:00Z'), to: new Date('2027-01-17T17:00:00Z') };
    expect(pausedWorkingTime([pause], MONDAY_MORNING_WIB)).toBe(DAY);
    expect(dueAtWithPauses(MONDAY_MORNING_WIB, 5, [pause]).toISOString()).toBe('2027-01-19T16:59:59.999Z');
  });

  it('a wait of a few hours moves the deadline by those hours, into the next working day', () => {
    // Due Monday 18 at the end of the day; four hours of waiting end it at 04.00 WIB on Tuesday 19.
    const pause = { from: new Date('2027-01-13T03:00:00Z'), to: new Date('2027-01-13T07:00:00Z') };
    expect(dueAtWithPauses(MONDAY_MORNING_WIB, 5, [pause]).toISOString()).toBe('2027-01-18T20:59:59.999Z');
  });

  it('a deadline moved past a Friday skips the weekend and holidays', () => {
    // Filed Monday 11, due Monday 18 (5 days); two working days of waiting would end Wednesday 20,
    // but Tuesday 19 is a holiday in this calendar: Thursday 21.
    const pause = { from: new Date('2027-01-11T17:00:00Z'), to: new Date('2027-01-13T17:00:00Z') };
    const holidays = new Set(['2027-01-19']);
    expect(dueAtWithPauses(MONDAY_MORNING_WIB, 5, [pause], { holidays }).toISOString()).toBe('2027-01-21T16:59:59.999Z');
  });

  it('waiting on the day of filing costs nothing, because that day does not count', () => {
    const pause = { from: new Date('2027-01-11T03:00:00Z'), to: new Date('2027-01-11T09:00:00Z') };
    expect(dueAtWithPauses(MONDAY_MORNING_WIB, 5, [pause]).toISOString()).toBe(dueAt(MONDAY_MORNING_WIB, 5).toISOString());
  });

  it('overlapping pauses count once', () => {
    const a = { from: new Date('2027-01-12T01:00:00Z'), to: new Date('2027-01-12T05:00:00Z') };
    const b = { from: new Date('2027-01-12T03:00:00Z'), to: new Date('2027-01-12T07:00:00Z') };
    expect(pausedWorkingTime([b, a], MONDAY_MORNING_WIB)).toBe(6 * HOUR);
  });

  it('an open pause counts until now, and needs now', () => {
    const open = { from: new Date('2027-01-12T01:00:00Z') };
    expect(pausedWorkingTime([open], MONDAY_MORNING_WIB, { now: new Date('2027-01-12T04:00:00Z') })).toBe(3 * HOUR);
    expect(() => pausedWorkingTime([open], MONDAY_MORNING_WIB)).toThrow(RangeError);
  });

  it('reads working days in the agency time zone', () => {
    // Friday 15 January 22.30 to 24.00 WIB is 23.30 Friday to 01.00 Saturday WITA, all Saturday WIT.
    const from = new Date('2027-01-15T15:30:00Z');
    const to = new Date('2027-01-15T17:00:00Z');
    expect(workingTime(from, to, { timeZone: 'Asia/Jakarta' })).toBe(1.5 * HOUR);
    expect(workingTime(from, to, { timeZone: 'Asia/Makassar' })).toBe(30 * 60 * 1000);
    expect(workingTime(from, to, { timeZone: 'Asia/Jayapura' })).toBe(0);
  });

  it('adds working time across days off, and ends a whole day at its midnight', () => {
    const fridayNoonWib = new Date('2027-01-15T05:00:00Z');
    expect(addWorkingTime(fridayNoonWib, 12 * HOUR).toISOString()).toBe('2027-01-15T17:00:00.000Z');
    expect(addWorkingTime(fridayNoonWib, 13 * HOUR).toISOString()).toBe('2027-01-17T18:00:00.000Z');
    expect(() => addWorkingTime(fridayNoonWib, -1)).toThrow(RangeError);
  });

  it('reports the working time used, without the waiting', () => {
    const pause = { from: new Date('2027-01-12T17:00:00Z'), to: new Date('2027-01-13T17:00:00Z') };
    // Clock starts Tuesday 12 00.00 WIB; by Thursday 14 00.00 two working days passed, one of them waiting.
    expect(workingTimeUsed(MONDAY_MORNING_WIB, 5, [pause], new Date('2027-01-13T17:00:00Z'))).toBe(DAY);
    expect(workingTimeUsed(MONDAY_MORNING_WIB, 5, [{ from: pause.from }], new Date('2027-01-13T05:00:00Z'))).toBe(DAY);
  });
});

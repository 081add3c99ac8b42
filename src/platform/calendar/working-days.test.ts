import { describe, expect, it } from 'vitest';
import { addWorkingDays, dueAt, endOfDay, isWorkingDay, localDate, workingDaysLeft } from './working-days.ts';

// 7 January 2027 is a Thursday.
const THURSDAY_MORNING_WIB = new Date('2027-01-07T03:00:00Z');

describe('working days', () => {
  it('counts five working days from a Thursday to the next Thursday, skipping the weekend', () => {
    expect(addWorkingDays(THURSDAY_MORNING_WIB, 5)).toBe('2027-01-14');
  });

  it('does not count the day of filing, and a filing at the weekend starts on Monday', () => {
    expect(addWorkingDays(new Date('2027-01-09T03:00:00Z'), 1)).toBe('2027-01-11');
    expect(addWorkingDays(new Date('2027-01-08T03:00:00Z'), 1)).toBe('2027-01-11');
  });

  it('reads the date in the agency time zone: 23.30 WIB on Friday is still Friday', () => {
    const fridayLateWib = new Date('2027-01-08T16:30:00Z');
    expect(localDate(fridayLateWib, 'Asia/Jakarta')).toBe('2027-01-08');
    expect(localDate(fridayLateWib, 'Asia/Jayapura')).toBe('2027-01-09');
  });

  it('skips listed holidays', () => {
    expect(addWorkingDays(THURSDAY_MORNING_WIB, 1, { holidays: new Set(['2027-01-08']) })).toBe('2027-01-11');
    expect(isWorkingDay('2027-01-08', new Set(['2027-01-08']))).toBe(false);
  });

  it('a limit of zero days ends on the day of filing, or the next working day', () => {
    expect(addWorkingDays(THURSDAY_MORNING_WIB, 0)).toBe('2027-01-07');
    expect(addWorkingDays(new Date('2027-01-09T03:00:00Z'), 0)).toBe('2027-01-11');
  });

  it('refuses a negative or fractional limit', () => {
    expect(() => addWorkingDays(THURSDAY_MORNING_WIB, -1)).toThrow(RangeError);
    expect(() => addWorkingDays(THURSDAY_MORNING_WIB, 1.5)).toThrow(RangeError);
  });

  it('a deadline runs out at the last millisecond of its day in the zone', () => {
    expect(endOfDay('2027-01-14', 'Asia/Jakarta').toISOString()).toBe('2027-01-14T16:59:59.999Z');
    expect(dueAt(THURSDAY_MORNING_WIB, 5).toISOString()).toBe('2027-01-14T16:59:59.999Z');
  });

  it('counts the working days left, zero on the last day and after it', () => {
    const deadline = endOfDay('2027-01-14');
    expect(workingDaysLeft(THURSDAY_MORNING_WIB, deadline)).toBe(5);
    expect(workingDaysLeft(new Date('2027-01-14T02:00:00Z'), deadline)).toBe(0);
    expect(workingDaysLeft(new Date('2027-01-20T02:00:00Z'), deadline)).toBe(0);
  });
});

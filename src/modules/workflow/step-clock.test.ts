import { describe, expect, it } from 'vitest';
import { dueAt } from '../../platform/calendar/working-days.ts';
import { clockForStep, clockStartOf, plannedSteps, shiftedByPause, stepFractions } from './step-clock.ts';
import type { ApplicationFacts } from './transitions.ts';
import { birthCertificateWorkflow, genericWorkflow } from './workflow.examples.ts';

const FACTS: ApplicationFacts = { answers: {}, applicantType: 'citizen', feePaid: false };
// Idul Fitri 1447 H with its joint leave, as weekdays off (the real dates come from the holiday table).
const LEBARAN = new Set(['2026-03-18', '2026-03-19', '2026-03-20', '2026-03-23', '2026-03-24']);

describe('step clock', () => {
  it('spreads the time limit over the steps across a holiday boundary, adding up to the due date', () => {
    // Monday 16 March 2026, 10.00 WIB; five working days: Tue 17, then Wed 25 to Mon 30.
    const submittedAt = new Date('2026-03-16T03:00:00Z');
    const calendar = { timeZone: 'Asia/Jakarta' as const, holidays: LEBARAN };
    const plan = plannedSteps({ definition: genericWorkflow, facts: FACTS, timeLimitWorkingDays: 5, submittedAt, calendar });
    expect(plan.map((step) => [step.stepId, step.startedAt.toISOString(), step.dueAt.toISOString()])).toEqual([
      ['check', '2026-03-16T17:00:00.000Z', '2026-03-17T16:59:59.999Z'],
      ['assess', '2026-03-17T17:00:00.000Z', '2026-03-26T16:59:59.999Z'],
      // 1.25 working days: Friday 27, then a quarter of Monday 30 (06.00 WIB).
      ['decide', '2026-03-26T17:00:00.000Z', '2026-03-29T22:59:59.999Z'],
      ['issue', '2026-03-29T23:00:00.000Z', '2026-03-30T16:59:59.999Z'],
    ]);
    expect(plan.at(-1)?.dueAt.toISOString()).toBe(dueAt(submittedAt, 5, calendar).toISOString());
    // Warned at 75% of the first day: 18.00 WIB on Tuesday 17.
    expect(plan[0]?.warnAt.toISOString()).toBe('2026-03-17T10:59:59.999Z');
  });

  it('gives the share of a step that does not apply to the others, in proportion', () => {
    const facts = { ...FACTS, answers: { birthPlaceType: 'hospital' } };
    const fractions = stepFractions(birthCertificateWorkflow, facts);
    expect(fractions.has('home-birth-inspection')).toBe(false);
    const days = [...fractions.values()].map((fraction) => fraction * 16);
    expect(days).toEqual([3, 6, 4, 3]);
    expect(stepFractions(birthCertificateWorkflow, { ...FACTS, answers: { birthPlaceType: 'home' } }).get('home-birth-inspection')).toBe(0.2);
  });

  it('counts in the unit’s time zone: WIB, WITA and WIT', () => {
    // 23.30 WIB on Monday 2 March is already Tuesday in WITA and WIT, so their filing day is Tuesday.
    const submittedAt = new Date('2026-03-02T16:30:00Z');
    const expected = {
      'Asia/Jakarta': ['2026-03-02T17:00:00.000Z', '2026-03-03T16:59:59.999Z'],
      'Asia/Makassar': ['2026-03-03T16:00:00.000Z', '2026-03-04T15:59:59.999Z'],
      'Asia/Jayapura': ['2026-03-03T15:00:00.000Z', '2026-03-04T14:59:59.999Z'],
    } as const;
    for (const [timeZone, [start, due]] of Object.entries(expected) as [keyof typeof expected, readonly [string, string]][]) {
      const calendar = { timeZone, holidays: new Set<string>() };
      const enteredAt = clockStartOf(submittedAt, 5, timeZone);
      expect(enteredAt.toISOString()).toBe(start);
      const times = clockForStep({ definition: genericWorkflow, facts: FACTS, stepId: 'check', timeLimitWorkingDays: 5, enteredAt, calendar });
      expect(times.dueAt.toISOString()).toBe(due);
      const plan = plannedSteps({ definition: genericWorkflow, facts: FACTS, timeLimitWorkingDays: 5, submittedAt, calendar });
      expect(plan.at(-1)?.dueAt.toISOString()).toBe(dueAt(submittedAt, 5, calendar).toISOString());
    }
  });

  it('runs a step entered during the day over the weekend', () => {
    // Friday 6 March, 14.00 WIB; 1.25 working days: 10 hours of Friday, 20 of Monday.
    const times = clockForStep({
      definition: genericWorkflow,
      facts: FACTS,
      stepId: 'decide',
      timeLimitWorkingDays: 5,
      enteredAt: new Date('2026-03-06T07:00:00Z'),
      calendar: { timeZone: 'Asia/Jakarta' },
    });
    expect(times.dueAt.toISOString()).toBe('2026-03-09T12:59:59.999Z');
  });

  it('moves a step later by the working time spent waiting, not the weekend', () => {
    const calendar = { timeZone: 'Asia/Jakarta' as const };
    // Waiting from Friday 6 March 00.00 to Monday 9 March 00.00 WIB: one working day.
    const pause = { from: new Date('2026-03-05T17:00:00Z'), to: new Date('2026-03-08T17:00:00Z') };
    const shifted = shiftedByPause(
      { warnAt: new Date('2026-03-10T10:59:59.999Z'), dueAt: new Date('2026-03-10T16:59:59.999Z') },
      pause,
      new Date('2026-03-04T17:00:00Z'),
      calendar,
    );
    expect(shifted.dueAt.toISOString()).toBe('2026-03-11T16:59:59.999Z');
    expect(shifted.warnAt.toISOString()).toBe('2026-03-11T10:59:59.999Z');
  });
});

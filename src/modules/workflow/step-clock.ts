import { addWorkingTime, pausedWorkingTime } from '../../platform/calendar/paused-clock.ts';
import { type CalendarOptions, endOfDay, localDate } from '../../platform/calendar/working-days.ts';
import { type ApplicationFacts, conditionHolds } from './transitions.ts';
import type { WorkflowDefinition } from './workflow.schema.ts';

/**
 * Each step's share of the service's time limit as instants of the unit's working calendar. Pure:
 * the caller reads the time zone and holidays. Working time is counted as in paused-clock.ts (every
 * millisecond of a working day), so the steps' times add up to the application's due date.
 */

const WORKING_DAY_MS = 24 * 3600 * 1000;
/** The assignee is warned when this much of the step's time is used. */
export const WARN_FRACTION = 0.75;

export interface StepTimes {
  startedAt: Date;
  warnAt: Date;
  dueAt: Date;
}

/**
 * Each applicable step's fraction (0..1) of the time limit: the shares of steps whose condition is
 * false are spread over the steps that apply, in proportion to their own shares.
 */
export function stepFractions(definition: WorkflowDefinition, facts: ApplicationFacts): Map<string, number> {
  const applicable = definition.steps.filter((step) => conditionHolds(step.condition, facts));
  const total = applicable.reduce((sum, step) => sum + step.shareOfTimeLimit, 0);
  // All-zero shares (a definition that validates cannot have them): split evenly rather than give no time.
  return new Map(applicable.map((step) => [step.id, total > 0 ? step.shareOfTimeLimit / total : 1 / applicable.length]));
}

/** Working time of a step, in milliseconds. 0 for a step that does not apply. */
export function stepWorkingTime(definition: WorkflowDefinition, facts: ApplicationFacts, stepId: string, timeLimitWorkingDays: number): number {
  return Math.round((stepFractions(definition, facts).get(stepId) ?? 0) * timeLimitWorkingDays * WORKING_DAY_MS);
}

/**
 * When the application's clock starts: the day of filing does not count (as in addWorkingDays and
 * dueAtWithPauses), so the first step runs from the next midnight in the zone. A limit of zero runs from the filing.
 */
export function clockStartOf(submittedAt: Date, timeLimitWorkingDays: number, timeZone: CalendarOptions['timeZone'] = 'Asia/Jakarta'): Date {
  if (timeLimitWorkingDays === 0) return submittedAt;
  return new Date(endOfDay(localDate(submittedAt, timeZone), timeZone).getTime() + 1);
}

/** The instant `ms` of working time after `from`, as the last millisecond used (so a whole day ends at 23:59:59.999). */
function after(from: Date, ms: number, options: CalendarOptions): Date {
  if (ms <= 0) return from;
  return new Date(addWorkingTime(from, ms, options).getTime() - 1);
}

/** The warning and due instants of a step of `ms` working time entered at `startedAt`. */
export function stepTimes(startedAt: Date, ms: number, options: CalendarOptions): StepTimes {
  return { startedAt, warnAt: after(startedAt, Math.round(ms * WARN_FRACTION), options), dueAt: after(startedAt, ms, options) };
}

/**
 * The clock of a step entered at `enteredAt` (the first step: pass the application's clock start).
 * Steps that finish early give their time to no one: each step gets its own share from when it starts.
 */
export function clockForStep(input: {
  definition: WorkflowDefinition;
  facts: ApplicationFacts;
  stepId: string;
  timeLimitWorkingDays: number;
  enteredAt: Date;
  calendar: CalendarOptions;
}): StepTimes {
  return stepTimes(input.enteredAt, stepWorkingTime(input.definition, input.facts, input.stepId, input.timeLimitWorkingDays), input.calendar);
}

/**
 * The plan when every step takes exactly its share, from the clock start: the last step's due instant
 * is the application's due date. Cumulative rounding, so the steps add up exactly.
 */
export function plannedSteps(input: {
  definition: WorkflowDefinition;
  facts: ApplicationFacts;
  timeLimitWorkingDays: number;
  submittedAt: Date;
  calendar: CalendarOptions;
}): ({ stepId: string } & StepTimes)[] {
  const start = clockStartOf(input.submittedAt, input.timeLimitWorkingDays, input.calendar.timeZone);
  const limitMs = input.timeLimitWorkingDays * WORKING_DAY_MS;
  let cumulative = 0;
  return [...stepFractions(input.definition, input.facts)].map(([stepId, fraction]) => {
    const from = Math.round(limitMs * cumulative);
    cumulative += fraction;
    const to = Math.round(limitMs * Math.min(1, cumulative));
    const ms = to - from;
    return {
      stepId,
      startedAt: from === 0 ? start : addWorkingTime(start, from, input.calendar),
      warnAt: after(start, from + Math.round(ms * WARN_FRACTION), input.calendar),
      dueAt: after(start, to, input.calendar),
    };
  });
}

/**
 * A step's instants moved later by the working time spent waiting for the applicant (counted from the
 * step's start, as the application's due date counts it from the clock start).
 */
export function shiftedByPause(times: { warnAt: Date; dueAt: Date }, pause: { from: Date; to: Date }, stepStartedAt: Date, calendar: CalendarOptions) {
  const paused = pausedWorkingTime([pause], stepStartedAt, calendar);
  if (paused === 0) return times;
  const shift = (instant: Date) => new Date(addWorkingTime(new Date(instant.getTime() + 1), paused, calendar).getTime() - 1);
  return { warnAt: shift(times.warnAt), dueAt: shift(times.dueAt) };
}

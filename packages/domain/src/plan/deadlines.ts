import { rectificationDueDay, type Severity } from '../calendar/rectification-deadline.js';
import { formatLocalDate } from '../calendar/shanghai.js';
import { DAY_MS } from '../calendar/time-units.js';
import { workingDayTest, type DayShift } from '../calendar/working-days.js';
import type { PilotPlan } from './pilot-plan.js';
import { scaleDuration, scaleInstant, unscaleInstant } from './time-scale.js';

export interface RectificationDeadline {
  dueAt: number;
  /** Local calendar date on the real calendar, before time scaling. */
  calendarDueDate: string;
  shift: DayShift;
}

/**
 * When a finding of `severity` issued at `issuedAtMs` must be rectified, per the plan's working-day
 * table, calendar and time scale. `notAfterMs` (e.g. the round end) caps the deadline; it is given
 * on the same compressed timeline as `issuedAtMs`.
 */
export function rectificationDeadline(
  plan: Pick<PilotPlan, 'rectificationWorkingDays' | 'calendar' | 'timeScale'>,
  issuedAtMs: number,
  severity: Severity,
  options: { notAfterMs?: number } = {},
): RectificationDeadline {
  return workingDayDeadline(plan, issuedAtMs, plan.rectificationWorkingDays[severity], options);
}

/**
 * The end of the `workingDays`-th working day after `issuedAtMs` (the fix of a controlled hazard, a key
 * part's re-check), on the plan's calendar and time scale, capped like a rectification deadline.
 */
export function workingDayDeadline(
  plan: Pick<PilotPlan, 'calendar' | 'timeScale'>,
  issuedAtMs: number,
  workingDays: number,
  options: { notAfterMs?: number } = {},
): RectificationDeadline {
  const limit =
    options.notAfterMs === undefined
      ? undefined
      : unscaleInstant(issuedAtMs, options.notAfterMs, plan.timeScale);
  const due = rectificationDueDay(workingDayTest(plan.calendar), issuedAtMs, workingDays, limit);
  const dueAt = scaleInstant(issuedAtMs, due.dueAt, plan.timeScale);
  return {
    dueAt:
      options.notAfterMs === undefined ? dueAt : Math.min(dueAt, Math.max(options.notAfterMs, issuedAtMs)),
    calendarDueDate: formatLocalDate(due.dueDayMs),
    shift: due.shift,
  };
}

/** A deadline pushed back by whole calendar days (延期), compressed like every other plan duration. */
export function extendDeadline(plan: Pick<PilotPlan, 'timeScale'>, dueAtMs: number, days: number): number {
  if (!Number.isSafeInteger(days) || days < 1)
    throw new RangeError(`days must be a positive integer, got ${days}`);
  return dueAtMs + scaleDuration(days * DAY_MS, plan.timeScale);
}

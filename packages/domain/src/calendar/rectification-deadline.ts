import { addLocalDays, endOfLocalDay, startOfLocalDay } from './shanghai.js';
import { addWorkingDays, shiftToWorkingDay, type DayShift, type WorkingDayTest } from './working-days.js';

export const SEVERITIES = ['minor', 'major', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * Working days a firm gets to rectify a finding. Critical findings (fire safety, lifts, falling
 * objects) must be handled by the end of the next working day; major ones within three working days,
 * which leaves room to order parts; minor ones (cleaning, signage) within a working week and a half
 * so they fit between two weekly inspections.
 */
export const DEFAULT_RECTIFICATION_WORKING_DAYS: Readonly<Record<Severity, number>> = {
  minor: 7,
  major: 3,
  critical: 1,
};

export interface RectificationDueDay {
  dueDayMs: number;
  /** End of `dueDayMs`. */
  dueAt: number;
  /** `previous` when the deadline was pulled back to fit before `notAfterMs`. */
  shift: DayShift;
}

/**
 * The deadline is the end of the `workingDays`-th working day after the day of issue. When a latest
 * instant is given (e.g. the end of the round) the deadline is pulled back to the last working day
 * before it, but never before the day of issue.
 */
export function rectificationDueDay(
  isWorking: WorkingDayTest,
  issuedAtMs: number,
  workingDays: number,
  notAfterMs?: number,
): RectificationDueDay {
  const dueDay = addWorkingDays(isWorking, issuedAtMs, workingDays);
  if (notAfterMs === undefined || endOfLocalDay(dueDay) <= notAfterMs) {
    return { dueDayMs: dueDay, dueAt: endOfLocalDay(dueDay), shift: 'none' };
  }
  const issueDay = startOfLocalDay(issuedAtMs);
  let latest = startOfLocalDay(notAfterMs);
  if (endOfLocalDay(latest) > notAfterMs) latest = addLocalDays(latest, -1);
  if (latest < issueDay) {
    // The limit falls on the day of issue: the finding is due at the limit itself.
    return { dueDayMs: issueDay, dueAt: Math.max(issuedAtMs, notAfterMs), shift: 'unavailable' };
  }
  const shifted = shiftToWorkingDay(isWorking, latest, 'previous', issueDay, latest);
  return {
    dueDayMs: shifted.dayMs,
    dueAt: endOfLocalDay(shifted.dayMs),
    shift: shifted.shift === 'none' ? 'previous' : shifted.shift,
  };
}

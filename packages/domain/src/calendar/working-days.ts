import * as z from 'zod';
import { addLocalDays, formatLocalDate, localDateParts, startOfLocalDay } from './shanghai.js';

/**
 * Which local days are working days. Chinese public holidays move weekends around (调休), so besides
 * the weekly rest days there are explicit holiday dates and explicit make-up working days; a make-up
 * day wins over the weekend rule, a holiday wins over everything.
 */
export const workingCalendarSchema = z.object({
  /** Weekdays that are normally rest days, 0 = Sunday .. 6 = Saturday. */
  weekendDays: z.array(z.number().int().min(0).max(6)),
  /** `YYYY-MM-DD` local dates that are days off. */
  holidays: z.array(z.iso.date()),
  /** `YYYY-MM-DD` local dates that are working days although they fall on a weekend (调休). */
  makeUpWorkdays: z.array(z.iso.date()),
});
export type WorkingCalendar = z.infer<typeof workingCalendarSchema>;

export const STANDARD_WEEKEND: readonly number[] = [0, 6];

export type WorkingDayTest = (epochMs: number) => boolean;

/** Prepares the lookups once; callers that test many days should reuse the returned function. */
export function workingDayTest(calendar: WorkingCalendar): WorkingDayTest {
  const holidays = new Set(calendar.holidays);
  const makeUp = new Set(calendar.makeUpWorkdays);
  const weekend = new Set(calendar.weekendDays);
  return (epochMs) => {
    const key = formatLocalDate(epochMs);
    if (holidays.has(key)) return false;
    if (makeUp.has(key)) return true;
    return !weekend.has(localDateParts(epochMs).weekday);
  };
}

export function isWorkingDay(calendar: WorkingCalendar, epochMs: number): boolean {
  return workingDayTest(calendar)(epochMs);
}

export const SHIFT_DIRECTIONS = ['previous', 'next'] as const;
export type ShiftDirection = (typeof SHIFT_DIRECTIONS)[number];

/**
 * How a due day ended up where it is: unchanged, moved back, moved forward, or left on a rest day
 * because the allowed range contains no working day at all (e.g. a week that is entirely Golden
 * Week). The last case is the only one in which a due day may fall on a non-working day.
 */
export const DAY_SHIFTS = ['none', 'previous', 'next', 'unavailable'] as const;
export type DayShift = (typeof DAY_SHIFTS)[number];

export interface ShiftedDay {
  /** Local midnight of the chosen day. */
  dayMs: number;
  shift: DayShift;
}

/**
 * Moves a non-working day to the nearest working day in the preferred direction, staying within
 * [earliestDayMs, latestDayMs] (both local midnights, inclusive). If the preferred direction has no
 * working day inside the range the other direction is tried before giving up.
 */
export function shiftToWorkingDay(
  isWorking: WorkingDayTest,
  dayMs: number,
  prefer: ShiftDirection,
  earliestDayMs: number,
  latestDayMs: number,
): ShiftedDay {
  const day = startOfLocalDay(dayMs);
  const earliest = startOfLocalDay(earliestDayMs);
  const latest = startOfLocalDay(latestDayMs);
  if (day < earliest || day > latest) {
    throw new RangeError(`day ${formatLocalDate(day)} lies outside its allowed range`);
  }
  if (isWorking(day)) return { dayMs: day, shift: 'none' };
  const search = (direction: ShiftDirection): number | null => {
    const step = direction === 'previous' ? -1 : 1;
    for (let candidate = addLocalDays(day, step); candidate >= earliest && candidate <= latest;) {
      if (isWorking(candidate)) return candidate;
      candidate = addLocalDays(candidate, step);
    }
    return null;
  };
  const other: ShiftDirection = prefer === 'previous' ? 'next' : 'previous';
  const preferred = search(prefer);
  if (preferred !== null) return { dayMs: preferred, shift: prefer };
  const fallback = search(other);
  if (fallback !== null) return { dayMs: fallback, shift: other };
  return { dayMs: day, shift: 'unavailable' };
}

/**
 * Local midnight of the `count`-th working day after the day of `fromMs` (the day itself does not
 * count, so a problem found on Friday with one working day is due on Monday).
 */
export function addWorkingDays(isWorking: WorkingDayTest, fromMs: number, count: number): number {
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`count must be a whole number, got ${count}`);
  let day = startOfLocalDay(fromMs);
  let remaining = count;
  // A calendar without any working day would loop forever; a year of rest days is already absurd.
  for (let guard = 0; remaining > 0; guard += 1) {
    if (guard > 366 * 2) throw new RangeError('no working days found in two years');
    day = addLocalDays(day, 1);
    if (isWorking(day)) remaining -= 1;
  }
  return day;
}

import { addCalendarMonths, addLocalDays, startOfLocalDay } from './shanghai.js';

/**
 * An inspection round: from its start instant up to, but excluding, local midnight of the same day
 * of month `months` later (clamped to month end). The round therefore covers whole local days after
 * its first, possibly partial, day, and its last day is the day before `endMs`.
 */
export interface RoundWindow {
  startMs: number;
  /** Exclusive end. */
  endMs: number;
}

export const DEFAULT_ROUND_MONTHS = 3;

export function roundWindow(startMs: number, months: number = DEFAULT_ROUND_MONTHS): RoundWindow {
  if (!Number.isInteger(months) || months < 1)
    throw new RangeError(`months must be a positive integer, got ${months}`);
  return { startMs, endMs: startOfLocalDay(addCalendarMonths(startMs, months)) };
}

/** Local midnight of the round's first day. */
export function firstDayOf(window: RoundWindow): number {
  return startOfLocalDay(window.startMs);
}

/** Local midnight of the round's last day. */
export function lastDayOf(window: RoundWindow): number {
  return addLocalDays(window.endMs, -1);
}

export function isWithinRound(window: RoundWindow, epochMs: number): boolean {
  return epochMs >= window.startMs && epochMs < window.endMs;
}

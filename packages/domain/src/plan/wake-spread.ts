import { fnv1a64 } from '../catalogue/fingerprint.js';
import type { PilotPlan } from './pilot-plan.js';
import { scaleDuration } from './time-scale.js';

const MINUTE_MS = 60_000;

/**
 * How long after its due times a pilot wakes: a fixed share of the plan's spread window, taken
 * from the enrollment id so it is the same on every replay and different from pilot to pilot.
 * Pilots enrolled together then open tasks, remind and mark missed over the window instead of in
 * one second. Only the moment of waking moves: a due time is what the rules compare with (a task is
 * open from its opening time and closed from its missed time, woken or not).
 */
export function wakeOffsetMs(
  enrollmentId: string,
  plan: Pick<PilotPlan, 'wakeSpreadMinutes' | 'timeScale'>,
): number {
  const windowMs = scaleDuration(plan.wakeSpreadMinutes * MINUTE_MS, plan.timeScale);
  if (windowMs <= 0) return 0;
  // 48 of the hash's 64 bits fit a double exactly; that is plenty of spread for any window.
  const share = Number.parseInt(fnv1a64(enrollmentId).slice(0, 12), 16) / 2 ** 48;
  return Math.floor(share * windowMs);
}

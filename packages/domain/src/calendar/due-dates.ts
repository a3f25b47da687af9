import { firstDayOf, lastDayOf, type RoundWindow } from './round-window.js';
import { addCalendarMonths, addLocalDays } from './shanghai.js';
import {
  shiftToWorkingDay,
  type DayShift,
  type ShiftDirection,
  type WorkingDayTest,
} from './working-days.js';

/**
 * One dated obligation inside a round, before any time scaling. Days are local midnights; the
 * obligation is due by the end of `dueDayMs`.
 */
export interface DueSlot {
  /** 1-based position among slots of the same kind in the round. */
  seq: number;
  opensAt: number;
  /** The day the rule asks for before working days are considered. */
  nominalDayMs: number;
  dueDayMs: number;
  shift: DayShift;
}

function clampDay(dayMs: number, earliest: number, latest: number): number {
  return Math.min(Math.max(dayMs, earliest), latest);
}

function slot(
  seq: number,
  opensAt: number,
  nominalDayMs: number,
  isWorking: WorkingDayTest,
  prefer: ShiftDirection,
  earliestDayMs: number,
  latestDayMs: number,
): DueSlot {
  const nominal = clampDay(nominalDayMs, earliestDayMs, latestDayMs);
  const shifted = shiftToWorkingDay(isWorking, nominal, prefer, earliestDayMs, latestDayMs);
  return { seq, opensAt, nominalDayMs: nominal, dueDayMs: shifted.dayMs, shift: shifted.shift };
}

/**
 * 自查自纠: the firm inspects itself from the first moment of the round and is due at the end of the
 * `days`-th local day (the start day counts as day 1).
 */
export function selfInspectionSlot(
  window: RoundWindow,
  isWorking: WorkingDayTest,
  days: number,
  prefer: ShiftDirection,
): DueSlot {
  const first = firstDayOf(window);
  return slot(1, window.startMs, addLocalDays(first, days - 1), isWorking, prefer, first, lastDayOf(window));
}

/**
 * 集中检查: a one-day inspection `offsetDays` local days after the round's first day, never earlier
 * than `notBeforeDayMs` (the day after the self-inspection is due) so the two never swap.
 */
export function concentratedInspectionSlot(
  window: RoundWindow,
  isWorking: WorkingDayTest,
  offsetDays: number,
  prefer: ShiftDirection,
  notBeforeDayMs: number,
): DueSlot {
  const last = lastDayOf(window);
  const earliest = clampDay(notBeforeDayMs, firstDayOf(window), last);
  const result = slot(
    1,
    window.startMs,
    addLocalDays(firstDayOf(window), offsetDays),
    isWorking,
    prefer,
    earliest,
    last,
  );
  return { ...result, opensAt: Math.max(window.startMs, result.dueDayMs) };
}

/**
 * Weekly special inspections: consecutive 7-day slots starting on `fromDayMs`; each slot is due on
 * its 7th day. Only slots whose 7th day lies inside the round are scheduled, so a trailing partial
 * week gets no weekly inspection (the quarterly check covers the end of the round).
 */
export function weeklySlots(
  window: RoundWindow,
  isWorking: WorkingDayTest,
  fromDayMs: number,
  prefer: ShiftDirection,
): DueSlot[] {
  const last = lastDayOf(window);
  const slots: DueSlot[] = [];
  for (let seq = 1; ; seq += 1) {
    const slotStart = addLocalDays(fromDayMs, 7 * (seq - 1));
    const nominal = addLocalDays(slotStart, 6);
    if (nominal > last) break;
    slots.push(slot(seq, Math.max(window.startMs, slotStart), nominal, isWorking, prefer, slotStart, last));
  }
  return slots;
}

/**
 * Monthly inspections: the round is cut into `months` month-long periods anchored on its first day
 * (so a round starting on 15 March has periods 15 Mar–14 Apr, 15 Apr–14 May, 15 May–14 Jun); each
 * period has one inspection due on its last day. Anchoring on the round keeps the count equal to
 * the round's length in months whatever day it starts on.
 */
export function monthlySlots(
  window: RoundWindow,
  months: number,
  isWorking: WorkingDayTest,
  prefer: ShiftDirection,
  notBeforeMs: number = window.startMs,
): DueSlot[] {
  const first = firstDayOf(window);
  const last = lastDayOf(window);
  const slots: DueSlot[] = [];
  for (let seq = 1; seq <= months; seq += 1) {
    const periodStart = addCalendarMonths(first, seq - 1);
    const nominal = addLocalDays(addCalendarMonths(first, seq), -1);
    slots.push(
      opensNotBefore(
        slot(seq, Math.max(window.startMs, periodStart), nominal, isWorking, prefer, periodStart, last),
        notBeforeMs,
      ),
    );
  }
  return slots;
}

/**
 * The quarterly (round-closing) inspection: one per round, due `leadDays` before the round's last
 * day so its findings can still be rectified and verified before the round is evaluated. It opens
 * with the round's last month-long period.
 */
export function quarterlySlot(
  window: RoundWindow,
  months: number,
  isWorking: WorkingDayTest,
  leadDays: number,
  prefer: ShiftDirection,
  notBeforeMs: number = window.startMs,
): DueSlot {
  const first = firstDayOf(window);
  const last = lastDayOf(window);
  const lastPeriodStart = addCalendarMonths(first, months - 1);
  const due = slot(
    1,
    Math.max(window.startMs, lastPeriodStart),
    addLocalDays(last, -leadDays),
    isWorking,
    prefer,
    lastPeriodStart,
    last,
  );
  return opensNotBefore(due, notBeforeMs);
}

/**
 * A special inspection opens only once the opening inspections are done (自查自纠 first, then the
 * 集中检查 as the key point, then the special checks), but never after its own due day.
 */
function opensNotBefore(due: DueSlot, notBeforeMs: number): DueSlot {
  return { ...due, opensAt: Math.min(Math.max(due.opensAt, notBeforeMs), due.dueDayMs) };
}

// When the register's work falls due, pure over a working calendar: a maintenance is due a number of
// calendar days after the last one, and rounds (an item's inspection, a patrol route) once in every
// window of their interval. The workflow that reminds and marks overdue and the figures of 规范操作
// read the same answers from here.
import { DAY_MS, HOUR_MS } from '../calendar/time-units.js';
import { addLocalDays, endOfLocalDay, startOfLocalDay } from '../calendar/shanghai.js';
import { shiftToWorkingDay, type DayShift, type WorkingDayTest } from '../calendar/working-days.js';

/** Working days before a maintenance is due that the firm is reminded, at 09:00 local. */
export const UPKEEP_REMIND_WORKING_DAYS = 2;
const REMIND_HOUR = 9;

export interface UpkeepDue {
  /** Local midnight of the day the maintenance is due on. */
  dueDayMs: number;
  /** How the due day was moved off a rest day (brought forward, never later: the interval is a maximum). */
  shift: DayShift;
  /** When the firm is reminded. */
  remindAtMs: number;
  /** From when it is overdue: the end of the due day. */
  overdueAtMs: number;
}

/**
 * The next maintenance after one done at `lastDoneMs` (or after registration). The interval is the
 * longest the rules allow (TSG T5002's 15 days for a lift), so a due day on a holiday comes forward
 * to the working day before it — never before the day after the last visit; with no working day in
 * between it stays where it is (`unavailable`), and the contractor comes on the rest day.
 */
export function nextUpkeep(isWorking: WorkingDayTest, lastDoneMs: number, intervalDays: number): UpkeepDue {
  if (!Number.isInteger(intervalDays) || intervalDays < 1)
    throw new RangeError(`interval must be a whole number of days, got ${intervalDays}`);
  const lastDay = startOfLocalDay(lastDoneMs);
  const nominal = addLocalDays(lastDay, intervalDays);
  const shifted = shiftToWorkingDay(isWorking, nominal, 'previous', addLocalDays(lastDay, 1), nominal);
  // Reminded a couple of working days ahead, but not before the last visit itself.
  let remindDay = shifted.dayMs;
  for (let left = UPKEEP_REMIND_WORKING_DAYS; left > 0 && remindDay > lastDay;) {
    remindDay = addLocalDays(remindDay, -1);
    if (isWorking(remindDay)) left -= 1;
  }
  const remindAtMs = Math.max(remindDay + REMIND_HOUR * HOUR_MS, lastDoneMs);
  return {
    dueDayMs: shifted.dayMs,
    shift: shifted.shift,
    remindAtMs,
    overdueAtMs: endOfLocalDay(shifted.dayMs) + 1,
  };
}

export const SLOT_STATUSES = ['on_time', 'late', 'missed', 'incomplete'] as const;
export type SlotStatus = (typeof SLOT_STATUSES)[number];

export interface WorkSlot {
  /** Local midnight the slot's work may start on (the window's first day, the due day's run-up). */
  fromMs: number;
  /** The instant the work was due by (exclusive). */
  dueByMs: number;
  status: SlotStatus;
  /** The entry that met it (or met it late). */
  doneAtMs: number | null;
}

/**
 * The maintenance slots of an item between `fromMs` and `untilMs` (both instants; a slot counts once
 * it is due by `untilMs`), given when it was registered and the maintenance entries' times. Each
 * next due day follows the visit actually made, as the workflow schedules it.
 */
export function maintenanceSlots(
  isWorking: WorkingDayTest,
  input: {
    startMs: number;
    intervalDays: number;
    doneMs: readonly number[];
    fromMs: number;
    untilMs: number;
  },
): WorkSlot[] {
  const done = [...input.doneMs].sort((a, b) => a - b);
  const slots: WorkSlot[] = [];
  let last = input.startMs;
  for (let guard = 0; guard < 10_000; guard += 1) {
    const due = nextUpkeep(isWorking, last, input.intervalDays);
    if (due.overdueAtMs > input.untilMs) break;
    const next = done.find((at) => at > last);
    const status: SlotStatus =
      next === undefined || next >= input.untilMs ? 'missed' : next < due.overdueAtMs ? 'on_time' : 'late';
    if (due.overdueAtMs > input.fromMs)
      slots.push({
        fromMs: startOfLocalDay(last),
        dueByMs: due.overdueAtMs,
        status,
        doneAtMs: status === 'missed' ? null : (next ?? null),
      });
    if (status === 'missed') break;
    last = next!;
  }
  return slots;
}

/**
 * Round slots: one window of `intervalDays` local days after another from the day of `startMs`; a
 * window is met when a round falls inside it, `incomplete` when each round inside skipped part of
 * the route. Only windows that have ended by `untilMs` and overlap `fromMs..untilMs` count.
 */
export function roundSlots(input: {
  startMs: number;
  intervalDays: number;
  rounds: ReadonlyArray<{ atMs: number; complete: boolean }>;
  fromMs: number;
  untilMs: number;
}): WorkSlot[] {
  if (!Number.isInteger(input.intervalDays) || input.intervalDays < 1)
    throw new RangeError(`interval must be a whole number of days, got ${input.intervalDays}`);
  const first = startOfLocalDay(input.startMs);
  const span = input.intervalDays * DAY_MS;
  // Windows are whole local days; Asia/Shanghai has no daylight saving, so a day is 24 hours.
  const skip = Math.max(0, Math.floor((startOfLocalDay(input.fromMs) - first) / span));
  const slots: WorkSlot[] = [];
  for (let start = first + skip * span; start + span <= input.untilMs; start += span) {
    const end = start + span;
    if (end <= input.fromMs) continue;
    const inside = input.rounds.filter((r) => r.atMs >= start && r.atMs < end);
    const full = inside.find((r) => r.complete);
    const status: SlotStatus = full ? 'on_time' : inside.length > 0 ? 'incomplete' : 'missed';
    slots.push({ fromMs: start, dueByMs: end, status, doneAtMs: (full ?? inside[0])?.atMs ?? null });
  }
  return slots;
}

/** The share of slots met on time, 0..1 (null with nothing due). */
export function onTimeShare(slots: readonly WorkSlot[]): number | null {
  if (slots.length === 0) return null;
  return slots.filter((s) => s.status === 'on_time').length / slots.length;
}

import {
  concentratedInspectionSlot,
  monthlySlots,
  quarterlySlot,
  selfInspectionSlot,
  weeklySlots,
  type DueSlot,
} from '../calendar/due-dates.js';
import { roundWindow, firstDayOf, type RoundWindow } from '../calendar/round-window.js';
import { addLocalDays, endOfLocalDay, formatLocalDate } from '../calendar/shanghai.js';
import { HOUR_MS } from '../calendar/time-units.js';
import { workingDayTest, type DayShift } from '../calendar/working-days.js';
import { INSPECTION_KINDS, type InspectionKind } from '../catalogue/types.js';
import type { PilotPlan } from './pilot-plan.js';
import { assertTimeScale, scaleInstant } from './time-scale.js';
import { validatePlan } from './validate-plan.js';

export type RoundStage = 'improvement' | 'consolidation';

/** One task the workflow schedules: timers fire at remindAt and missedAt. All instants epoch ms. */
export interface ScheduledTask {
  /** Deterministic, e.g. `r1-weekly-03`; unique within a pilot. */
  key: string;
  kind: InspectionKind;
  round: number;
  seq: number;
  opensAt: number;
  dueAt: number;
  remindAt: number;
  missedAt: number;
  /** Local calendar date the rule chose (on the real calendar, before time scaling). */
  calendarDueDate: string;
  dueShift: DayShift;
}

export interface RoundSchedule {
  round: number;
  stage: RoundStage;
  /** The round on the (possibly compressed) timeline. */
  window: RoundWindow;
  tasks: ScheduledTask[];
}

export interface PilotSchedule {
  startMs: number;
  timeScale: number;
  rounds: RoundSchedule[];
  /** Every task of every round, ordered like each round's tasks. */
  tasks: ScheduledTask[];
}

export interface RoundScheduleOptions {
  /** Defaults to improvement for round 1 and consolidation afterwards. */
  stage?: RoundStage;
  /**
   * Whether the round opens with 自查自纠 and 集中检查. Defaults to true only for round 1: a repeated
   * improvement round starts straight with the special inspections.
   */
  includeOpening?: boolean;
}

const KIND_ORDER = new Map(INSPECTION_KINDS.map((kind, index) => [kind, index]));

function taskKey(round: number, kind: InspectionKind, seq: number): string {
  return `r${round}-${kind}-${String(seq).padStart(2, '0')}`;
}

function compareTasks(a: ScheduledTask, b: ScheduledTask): number {
  return (
    a.dueAt - b.dueAt ||
    a.opensAt - b.opensAt ||
    (KIND_ORDER.get(a.kind) ?? 0) - (KIND_ORDER.get(b.kind) ?? 0) ||
    a.seq - b.seq
  );
}

/** A round on the real calendar; scaling is applied afterwards so calendar rules never see it. */
function realRound(
  plan: PilotPlan,
  startMs: number,
  round: number,
  stage: RoundStage,
  includeOpening: boolean,
): RoundSchedule {
  const window = roundWindow(startMs, plan.roundMonths);
  const isWorking = workingDayTest(plan.calendar);
  const shifts = plan.dueDayShift;
  const slots: Array<{ kind: InspectionKind; slot: DueSlot }> = [];

  let specialFrom = firstDayOf(window);
  if (includeOpening) {
    const self = selfInspectionSlot(window, isWorking, plan.selfInspectionDays, shifts.self);
    const concentrated = concentratedInspectionSlot(
      window,
      isWorking,
      plan.concentratedInspectionOffsetDays,
      shifts.concentrated,
      addLocalDays(self.dueDayMs, 1),
    );
    slots.push({ kind: 'self', slot: self }, { kind: 'concentrated', slot: concentrated });
    // Special inspections follow the concentrated inspection, which is their baseline.
    specialFrom = addLocalDays(concentrated.dueDayMs, 1);
  }
  for (const slot of weeklySlots(window, isWorking, specialFrom, shifts.weekly))
    slots.push({ kind: 'weekly', slot });
  // Consolidation rounds replace the monthly full check with a monthly key-area check.
  const periodic: InspectionKind = stage === 'improvement' ? 'monthly' : 'consolidation';
  for (const slot of monthlySlots(window, plan.roundMonths, isWorking, shifts[periodic]))
    slots.push({ kind: periodic, slot });
  slots.push({
    kind: 'quarterly',
    slot: quarterlySlot(window, plan.roundMonths, isWorking, plan.quarterlyLeadDays, shifts.quarterly),
  });

  const tasks = slots.map(({ kind, slot }): ScheduledTask => {
    const dueAt = endOfLocalDay(slot.dueDayMs);
    return {
      key: taskKey(round, kind, slot.seq),
      kind,
      round,
      seq: slot.seq,
      opensAt: slot.opensAt,
      dueAt,
      remindAt: Math.max(slot.opensAt, dueAt - plan.reminderLeadHours * HOUR_MS),
      missedAt: Math.min(dueAt + plan.graceHours * HOUR_MS, window.endMs),
      calendarDueDate: formatLocalDate(slot.dueDayMs),
      dueShift: slot.shift,
    };
  });
  tasks.sort(compareTasks);
  return { round, stage, window, tasks };
}

function scaleRound(schedule: RoundSchedule, originMs: number, timeScale: number): RoundSchedule {
  const at = (instant: number): number => scaleInstant(originMs, instant, timeScale);
  return {
    ...schedule,
    window: { startMs: at(schedule.window.startMs), endMs: at(schedule.window.endMs) },
    tasks: schedule.tasks.map((task) => ({
      ...task,
      opensAt: at(task.opensAt),
      dueAt: at(task.dueAt),
      remindAt: at(task.remindAt),
      missedAt: at(task.missedAt),
    })),
  };
}

function assertUsablePlan(plan: PilotPlan): void {
  assertTimeScale(plan.timeScale);
  const problems = validatePlan(plan);
  if (problems.length > 0) {
    throw new RangeError(`invalid pilot plan: ${problems.map((p) => `${p.path}: ${p.en}`).join('; ')}`);
  }
}

/**
 * The tasks of one round starting at `roundStartMs`, compressed by the plan's time scale around that
 * start. Use it when rounds start whenever the previous stage actually finished.
 */
export function buildRoundSchedule(
  plan: PilotPlan,
  roundStartMs: number,
  roundNo: number,
  options: RoundScheduleOptions = {},
): RoundSchedule {
  assertUsablePlan(plan);
  if (!Number.isSafeInteger(roundNo) || roundNo < 1)
    throw new RangeError(`roundNo must be a positive integer, got ${roundNo}`);
  const stage = options.stage ?? (roundNo === 1 ? 'improvement' : 'consolidation');
  const includeOpening = options.includeOpening ?? roundNo === 1;
  return scaleRound(
    realRound(plan, roundStartMs, roundNo, stage, includeOpening),
    roundStartMs,
    plan.timeScale,
  );
}

/**
 * The nominal plan of a whole pilot: improvement round 1 from `startMs`, then, after the archiving
 * days, consolidation round 2. Everything is compressed around `startMs`, so the gap between the
 * rounds shrinks too. Repeated rounds after a failed assessment are not predicted here.
 */
export function buildPilotSchedule(plan: PilotPlan, startMs: number): PilotSchedule {
  assertUsablePlan(plan);
  const first = realRound(plan, startMs, 1, 'improvement', true);
  const second = realRound(
    plan,
    addLocalDays(first.window.endMs, plan.archivingDays),
    2,
    'consolidation',
    false,
  );
  const rounds = [first, second].map((round) => scaleRound(round, startMs, plan.timeScale));
  return { startMs, timeScale: plan.timeScale, rounds, tasks: rounds.flatMap((round) => round.tasks) };
}

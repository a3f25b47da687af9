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
import { INSPECTION_KINDS, type InspectionKind, type LocalizedText } from '../catalogue/types.js';
import type { RoundStage } from '../scoring/stage-assessment.js';
import type { PilotPlan } from './pilot-plan.js';
import { assertTimeScale, scaleInstant } from './time-scale.js';
import { validatePlan } from './validate-plan.js';

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
  /**
   * Whether the monthly and quarterly checks of a round that opens with 自查自纠 and 集中检查 wait for
   * them, as the article orders the work (default). Pilots enrolled before this rule open their
   * first monthly check on the first day, beside the self-inspection.
   */
  specialAfterOpening?: boolean;
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
  specialAfterOpening: boolean,
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
  const specialOpensAt = includeOpening && specialAfterOpening ? specialFrom : window.startMs;
  for (const slot of monthlySlots(window, plan.roundMonths, isWorking, shifts[periodic], specialOpensAt))
    slots.push({ kind: periodic, slot });
  slots.push({
    kind: 'quarterly',
    slot: quarterlySlot(
      window,
      plan.roundMonths,
      isWorking,
      plan.quarterlyLeadDays,
      shifts.quarterly,
      specialOpensAt,
    ),
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
    realRound(plan, roundStartMs, roundNo, stage, includeOpening, options.specialAfterOpening ?? true),
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
  const first = realRound(plan, startMs, 1, 'improvement', true, true);
  const second = realRound(
    plan,
    addLocalDays(first.window.endMs, plan.archivingDays),
    2,
    'consolidation',
    false,
    true,
  );
  const rounds = [first, second].map((round) => scaleRound(round, startMs, plan.timeScale));
  return { startMs, timeScale: plan.timeScale, rounds, tasks: rounds.flatMap((round) => round.tasks) };
}

/** The order the article gives a round's work, as a preview shows it. */
export const WORK_STEPS = [
  'self_inspection',
  'concentrated_inspection',
  'special_checks',
  'key_part_checks',
] as const;
export type WorkStepName = (typeof WORK_STEPS)[number];

export const WORK_STEP_LABELS: Readonly<Record<WorkStepName, LocalizedText>> = {
  self_inspection: { zh: '企业自查自纠（起点）', en: 'Self-inspection and self-correction (the start)' },
  concentrated_inspection: { zh: '集中检查（关键点）', en: 'Concentrated inspection (the key point)' },
  special_checks: { zh: '周、月、季专项检查', en: 'Weekly, monthly and quarterly special checks' },
  key_part_checks: {
    zh: '重点部位检查—整改—提升',
    en: 'Key parts: check, rectify, improve',
  },
};

export interface WorkStep {
  order: number;
  step: WorkStepName;
  kinds: InspectionKind[];
  /** When the first task of the step opens and the last one is due. */
  opensAt: number;
  dueAt: number;
  tasks: number;
}

const STEP_OF_KIND: Readonly<Record<InspectionKind, WorkStepName>> = {
  self: 'self_inspection',
  concentrated: 'concentrated_inspection',
  weekly: 'special_checks',
  monthly: 'special_checks',
  quarterly: 'special_checks',
  consolidation: 'key_part_checks',
  recheck: 'key_part_checks',
};

/** The round's tasks grouped into the steps of the work, in the order the steps begin. */
export function orderOfWork(round: Pick<RoundSchedule, 'tasks'>): WorkStep[] {
  const steps = new Map<WorkStepName, Omit<WorkStep, 'order'>>();
  for (const task of round.tasks) {
    const name = STEP_OF_KIND[task.kind];
    const step = steps.get(name);
    if (!step) {
      steps.set(name, { step: name, kinds: [task.kind], opensAt: task.opensAt, dueAt: task.dueAt, tasks: 1 });
      continue;
    }
    if (!step.kinds.includes(task.kind)) step.kinds.push(task.kind);
    step.opensAt = Math.min(step.opensAt, task.opensAt);
    step.dueAt = Math.max(step.dueAt, task.dueAt);
    step.tasks += 1;
  }
  return [...steps.values()]
    .sort((a, b) => a.opensAt - b.opensAt || WORK_STEPS.indexOf(a.step) - WORK_STEPS.indexOf(b.step))
    .map((step, index) => ({ order: index + 1, ...step }));
}

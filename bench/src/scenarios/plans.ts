// What the bench enrolls: the enrollment form of a bench compound, with a plan that keeps the pilot
// idle for days (real time), or one compressed so that its first wake-up after the start falls at
// a given instant — the same instant for every pilot of a wake burst, however long apart they were
// enrolled.
import {
  DEFAULT_CATALOGUE,
  buildRoundSchedule,
  formatLocalDate,
  resolvePlan,
  type PlanOptionsInput,
} from '@pilot/domain';
import { BENCH_COMMUNITY, BENCH_FIRM, type BenchCompound } from '../shape/compounds.js';

export const ASSIGNMENTS = [
  { inspectorId: 'usr-insp-zhang', kinds: ['concentrated', 'weekly'] },
  { inspectorId: 'usr-insp-li', kinds: ['monthly', 'quarterly', 'consolidation'] },
];

export const FIRM_USER_ID = 'usr-firm-xiangshun';

export function enrollBody(compound: BenchCompound, planOptions: PlanOptionsInput) {
  return {
    firm: BENCH_FIRM,
    compound: { id: compound.id, name: compound.name, community: BENCH_COMMUNITY.name },
    startDate: formatLocalDate(Date.now()),
    inspectorAssignments: ASSIGNMENTS,
    catalogueVersion: DEFAULT_CATALOGUE.version,
    planOptions,
  };
}

/**
 * The default plan in real time: the self-inspection is open from the start and the pilot next
 * wakes days later, so it sits idle in the worker's cache — a live pilot as most of them are.
 */
export const IDLE_PLAN: PlanOptionsInput = {};

/** The shortest compression a burst plan may have: below it the pilot starts at its start day's midnight. */
const MIN_TIME_SCALE = 2;

/**
 * The burst plan's settings: the self-inspection is due the day after the start and reminded at
 * its due time, so its first wake-up reminds and escalates at once; the grace period and the
 * concentrated inspection are as far off as the plan allows, so that however strongly the plan is
 * compressed, the next wake-up comes some 30 times later than the first (a burst, not a storm of
 * the wake-ups that follow it). No wake-up spread (错峰), so every such pilot wakes at once.
 */
const BURST_BASE = {
  wakeSpreadMinutes: 0,
  selfInspectionDays: 1,
  reminderLeadHours: 0,
  graceHours: 720,
  concentratedInspectionOffsetDays: 60,
} satisfies PlanOptionsInput;

/**
 * A plan whose first wake-up after an enrollment at `nowMs` comes at `wakeAtMs`: the
 * self-inspection's reminder, compressed by the time scale that maps its real-time distance onto
 * the wait. Null when `wakeAtMs` is too close for any allowed compression (the pilot then gets the
 * idle plan).
 */
export function burstPlan(nowMs: number, wakeAtMs: number): PlanOptionsInput | null {
  const round = buildRoundSchedule(resolvePlan(BURST_BASE), nowMs, 1);
  const self = round.tasks.find((task) => task.kind === 'self');
  if (!self) throw new Error('the plan has no self-inspection');
  const instants = round.tasks.flatMap((task) => [task.opensAt, task.remindAt, task.dueAt, task.missedAt]);
  const first = Math.min(...instants.filter((at) => at > nowMs));
  // The drain is watched through the reminder's record; any earlier wake-up would spoil the burst.
  if (first !== self.remindAt)
    throw new Error('the burst plan wakes for something before the self-inspection reminder');
  const timeScale = (first - nowMs) / (wakeAtMs - nowMs);
  if (!(timeScale >= MIN_TIME_SCALE)) return null;
  return { ...BURST_BASE, timeScale };
}

/** How many times later than the first wake-up the burst plan's second one comes (at least). */
export function burstFollowUpFactor(nowMs: number): number {
  const round = buildRoundSchedule(resolvePlan(BURST_BASE), nowMs, 1);
  const instants = round.tasks
    .flatMap((task) => [task.opensAt, task.remindAt, task.dueAt, task.missedAt])
    .filter((at) => at > nowMs)
    .sort((a, b) => a - b);
  const [first, ...later] = [...new Set(instants)];
  const second = later[0];
  if (first === undefined || second === undefined) return Number.POSITIVE_INFINITY;
  return (second - nowMs) / (first - nowMs);
}

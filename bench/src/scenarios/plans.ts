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
 * A plan whose first wake-up after an enrollment at `nowMs` comes at `wakeAtMs`: the self-
 * inspection's reminder, compressed by the time scale that maps its real-time distance onto the
 * wait, without the wake-up spread (错峰) so that every such pilot wakes at once. Null when
 * `wakeAtMs` is too close for any allowed compression (the pilot then gets the idle plan).
 */
export function burstPlan(nowMs: number, wakeAtMs: number): PlanOptionsInput | null {
  const base = { wakeSpreadMinutes: 0 } satisfies PlanOptionsInput;
  const round = buildRoundSchedule(resolvePlan(base), nowMs, 1);
  const self = round.tasks.find((task) => task.kind === 'self');
  if (!self) throw new Error('the default plan has no self-inspection');
  const instants = round.tasks.flatMap((task) => [task.opensAt, task.remindAt, task.dueAt, task.missedAt]);
  const first = Math.min(...instants.filter((at) => at > nowMs));
  // The drain is watched through the reminder's record; any earlier wake-up would spoil the burst.
  if (first !== self.remindAt)
    throw new Error('the default plan wakes for something before the self-inspection reminder');
  const timeScale = (first - nowMs) / (wakeAtMs - nowMs);
  if (!(timeScale >= MIN_TIME_SCALE)) return null;
  return { ...base, timeScale };
}

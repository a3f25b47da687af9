// What a compound's upkeep workflow does when it wakes: remind the firm of maintenance coming due,
// mark what has passed its due day, delete visitor data past its retention — and when to wake next.
// Pure over the register's state at `nowMs`; the activity reads that state, writes what this asks
// for (each write keyed, so a retried wake repeats nothing) and the workflow sleeps until `wakeAtMs`.
import { formatLocalDate } from '../calendar/shanghai.js';
import type { WorkingDayTest } from '../calendar/working-days.js';
import { nextUpkeep } from './schedule.js';

export interface UpkeepItem {
  id: string;
  maintenanceIntervalDays: number | null;
  /** The last maintenance, or when the item was put on the register. */
  lastDoneMs: number;
  /** Due days (YYYY-MM-DD) the firm was reminded of / that were marked overdue. */
  reminded: readonly string[];
  overdue: readonly string[];
}

export interface UpkeepPlan {
  remind: Array<{ equipmentId: string; dueOn: string; dueDayMs: number }>;
  markOverdue: Array<{ equipmentId: string; dueOn: string; dueDayMs: number }>;
  /** Visitor data kept past its retention is deleted now. */
  purgeVisitors: boolean;
  /** The next instant something falls due; null: nothing is scheduled until the register changes. */
  wakeAtMs: number | null;
}

export function planUpkeep(
  isWorking: WorkingDayTest,
  items: readonly UpkeepItem[],
  nextVisitorPurgeMs: number | null,
  nowMs: number,
): UpkeepPlan {
  const plan: UpkeepPlan = { remind: [], markOverdue: [], purgeVisitors: false, wakeAtMs: null };
  const wakeAt = (ms: number) => {
    plan.wakeAtMs = plan.wakeAtMs === null ? ms : Math.min(plan.wakeAtMs, ms);
  };
  for (const item of items) {
    if (item.maintenanceIntervalDays === null) continue;
    const due = nextUpkeep(isWorking, item.lastDoneMs, item.maintenanceIntervalDays);
    const dueOn = formatLocalDate(due.dueDayMs);
    const slot = { equipmentId: item.id, dueOn, dueDayMs: due.dueDayMs };
    if (nowMs >= due.overdueAtMs) {
      // Overdue stays until a maintenance is recorded, which wakes the workflow; no timer needed.
      if (!item.overdue.includes(dueOn)) plan.markOverdue.push(slot);
      continue;
    }
    if (nowMs >= due.remindAtMs) {
      if (!item.reminded.includes(dueOn)) plan.remind.push(slot);
    } else wakeAt(due.remindAtMs);
    wakeAt(due.overdueAtMs);
  }
  if (nextVisitorPurgeMs !== null) {
    if (nowMs >= nextVisitorPurgeMs) plan.purgeVisitors = true;
    else wakeAt(nextVisitorPurgeMs);
  }
  return plan;
}

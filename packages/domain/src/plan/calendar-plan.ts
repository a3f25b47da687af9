import * as z from 'zod';
import {
  calendarCoverageWarning,
  calendarYearsOf,
  releaseWorkingCalendar,
  withLocalAdjustments,
  type CalendarYears,
  type ResolvedCalendarRelease,
} from '../calendar/calendar-release.js';
import { addLocalDays } from '../calendar/shanghai.js';
import { roundWindow } from '../calendar/round-window.js';
import type { InspectionKind } from '../catalogue/types.js';
import type { RoundState } from '../contract/pilot-state.js';
import { reason, type Reason } from '../shared/reason.js';
import { DEFAULT_PLAN, resolvePlan, type PilotPlan, type PlanOverrides } from './pilot-plan.js';
import { buildRoundSchedule, type ScheduledTask } from './schedule.js';

/*
 * A pilot and the working calendar it follows: the plan an enrolment under a release gets, the
 * warning when the plan runs past the release's years, and what adopting a newer release changes
 * (the plan's calendar, and the times of work not yet open). Pure: the workflow runs it as is.
 */

/**
 * Which release a pilot follows, carried in its state: the release's number, fingerprint and years,
 * and the pilot's own local adjustments (from its enrolment), which are added again on top of every
 * release it adopts.
 */
export const followedCalendarSchema = z.object({
  version: z.number().int().min(1),
  fingerprint: z.string(),
  firstYear: z.number().int(),
  lastYear: z.number().int(),
  local: z.object({ holidays: z.array(z.string()), makeUpWorkdays: z.array(z.string()) }),
});
export type FollowedCalendar = z.infer<typeof followedCalendarSchema>;

/**
 * The plan of a pilot enrolled under `release`: the default plan with the release's days (its own
 * local adjustments included), the enrolment's overrides applied, and its calendar lists added on
 * top as the pilot's local adjustments.
 */
export function planOnRelease(
  release: ResolvedCalendarRelease,
  overrides: PlanOverrides = {},
  base: PilotPlan = DEFAULT_PLAN,
): { plan: PilotPlan; calendar: FollowedCalendar } {
  const official = releaseWorkingCalendar(release, base.calendar.weekendDays);
  const plan = resolvePlan(overrides, { ...base, calendar: official });
  return {
    plan,
    calendar: {
      version: release.version,
      fingerprint: release.fingerprint,
      firstYear: release.firstYear,
      lastYear: release.lastYear,
      local: {
        holidays: [...new Set(overrides.calendar?.holidays ?? [])].sort(),
        makeUpWorkdays: [...new Set(overrides.calendar?.makeUpWorkdays ?? [])].sort(),
      },
    },
  };
}

/**
 * The real-calendar days the nominal plan's rules look at: from the start to the last day of the
 * consolidation round (time compression shortens the timeline, not the calendar the rules read).
 */
export function pilotCalendarSpan(
  plan: Pick<PilotPlan, 'roundMonths' | 'archivingDays'>,
  startMs: number,
): { fromMs: number; toMs: number } {
  const first = roundWindow(startMs, plan.roundMonths);
  const second = roundWindow(addLocalDays(first.endMs, plan.archivingDays), plan.roundMonths);
  return { fromMs: startMs, toMs: addLocalDays(second.endMs, -1) };
}

/** The years a pilot's calendar has data for: its release's, or (before releases) its plan's own. */
export function planCalendarYears(
  plan: Pick<PilotPlan, 'calendar'>,
  followed: Pick<FollowedCalendar, 'firstYear' | 'lastYear'> | null | undefined,
): CalendarYears | null {
  return followed
    ? { firstYear: followed.firstYear, lastYear: followed.lastYear }
    : calendarYearsOf(plan.calendar);
}

/** The warning for a plan that runs past the years its calendar has data for (null when it does not). */
export function planCalendarWarning(
  plan: PilotPlan,
  startMs: number,
  followed: Pick<FollowedCalendar, 'version' | 'firstYear' | 'lastYear'> | null,
): Reason | null {
  const span = pilotCalendarSpan(plan, startMs);
  const years = planCalendarYears(plan, followed);
  return calendarCoverageWarning(
    years
      ? { version: followed?.version ?? null, ...years }
      : { version: followed?.version ?? null, firstYear: null, lastYear: null },
    span.fromMs,
    span.toMs,
  );
}

// ─── adopting a newer release ────────────────────────────────────────────────────────────────

export interface CalendarAdoption {
  plan: PilotPlan;
  calendar: FollowedCalendar;
  previousVersion: number | null;
}

function sameDays(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((day) => set.has(day));
}

/**
 * The pilot's plan on `release`: the release's days, with the pilot's local adjustments on top. A
 * pilot from before releases has no record of its adjustments; the days its plan has that the
 * release does not are taken as its adjustments and kept.
 */
export function adoptCalendar(
  current: { plan: PilotPlan; calendar?: FollowedCalendar | undefined },
  release: ResolvedCalendarRelease,
): CalendarAdoption {
  const official = releaseWorkingCalendar(release, current.plan.calendar.weekendDays);
  const local = current.calendar?.local ?? {
    holidays: current.plan.calendar.holidays.filter((day) => !official.holidays.includes(day)),
    makeUpWorkdays: current.plan.calendar.makeUpWorkdays.filter(
      (day) => !official.makeUpWorkdays.includes(day),
    ),
  };
  const days = withLocalAdjustments(official, local);
  return {
    plan: { ...current.plan, calendar: { weekendDays: [...current.plan.calendar.weekendDays], ...days } },
    calendar: {
      version: release.version,
      fingerprint: release.fingerprint,
      firstYear: release.firstYear,
      lastYear: release.lastYear,
      local: { holidays: [...local.holidays].sort(), makeUpWorkdays: [...local.makeUpWorkdays].sort() },
    },
    previousVersion: current.calendar?.version ?? null,
  };
}

/**
 * Why adopting `release` would change nothing or take something away, in both languages: the pilot
 * follows it (or a newer one) already, it covers fewer years than the pilot's calendar, or its days
 * are exactly the pilot's. Empty when the adoption changes the pilot's calendar.
 */
export function calendarAdoptionRefusals(
  current: { plan: PilotPlan; calendar?: FollowedCalendar | undefined },
  release: ResolvedCalendarRelease,
): Reason[] {
  const followed = current.calendar;
  if (followed && followed.version === release.version) {
    return [
      reason(
        'calendar_already_followed',
        `该试点已按工作日历第 ${release.version} 版执行，无需再次应用。`,
        `The pilot follows calendar release ${release.version} already; there is nothing to apply.`,
      ),
    ];
  }
  if (followed && followed.version > release.version) {
    return [
      reason(
        'calendar_release_older',
        `该试点已按更新的工作日历第 ${followed.version} 版执行，不能改回第 ${release.version} 版。`,
        `The pilot follows the newer calendar release ${followed.version}; it cannot go back to release ${release.version}.`,
      ),
    ];
  }
  const years = planCalendarYears(current.plan, followed);
  if (years && (release.firstYear > years.firstYear || release.lastYear < years.lastYear)) {
    return [
      reason(
        'calendar_covers_less',
        `工作日历第 ${release.version} 版只覆盖 ${release.firstYear}–${release.lastYear} 年，少于该试点现有的 ${years.firstYear}–${years.lastYear} 年，应用后会丢失节假日安排。`,
        `Calendar release ${release.version} covers ${release.firstYear}–${release.lastYear}, fewer years than the pilot's ${years.firstYear}–${years.lastYear}; applying it would lose holidays.`,
      ),
    ];
  }
  const next = adoptCalendar(current, release).plan.calendar;
  if (
    sameDays(next.holidays, current.plan.calendar.holidays) &&
    sameDays(next.makeUpWorkdays, current.plan.calendar.makeUpWorkdays)
  ) {
    return [
      reason(
        'calendar_unchanged',
        `工作日历第 ${release.version} 版与该试点现用日历的节假日和调休完全相同，应用后不会有任何变化。`,
        `Calendar release ${release.version} has exactly the holidays and make-up days the pilot uses now; applying it would change nothing.`,
      ),
    ];
  }
  return [];
}

export interface TaskTimes {
  opensAt: number;
  remindAt: number;
  dueAt: number;
  missedAt: number;
}

export interface RescheduledTask {
  taskId: string;
  key: string;
  kind: InspectionKind;
  before: TaskTimes;
  after: TaskTimes;
  /** The due date the new calendar gives (real calendar, before time compression). */
  calendarDueDate: string;
}

export interface Rescheduling {
  moved: RescheduledTask[];
  /** Tasks not yet open whose times the new calendar leaves as they are. */
  kept: number;
}

function byKey(tasks: readonly ScheduledTask[]): Map<string, ScheduledTask> {
  return new Map(tasks.map((task) => [task.key, task]));
}

/**
 * What a new calendar changes in the running round: only tasks that have not opened yet (status
 * scheduled and opening after `now`) move, each by exactly the difference the calendar makes to its
 * schedule, so a pause's shift or an extension it had stays. Open, submitted, missed and cancelled
 * tasks, re-checks made during the round, the round's window and every deadline already running
 * (rectifications) are untouched; a task the new calendar would open at or before `now` keeps its
 * times, so nothing opens, or falls due, in the past.
 */
export function rescheduleNotYetOpen(
  round: Pick<RoundState, 'number' | 'stage' | 'startsAt' | 'tasks'>,
  before: PilotPlan,
  after: PilotPlan,
  now: number,
): Rescheduling {
  const includeOpening = round.number === 1;
  // A first round from before the special checks waited for the opening ones opened its monthly
  // check on the first day; its schedule is rebuilt the same way, so the difference is the calendar's.
  const specialAfterOpening = !(
    includeOpening && round.tasks.some((t) => t.kind === 'monthly' && t.opensAt === round.startsAt)
  );
  const options = { stage: round.stage, includeOpening, specialAfterOpening };
  const was = byKey(buildRoundSchedule(before, round.startsAt, round.number, options).tasks);
  const will = byKey(buildRoundSchedule(after, round.startsAt, round.number, options).tasks);
  const moved: RescheduledTask[] = [];
  let kept = 0;
  for (const task of round.tasks) {
    if (task.status !== 'scheduled' || task.opensAt <= now) continue;
    const old = was.get(task.key);
    const next = will.get(task.key);
    if (!old || !next) {
      kept += 1;
      continue;
    }
    const times: TaskTimes = {
      opensAt: task.opensAt + (next.opensAt - old.opensAt),
      remindAt: task.remindAt + (next.remindAt - old.remindAt),
      dueAt: task.dueAt + (next.dueAt - old.dueAt),
      missedAt: task.missedAt + (next.missedAt - old.missedAt),
    };
    const unchanged =
      times.opensAt === task.opensAt &&
      times.remindAt === task.remindAt &&
      times.dueAt === task.dueAt &&
      times.missedAt === task.missedAt;
    if (unchanged || times.opensAt <= now) {
      kept += 1;
      continue;
    }
    moved.push({
      taskId: task.id,
      key: task.key,
      kind: task.kind,
      before: { opensAt: task.opensAt, remindAt: task.remindAt, dueAt: task.dueAt, missedAt: task.missedAt },
      after: times,
      calendarDueDate: next.calendarDueDate,
    });
  }
  return { moved, kept };
}

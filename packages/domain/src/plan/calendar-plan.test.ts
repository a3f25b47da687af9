import { describe, expect, it } from 'vitest';
import {
  CALENDAR_RELEASE_1,
  calendarReleaseFingerprint,
  resolveCalendarReleaseRef,
  calendarReleaseRef,
  type CalendarReleaseData,
  type ResolvedCalendarRelease,
} from '../calendar/calendar-release.js';
import { formatLocalDate, parseLocalDate } from '../calendar/shanghai.js';
import { DAY_MS, HOUR_MS } from '../calendar/time-units.js';
import { workingDayTest } from '../calendar/working-days.js';
import type { RoundState, TaskState } from '../contract/pilot-state.js';
import {
  adoptCalendar,
  calendarAdoptionRefusals,
  pilotCalendarSpan,
  planCalendarWarning,
  planOnRelease,
  rescheduleNotYetOpen,
} from './calendar-plan.js';
import { DEFAULT_PLAN, resolveLegacyPlan, type PilotPlan } from './pilot-plan.js';
import { buildRoundSchedule } from './schedule.js';

const day = (text: string): number => parseLocalDate(text)!;
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Plausible 2027 days for tests only (the State Council has not announced 2027). */
const SPRING_FESTIVAL_2027 = ['05', '06', '07', '08', '09', '10', '11', '12', '13'].map(
  (d) => `2027-02-${d}`,
);
const data2: CalendarReleaseData = {
  firstYear: 2024,
  lastYear: 2027,
  holidays: [
    ...CALENDAR_RELEASE_1.holidays,
    '2027-01-01',
    '2027-01-02',
    '2027-01-03',
    ...SPRING_FESTIVAL_2027,
  ],
  makeUpWorkdays: [...CALENDAR_RELEASE_1.makeUpWorkdays, '2027-02-20'],
  localHolidays: [],
  localMakeUpWorkdays: [],
};
const release1 = resolveCalendarReleaseRef(calendarReleaseRef(CALENDAR_RELEASE_1))!;
const release2: ResolvedCalendarRelease = {
  version: 2,
  fingerprint: calendarReleaseFingerprint(data2),
  ...data2,
};

/** A round the way the workflow holds it: tasks as buildRound makes them. */
function roundOf(plan: PilotPlan, startMs: number): RoundState {
  const schedule = buildRoundSchedule(plan, startMs, 1, { stage: 'improvement', includeOpening: true });
  return {
    id: 'enr-x:r1',
    number: 1,
    stage: 'improvement',
    startsAt: schedule.window.startMs,
    endsAt: schedule.window.endMs,
    focusCategories: [],
    inspections: [],
    tasks: schedule.tasks.map((task): TaskState => ({
      id: `enr-x:${task.key}`,
      key: task.key,
      kind: task.kind,
      round: 1,
      opensAt: task.opensAt,
      dueAt: task.dueAt,
      remindAt: task.remindAt,
      missedAt: task.missedAt,
      assigneeId: null,
      status: 'scheduled',
      remindedAt: null,
      escalatedAt: null,
      submittedAt: null,
    })),
  };
}

describe('a pilot on a release', () => {
  it('gets the release days with its own local adjustments added', () => {
    const { plan, calendar } = planOnRelease(release2, {
      roundMonths: 3,
      calendar: { holidays: ['2027-03-08'], makeUpWorkdays: [] },
    });
    expect(plan.roundMonths).toBe(3);
    expect(plan.calendar.holidays).toEqual([...data2.holidays, '2027-03-08'].sort());
    expect(calendar).toMatchObject({ version: 2, firstYear: 2024, lastYear: 2027 });
    expect(calendar.local).toEqual({ holidays: ['2027-03-08'], makeUpWorkdays: [] });
    // On release 1 with no overrides: exactly the default plan.
    expect(planOnRelease(release1).plan).toEqual(DEFAULT_PLAN);
  });

  it('is warned about when it runs into 2027 without 2027 data', () => {
    const start = day('2026-12-02');
    const span = pilotCalendarSpan(DEFAULT_PLAN, start);
    expect(formatLocalDate(span.toMs)).toBe('2027-06-08');
    const on1 = planOnRelease(release1);
    const warning = planCalendarWarning(on1.plan, start, on1.calendar);
    expect(warning?.code).toBe('calendar_years_missing');
    expect(warning?.zh).toContain('2027 年');
    const on2 = planOnRelease(release2);
    expect(planCalendarWarning(on2.plan, start, on2.calendar)).toBeNull();
    // Before releases, the plan's own days say which years it knows: 2024–2025.
    expect(planCalendarWarning(resolveLegacyPlan(), day('2025-11-03'), null)?.zh).toContain('2024–2025');
    // A plan inside its years is not warned about.
    expect(planCalendarWarning(on1.plan, day('2026-01-05'), on1.calendar)).toBeNull();
  });
});

describe('adopting a newer release', () => {
  it('refuses what changes nothing, goes back, or covers less, with a clear reason', () => {
    const on1 = planOnRelease(release1);
    expect(calendarAdoptionRefusals(on1, release1).map((r) => r.code)).toEqual(['calendar_already_followed']);
    const on2 = planOnRelease(release2);
    expect(calendarAdoptionRefusals(on2, release1).map((r) => r.code)).toEqual(['calendar_release_older']);
    const same: ResolvedCalendarRelease = { ...release1, version: 3 };
    expect(calendarAdoptionRefusals(on1, same).map((r) => r.code)).toEqual(['calendar_unchanged']);
    const narrow: ResolvedCalendarRelease = {
      ...release2,
      version: 4,
      firstYear: 2025,
      holidays: data2.holidays.filter((d) => !d.startsWith('2024')),
      makeUpWorkdays: data2.makeUpWorkdays.filter((d) => !d.startsWith('2024')),
    };
    expect(calendarAdoptionRefusals(on1, narrow).map((r) => r.code)).toEqual(['calendar_covers_less']);
    expect(calendarAdoptionRefusals(on1, release2)).toEqual([]);
  });

  it('keeps the pilot’s local adjustments on top of the new days', () => {
    const on1 = planOnRelease(release1, { calendar: { holidays: ['2026-12-24'] } });
    const adopted = adoptCalendar(on1, release2);
    expect(adopted.previousVersion).toBe(1);
    expect(adopted.calendar).toMatchObject({
      version: 2,
      lastYear: 2027,
      local: { holidays: ['2026-12-24'] },
    });
    expect(adopted.plan.calendar.holidays).toEqual([...data2.holidays, '2026-12-24'].sort());
  });

  it('brings a pilot from before releases onto release 1, keeping its own extra days', () => {
    const legacy = resolveLegacyPlan({ calendar: { holidays: ['2025-12-24'], makeUpWorkdays: [] } });
    // Its override replaced the official lists back then: only 2025-12-24 is left, years 2025–2025.
    expect(legacy.calendar.holidays).toEqual(['2025-12-24']);
    const adopted = adoptCalendar({ plan: legacy }, release1);
    expect(adopted.previousVersion).toBeNull();
    expect(adopted.calendar.local).toEqual({ holidays: ['2025-12-24'], makeUpWorkdays: [] });
    expect(adopted.plan.calendar.holidays).toEqual([...CALENDAR_RELEASE_1.holidays, '2025-12-24'].sort());
    // The default legacy plan simply gains 2026.
    const plain = adoptCalendar({ plan: resolveLegacyPlan() }, release1);
    expect(plain.calendar.local).toEqual({ holidays: [], makeUpWorkdays: [] });
    expect(plain.plan.calendar).toEqual(DEFAULT_PLAN.calendar);
    expect(calendarAdoptionRefusals({ plan: resolveLegacyPlan() }, release1)).toEqual([]);
  });

  it('moves only tasks not yet open off the new holidays, by the calendar’s difference alone', () => {
    const start = day('2026-12-02');
    const on1 = planOnRelease(release1);
    const round = roundOf(on1.plan, start);
    const festival = new Set(SPRING_FESTIVAL_2027);
    // On release 1 some checks fall due on the (unannounced) Spring Festival's weekdays.
    const before = buildRoundSchedule(on1.plan, start, 1, { stage: 'improvement', includeOpening: true });
    expect(before.tasks.some((t) => festival.has(t.calendarDueDate))).toBe(true);
    // Mid-January: the first weeks are done or open; one task has been extended by two days.
    const now = day('2027-01-15') + 10 * HOUR_MS;
    for (const task of round.tasks) {
      if (task.opensAt <= now) task.status = task.dueAt < now ? 'submitted' : 'open';
    }
    const next = adoptCalendar(on1, release2);
    // A task the festival moves was extended by two days beforehand.
    const festive = rescheduleNotYetOpen(clone(round), on1.plan, next.plan, now).moved;
    const extended = round.tasks.find((t) => t.id === festive.find((m) => m.kind === 'weekly')!.taskId)!;
    extended.dueAt += 2 * DAY_MS;
    extended.remindAt += 2 * DAY_MS;
    extended.missedAt += 2 * DAY_MS;
    const frozen = clone(round.tasks.filter((t) => t.status !== 'scheduled'));

    const { moved, kept } = rescheduleNotYetOpen(round, on1.plan, next.plan, now);
    expect(moved.length).toBeGreaterThan(0);
    expect(moved.length + kept).toBe(round.tasks.filter((t) => t.status === 'scheduled').length);
    const isWorking = workingDayTest(next.plan.calendar);
    for (const task of moved) {
      expect(festival.has(task.calendarDueDate), task.key).toBe(false);
      expect(isWorking(day(task.calendarDueDate))).toBe(true);
      expect(task.after.opensAt).toBeGreaterThan(now);
      expect(task.after.dueAt).not.toBe(task.before.dueAt);
    }
    // The extension stays: the task moved by the calendar's difference only.
    const ext = moved.find((t) => t.taskId === extended.id)!;
    const was = before.tasks.find((t) => t.key === extended.key)!;
    const will = buildRoundSchedule(next.plan, start, 1, {
      stage: 'improvement',
      includeOpening: true,
    }).tasks.find((t) => t.key === extended.key)!;
    expect(ext.before.dueAt).toBe(was.dueAt + 2 * DAY_MS);
    expect(ext.after.dueAt).toBe(will.dueAt + 2 * DAY_MS);
    // Open and submitted work is not in the list at all.
    const movedIds = new Set(moved.map((t) => t.taskId));
    for (const task of frozen) expect(movedIds.has(task.id)).toBe(false);
    // With nothing to change (same plan), nothing moves.
    expect(rescheduleNotYetOpen(round, on1.plan, on1.plan, now).moved).toEqual([]);
  });
});

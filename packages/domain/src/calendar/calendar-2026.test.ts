// 2026 as the State Council announced it (国务院办公厅, 2025-11-04), and what it does to schedules
// and working-day deadlines: the checks the issue names, on the default plan and on release 1.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rectificationDeadline } from '../plan/deadlines.js';
import { DEFAULT_PLAN, DEFAULT_PLAN_CALENDAR_YEARS, LEGACY_PLAN_CALENDAR } from '../plan/pilot-plan.js';
import { buildPilotSchedule } from '../plan/schedule.js';
import { CALENDAR_RELEASE_1, releaseWorkingCalendar, validateCalendarRelease } from './calendar-release.js';
import {
  CN_CALENDAR_YEARS,
  CN_HOLIDAYS_2024_2025,
  CN_HOLIDAYS_2026,
  CN_MAKE_UP_WORKDAYS_2024_2025,
  CN_MAKE_UP_WORKDAYS_2026,
  CN_WORKING_CALENDAR_2024_2026,
} from './china-holidays.js';
import { addLocalDays, formatLocalDate, localDateParts, parseLocalDate } from './shanghai.js';
import { HOUR_MS } from './time-units.js';
import { workingDayTest } from './working-days.js';

const day = (text: string): number => {
  const parsed = parseLocalDate(text);
  if (parsed === null) throw new Error(`bad date ${text}`);
  return parsed;
};

const range = (from: string, to: string): string[] => {
  const days: string[] = [];
  for (let at = day(from); at <= day(to); at = addLocalDays(at, 1)) days.push(formatLocalDate(at));
  return days;
};

const GOLDEN_WEEK_2026 = range('2026-10-01', '2026-10-07');

describe('the 2026 schedule (国务院办公厅 notice of 2025-11-04)', () => {
  it('has exactly the announced days off and make-up working days', () => {
    expect(CN_HOLIDAYS_2026).toEqual([
      ...range('2026-01-01', '2026-01-03'),
      ...range('2026-02-15', '2026-02-23'),
      ...range('2026-04-04', '2026-04-06'),
      ...range('2026-05-01', '2026-05-05'),
      ...range('2026-06-19', '2026-06-21'),
      ...range('2026-09-25', '2026-09-27'),
      ...GOLDEN_WEEK_2026,
    ]);
    expect(CN_MAKE_UP_WORKDAYS_2026).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    // Every make-up working day is a weekend day (Sunday 4 Jan and 20 Sep, the others Saturdays).
    expect(CN_MAKE_UP_WORKDAYS_2026.map((d) => localDateParts(day(d)).weekday)).toEqual([0, 6, 6, 6, 0, 6]);
  });

  it('keeps 2024 and 2025 as they were, and the default plan says it covers 2024–2026', () => {
    expect(LEGACY_PLAN_CALENDAR.holidays).toEqual(CN_HOLIDAYS_2024_2025);
    expect(LEGACY_PLAN_CALENDAR.makeUpWorkdays).toEqual(CN_MAKE_UP_WORKDAYS_2024_2025);
    expect(DEFAULT_PLAN_CALENDAR_YEARS).toEqual({ firstYear: 2024, lastYear: 2026 });
    expect(CN_CALENDAR_YEARS).toEqual({ firstYear: 2024, lastYear: 2026 });
    expect(DEFAULT_PLAN.calendar.holidays).toEqual(CN_WORKING_CALENDAR_2024_2026.holidays);
    expect(DEFAULT_PLAN.calendar.makeUpWorkdays).toEqual(CN_WORKING_CALENDAR_2024_2026.makeUpWorkdays);
    expect(DEFAULT_PLAN.calendar.holidays).toEqual(expect.arrayContaining([...CN_HOLIDAYS_2024_2025]));
  });

  it('is release 1, which passes every release rule and is the default plan calendar', () => {
    expect(validateCalendarRelease(CALENDAR_RELEASE_1)).toEqual([]);
    expect(releaseWorkingCalendar(CALENDAR_RELEASE_1)).toEqual(CN_WORKING_CALENDAR_2024_2026);
    expect(CALENDAR_RELEASE_1.source).toContain('国务院办公厅关于2026年部分节假日安排的通知（2025-11-04）');
  });

  it('makes Golden Week rest days and the make-up Saturday a working day', () => {
    const isWorking = workingDayTest(DEFAULT_PLAN.calendar);
    for (const d of GOLDEN_WEEK_2026) expect(isWorking(day(d)), d).toBe(false);
    expect(isWorking(day('2026-10-08'))).toBe(true); // Thursday after Golden Week
    expect(isWorking(day('2026-10-10'))).toBe(true); // Saturday, make-up working day
    expect(isWorking(day('2026-10-11'))).toBe(false); // ordinary Sunday
    expect(isWorking(day('2026-02-16'))).toBe(false); // Chinese New Year's Eve, a Monday
    expect(isWorking(day('2026-02-28'))).toBe(true); // Saturday, make-up working day
  });
});

describe('working-day deadlines across Golden Week 2026', () => {
  const finding = day('2026-09-30') + 15 * HOUR_MS; // a Wednesday afternoon

  it('gives a 1-working-day finding of 2026-09-30 until 2026-10-08', () => {
    expect(DEFAULT_PLAN.rectificationWorkingDays.critical).toBe(1);
    const due = rectificationDeadline(DEFAULT_PLAN, finding, 'critical');
    expect(due.calendarDueDate).toBe('2026-10-08');
    expect(formatLocalDate(due.dueAt)).toBe('2026-10-08');
  });

  it('gives a 3-working-day finding of 2026-09-30 until 2026-10-10, the make-up Saturday', () => {
    expect(DEFAULT_PLAN.rectificationWorkingDays.major).toBe(3);
    const due = rectificationDeadline(DEFAULT_PLAN, finding, 'major');
    expect(due.calendarDueDate).toBe('2026-10-10');
    expect(localDateParts(due.dueAt).weekday).toBe(6);
    // Counted on release 1's calendar the same.
    const onRelease = { ...DEFAULT_PLAN, calendar: releaseWorkingCalendar(CALENDAR_RELEASE_1) };
    expect(rectificationDeadline(onRelease, finding, 'major').calendarDueDate).toBe('2026-10-10');
  });

  it('counted the holidays before 2026 was added (what the issue saw)', () => {
    const legacy = { ...DEFAULT_PLAN, calendar: LEGACY_PLAN_CALENDAR };
    expect(rectificationDeadline(legacy, finding, 'critical').calendarDueDate).toBe('2026-10-01');
    expect(rectificationDeadline(legacy, finding, 'major').calendarDueDate).toBe('2026-10-05');
  });
});

describe('weekly checks in 2026', () => {
  const startArb = fc.integer({ min: day('2026-01-01'), max: day('2026-10-07') });

  it('never fall due on 2026-10-01…07, for any start in 2026, round length or time scale', () => {
    fc.assert(
      fc.property(
        startArb,
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom(1, 60, 10_000),
        (start, roundMonths, timeScale) => {
          const plan = { ...DEFAULT_PLAN, roundMonths, timeScale };
          const weekly = buildPilotSchedule(plan, start).tasks.filter((t) => t.kind === 'weekly');
          for (const task of weekly) expect(GOLDEN_WEEK_2026).not.toContain(task.calendarDueDate);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never fall due on a 2026 rest day at all, over every start day of a summer round', () => {
    const isWorking = workingDayTest(DEFAULT_PLAN.calendar);
    for (let start = day('2026-07-01'); start <= day('2026-09-30'); start = addLocalDays(start, 1)) {
      const weekly = buildPilotSchedule(DEFAULT_PLAN, start).tasks.filter((t) => t.kind === 'weekly');
      const inOctober = weekly.filter((t) => t.calendarDueDate.startsWith('2026-10'));
      for (const task of weekly) expect(isWorking(day(task.calendarDueDate)), task.key).toBe(true);
      if (start < day('2026-09-01')) expect(inOctober.length).toBeGreaterThan(0);
    }
  });

  it('did fall in Golden Week on the calendar without 2026 (the test can fail)', () => {
    const legacy = { ...DEFAULT_PLAN, calendar: LEGACY_PLAN_CALENDAR };
    const hits = [];
    for (let start = day('2026-07-01'); start <= day('2026-09-30'); start = addLocalDays(start, 1)) {
      hits.push(
        ...buildPilotSchedule(legacy, start).tasks.filter(
          (t) => t.kind === 'weekly' && GOLDEN_WEEK_2026.includes(t.calendarDueDate),
        ),
      );
    }
    expect(hits.length).toBeGreaterThan(0);
  });
});

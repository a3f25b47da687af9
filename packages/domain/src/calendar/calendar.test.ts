import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CN_WORKING_CALENDAR_2024_2025 } from './china-holidays.js';
import { rectificationDueDay } from './rectification-deadline.js';
import { lastDayOf, roundWindow } from './round-window.js';
import {
  addCalendarMonths,
  addLocalDays,
  endOfLocalDay,
  formatLocalDate,
  localDateParts,
  localMidnight,
  parseLocalDate,
  startOfLocalDay,
} from './shanghai.js';
import { HOUR_MS } from './time-units.js';
import {
  addWorkingDays,
  isWorkingDay,
  shiftToWorkingDay,
  workingDayTest,
  type WorkingCalendar,
} from './working-days.js';

const day = (text: string): number => {
  const parsed = parseLocalDate(text);
  if (parsed === null) throw new Error(`bad date ${text}`);
  return parsed;
};

const WEEKENDS_ONLY: WorkingCalendar = { weekendDays: [0, 6], holidays: [], makeUpWorkdays: [] };

describe('Asia/Shanghai helpers', () => {
  it('uses a fixed UTC+8 offset', () => {
    // 2025-01-01T15:59:59Z is still 23:59 on 1 January in Shanghai; one second later it is 2 January.
    expect(formatLocalDate(Date.UTC(2025, 0, 1, 15, 59, 59))).toBe('2025-01-01');
    expect(formatLocalDate(Date.UTC(2025, 0, 1, 16, 0, 0))).toBe('2025-01-02');
    expect(startOfLocalDay(Date.UTC(2025, 6, 1, 3))).toBe(Date.UTC(2025, 5, 30, 16));
    expect(localDateParts(Date.UTC(2025, 0, 1, 16, 30))).toMatchObject({
      year: 2025,
      month: 1,
      day: 2,
      hour: 0,
      minute: 30,
      weekday: 4,
    });
    expect(endOfLocalDay(day('2025-03-01'))).toBe(day('2025-03-02') - 1);
  });

  it('adds calendar months clamping to month end and keeping the time of day', () => {
    expect(formatLocalDate(addCalendarMonths(day('2025-01-31'), 1))).toBe('2025-02-28');
    expect(formatLocalDate(addCalendarMonths(day('2024-01-31'), 1))).toBe('2024-02-29');
    expect(formatLocalDate(addCalendarMonths(day('2024-11-30'), 3))).toBe('2025-02-28');
    expect(formatLocalDate(addCalendarMonths(day('2025-03-15'), -3))).toBe('2024-12-15');
    const tenPast = day('2025-05-31') + 10 * HOUR_MS;
    expect(addCalendarMonths(tenPast, 1)).toBe(day('2025-06-30') + 10 * HOUR_MS);
  });

  it('parses only real dates', () => {
    expect(parseLocalDate('2025-02-29')).toBeNull();
    expect(parseLocalDate('2024-02-29')).toBe(localMidnight(2024, 2, 29));
    expect(parseLocalDate('2025-13-01')).toBeNull();
    expect(parseLocalDate('2025-1-01')).toBeNull();
  });

  it('round-trips dates and keeps days 24 hours long', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1990, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        (y, m, d) => {
          const ms = localMidnight(y, m, d);
          expect(parseLocalDate(formatLocalDate(ms))).toBe(ms);
          expect(startOfLocalDay(ms + 23 * HOUR_MS)).toBe(ms);
          expect(localDateParts(addLocalDays(ms, 1)).weekday).toBe((localDateParts(ms).weekday + 1) % 7);
        },
      ),
    );
  });

  it('builds round windows of calendar months ending at a local midnight', () => {
    const window = roundWindow(day('2025-03-01') + 9 * HOUR_MS);
    expect(formatLocalDate(window.endMs)).toBe('2025-06-01');
    expect(window.endMs).toBe(day('2025-06-01'));
    expect(formatLocalDate(lastDayOf(window))).toBe('2025-05-31');
    expect(formatLocalDate(roundWindow(day('2025-11-30'), 3).endMs)).toBe('2026-02-28');
  });
});

describe('working days', () => {
  it('lets holidays beat make-up days and make-up days beat weekends', () => {
    const isWorking = workingDayTest(CN_WORKING_CALENDAR_2024_2025);
    expect(isWorking(day('2025-10-01'))).toBe(false); // National Day, a Wednesday
    expect(isWorking(day('2025-09-28'))).toBe(true); // Sunday, make-up working day
    expect(isWorking(day('2025-10-11'))).toBe(true); // Saturday, make-up working day
    expect(isWorking(day('2025-10-12'))).toBe(false); // ordinary Sunday
    expect(isWorking(day('2025-10-09'))).toBe(true); // ordinary Thursday
    const both: WorkingCalendar = {
      weekendDays: [0, 6],
      holidays: ['2025-09-28'],
      makeUpWorkdays: ['2025-09-28'],
    };
    expect(isWorkingDay(both, day('2025-09-28'))).toBe(false);
  });

  it('shifts to the preferred side, falls back to the other, and admits when nothing is available', () => {
    const isWorking = workingDayTest(CN_WORKING_CALENDAR_2024_2025);
    const national = day('2025-10-05');
    const back = shiftToWorkingDay(isWorking, national, 'previous', day('2025-09-01'), day('2025-10-31'));
    expect([formatLocalDate(back.dayMs), back.shift]).toEqual(['2025-09-30', 'previous']);
    const forward = shiftToWorkingDay(isWorking, national, 'next', day('2025-09-01'), day('2025-10-31'));
    expect([formatLocalDate(forward.dayMs), forward.shift]).toEqual(['2025-10-09', 'next']);
    const fallback = shiftToWorkingDay(isWorking, national, 'previous', day('2025-10-01'), day('2025-10-31'));
    expect([formatLocalDate(fallback.dayMs), fallback.shift]).toEqual(['2025-10-09', 'next']);
    const none = shiftToWorkingDay(isWorking, national, 'previous', day('2025-10-01'), day('2025-10-08'));
    expect([formatLocalDate(none.dayMs), none.shift]).toEqual(['2025-10-05', 'unavailable']);
    expect(() =>
      shiftToWorkingDay(isWorking, national, 'previous', day('2025-10-06'), day('2025-10-08')),
    ).toThrow(RangeError);
  });

  it('counts working days after the day of issue', () => {
    const isWorking = workingDayTest(WEEKENDS_ONLY);
    expect(formatLocalDate(addWorkingDays(isWorking, day('2025-03-07') + 15 * HOUR_MS, 1))).toBe(
      '2025-03-10',
    ); // Fri → Mon
    expect(formatLocalDate(addWorkingDays(isWorking, day('2025-03-03'), 7))).toBe('2025-03-12');
    const cn = workingDayTest(CN_WORKING_CALENDAR_2024_2025);
    expect(formatLocalDate(addWorkingDays(cn, day('2025-09-30'), 1))).toBe('2025-10-09');
    expect(formatLocalDate(addWorkingDays(cn, day('2025-09-26'), 1))).toBe('2025-09-28'); // make-up Sunday counts
  });
});

describe('rectificationDueDay', () => {
  const isWorking = workingDayTest(WEEKENDS_ONLY);

  it('is the end of the n-th working day', () => {
    const due = rectificationDueDay(isWorking, day('2025-03-07') + 10 * HOUR_MS, 3);
    expect(formatLocalDate(due.dueDayMs)).toBe('2025-03-12');
    expect(due.dueAt).toBe(endOfLocalDay(day('2025-03-12')));
    expect(due.shift).toBe('none');
  });

  it('is pulled back to the last working day before a limit, never before the day of issue', () => {
    const issued = day('2025-05-26') + 9 * HOUR_MS; // Monday
    const limited = rectificationDueDay(isWorking, issued, 7, day('2025-06-01')); // round ends Sunday midnight
    expect(formatLocalDate(limited.dueDayMs)).toBe('2025-05-30');
    expect(limited.shift).toBe('previous');
    const sameDay = rectificationDueDay(isWorking, issued, 7, issued + HOUR_MS);
    expect(sameDay.dueAt).toBe(issued + HOUR_MS);
    expect(sameDay.dueAt).toBeGreaterThanOrEqual(issued);
  });

  it('always lands on a working day after the issue day when unlimited', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: day('2020-01-01'), max: day('2035-12-31') }),
        fc.constantFrom(1, 3, 7),
        (issued, n) => {
          const cn = workingDayTest(CN_WORKING_CALENDAR_2024_2025);
          const due = rectificationDueDay(cn, issued, n);
          expect(cn(due.dueDayMs)).toBe(true);
          expect(due.dueDayMs).toBeGreaterThan(startOfLocalDay(issued));
        },
      ),
    );
  });
});

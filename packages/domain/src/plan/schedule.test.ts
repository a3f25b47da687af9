import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatLocalDate, localMidnight, parseLocalDate, startOfLocalDay } from '../calendar/shanghai.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../calendar/time-units.js';
import { workingDayTest } from '../calendar/working-days.js';
import { extendDeadline, rectificationDeadline } from './deadlines.js';
import { DEFAULT_PLAN, resolvePlan, type PilotPlan } from './pilot-plan.js';
import {
  buildPilotSchedule,
  buildRoundSchedule,
  orderOfWork,
  type RoundSchedule,
  type ScheduledTask,
} from './schedule.js';
import { scaleInstant } from './time-scale.js';
import { validatePlan } from './validate-plan.js';

const day = (text: string): number => {
  const parsed = parseLocalDate(text);
  if (parsed === null) throw new Error(`bad date ${text}`);
  return parsed;
};

const FIRST = day('2020-01-01');
const LAST = day('2035-12-31');

/** Random start instants (any time of day) and random holiday / make-up sets around them. */
const startArb = fc.integer({ min: FIRST, max: LAST });
const calendarArb = (startMs: number) =>
  fc
    .record({
      holidays: fc.uniqueArray(fc.integer({ min: 0, max: 220 }), { maxLength: 60 }),
      makeUp: fc.uniqueArray(fc.integer({ min: 0, max: 220 }), { maxLength: 10 }),
      weekendDays: fc.constantFrom<number[]>([0, 6], [0], [], [5, 6, 0]),
    })
    .map(({ holidays, makeUp, weekendDays }) => {
      const toDate = (offset: number) => formatLocalDate(startOfLocalDay(startMs) + offset * DAY_MS);
      const holidayDates = holidays.map(toDate);
      return {
        weekendDays,
        holidays: holidayDates,
        makeUpWorkdays: makeUp.map(toDate).filter((date) => !holidayDates.includes(date)),
      };
    });

const planArb = fc
  .tuple(startArb, fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 10 }))
  .chain(([start, months, selfDays]) =>
    calendarArb(start).map((calendar) => ({
      start,
      plan: resolvePlan({
        roundMonths: months,
        selfInspectionDays: selfDays,
        concentratedInspectionOffsetDays: selfDays + 3,
        calendar,
      }),
    })),
  );

function checkRound(round: RoundSchedule, plan: PilotPlan): void {
  const isWorking = workingDayTest(plan.calendar);
  const keys = new Set<string>();
  for (const task of round.tasks) {
    expect(keys.has(task.key)).toBe(false);
    keys.add(task.key);
    expect(task.key).toMatch(/^r\d+-[a-z]+-\d{2}$/);
    // Inside the round, in a sensible order.
    expect(task.opensAt).toBeGreaterThanOrEqual(round.window.startMs);
    expect(task.opensAt).toBeLessThanOrEqual(task.remindAt);
    expect(task.remindAt).toBeLessThanOrEqual(task.dueAt);
    expect(task.dueAt).toBeLessThan(round.window.endMs);
    expect(task.dueAt).toBeLessThanOrEqual(task.missedAt);
    expect(task.missedAt).toBeLessThanOrEqual(round.window.endMs);
    // On a working day unless the rule found none at all in the allowed range.
    const dueDay = parseLocalDate(task.calendarDueDate) ?? Number.NaN;
    expect(startOfLocalDay(task.dueAt)).toBe(dueDay);
    expect(isWorking(dueDay)).toBe(task.dueShift !== 'unavailable');
  }
}

describe('buildRoundSchedule', () => {
  it('produces the documented 2025 spring round', () => {
    const round = buildRoundSchedule(DEFAULT_PLAN, day('2025-03-01') + 9 * HOUR_MS, 1);
    const byKind = (kind: ScheduledTask['kind']) => round.tasks.filter((t) => t.kind === kind);
    expect(byKind('self').map((t) => t.calendarDueDate)).toEqual(['2025-03-07']);
    expect(byKind('concentrated').map((t) => t.calendarDueDate)).toEqual(['2025-03-11']);
    expect(byKind('monthly').map((t) => t.calendarDueDate)).toEqual([
      '2025-03-31',
      '2025-04-30',
      '2025-05-30',
    ]);
    expect(byKind('monthly')[2]?.dueShift).toBe('previous'); // 31 May 2025: Saturday and Dragon Boat Festival
    expect(byKind('quarterly').map((t) => t.calendarDueDate)).toEqual(['2025-05-26']);
    expect(byKind('weekly')).toHaveLength(11);
    expect(byKind('weekly')[0]).toMatchObject({ key: 'r1-weekly-01', calendarDueDate: '2025-03-18' });
    expect(byKind('consolidation')).toEqual([]);
    const dues = round.tasks.map((t) => t.dueAt);
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
  });

  it('uses key-area inspections instead of monthly ones in consolidation rounds and skips the opening', () => {
    const round = buildRoundSchedule(DEFAULT_PLAN, day('2025-06-09'), 2);
    expect(round.stage).toBe('consolidation');
    expect(round.tasks.filter((t) => t.kind === 'consolidation')).toHaveLength(3);
    expect(
      round.tasks.some((t) => t.kind === 'monthly' || t.kind === 'self' || t.kind === 'concentrated'),
    ).toBe(false);
    expect(round.tasks.every((t) => t.key.startsWith('r2-'))).toBe(true);
    const repeat = buildRoundSchedule(DEFAULT_PLAN, day('2025-06-09'), 2, { stage: 'improvement' });
    expect(repeat.tasks.some((t) => t.kind === 'monthly')).toBe(true);
    expect(repeat.tasks.some((t) => t.kind === 'self')).toBe(false);
  });

  it('never puts a due date outside its round or on a non-working day unless none is available', () => {
    fc.assert(
      fc.property(planArb, ({ start, plan }) => {
        const round = buildRoundSchedule(plan, start, 1);
        checkRound(round, plan);
        const kinds = round.tasks.map((t) => t.kind);
        expect(kinds.filter((k) => k === 'monthly')).toHaveLength(plan.roundMonths);
        expect(kinds.filter((k) => k === 'quarterly')).toHaveLength(1);
        const self = round.tasks.find((t) => t.kind === 'self');
        const concentrated = round.tasks.find((t) => t.kind === 'concentrated');
        const firstWeekly = round.tasks.find((t) => t.kind === 'weekly');
        if (!self || !concentrated) throw new Error('opening tasks missing');
        expect(self.dueAt).toBeLessThan(concentrated.dueAt);
        if (firstWeekly) expect(firstWeekly.opensAt).toBeGreaterThan(concentrated.dueAt);
      }),
      { numRuns: 200 },
    );
  });

  it('admits a rest-day due date only when the whole allowed range is rest days', () => {
    const start = day('2025-03-01');
    const everyDay = Array.from({ length: 100 }, (_, i) => formatLocalDate(start + i * DAY_MS));
    const plan = resolvePlan({ calendar: { holidays: everyDay, makeUpWorkdays: [] } });
    const round = buildRoundSchedule(plan, start, 1);
    expect(round.tasks.length).toBeGreaterThan(0);
    expect(round.tasks.every((t) => t.dueShift === 'unavailable')).toBe(true);
    checkRound(round, plan);
  });

  it('rejects an invalid plan instead of building a wrong schedule', () => {
    expect(() =>
      buildRoundSchedule(
        resolvePlan({ concentratedInspectionOffsetDays: 3, selfInspectionDays: 7 }),
        day('2025-03-01'),
        1,
      ),
    ).toThrow(/concentratedInspectionOffsetDays/);
    expect(() => buildRoundSchedule(resolvePlan({ timeScale: 0.5 }), day('2025-03-01'), 1)).toThrow(
      RangeError,
    );
    expect(() => buildRoundSchedule(DEFAULT_PLAN, day('2025-03-01'), 0)).toThrow(RangeError);
  });
});

describe('time scale', () => {
  it('keeps order and stays within the scaled round', () => {
    fc.assert(
      fc.property(planArb, fc.double({ min: 1, max: 1_000_000, noNaN: true }), ({ start, plan }, k) => {
        const real = buildPilotSchedule(plan, start);
        const scaled = buildPilotSchedule({ ...plan, timeScale: k }, start);
        expect(scaled.tasks.map((t) => t.key)).toEqual(real.tasks.map((t) => t.key));
        const realRounds = real.rounds;
        scaled.rounds.forEach((round, r) => {
          const realRound = realRounds[r];
          if (!realRound) throw new Error('round missing');
          expect(round.window.startMs).toBe(scaleInstant(start, realRound.window.startMs, k));
          expect(round.window.endMs).toBeLessThanOrEqual(start + (realRound.window.endMs - start) / k);
          for (const task of round.tasks) {
            expect(task.opensAt).toBeGreaterThanOrEqual(round.window.startMs);
            expect(task.opensAt).toBeLessThanOrEqual(task.remindAt);
            expect(task.remindAt).toBeLessThanOrEqual(task.dueAt);
            expect(task.dueAt).toBeLessThanOrEqual(task.missedAt);
            expect(task.missedAt).toBeLessThanOrEqual(round.window.endMs);
          }
        });
        // Order on the compressed timeline follows the real order.
        for (let i = 1; i < real.tasks.length; i += 1) {
          const [a, b] = [real.tasks[i - 1], real.tasks[i]];
          const [sa, sb] = [scaled.tasks[i - 1], scaled.tasks[i]];
          if (!a || !b || !sa || !sb) throw new Error('task missing');
          if (a.dueAt <= b.dueAt) expect(sa.dueAt).toBeLessThanOrEqual(sb.dueAt);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('runs a three-month round in minutes at timeScale 10 000', () => {
    const start = day('2025-03-01') + 9 * HOUR_MS;
    const schedule = buildPilotSchedule(resolvePlan({ timeScale: 10_000 }), start);
    const first = schedule.rounds[0];
    if (!first) throw new Error('round missing');
    expect(first.window.endMs - start).toBeLessThan(15 * MINUTE_MS);
    expect(first.window.endMs - start).toBeGreaterThan(12 * MINUTE_MS);
    const lastTask = schedule.tasks[schedule.tasks.length - 1];
    expect(lastTask && lastTask.missedAt - start).toBeLessThan(30 * MINUTE_MS);
    // Calendar decisions do not change with the scale.
    const real = buildPilotSchedule(DEFAULT_PLAN, start);
    expect(schedule.tasks.map((t) => t.calendarDueDate)).toEqual(real.tasks.map((t) => t.calendarDueDate));
  });

  it('starts the consolidation round after the archiving days', () => {
    const start = day('2025-03-01');
    const schedule = buildPilotSchedule(DEFAULT_PLAN, start);
    expect(schedule.rounds.map((r) => formatLocalDate(r.window.startMs))).toEqual([
      '2025-03-01',
      '2025-06-08',
    ]);
    expect(schedule.rounds[1]?.tasks.every((t) => t.round === 2)).toBe(true);
  });
});

describe('rectification deadlines from the plan', () => {
  it('follows the 7 / 3 / 1 working-day table and the holiday calendar', () => {
    const issued = day('2025-09-26') + 10 * HOUR_MS; // Friday before National Day
    expect(rectificationDeadline(DEFAULT_PLAN, issued, 'critical').calendarDueDate).toBe('2025-09-28'); // make-up Sunday
    expect(rectificationDeadline(DEFAULT_PLAN, issued, 'major').calendarDueDate).toBe('2025-09-30');
    expect(rectificationDeadline(DEFAULT_PLAN, issued, 'minor').calendarDueDate).toBe('2025-10-13'); // via make-up Saturday 11 Oct
  });

  it('compresses with the time scale and respects a limit', () => {
    const issued = day('2025-03-03') + 9 * HOUR_MS;
    const real = rectificationDeadline(DEFAULT_PLAN, issued, 'minor');
    const fast = rectificationDeadline({ ...DEFAULT_PLAN, timeScale: 1000 }, issued, 'minor');
    expect(fast.calendarDueDate).toBe(real.calendarDueDate);
    expect(fast.dueAt).toBe(issued + Math.floor((real.dueAt - issued) / 1000));
    const limited = rectificationDeadline({ ...DEFAULT_PLAN, timeScale: 1000 }, issued, 'minor', {
      notAfterMs: issued + 5 * MINUTE_MS,
    });
    expect(limited.dueAt).toBeLessThanOrEqual(issued + 5 * MINUTE_MS);
    expect(limited.calendarDueDate).toBe('2025-03-05');
  });

  it('extends by scaled calendar days', () => {
    expect(extendDeadline(DEFAULT_PLAN, 1000, 2)).toBe(1000 + 2 * DAY_MS);
    expect(extendDeadline({ timeScale: 100 }, 1000, 1)).toBe(1000 + DAY_MS / 100);
    expect(() => extendDeadline(DEFAULT_PLAN, 0, 0)).toThrow(RangeError);
  });
});

describe('plan', () => {
  it('has a valid default and merges overrides without touching the default', () => {
    expect(validatePlan(DEFAULT_PLAN)).toEqual([]);
    const plan = resolvePlan({
      rectificationWorkingDays: { minor: 10 },
      // A local day off (a Thursday) and a local working day (a Saturday).
      calendar: { holidays: ['2026-12-24'], makeUpWorkdays: ['2026-12-26'] },
      timeScale: 60,
    });
    expect(plan.rectificationWorkingDays).toEqual({ minor: 10, major: 3, critical: 1 });
    // An override's days add to the official ones; they never replace them.
    expect(plan.calendar.holidays).toEqual([...DEFAULT_PLAN.calendar.holidays, '2026-12-24']);
    expect(plan.calendar.makeUpWorkdays).toEqual([...DEFAULT_PLAN.calendar.makeUpWorkdays, '2026-12-26']);
    expect(plan.timeScale).toBe(60);
    expect(DEFAULT_PLAN.timeScale).toBe(1);
    expect(Object.isFrozen(DEFAULT_PLAN.calendar.holidays)).toBe(true);
    expect(Object.isFrozen(plan.calendar.holidays)).toBe(false);
  });

  it('reports unusable settings with their path', () => {
    const bad = resolvePlan({
      roundMonths: 0,
      rectificationWorkingDays: { critical: 5, major: 3 },
      calendar: { weekendDays: [0, 1, 2, 3, 4, 5, 6], holidays: ['2025-02-30'], makeUpWorkdays: [] },
      keyAreaCount: 9,
      timeScale: 0,
      starBands: [],
    });
    const paths = validatePlan(bad).map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'roundMonths',
        'rectificationWorkingDays',
        'calendar.weekendDays',
        // The bad day sorted in among the official ones.
        `calendar.holidays.${bad.calendar.holidays.indexOf('2025-02-30')}`,
        'keyAreaCount',
        'timeScale',
        'starBands',
      ]),
    );
  });

  it('knows the 2024–2025 holidays', () => {
    const isWorking = workingDayTest(DEFAULT_PLAN.calendar);
    expect(isWorking(localMidnight(2025, 1, 28))).toBe(false);
    expect(isWorking(localMidnight(2025, 2, 8))).toBe(true);
  });
});

describe('the order of work (自查自纠 → 集中检查 → 周、月、季专项检查)', () => {
  it('opens no special check before the concentrated inspection is due, for any start and calendar', () => {
    fc.assert(
      fc.property(
        startArb.chain((start) => fc.tuple(fc.constant(start), calendarArb(start))),
        ([start, calendar]) => {
          const plan = resolvePlan({ calendar });
          const round = buildRoundSchedule(plan, start, 1);
          const concentrated = round.tasks.find((t) => t.kind === 'concentrated')!;
          const self = round.tasks.find((t) => t.kind === 'self')!;
          expect(self.opensAt).toBe(round.window.startMs);
          for (const task of round.tasks) {
            if (task.kind === 'self' || task.kind === 'concentrated') continue;
            expect(task.opensAt).toBeGreaterThan(concentrated.dueAt);
            expect(task.opensAt).toBeLessThanOrEqual(task.dueAt);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('lists the steps in that order in a preview, and round 2 as the key-part loop', () => {
    const schedule = buildPilotSchedule(DEFAULT_PLAN, day('2026-03-02'));
    expect(orderOfWork(schedule.rounds[0]!).map((s) => s.step)).toEqual([
      'self_inspection',
      'concentrated_inspection',
      'special_checks',
    ]);
    expect(orderOfWork(schedule.rounds[1]!).map((s) => s.step)).toEqual([
      'special_checks',
      'key_part_checks',
    ]);
    const [self, concentrated, special] = orderOfWork(schedule.rounds[0]!);
    expect(self!.dueAt).toBeLessThan(concentrated!.dueAt);
    expect(concentrated!.dueAt).toBeLessThan(special!.opensAt);
  });

  it('keeps the first monthly check on the first day for pilots scheduled before the rule', () => {
    const start = day('2026-03-02');
    const before = buildRoundSchedule(DEFAULT_PLAN, start, 1, { specialAfterOpening: false });
    const monthly = before.tasks.find((t) => t.key === 'r1-monthly-01')!;
    expect(monthly.opensAt).toBe(start);
    const after = buildRoundSchedule(DEFAULT_PLAN, start, 1);
    expect(after.tasks.find((t) => t.key === 'r1-monthly-01')!.opensAt).toBe(day('2026-03-13'));
  });
});

import { describe, expect, it } from 'vitest';
import { parseLocalDate } from '../calendar/shanghai.js';
import { DEFAULT_PLAN, type PilotPlan } from '../plan/pilot-plan.js';
import { buildPilotSchedule } from '../plan/schedule.js';
import {
  campaignDraftSchema,
  isoWeekOf,
  plannedInspections,
  workloadForecast,
  type ForecastInspection,
} from './campaigns.js';

const day = (text: string): number => parseLocalDate(text)!;
const team = [
  { inspectorId: 'usr-a', kinds: ['concentrated', 'weekly', 'consolidation'] as const },
  { inspectorId: 'usr-b', kinds: ['monthly', 'quarterly'] as const },
].map((a) => ({ ...a, kinds: [...a.kinds] }));

/** The default plan without holidays: every due day is the rule's nominal day (or a weekday shift). */
const noHolidays: PilotPlan = {
  ...DEFAULT_PLAN,
  calendar: { ...DEFAULT_PLAN.calendar, holidays: [], makeUpWorkdays: [] },
};

describe('isoWeekOf', () => {
  it('names ISO weeks, including those that cross a year', () => {
    expect(isoWeekOf('2026-01-01')).toEqual({
      week: '2026-W01',
      startsOn: '2025-12-29',
      endsOn: '2026-01-04',
    });
    expect(isoWeekOf('2027-01-03')).toMatchObject({ week: '2026-W53' });
    expect(isoWeekOf('2026-06-01')).toMatchObject({ week: '2026-W23', startsOn: '2026-06-01' });
    expect(isoWeekOf('2026-06-07')).toMatchObject({ week: '2026-W23', endsOn: '2026-06-07' });
  });
});

describe('plannedInspections', () => {
  it('gives each scheduled inspection to the inspector holding its kind, and none of the firm’s self-inspection', () => {
    const start = day('2026-06-01');
    const schedule = buildPilotSchedule(DEFAULT_PLAN, start);
    const planned = plannedInspections(DEFAULT_PLAN, start, team, 'cmp-x');
    expect(planned).toHaveLength(schedule.tasks.filter((t) => t.kind !== 'self').length);
    const monthly = schedule.tasks.filter((t) => t.kind === 'monthly' || t.kind === 'quarterly').length;
    expect(planned.filter((p) => p.inspectorId === 'usr-b')).toHaveLength(monthly);
    expect(planned.every((p) => p.source === 'campaign' && p.compoundId === 'cmp-x')).toBe(true);
  });
});

describe('workloadForecast', () => {
  const inspection = (
    inspectorId: string,
    dueOn: string,
    source: ForecastInspection['source'] = 'campaign',
  ) => ({
    inspectorId,
    dueOn,
    source,
    compoundId: 'cmp-x',
  });

  it('counts per inspector per ISO week over 26 weeks, running work beside the campaign’s, and flags weeks above capacity', () => {
    const forecast = workloadForecast({
      from: '2026-06-03',
      capacity: 2,
      inspectorIds: ['usr-idle'],
      inspections: [
        inspection('usr-a', '2026-06-01'),
        inspection('usr-a', '2026-06-05'),
        inspection('usr-a', '2026-06-07', 'running'),
        inspection('usr-a', '2026-06-08'),
        // Before the window and after it: not counted.
        inspection('usr-a', '2026-05-31'),
        inspection('usr-a', '2026-12-01'),
      ],
    });
    expect(forecast.weeks).toHaveLength(26);
    expect(forecast.weeks[0]).toEqual({ week: '2026-W23', startsOn: '2026-06-01', endsOn: '2026-06-07' });
    expect(forecast.weeks.at(-1)!.week).toBe('2026-W48');
    const a = forecast.inspectors.find((i) => i.inspectorId === 'usr-a')!;
    expect(a.weeks[0]).toEqual({ week: '2026-W23', campaign: 2, running: 1, total: 3, over: true });
    expect(a.weeks[1]).toMatchObject({ total: 1, over: false });
    expect(a.peak).toBe(3);
    expect(a.peakWeek).toBe('2026-W23');
    expect(a.flaggedWeeks).toEqual(['2026-W23']);
    // Capacity is a limit, not a target: exactly at it is not flagged.
    expect(
      workloadForecast({
        from: '2026-06-03',
        capacity: 3,
        inspections: [...Array(3)].map(() => inspection('usr-a', '2026-06-02')),
      }).flagged,
    ).toBe(0);
    const idle = forecast.inspectors.find((i) => i.inspectorId === 'usr-idle')!;
    expect(idle).toMatchObject({ peak: 0, peakWeek: null, flaggedWeeks: [] });
    expect(forecast.flagged).toBe(1);
  });

  it('sums every inspection of the campaign’s schedules inside the window, and the total does not depend on how they are split', () => {
    const start = day('2026-03-02');
    const one = plannedInspections(noHolidays, start, team, 'cmp-1');
    const two = plannedInspections(noHolidays, start, team, 'cmp-2');
    const forecast = workloadForecast({ from: '2026-03-02', capacity: 100, inspections: [...one, ...two] });
    const total = forecast.inspectors.flatMap((i) => i.weeks).reduce((sum, w) => sum + w.total, 0);
    const inWindow = [...one, ...two].filter(
      (p) => p.dueOn >= '2026-03-02' && p.dueOn <= forecast.weeks.at(-1)!.endsOn,
    );
    expect(total).toBe(inWindow.length);
    // Two compounds with the same team double the team's weekly load.
    const single = workloadForecast({ from: '2026-03-02', capacity: 100, inspections: one });
    const a2 = forecast.inspectors.find((i) => i.inspectorId === 'usr-a')!;
    const a1 = single.inspectors.find((i) => i.inspectorId === 'usr-a')!;
    expect(a2.weeks.map((w) => w.total)).toEqual(a1.weeks.map((w) => w.total * 2));
  });

  it('follows the holidays: an inspection the calendar moves out of 国庆 or 中秋 is counted in the week it moved to', () => {
    // Find a start in August 2026 where a holiday pushes a due day into another ISO week.
    let found: { start: number; key: string; from: string; to: string } | null = null;
    for (let offset = 0; offset < 31 && !found; offset++) {
      const start = day('2026-08-01') + offset * 86_400_000;
      const plain = new Map(buildPilotSchedule(noHolidays, start).tasks.map((t) => [t.key, t]));
      for (const task of buildPilotSchedule(DEFAULT_PLAN, start).tasks) {
        const was = plain.get(task.key)!;
        if (
          task.kind !== 'self' &&
          isoWeekOf(was.calendarDueDate).week !== isoWeekOf(task.calendarDueDate).week
        ) {
          found = { start, key: task.key, from: was.calendarDueDate, to: task.calendarDueDate };
          break;
        }
      }
    }
    expect(found).not.toBeNull();
    const { start, from, to } = found!;
    const holidays = new Set(DEFAULT_PLAN.calendar.holidays);
    const real = plannedInspections(DEFAULT_PLAN, start, team, 'cmp-1');
    const plain = plannedInspections(noHolidays, start, team, 'cmp-1');
    expect(real.some((p) => holidays.has(p.dueOn))).toBe(false);
    const at = (inspections: ForecastInspection[], week: string) =>
      workloadForecast({ from: '2026-08-01', capacity: 1, inspections })
        .inspectors.flatMap((i) => i.weeks)
        .filter((w) => w.week === week)
        .reduce((sum, w) => sum + w.total, 0);
    const fromWeek = isoWeekOf(from).week;
    const toWeek = isoWeekOf(to).week;
    expect(at(real, toWeek)).toBeGreaterThan(at(plain, toWeek));
    expect(at(real, fromWeek)).toBeLessThan(at(plain, fromWeek));
  });
});

describe('campaignDraftSchema', () => {
  const draft = {
    name: '2026 年全面推广',
    originEnrollmentIds: ['enr-a'],
    invitedFirmIds: ['firm-x'],
    startDate: '2026-06-01',
    catalogueVersion: '2026.1',
    weeklyCapacity: 6,
    compounds: [
      { compoundId: 'cmp-1', inspectorAssignments: team },
      { compoundId: 'cmp-1', originEnrollmentId: 'enr-other', inspectorAssignments: team },
    ],
  };
  it('names a repeated compound and an origin pilot that is not the campaign’s', () => {
    const parsed = campaignDraftSchema.safeParse(draft);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'compounds.1.compoundId',
      'compounds.1.originEnrollmentId',
    ]);
  });
  it('defaults the meeting to none', () => {
    const parsed = campaignDraftSchema.parse({ ...draft, compounds: [draft.compounds[0]] });
    expect(parsed).toMatchObject({ meetingOn: null, meetingAttendees: null, meetingMinutes: null });
  });
});

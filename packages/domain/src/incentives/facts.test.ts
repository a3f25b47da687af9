// 设备维保按期率 from the register: the maintenance due in a period over the 2026 calendar, met on
// time, late or missed, and what it does to a firm's score under rule sets 1 and 2.
import { describe, expect, it } from 'vitest';
import { CN_WORKING_CALENDAR_2024_2026 } from '../calendar/china-holidays.js';
import { parseLocalDate } from '../calendar/shanghai.js';
import { HOUR_MS } from '../calendar/time-units.js';
import { workingDayTest } from '../calendar/working-days.js';
import { EVALUATION_RULES_1, EVALUATION_RULES_2, evaluateFirm, evaluationRulesSchema } from './evaluation.js';
import { factsFromRecords, type FirmPeriodRecords, type MaintainedEquipment } from './facts.js';

const isWorking = workingDayTest(CN_WORKING_CALENDAR_2024_2026);
const at = (day: string, hour = 10) => parseLocalDate(day)! + hour * HOUR_MS;
/** June 2026 (端午 19–21 June is a rest period). */
const JUNE = { fromMs: parseLocalDate('2026-06-01')!, untilMs: parseLocalDate('2026-07-01')! };

const records = (
  equipment: MaintainedEquipment[],
  rest: Partial<FirmPeriodRecords> = {},
): FirmPeriodRecords => ({
  period: JUNE,
  rounds: [],
  inspections: [],
  latestStars: [],
  rectifications: [],
  criticalOverdue: [],
  tasks: [],
  matters: [],
  satisfiedFrom: 4,
  visits: [],
  cases: [],
  equipment,
  ...rest,
});
const lift = (id: string, visits: string[], registered = '2026-06-01'): MaintainedEquipment => ({
  id,
  startMs: at(registered, 9),
  maintenanceIntervalDays: 15,
  doneMs: visits.map((day) => at(day)),
});

describe('设备维保按期率 from the register', () => {
  it('counts each maintenance due in the period: on time, late and missed', () => {
    // Due 16 June (met on the 12th), then 26 June, the Friday before the 27th (met that day).
    const kept = lift('eq-kept', ['2026-06-12', '2026-06-26']);
    // Due 16 June (met on the 10th), then 25 June: done on the 26th, a day late.
    const late = lift('eq-late', ['2026-06-10', '2026-06-26']);
    // Due 16 June, never done.
    const missed = lift('eq-missed', []);
    const { facts, sources } = factsFromRecords(records([kept, late, missed]), isWorking);
    // On time: 2 + 1 + 0 of 2 + 2 + 1 due.
    expect(facts.maintenanceOnTime).toBeCloseTo(3 / 5, 12);
    // The items that cost points first.
    expect(sources.maintenanceOnTime).toEqual({
      kind: 'equipment',
      ids: ['eq-late', 'eq-missed', 'eq-kept'],
      count: 3,
    });
  });

  it('reads a maintenance due in the period from the visit before it', () => {
    // Visited 28 May: due 12 June, met on the 11th; then due 26 June and missed.
    const item = lift('eq-may', ['2026-05-14', '2026-05-28', '2026-06-11'], '2026-05-01');
    expect(factsFromRecords(records([item]), isWorking).facts.maintenanceOnTime).toBe(0.5);
    // Without the May visits the schedule runs from registration to 11 June, late and before the
    // period: only the missed 26 June is left, so the visits before the period must be read.
    const unseen = { ...item, doneMs: item.doneMs.slice(2) };
    expect(factsFromRecords(records([unseen]), isWorking).facts.maintenanceOnTime).toBe(0);
  });

  it('is null without equipment or with nothing due in the period', () => {
    const none = factsFromRecords(records([]), isWorking);
    expect(none.facts.maintenanceOnTime).toBeNull();
    expect(none.sources.maintenanceOnTime).toBeUndefined();
    // Registered on 20 June with a 15-day interval: first due on 3 July, after the period.
    const fresh = factsFromRecords(records([lift('eq-new', [], '2026-06-20')]), isWorking);
    expect(fresh.facts.maintenanceOnTime).toBeNull();
    expect(fresh.sources.maintenanceOnTime).toBeUndefined();
  });
});

describe('rule set 2', () => {
  it('parses, and is rule set 1 with maintenance weighed out of the inspection score', () => {
    expect(evaluationRulesSchema.parse(EVALUATION_RULES_2)).toEqual(EVALUATION_RULES_2);
    const total = EVALUATION_RULES_2.components.reduce((sum, part) => sum + part.weight, 0);
    expect(total).toBeCloseTo(1, 12);
    const { version: _v1, components: parts1, ...rest1 } = EVALUATION_RULES_1;
    const { version, components: parts2, ...rest2 } = EVALUATION_RULES_2;
    expect(version).toBe(2);
    expect(rest2).toEqual(rest1);
    expect(parts2.find((p) => p.component === 'maintenanceOnTime')).toEqual({
      component: 'maintenanceOnTime',
      weight: 0.05,
      best: 1,
      worst: 0.6,
    });
    expect(parts2.find((p) => p.component === 'roundScore')?.weight).toBe(0.3);
    const others = (parts: typeof parts1) =>
      parts.filter((p) => p.component !== 'roundScore' && p.component !== 'maintenanceOnTime');
    expect(others(parts2)).toEqual(others(parts1));
    expect(parts1.some((p) => p.component === 'maintenanceOnTime')).toBe(false);
  });

  it('scores a firm with an overdue maintenance lower, where rule set 1 scores it the same', () => {
    const pilot: Partial<FirmPeriodRecords> = {
      rounds: [{ id: 'round-1', score: 88, starRating: 4 }],
      tasks: [{ id: 't1', missed: false }],
      matters: [{ id: 'm1', solved: true, rating: 5 }],
    };
    const kept = factsFromRecords(records([lift('eq-1', ['2026-06-12', '2026-06-26'])], pilot), isWorking);
    const overdue = factsFromRecords(records([lift('eq-1', ['2026-06-12'])], pilot), isWorking);
    expect(kept.facts.maintenanceOnTime).toBe(1);
    expect(overdue.facts.maintenanceOnTime).toBe(0.5);

    const under1 = [kept, overdue].map((g) => evaluateFirm(EVALUATION_RULES_1, g.facts));
    expect(under1[1]!.score).toBe(under1[0]!.score);
    expect(under1[1]!.components).toEqual(under1[0]!.components);

    const [keptScore, overdueScore] = [kept, overdue].map((g) => evaluateFirm(EVALUATION_RULES_2, g.facts));
    expect(overdueScore!.score!).toBeLessThan(keptScore!.score! - 1);
    const part = overdueScore!.components.find((c) => c.component === 'maintenanceOnTime');
    // Half on time is below the no-points value (60%): no points, its weight still carried.
    expect(part).toMatchObject({ value: 0.5, points: 0, weight: 0.05, contribution: 0 });
    expect(part!.effectiveWeight).toBeGreaterThan(0);
  });
});

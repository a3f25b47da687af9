import { describe, expect, it } from 'vitest';
import { CN_WORKING_CALENDAR_2024_2026 } from '../calendar/china-holidays.js';
import { workingDayTest } from '../calendar/working-days.js';
import { DEFAULT_LIST_RULES } from './evaluation.js';
import { factsFromRecords, rankByScore, type FirmPeriodRecords } from './facts.js';
import { listCandidates, listStatusOf, type FirmSignals } from './lists.js';
import { monthOf, parsePeriodId, periodEnded, periodsUpTo, previousPeriod } from './periods.js';

const quiet: FirmSignals = { criticalOverdue: [], reopened: [] };

describe('红榜 / 黑榜 candidates', () => {
  const earlier = new Map([
    ['f-steady', [{ periodId: '2026-10', grade: 'AAA' }]],
    ['f-new', [{ periodId: '2026-10', grade: null }]],
    ['f-down', [{ periodId: '2026-10', grade: 'AA' }]],
  ]);

  it('proposes the red list for the top grade held twice in a row, and only then', () => {
    const candidates = listCandidates({
      rules: DEFAULT_LIST_RULES,
      periodId: '2026-11',
      current: [
        { firmId: 'f-steady', grade: 'AAA' },
        { firmId: 'f-new', grade: 'AAA' },
        { firmId: 'f-down', grade: 'AAA' },
      ],
      earlier,
      signals: new Map(),
    });
    expect(candidates).toEqual([
      {
        firmId: 'f-steady',
        list: 'red',
        rule: 'red.consecutive_grade',
        evidence: { grade: 'AAA', periods: ['2026-11', '2026-10'] },
      },
    ]);
  });

  it('proposes the black list for grade C, an overdue critical item or repeated reopening, each by its rule', () => {
    const candidates = listCandidates({
      rules: DEFAULT_LIST_RULES,
      periodId: '2026-11',
      current: [
        { firmId: 'f-c', grade: 'C' },
        { firmId: 'f-steady', grade: 'AAA' },
        { firmId: 'f-reopen', grade: 'B' },
      ],
      earlier,
      signals: new Map([
        ['f-steady', { criticalOverdue: ['r-lift'], reopened: [] }],
        ['f-reopen', { criticalOverdue: [], reopened: ['r1', 'r2', 'r3'] }],
        ['f-c', quiet],
      ]),
    });
    expect(candidates.map((c) => [c.firmId, c.list, c.rule])).toEqual([
      ['f-c', 'black', 'black.grade'],
      // A critical hazard left overdue outweighs two AAA periods: no red proposal beside it.
      ['f-steady', 'black', 'black.critical_overdue'],
      ['f-reopen', 'black', 'black.reopened'],
    ]);
    expect(candidates[2]!.evidence).toMatchObject({ count: 3, threshold: 3 });
  });

  it('follows the rules as data: three periods in a row, reopen rule off', () => {
    const rules = {
      red: { grade: 'AAA', consecutive: 3 },
      black: { grades: [], criticalOverdue: false, reopenedAtLeast: null },
    };
    const candidates = listCandidates({
      rules,
      periodId: '2026-11',
      current: [{ firmId: 'f-steady', grade: 'AAA' }],
      earlier,
      signals: new Map([['f-steady', { criticalOverdue: ['r'], reopened: ['a', 'b', 'c', 'd'] }]]),
    });
    expect(candidates).toEqual([]);
  });

  it('shows black over red on the firm', () => {
    expect(listStatusOf(true, true)).toBe('black');
    expect(listStatusOf(true, false)).toBe('red');
    expect(listStatusOf(false, false)).toBe('none');
  });
});

describe('evaluation periods', () => {
  it('names months and quarters with their days, and their predecessors', () => {
    expect(parsePeriodId('2026-02')).toEqual({
      id: '2026-02',
      kind: 'month',
      startsOn: '2026-02-01',
      endsOn: '2026-02-28',
    });
    expect(parsePeriodId('2026-Q3')).toMatchObject({ startsOn: '2026-07-01', endsOn: '2026-09-30' });
    expect(parsePeriodId('2026-13')).toBeNull();
    expect(parsePeriodId('2026-Q5')).toBeNull();
    expect(previousPeriod(parsePeriodId('2026-01')!).id).toBe('2025-12');
    expect(previousPeriod(parsePeriodId('2026-Q1')!).id).toBe('2025-Q4');
    expect(periodsUpTo(parsePeriodId('2026-11')!, 3).map((p) => p.id)).toEqual([
      '2026-11',
      '2026-10',
      '2026-09',
    ]);
    expect(monthOf('2026-12-02').id).toBe('2026-12');
    expect(periodEnded(parsePeriodId('2026-11')!, '2026-12-01')).toBe(true);
    expect(periodEnded(parsePeriodId('2026-12')!, '2026-12-02')).toBe(false);
  });
});

describe('facts from records', () => {
  const isWorking = workingDayTest(CN_WORKING_CALENDAR_2024_2026);
  const empty: FirmPeriodRecords = {
    period: { fromMs: 0, untilMs: 0 },
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
    equipment: [],
  };

  it('leaves unmeasured components null, so pilot data alone gives a score', () => {
    const { facts, sources } = factsFromRecords(
      {
        ...empty,
        inspections: [
          { id: 'i1', score: 80 },
          { id: 'i2', score: 90 },
        ],
        latestStars: [
          { roundId: 'r1', starRating: 4 },
          { roundId: 'r2', starRating: 5 },
        ],
      },
      isWorking,
    );
    expect(facts).toMatchObject({ roundScore: 85, stars: 4.5, matterResolution: null, patrolFindings: null });
    expect(sources.roundScore).toEqual({ kind: 'inspection', ids: ['i1', 'i2'], count: 2 });
  });

  it('counts shares with their sources, bounded', () => {
    const rectifications = Array.from({ length: 60 }, (_, n) => ({
      id: `rc-${n}`,
      deadlineMs: 1000,
      closedAtMs: n < 45 ? 900 : n < 55 ? 1100 : null,
      cancelled: false,
      reopened: n % 10 === 0,
      reopenedInPeriod: n % 20 === 0,
    }));
    const { facts, sources, signals } = factsFromRecords(
      {
        ...empty,
        rounds: [{ id: 'round-2', score: 88, starRating: 4 }],
        rectifications,
        tasks: [
          { id: 't1', missed: false },
          { id: 't2', missed: true },
        ],
        matters: [
          { id: 'm1', solved: true, rating: 5 },
          { id: 'm2', solved: false, rating: 2 },
          { id: 'm3', solved: true, rating: null },
        ],
        visits: [
          { id: 'v1', compoundId: 'c1', findings: 3 },
          { id: 'v2', compoundId: 'c2', findings: 1 },
        ],
        cases: ['case-1'],
      },
      isWorking,
    );
    expect(facts.rectificationOnTime).toBeCloseTo(0.75);
    expect(facts.rectificationReopened).toBeCloseTo(0.1);
    expect(sources.rectificationOnTime).toMatchObject({ count: 60 });
    expect(sources.rectificationOnTime?.ids).toHaveLength(50);
    expect(facts).toMatchObject({
      roundScore: 88,
      stars: 4,
      inspectionsMissed: 0.5,
      matterResolution: 2 / 3,
      matterSatisfaction: 0.5,
      patrolFindings: 2,
      publishedCases: 1,
    });
    expect(signals.reopened).toEqual(['rc-0', 'rc-20', 'rc-40']);
  });

  it('ranks equal scores alike and skips the next rank', () => {
    const ranked = rankByScore([
      { id: 'a', score: 80 },
      { id: 'b', score: 91.004 },
      { id: 'c', score: 91 },
      { id: 'd', score: 70 },
    ]);
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([
      ['b', 1],
      ['c', 1],
      ['a', 3],
      ['d', 4],
    ]);
  });
});

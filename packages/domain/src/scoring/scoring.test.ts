import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOGUE } from '../catalogue/default-catalogue.js';
import type { CatalogueVersion, Standard } from '../catalogue/types.js';
import { demonstrationEligibility, type DemonstrationInput } from './demonstration.js';
import { scoreInspection } from './inspection-score.js';
import { keyAreas } from './key-areas.js';
import { scoreRound } from './round-score.js';
import { defaultSeverity } from './severity.js';
import { assessStage, type StageAssessmentInput } from './stage-assessment.js';
import { DEFAULT_STAR_BANDS, starRating, starsForScore, validateStarBands } from './star-rating.js';
import type { CategoryScore, InspectionScore, ItemResult } from './types.js';

const STANDARDS = DEFAULT_CATALOGUE.standards;

function std(code: string): Standard {
  const found = STANDARDS.find((s) => s.code === code);
  if (!found) throw new Error(`no ${code}`);
  return found;
}

/** Random item results over distinct standards of the default catalogue. */
const resultsArb = fc
  .uniqueArray(fc.integer({ min: 0, max: STANDARDS.length - 1 }), { minLength: 1, maxLength: 60 })
  .chain((indexes) =>
    fc.tuple(
      ...indexes.map((index) => {
        const standard = STANDARDS[index] as Standard;
        const max = standard.scoring.mode === 'graded' ? standard.scoring.max : 0;
        return fc.record({
          code: fc.constant(standard.code),
          outcome: fc.constantFrom<ItemResult['outcome']>('pass', 'fail', 'na'),
          score:
            max > 0 ? fc.option(fc.integer({ min: 0, max }), { nil: undefined }) : fc.constant(undefined),
        });
      }),
    ),
  )
  .map((items) =>
    items.map(({ code, outcome, score }): ItemResult =>
      score === undefined ? { code, outcome } : { code, outcome, score },
    ),
  );

describe('scoreInspection', () => {
  it('weights items and excludes n.a. from the denominator', () => {
    // A-01 weight 3 (binary), A-04 weight 3 (binary), A-13 weight 3 (binary), A-07 weight 2 (binary)
    const result = scoreInspection(DEFAULT_CATALOGUE, [
      { code: 'A-01', outcome: 'pass' },
      { code: 'A-04', outcome: 'pass' },
      { code: 'A-07', outcome: 'fail', note: '日志缺三天' },
      { code: 'A-13', outcome: 'na' },
    ]);
    expect(result.possible).toBe(8);
    expect(result.earned).toBe(6);
    expect(result.score).toBe(75);
    expect(result.complianceRate).toBeCloseTo(2 / 3, 4);
    expect(result.notApplicable).toBe(1);
    expect(result.categories).toEqual([
      { category: 'A', earned: 6, possible: 8, passed: 2, failed: 1, notApplicable: 1, score: 75 },
    ]);
  });

  it('scores graded items proportionally and lists failed critical standards', () => {
    // weight 4, graded of 5; C-05: weight 5, critical.
    const result = scoreInspection(DEFAULT_CATALOGUE, [
      { code: 'A-02', outcome: 'pass', score: 3 },
      { code: 'C-05', outcome: 'fail' },
    ]);
    expect(result.earned).toBeCloseTo(2.4, 10);
    expect(result.score).toBe(26.67);
    expect(result.criticalFailures).toEqual(['C-05']);
  });

  it('returns null scores when nothing is applicable', () => {
    const result = scoreInspection(DEFAULT_CATALOGUE, [{ code: 'A-01', outcome: 'na' }]);
    expect(result.score).toBeNull();
    expect(result.complianceRate).toBeNull();
  });

  it('reports and neutralises malformed results', () => {
    const result = scoreInspection(DEFAULT_CATALOGUE, [
      { code: 'Z-99', outcome: 'pass' },
      { code: 'A-01', outcome: 'pass', score: 3 },
      { code: 'A-01', outcome: 'fail' },
      { code: 'A-02', outcome: 'pass', score: 9 },
    ]);
    expect(result.problems.map((p) => p.code)).toEqual([
      'unknown_standard',
      'score_on_binary',
      'duplicate_item',
      'score_out_of_range',
    ]);
    expect(result.score).toBe(100);
  });

  it('always stays within 0..100, also per category', () => {
    fc.assert(
      fc.property(resultsArb, (results) => {
        const result = scoreInspection(DEFAULT_CATALOGUE, results);
        const scores = [result.score, ...result.categories.map((c) => c.score)];
        for (const score of scores) {
          if (score !== null) {
            expect(score).toBeGreaterThanOrEqual(0);
            expect(score).toBeLessThanOrEqual(100);
          }
        }
        expect(result.earned).toBeLessThanOrEqual(result.possible + 1e-9);
      }),
    );
  });

  it('never drops when a failed item is turned into a passed one', () => {
    fc.assert(
      fc.property(resultsArb, fc.nat(), (results, pick) => {
        const failed = results.map((r, i) => ({ r, i })).filter(({ r }) => r.outcome === 'fail');
        fc.pre(failed.length > 0);
        const target = failed[pick % failed.length];
        if (!target) return;
        const improved = results.map((r, i) =>
          i === target.i ? { code: r.code, outcome: 'pass' as const } : r,
        );
        const before = scoreInspection(DEFAULT_CATALOGUE, results);
        const after = scoreInspection(DEFAULT_CATALOGUE, improved);
        expect(after.score ?? 0).toBeGreaterThanOrEqual(before.score ?? 0);
        expect(after.complianceRate ?? 0).toBeGreaterThan(before.complianceRate ?? 0);
      }),
    );
  });

  it('never drops when a graded score goes up, and is unchanged by adding n.a. items', () => {
    const graded = STANDARDS.filter((s) => s.scoring.mode === 'graded');
    fc.assert(
      fc.property(
        fc.constantFrom(...graded),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 10 }),
        resultsArb,
        (standard, a, b, others) => {
          const max = standard.scoring.mode === 'graded' ? standard.scoring.max : 1;
          const low = Math.min(a, b, max);
          const high = Math.min(Math.max(a, b), max);
          const rest = others.filter((r) => r.code !== standard.code);
          const lowScore = scoreInspection(DEFAULT_CATALOGUE, [
            ...rest,
            { code: standard.code, outcome: 'pass', score: low },
          ]);
          const highScore = scoreInspection(DEFAULT_CATALOGUE, [
            ...rest,
            { code: standard.code, outcome: 'pass', score: high },
          ]);
          expect(highScore.score ?? 0).toBeGreaterThanOrEqual(lowScore.score ?? 0);
          const withNa = scoreInspection(DEFAULT_CATALOGUE, [
            ...rest,
            { code: standard.code, outcome: 'na' },
          ]);
          expect(withNa.score).toEqual(scoreInspection(DEFAULT_CATALOGUE, rest).score);
        },
      ),
    );
  });
});

function inspection(score: number | null, extra: Partial<InspectionScore> = {}): InspectionScore {
  return {
    earned: 0,
    possible: 0,
    passed: 0,
    failed: 0,
    notApplicable: 0,
    score,
    categories: [],
    complianceRate: null,
    criticalFailures: [],
    problems: [],
    ...extra,
  };
}

describe('scoreRound', () => {
  it('averages within a kind, then weights kinds; self-inspections do not count', () => {
    const round = scoreRound([
      { kind: 'self', result: inspection(10) },
      { kind: 'weekly', result: inspection(80) },
      { kind: 'weekly', result: inspection(60) },
      { kind: 'monthly', result: inspection(90) },
      { kind: 'quarterly', result: inspection(100) },
    ]);
    // (0.25*70 + 0.25*90 + 0.35*100) / 0.85
    expect(round.score).toBe(88.24);
    expect(round.inspectionsCounted).toBe(4);
    expect(round.byKind.find((k) => k.kind === 'weekly')).toMatchObject({ count: 2, meanScore: 70 });
  });

  it('pools categories and critical failures over counted inspections only', () => {
    const round = scoreRound([
      {
        kind: 'weekly',
        result: inspection(50, {
          passed: 1,
          failed: 1,
          criticalFailures: ['E-01'],
          categories: [
            { category: 'E', earned: 5, possible: 10, passed: 1, failed: 1, notApplicable: 0, score: 50 },
          ],
        }),
      },
      {
        kind: 'self',
        result: inspection(0, {
          failed: 5,
          criticalFailures: ['C-05'],
          categories: [
            { category: 'C', earned: 0, possible: 10, passed: 0, failed: 5, notApplicable: 0, score: 0 },
          ],
        }),
      },
    ]);
    expect(round.categories.map((c) => c.category)).toEqual(['E']);
    expect(round.criticalFailures).toEqual(['E-01']);
    expect(round.complianceRate).toBe(0.5);
  });

  it('has no score without counted inspections', () => {
    expect(scoreRound([{ kind: 'self', result: inspection(90) }]).score).toBeNull();
    expect(scoreRound([]).score).toBeNull();
  });
});

describe('star rating', () => {
  it('uses the default bands', () => {
    expect([95, 90, 89.99, 80, 75, 60, 59.99, 0].map((s) => starsForScore(s))).toEqual([
      5, 5, 4, 4, 3, 2, 1, 1,
    ]);
  });

  it('caps at two stars while a critical finding is open', () => {
    expect(starRating(95, { openCriticalFailures: 1 })).toMatchObject({
      stars: 2,
      uncappedStars: 5,
      capped: true,
    });
    expect(starRating(95, { openCriticalFailures: 0 })).toMatchObject({ stars: 5, capped: false });
    expect(starRating(55, { openCriticalFailures: 3 })).toMatchObject({ stars: 1, capped: false });
    expect(starRating(95, { openCriticalFailures: 1, criticalCapStars: 3 }).stars).toBe(3);
  });

  it('is monotone in the score', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          expect(starsForScore(high)).toBeGreaterThanOrEqual(starsForScore(low));
        },
      ),
    );
  });

  it('validates band tables', () => {
    expect(validateStarBands(DEFAULT_STAR_BANDS)).toEqual([]);
    expect(validateStarBands([])).toHaveLength(1);
    expect(
      validateStarBands([
        { minScore: 90, stars: 3 },
        { minScore: 80, stars: 4 },
      ]).map((r) => r.code),
    ).toContain('bands_not_increasing');
    expect(validateStarBands([{ minScore: 120, stars: 5 }]).map((r) => r.code)).toContain('band_min_score');
  });
});

describe('keyAreas', () => {
  const category = (code: CategoryScore['category'], score: number | null): CategoryScore => ({
    category: code,
    score,
    earned: 0,
    possible: 0,
    passed: 0,
    failed: 0,
    notApplicable: 0,
  });

  it('picks the weakest categories, ties by code, skipping unscored ones', () => {
    const scores = [
      category('H', 70),
      category('B', 60),
      category('A', 70),
      category('E', null),
      category('C', 95),
    ];
    expect(keyAreas(scores, 3)).toEqual(['B', 'A', 'H']);
    expect(keyAreas(scores, 1)).toEqual(['B']);
    expect(keyAreas(scores, 10)).toEqual(['B', 'A', 'H', 'C']);
    expect(keyAreas(scores, 0)).toEqual([]);
  });
});

describe('assessStage', () => {
  const passing: StageAssessmentInput = {
    stage: 'improvement',
    roundScore: 82,
    openCriticalRectifications: 0,
    inspectionsCompleted: 15,
    inspectionsMissed: 1,
  };

  it('passes with reasons for every met condition', () => {
    const verdict = assessStage(passing);
    expect(verdict.ok).toBe(true);
    expect(verdict.reasons).toEqual([]);
    expect(verdict.met.map((r) => r.code)).toEqual([
      'score_meets_minimum',
      'stars_meet_minimum',
      'no_open_critical_rectifications',
      'inspections_completed',
    ]);
    expect(verdict.stars).toBe(4);
  });

  it('names each unmet condition', () => {
    const verdict = assessStage({
      ...passing,
      roundScore: 65,
      openCriticalRectifications: 1,
      inspectionsMissed: 5,
    });
    expect(verdict.ok).toBe(false);
    expect(verdict.reasons.map((r) => r.code)).toEqual([
      'score_below_minimum',
      'stars_below_minimum',
      'open_critical_rectifications',
      'too_many_missed_inspections',
    ]);
    for (const reason of verdict.reasons) {
      expect(reason.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(reason.en.length).toBeGreaterThan(5);
    }
  });

  it('lets the critical cap fail the star requirement even with a high score', () => {
    const verdict = assessStage({ ...passing, roundScore: 95, openCriticalRectifications: 1 });
    expect(verdict.stars).toBe(2);
    expect(verdict.reasons.map((r) => r.code)).toContain('stars_below_minimum');
  });

  it('asks more of consolidation, including the archive', () => {
    const consolidation = assessStage({ ...passing, stage: 'consolidation', roundScore: 78 });
    expect(consolidation.reasons.map((r) => r.code)).toEqual([
      'score_below_minimum',
      'stars_below_minimum',
      'archive_incomplete',
    ]);
    expect(
      assessStage({ ...passing, stage: 'consolidation', roundScore: 86, archiveComplete: true }).ok,
    ).toBe(true);
  });

  it('fails without a score or without scheduled inspections', () => {
    const verdict = assessStage({
      ...passing,
      roundScore: null,
      inspectionsCompleted: 0,
      inspectionsMissed: 0,
    });
    expect(verdict.reasons.map((r) => r.code)).toEqual(['no_score', 'no_inspections']);
  });
});

describe('demonstrationEligibility', () => {
  const eligible: DemonstrationInput = {
    stage: 'rollout',
    phase: 'eligible',
    paused: false,
    latestRoundScore: 91,
    complianceRate: 0.89,
    openCriticalRectifications: 0,
    overdueOpenRectifications: 0,
  };

  it('accepts a strong rollout-stage compound', () => {
    expect(demonstrationEligibility(eligible)).toMatchObject({ ok: true, reasons: [] });
  });

  it('explains every obstacle', () => {
    const verdict = demonstrationEligibility({
      ...eligible,
      stage: 'consolidation',
      phase: 'final_assessment',
      paused: true,
      latestRoundScore: 78,
      complianceRate: 0.62,
      overdueOpenRectifications: 2,
    });
    expect(verdict.ok).toBe(false);
    expect(verdict.reasons.map((r) => r.code)).toEqual([
      'stage_not_rollout',
      'paused',
      'score_below_minimum',
      'stars_below_minimum',
      'compliance_below_minimum',
      'overdue_rectifications',
    ]);
  });

  it('refuses a compound that already is a demonstration compound or has open critical items', () => {
    expect(
      demonstrationEligibility({ ...eligible, phase: 'demonstration' }).reasons.map((r) => r.code),
    ).toEqual(['already_demonstration']);
    expect(
      demonstrationEligibility({ ...eligible, openCriticalRectifications: 1 }).reasons.map((r) => r.code),
    ).toEqual(['stars_below_minimum', 'open_critical_rectifications']);
  });
});

describe('defaultSeverity', () => {
  it('follows criticality, then weight', () => {
    expect(defaultSeverity(std('E-01'))).toBe('critical');
    expect(defaultSeverity(std('A-05'))).toBe('major');
    expect(defaultSeverity(std('F-06'))).toBe('minor');
  });
});

it('uses a catalogue type that a custom catalogue satisfies', () => {
  const tiny: Pick<CatalogueVersion, 'categories' | 'standards'> = {
    categories: [{ code: 'A', name: { zh: '综合', en: 'General' }, scope: '测试' }],
    standards: [{ ...std('A-01'), weight: 1 }],
  };
  expect(scoreInspection(tiny, [{ code: 'A-01', outcome: 'pass' }]).score).toBe(100);
});

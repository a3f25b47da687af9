import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EVALUATION_COMPONENTS,
  EVALUATION_RULES_1,
  EVALUATION_RULES_2,
  evaluateFirm,
  evaluationRulesSchema,
  type EvaluationComponent,
  type EvaluationFacts,
} from './evaluation.js';

const COMPONENTS = Object.keys(EVALUATION_COMPONENTS) as EvaluationComponent[];
/** A value for each component in a plausible range (rates 0–1, scores 0–100, stars 1–5, findings 0–10). */
const RANGES: Record<EvaluationComponent, [number, number]> = {
  roundScore: [0, 100],
  stars: [1, 5],
  rectificationOnTime: [0, 1],
  rectificationReopened: [0, 1],
  inspectionsMissed: [0, 1],
  maintenanceOnTime: [0, 1],
  matterResolution: [0, 1],
  matterSatisfaction: [0, 1],
  patrolFindings: [0, 10],
};
const value = (c: EvaluationComponent) =>
  fc.double({ min: RANGES[c][0], max: RANGES[c][1], noNaN: true, noDefaultInfinity: true });
const facts = fc.record(
  Object.fromEntries(COMPONENTS.map((c) => [c, fc.option(value(c), { nil: null })])) as Record<
    EvaluationComponent,
    fc.Arbitrary<number | null>
  >,
);
/** The shipped rule sets, which the properties hold for alike. */
const ruleSets = fc.constantFrom(EVALUATION_RULES_1, EVALUATION_RULES_2);
const GRADE_ORDER = EVALUATION_RULES_1.grades.map((g) => g.grade);
const rank = (grade: string | null) =>
  grade === null ? -1 : GRADE_ORDER.length - GRADE_ORDER.indexOf(grade);

describe('激励评价: a firm’s score and grade', () => {
  it('ships rule sets their own schema accepts', () => {
    expect(evaluationRulesSchema.parse(EVALUATION_RULES_1)).toEqual(EVALUATION_RULES_1);
    expect(evaluationRulesSchema.parse(EVALUATION_RULES_2)).toEqual(EVALUATION_RULES_2);
    expect(EVALUATION_RULES_2.grades).toEqual(EVALUATION_RULES_1.grades);
  });

  it('explains itself: the contributions and the bonus add up to the score', () => {
    fc.assert(
      fc.property(ruleSets, facts, fc.nat(10), (rules, measured, cases) => {
        const result = evaluateFirm(rules, { ...measured, publishedCases: cases });
        if (result.score === null) return;
        const sum = result.components.reduce((total, part) => total + part.contribution, 0) + result.bonus;
        expect(sum).toBeCloseTo(result.score, 9);
        expect(result.score).toBeLessThanOrEqual(100 + 1e-9);
        const carried = result.components.reduce((total, part) => total + part.effectiveWeight, 0);
        expect(carried).toBeCloseTo(1, 9);
      }),
    );
  });

  it('never lowers the grade for a better value of any component', () => {
    fc.assert(
      fc.property(
        ruleSets,
        facts,
        fc.constantFrom(...COMPONENTS),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (rules, measured, component, step) => {
          const now = measured[component];
          if (now === null) return;
          const [low, high] = RANGES[component];
          const better =
            EVALUATION_COMPONENTS[component].better === 'higher'
              ? now + (high - now) * step
              : now - (now - low) * step;
          const before = evaluateFirm(rules, measured);
          const after = evaluateFirm(rules, { ...measured, [component]: better });
          expect(after.score!).toBeGreaterThanOrEqual(before.score! - 1e-9);
          expect(rank(after.grade)).toBeGreaterThanOrEqual(rank(before.grade));
        },
      ),
    );
  });

  it('gives an unmeasured component’s weight to the measured ones (pilot data alone still grades)', () => {
    const pilotOnly: EvaluationFacts = { roundScore: 92, stars: 4, rectificationOnTime: 0.95 };
    const result = evaluateFirm(EVALUATION_RULES_1, pilotOnly);
    const share = (c: EvaluationComponent) => result.components.find((p) => p.component === c)!;
    expect(share('matterSatisfaction')).toMatchObject({ value: null, points: null, effectiveWeight: 0 });
    // 0.35, 0.1 and 0.15 of the set carry all of it: 0.35 / 0.6 and so on.
    expect(share('roundScore').effectiveWeight).toBeCloseTo(0.35 / 0.6, 12);
    expect(result.score).toBeCloseTo((0.35 * (32 / 35) * 100 + 0.1 * 75 + 0.15 * 90) / 0.6, 9);
    expect(result.grade).toBe('AA');
    expect(result.next?.grade).toBe('AAA');
    expect(result.next!.needs).toBeCloseTo(90 - result.score!, 9);
    expect(evaluateFirm(EVALUATION_RULES_1, {})).toMatchObject({ score: null, grade: null, next: null });
  });

  it('adds 三微案例 points up to their cap, never past 100', () => {
    const full = Object.fromEntries(
      EVALUATION_RULES_1.components.map((p) => [p.component, p.best]),
    ) as EvaluationFacts;
    expect(evaluateFirm(EVALUATION_RULES_1, { ...full, publishedCases: 3 })).toMatchObject({
      score: 100,
      bonus: 0,
      grade: 'AAA',
      next: null,
    });
    const middling = { roundScore: 80, matterSatisfaction: 0.8 };
    const base = evaluateFirm(EVALUATION_RULES_1, middling).score!;
    expect(evaluateFirm(EVALUATION_RULES_1, { ...middling, publishedCases: 2 }).bonus).toBe(2);
    expect(evaluateFirm(EVALUATION_RULES_1, { ...middling, publishedCases: 9 }).score).toBeCloseTo(
      base + 5,
      9,
    );
  });

  it('refuses a rule set whose weights, directions, grades or components do not hold together', () => {
    const { version: _v, ...rest } = EVALUATION_RULES_1;
    const paths = (input: unknown) =>
      evaluationRulesSchema.safeParse(input).error?.issues.map((i) => i.path.join('.')) ?? [];
    expect(paths({ ...rest, version: 2, components: EVALUATION_RULES_1.components.slice(1) })).toEqual([
      'components',
    ]);
    const [first, ...others] = EVALUATION_RULES_1.components;
    expect(
      paths({ ...rest, version: 2, components: [{ ...first!, best: 50, worst: 90 }, ...others] }),
    ).toEqual(['components.0.best']);
    // The last component replaced by a second 检查评分 of the same weight: the sum still holds.
    const last = EVALUATION_RULES_1.components.at(-1)!;
    const twice = [...EVALUATION_RULES_1.components.slice(0, -1), { ...first!, weight: last.weight }];
    expect(paths({ ...rest, version: 2, components: twice })).toEqual([
      `components.${twice.length - 1}.component`,
    ]);
    expect(
      paths({
        ...rest,
        version: 2,
        grades: [
          { grade: 'A', from: 70 },
          { grade: 'AA', from: 80 },
          { grade: 'C', from: 10 },
        ],
      }),
    ).toEqual(['grades.1.from', 'grades.2.from', 'lists.red.grade']);
    // The lists name grades of the set, and no grade proposes both lists.
    expect(
      paths({
        ...rest,
        version: 2,
        lists: { ...rest.lists, black: { ...rest.lists.black, grades: ['AAA', 'D'] } },
      }),
    ).toEqual(['lists.black.grades.0', 'lists.black.grades.1']);
  });
});

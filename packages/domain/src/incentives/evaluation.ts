// 激励评价: a period's facts about a firm turned into a score out of 100 and a grade, by a versioned
// rule set an admin publishes (weights and thresholds are data). Every score explains itself: each
// component's value, the points it earned, the weight it carried and its share of the score, so a
// firm can see why it got B and what would move it to A. A component with no facts in the period
// (no matters yet, no patrol) leaves its weight to the measured ones, so the evaluation works on
// pilot data alone and takes matters in when there are some.
import * as z from 'zod';
import { localizedParams } from '../schemas/custom-issue.js';
import { deepFreeze } from '../shared/deep-freeze.js';

/** What the evaluation weighs, and which way is better. */
export const EVALUATION_COMPONENTS = {
  /** Mean score of the pilot rounds evaluated in the period (0–100). */
  roundScore: { better: 'higher', zh: '检查评分', en: 'Inspection score' },
  /** Mean star rating of those rounds (1–5). */
  stars: { better: 'higher', zh: '星级', en: 'Star rating' },
  /** Share of rectifications closed within their deadline (0–1). */
  rectificationOnTime: { better: 'higher', zh: '整改按期率', en: 'Rectifications on time' },
  /** Share of rectifications reopened after an answer was rejected (0–1). */
  rectificationReopened: { better: 'lower', zh: '整改返工率', en: 'Rectifications reopened' },
  /** Share of scheduled inspections missed (0–1). */
  inspectionsMissed: { better: 'lower', zh: '检查缺项率', en: 'Inspections missed' },
  /** Share of the register's maintenance due in the period done by its due day (0–1). */
  maintenanceOnTime: { better: 'higher', zh: '设备维保按期率', en: 'Equipment maintenance on time' },
  /** 解决率 of the firm's matters (0–1). */
  matterResolution: { better: 'higher', zh: '诉求解决率', en: 'Matters solved' },
  /** 满意率 of the firm's rated matters (0–1). */
  matterSatisfaction: { better: 'higher', zh: '群众满意率', en: 'Resident satisfaction' },
  /** Patrol findings per compound served in the period. */
  patrolFindings: { better: 'lower', zh: '巡查问题数（每小区）', en: 'Patrol findings per compound' },
} as const;
export type EvaluationComponent = keyof typeof EVALUATION_COMPONENTS;
const COMPONENT_IDS = Object.keys(EVALUATION_COMPONENTS) as [EvaluationComponent, ...EvaluationComponent[]];

const weightedComponentSchema = z
  .object({
    component: z.enum(COMPONENT_IDS),
    /** Share of the score, 0–1; the weights of a rule set add up to 1. */
    weight: z.number().min(0).max(1),
    /** The value that earns full points and the one that earns none (in the component's direction). */
    best: z.number(),
    worst: z.number(),
  })
  .superRefine((part, ctx) => {
    const better = EVALUATION_COMPONENTS[part.component].better;
    if (better === 'higher' ? part.best <= part.worst : part.best >= part.worst) {
      ctx.addIssue({
        code: 'custom',
        path: ['best'],
        params: localizedParams(
          better === 'higher' ? '满分值必须高于零分值。' : '此项越低越好：满分值必须低于零分值。',
          better === 'higher'
            ? 'The full-points value must be above the no-points value.'
            : 'Lower is better here: the full-points value must be below the no-points value.',
        ),
      });
    }
  });

/**
 * 红榜 / 黑榜 rules as data: which grade held how many periods in a row proposes a firm for the red
 * list, and which signals propose it for the black list. A proposal is only a candidate; an admin
 * confirms it with a reason (see lists.ts).
 */
export const listRulesSchema = z.object({
  red: z.object({
    /** The grade to hold (normally the top one) … */
    grade: z.string().trim().min(1).max(10),
    /** … in this many periods of the same kind in a row, this one included. */
    consecutive: z.number().int().min(1).max(12),
  }),
  black: z.object({
    /** Grades that propose a firm by themselves (normally the lowest). */
    grades: z.array(z.string().trim().min(1).max(10)).max(10),
    /** A critical rectification still open after its deadline at the period's end. */
    criticalOverdue: z.boolean(),
    /** Rectifications reopened in the period (an answer rejected) at or above this count; null: off. */
    reopenedAtLeast: z.number().int().min(1).max(100).nullable(),
  }),
});
export type ListRules = z.infer<typeof listRulesSchema>;

export const DEFAULT_LIST_RULES: ListRules = deepFreeze({
  red: { grade: 'AAA', consecutive: 2 },
  black: { grades: ['C'], criticalOverdue: true, reopenedAtLeast: 3 },
});

/** The fields of a rule set, before the checks that span fields (the draft form reuses them). */
export const evaluationRulesFields = {
  version: z.number().int().min(1),
  components: z.array(weightedComponentSchema).min(1).max(COMPONENT_IDS.length),
  /** Bonus points per published 三微案例 case, up to a cap (never past 100). */
  casePoints: z.number().min(0).max(10),
  caseCap: z.number().min(0).max(20),
  /** Grades from the best down, each with the lowest score that earns it; the last starts at 0. */
  grades: z
    .array(z.object({ grade: z.string().trim().min(1).max(10), from: z.number().min(0).max(100) }))
    .min(2)
    .max(10),
  /** Sets stored before the lists existed read with the default rules. */
  lists: listRulesSchema.default(DEFAULT_LIST_RULES),
};

type RulesBody = Omit<EvaluationRulesShape, 'version'>;
type EvaluationRulesShape = z.infer<z.ZodObject<typeof evaluationRulesFields>>;

/** The checks across fields, shared by the stored set and the draft form (field-level messages). */
export function checkEvaluationRules(rules: RulesBody, ctx: z.RefinementCtx): void {
  const total = rules.components.reduce((sum, part) => sum + part.weight, 0);
  if (Math.abs(total - 1) > 1e-9) {
    ctx.addIssue({
      code: 'custom',
      path: ['components'],
      params: localizedParams(
        `各项权重之和必须为 100%（现为 ${Math.round(total * 1000) / 10}%）。`,
        `The weights must add up to 100% (they add up to ${Math.round(total * 1000) / 10}%).`,
      ),
    });
  }
  const seen = new Set<string>();
  rules.components.forEach((part, index) => {
    if (seen.has(part.component)) {
      ctx.addIssue({
        code: 'custom',
        path: ['components', index, 'component'],
        params: localizedParams('同一项不能出现两次。', 'A component may appear once only.'),
      });
    }
    seen.add(part.component);
  });
  rules.grades.forEach((grade, index) => {
    const previous = rules.grades[index - 1];
    if (previous && grade.from >= previous.from) {
      ctx.addIssue({
        code: 'custom',
        path: ['grades', index, 'from'],
        params: localizedParams(
          '等级须从高到低排列，分数线逐级降低。',
          'Grades run from the best down, each threshold lower.',
        ),
      });
    }
  });
  if (rules.grades.at(-1)?.from !== 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['grades', rules.grades.length - 1, 'from'],
      params: localizedParams('最低一级的分数线必须为 0。', 'The lowest grade must start at 0.'),
    });
  }
  const names = new Set(rules.grades.map((g) => g.grade));
  if (!names.has(rules.lists.red.grade)) {
    ctx.addIssue({
      code: 'custom',
      path: ['lists', 'red', 'grade'],
      params: localizedParams(
        `红榜等级「${rules.lists.red.grade}」不在本规则的等级中。`,
        `The red-list grade "${rules.lists.red.grade}" is not one of this set's grades.`,
      ),
    });
  }
  rules.lists.black.grades.forEach((grade, index) => {
    if (!names.has(grade)) {
      ctx.addIssue({
        code: 'custom',
        path: ['lists', 'black', 'grades', index],
        params: localizedParams(
          `黑榜等级「${grade}」不在本规则的等级中。`,
          `The black-list grade "${grade}" is not one of this set's grades.`,
        ),
      });
    }
    if (grade === rules.lists.red.grade) {
      ctx.addIssue({
        code: 'custom',
        path: ['lists', 'black', 'grades', index],
        params: localizedParams(
          '同一等级不能既上红榜又上黑榜。',
          'One grade cannot propose both the red and the black list.',
        ),
      });
    }
  });
}

export const evaluationRulesSchema = z.object(evaluationRulesFields).superRefine(checkEvaluationRules);
export type EvaluationRules = z.infer<typeof evaluationRulesSchema>;

/**
 * Rule set 1: the inspections carry half the score (as the pilot's own assessment does), the loops
 * of rectification and of residents' matters the rest; grades as in city credit schemes.
 */
export const EVALUATION_RULES_1: EvaluationRules = deepFreeze({
  version: 1,
  components: [
    { component: 'roundScore', weight: 0.35, best: 95, worst: 60 },
    { component: 'stars', weight: 0.1, best: 5, worst: 1 },
    { component: 'rectificationOnTime', weight: 0.15, best: 1, worst: 0.5 },
    { component: 'rectificationReopened', weight: 0.05, best: 0, worst: 0.3 },
    { component: 'inspectionsMissed', weight: 0.05, best: 0, worst: 0.2 },
    { component: 'matterResolution', weight: 0.1, best: 1, worst: 0.7 },
    { component: 'matterSatisfaction', weight: 0.15, best: 1, worst: 0.6 },
    { component: 'patrolFindings', weight: 0.05, best: 0, worst: 6 },
  ],
  casePoints: 1,
  caseCap: 5,
  grades: [
    { grade: 'AAA', from: 90 },
    { grade: 'AA', from: 80 },
    { grade: 'A', from: 70 },
    { grade: 'B', from: 60 },
    { grade: 'C', from: 0 },
  ],
  lists: DEFAULT_LIST_RULES,
});

/**
 * Rule set 2: rule set 1 with the firm's own equipment maintenance (设备维保按期率, from the trace
 * records) weighed too, its share taken from the inspection score, which already reads the records
 * in part. Shipped as a draft for an admin to publish; periods computed before keep rule set 1.
 */
export const EVALUATION_RULES_2: EvaluationRules = deepFreeze({
  version: 2,
  components: [
    { component: 'roundScore', weight: 0.3, best: 95, worst: 60 },
    { component: 'stars', weight: 0.1, best: 5, worst: 1 },
    { component: 'rectificationOnTime', weight: 0.15, best: 1, worst: 0.5 },
    { component: 'rectificationReopened', weight: 0.05, best: 0, worst: 0.3 },
    { component: 'inspectionsMissed', weight: 0.05, best: 0, worst: 0.2 },
    { component: 'maintenanceOnTime', weight: 0.05, best: 1, worst: 0.6 },
    { component: 'matterResolution', weight: 0.1, best: 1, worst: 0.7 },
    { component: 'matterSatisfaction', weight: 0.15, best: 1, worst: 0.6 },
    { component: 'patrolFindings', weight: 0.05, best: 0, worst: 6 },
  ],
  casePoints: 1,
  caseCap: 5,
  grades: [
    { grade: 'AAA', from: 90 },
    { grade: 'AA', from: 80 },
    { grade: 'A', from: 70 },
    { grade: 'B', from: 60 },
    { grade: 'C', from: 0 },
  ],
  lists: DEFAULT_LIST_RULES,
});

/** A period's facts about one firm: a value per component, or null when nothing was measured. */
export type EvaluationFacts = Partial<Record<EvaluationComponent, number | null>> & {
  /** 三微案例 cases of the firm published in the period. */
  publishedCases?: number;
};

export interface ComponentExplanation {
  component: EvaluationComponent;
  value: number | null;
  /** 0–100: where the value sits between the no-points and the full-points value. */
  points: number | null;
  /** The weight the rule set gives it, and the weight it carried (0 when unmeasured). */
  weight: number;
  effectiveWeight: number;
  /** Its share of the score: points × effective weight. */
  contribution: number;
}

export interface FirmEvaluation {
  rulesVersion: number;
  /** 0–100, the sum of the contributions and the bonus; null when nothing was measured at all. */
  score: number | null;
  grade: string | null;
  components: ComponentExplanation[];
  bonus: number;
  /** The next grade up and the points it needs; null at the top (or with no score). */
  next: { grade: string; needs: number } | null;
}

function pointsOf(value: number, best: number, worst: number): number {
  const share = (value - worst) / (best - worst);
  return Math.min(1, Math.max(0, share)) * 100;
}

/** The grade a score earns under `rules`. */
export function gradeOf(rules: EvaluationRules, score: number): string {
  return (rules.grades.find((g) => score >= g.from) ?? rules.grades.at(-1)!).grade;
}

export function evaluateFirm(rules: EvaluationRules, facts: EvaluationFacts): FirmEvaluation {
  const measured = rules.components.filter((part) => typeof facts[part.component] === 'number');
  const measuredWeight = measured.reduce((sum, part) => sum + part.weight, 0);
  const components = rules.components.map((part): ComponentExplanation => {
    const value = facts[part.component];
    if (typeof value !== 'number' || measuredWeight === 0) {
      return {
        component: part.component,
        value: null,
        points: null,
        weight: part.weight,
        effectiveWeight: 0,
        contribution: 0,
      };
    }
    const points = pointsOf(value, part.best, part.worst);
    const effectiveWeight = part.weight / measuredWeight;
    return {
      component: part.component,
      value,
      points,
      weight: part.weight,
      effectiveWeight,
      contribution: points * effectiveWeight,
    };
  });
  if (measured.length === 0 || measuredWeight === 0) {
    return { rulesVersion: rules.version, score: null, grade: null, components, bonus: 0, next: null };
  }
  const base = components.reduce((sum, part) => sum + part.contribution, 0);
  const cases = Math.max(0, Math.floor(facts.publishedCases ?? 0));
  const bonus = Math.min(cases * rules.casePoints, rules.caseCap, 100 - base);
  const score = base + bonus;
  const grade = gradeOf(rules, score);
  const index = rules.grades.findIndex((g) => g.grade === grade);
  const up = index > 0 ? rules.grades[index - 1]! : null;
  return {
    rulesVersion: rules.version,
    score,
    grade,
    components,
    bonus,
    next: up ? { grade: up.grade, needs: up.from - score } : null,
  };
}

import {
  EVALUATION_COMPONENTS,
  evaluationRulesSchema,
  instantSchema,
  localDateSchema,
  SOURCE_KINDS,
} from '@pilot/domain';
import * as z from 'zod';
import { refSchema } from '../pilots/pilot.dto.js';

const localized = z.object({ zh: z.string(), en: z.string() });
const componentIds = Object.keys(EVALUATION_COMPONENTS) as [
  keyof typeof EVALUATION_COMPONENTS,
  ...Array<keyof typeof EVALUATION_COMPONENTS>,
];

/** One version of the 激励评价 rules; version 1 ships with the code (`builtIn`, no row). */
export const evaluationRuleSetSchema = z.object({
  version: z.number().int(),
  status: z.enum(['draft', 'published']),
  rules: evaluationRulesSchema,
  note: z.string().nullable(),
  builtIn: z.boolean(),
  createdAt: instantSchema.nullable(),
  publishedAt: instantSchema.nullable(),
  publishedBy: refSchema.nullable(),
});
export const evaluationRuleSetListSchema = z.object({
  /** The set periods are computed with. */
  current: evaluationRuleSetSchema,
  /** The next version an admin is preparing, if any. */
  draft: evaluationRuleSetSchema.nullable(),
  versions: z.array(evaluationRuleSetSchema),
});

export const evaluationPeriodSchema = z.object({
  id: z.string(),
  kind: z.enum(['month', 'quarter']),
  startsOn: localDateSchema,
  endsOn: localDateSchema,
  ruleVersion: z.number().int(),
  status: z.enum(['draft', 'published']),
  computedAt: instantSchema,
  publishedAt: instantSchema.nullable(),
  publishedBy: refSchema.nullable(),
  /** Firms ranked, and 红/黑榜 candidates still waiting for an admin. */
  firms: z.number().int(),
  candidates: z.number().int(),
});
export const evaluationPeriodListSchema = z.object({ items: z.array(evaluationPeriodSchema) });

export const computeResultSchema = z.object({
  period: evaluationPeriodSchema,
  evaluated: z.number().int(),
  /** Candidates proposed by this computation (0 when all were proposed before). */
  proposed: z.number().int(),
});

export const rankingRowSchema = z.object({
  rank: z.number().int(),
  previousRank: z.number().int().nullable(),
  /** Places gained since the previous period of the same kind (negative: lost); null: not ranked then. */
  movement: z.number().int().nullable(),
  firm: refSchema,
  score: z.number(),
  grade: z.string(),
  previousGrade: z.string().nullable(),
  listStatus: z.enum(['none', 'red', 'black']),
});
export const rankingSchema = z.object({
  period: evaluationPeriodSchema,
  previousPeriodId: z.string(),
  rows: z.array(rankingRowSchema),
});

const sourceRefsSchema = z.object({
  kind: z.enum(SOURCE_KINDS),
  ids: z.array(z.string()),
  count: z.number().int(),
});

/** How `evaluateFirm`'s explanation is stored (FirmEvaluation.explanation). */
export const storedExplanationSchema = z.object({
  rulesVersion: z.number().int(),
  score: z.number().nullable(),
  grade: z.string().nullable(),
  components: z.array(
    z.object({
      component: z.enum(componentIds),
      value: z.number().nullable(),
      points: z.number().nullable(),
      weight: z.number(),
      effectiveWeight: z.number(),
      contribution: z.number(),
    }),
  ),
  bonus: z.number(),
  next: z.object({ grade: z.string(), needs: z.number() }).nullable(),
});
export const storedSourcesSchema = z.record(z.string(), sourceRefsSchema);

export const firmEvaluationSchema = z.object({
  period: evaluationPeriodSchema,
  firm: refSchema,
  score: z.number(),
  grade: z.string(),
  rank: z.number().int(),
  previousRank: z.number().int().nullable(),
  previousGrade: z.string().nullable(),
  movement: z.number().int().nullable(),
  /** Every component of the rule set: its value, points, weight, share of the score, records. */
  components: z.array(
    z.object({
      component: z.enum(componentIds),
      label: localized,
      better: z.enum(['higher', 'lower']),
      value: z.number().nullable(),
      points: z.number().nullable(),
      weight: z.number(),
      effectiveWeight: z.number(),
      contribution: z.number(),
      sources: sourceRefsSchema.nullable(),
    }),
  ),
  bonus: z.number(),
  publishedCases: z.number().int(),
  caseSources: sourceRefsSchema.nullable(),
  /** The next grade up and the points it needs; null at the top. */
  next: z.object({ grade: z.string(), needs: z.number() }).nullable(),
  listStatus: z.enum(['none', 'red', 'black']),
});

export const listEntrySchema = z.object({
  id: z.string(),
  firm: refSchema,
  list: z.enum(['red', 'black']),
  status: z.enum(['candidate', 'listed', 'ended', 'dismissed']),
  rule: z.string(),
  ruleLabel: localized,
  evidence: z.record(z.string(), z.unknown()),
  periodId: z.string().nullable(),
  proposedAt: instantSchema,
  decidedAt: instantSchema.nullable(),
  decidedBy: refSchema.nullable(),
  decisionReason: z.string().nullable(),
  effectiveFrom: localDateSchema.nullable(),
  effectiveUntil: localDateSchema.nullable(),
  endedAt: instantSchema.nullable(),
  endedBy: refSchema.nullable(),
  endReason: z.string().nullable(),
  /** Listed and in its effective window today. */
  inEffect: z.boolean(),
});
export const listOverviewSchema = z.object({
  today: localDateSchema,
  red: z.array(listEntrySchema),
  black: z.array(listEntrySchema),
  candidates: z.array(listEntrySchema),
  /** Decided entries not in effect (ended, dismissed, expired or not yet started), newest first. */
  history: z.array(listEntrySchema),
});

export const firmEvaluationHistorySchema = z.object({
  firm: refSchema,
  listStatus: z.enum(['none', 'red', 'black']),
  /** Published periods, newest first. */
  periods: z.array(
    z.object({
      period: evaluationPeriodSchema,
      rank: z.number().int(),
      movement: z.number().int().nullable(),
      score: z.number(),
      grade: z.string(),
    }),
  ),
  listings: z.array(listEntrySchema),
});

export type EvaluationRuleSetView = z.infer<typeof evaluationRuleSetSchema>;
export type EvaluationRuleSetList = z.infer<typeof evaluationRuleSetListSchema>;
export type EvaluationPeriodView = z.infer<typeof evaluationPeriodSchema>;
export type EvaluationPeriodList = z.infer<typeof evaluationPeriodListSchema>;
export type ComputeResultView = z.infer<typeof computeResultSchema>;
export type RankingView = z.infer<typeof rankingSchema>;
export type FirmEvaluationView = z.infer<typeof firmEvaluationSchema>;
export type ListEntryView = z.infer<typeof listEntrySchema>;
export type ListOverview = z.infer<typeof listOverviewSchema>;
export type FirmEvaluationHistory = z.infer<typeof firmEvaluationHistorySchema>;

import * as z from 'zod';
import type { InspectionKind } from '../catalogue/types.js';
import { categoryCodeSchema } from '../schemas/enums.js';
import { problemSchema } from '../shared/reason.js';

export { ITEM_OUTCOMES, type ItemOutcome } from '../schemas/enums.js';
import type { ItemOutcome } from '../schemas/enums.js';

/** One checked standard in one inspection; `score` is only meaningful for graded standards. */
export interface ItemResult {
  code: string;
  outcome: ItemOutcome;
  score?: number;
  note?: string;
}

/** Points and counts for a set of items; `possible` only counts applicable (non-n.a.) items. */
export const tallySchema = z.object({
  earned: z.number(),
  possible: z.number(),
  passed: z.number().int(),
  failed: z.number().int(),
  notApplicable: z.number().int(),
});
export type Tally = z.infer<typeof tallySchema>;

export const categoryScoreSchema = tallySchema.extend({
  category: categoryCodeSchema,
  /** 0..100, or null when no item of the category was applicable. */
  score: z.number().nullable(),
});
export type CategoryScore = z.infer<typeof categoryScoreSchema>;

export const inspectionScoreSchema = tallySchema.extend({
  /** 0..100 weighted, two decimals; null when nothing was applicable. */
  score: z.number().nullable(),
  /** In catalogue category order; categories without any item are left out. */
  categories: z.array(categoryScoreSchema),
  /** 合格率: passed / (passed + failed) over every applicable item, 0..1; null when nothing applied. */
  complianceRate: z.number().nullable(),
  /**
   * 规范操作执行率: the same rate over the items that check how staff carry out their work; null
   * when none of them applied (or, for inspections scored before it was measured, absent).
   */
  operationRate: z.number().nullable().optional(),
  /** The staff-operation items behind `operationRate`, so a round can add them up. */
  operation: z.object({ passed: z.number().int(), failed: z.number().int() }).optional(),
  /** Codes of failed critical standards, in catalogue order. */
  criticalFailures: z.array(z.string()),
  /** Results that were ignored or adjusted, with the reason. */
  problems: z.array(problemSchema),
});
export type InspectionScore = z.infer<typeof inspectionScoreSchema>;

/** An inspection of a round as the round aggregate needs it. */
export interface RoundInspection {
  kind: InspectionKind;
  result: InspectionScore;
}

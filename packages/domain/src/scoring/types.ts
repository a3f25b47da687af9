import type { CategoryCode, InspectionKind } from '../catalogue/types.js';
import type { Problem } from '../shared/reason.js';

export const ITEM_OUTCOMES = ['pass', 'fail', 'na'] as const;
export type ItemOutcome = (typeof ITEM_OUTCOMES)[number];

/** One checked standard in one inspection; `score` is only meaningful for graded standards. */
export interface ItemResult {
  code: string;
  outcome: ItemOutcome;
  score?: number;
  note?: string;
}

/** Points and counts for a set of items; `possible` only counts applicable (non-n.a.) items. */
export interface Tally {
  earned: number;
  possible: number;
  passed: number;
  failed: number;
  notApplicable: number;
}

export interface CategoryScore extends Tally {
  category: CategoryCode;
  /** 0..100, or null when no item of the category was applicable. */
  score: number | null;
}

export interface InspectionScore extends Tally {
  /** 0..100 weighted, two decimals; null when nothing was applicable. */
  score: number | null;
  /** In catalogue category order; categories without any item are left out. */
  categories: CategoryScore[];
  /** 规范操作执行率: passed / (passed + failed), 0..1; null when nothing was applicable. */
  complianceRate: number | null;
  /** Codes of failed critical standards, in catalogue order. */
  criticalFailures: string[];
  /** Results that were ignored or adjusted, with the reason. */
  problems: Problem[];
}

/** An inspection of a round as the round aggregate needs it. */
export interface RoundInspection {
  kind: InspectionKind;
  result: InspectionScore;
}

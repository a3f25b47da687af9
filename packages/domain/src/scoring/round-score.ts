import { INSPECTION_KINDS, type CategoryCode, type InspectionKind } from '../catalogue/types.js';
import { percentOf, ratioOf, roundTo2 } from './percent.js';
import type { CategoryScore, RoundInspection, Tally } from './types.js';

/**
 * How much each kind of inspection counts towards a round score. Scores are first averaged within
 * a kind and then weighted across kinds, so the dozen weekly checks do not drown out the three
 * monthly ones and the single quarterly one. The quarterly inspection is the broadest, round-closing
 * check and weighs most; weekly, monthly and consolidation checks share the middle; the opening
 * concentrated inspection measures the starting point and counts less; the firm's self-inspection is
 * its own opinion of itself and does not count at all. A key part's re-check is not counted either:
 * only failed parts are re-checked, so counting it would reward having failed; its before / after
 * scores are reported as the part's improvement instead.
 */
export const DEFAULT_KIND_WEIGHTS: Readonly<Record<InspectionKind, number>> = {
  self: 0,
  concentrated: 0.15,
  weekly: 0.25,
  monthly: 0.25,
  consolidation: 0.25,
  quarterly: 0.35,
  recheck: 0,
};

export interface KindSummary {
  kind: InspectionKind;
  /** Inspections of this kind that produced a score. */
  count: number;
  meanScore: number | null;
  weight: number;
}

export interface RoundScore {
  /** 0..100, two decimals; null when no counted inspection produced a score. */
  score: number | null;
  byKind: KindSummary[];
  /**
   * Points pooled over every counted inspection per category. Pooling (rather than kind weighting)
   * is deliberate here: key areas should reflect where points were actually lost most often.
   */
  categories: CategoryScore[];
  /** 规范操作执行率 over all counted items of the round, 0..1. */
  complianceRate: number | null;
  /** Distinct critical standards failed at least once in a counted inspection, sorted. */
  criticalFailures: string[];
  /** Inspections of a kind with positive weight; self-inspections are reported but not counted. */
  inspectionsCounted: number;
}

export function scoreRound(
  inspections: readonly RoundInspection[],
  kindWeights: Readonly<Record<InspectionKind, number>> = DEFAULT_KIND_WEIGHTS,
): RoundScore {
  const counted = inspections.filter((inspection) => (kindWeights[inspection.kind] ?? 0) > 0);

  const byKind: KindSummary[] = INSPECTION_KINDS.map((kind) => {
    const scores = inspections
      .filter((inspection) => inspection.kind === kind)
      .flatMap((inspection) => (inspection.result.score === null ? [] : [inspection.result.score]));
    const meanScore =
      scores.length === 0 ? null : roundTo2(scores.reduce((sum, s) => sum + s, 0) / scores.length);
    return { kind, count: scores.length, meanScore, weight: kindWeights[kind] ?? 0 };
  });

  let weighted = 0;
  let weightSum = 0;
  for (const summary of byKind) {
    if (summary.weight > 0 && summary.meanScore !== null) {
      weighted += summary.weight * summary.meanScore;
      weightSum += summary.weight;
    }
  }
  const score = weightSum > 0 ? Math.min(100, Math.max(0, roundTo2(weighted / weightSum))) : null;

  const pooled = new Map<CategoryCode, Tally>();
  let passed = 0;
  let failed = 0;
  const critical = new Set<string>();
  for (const inspection of counted) {
    passed += inspection.result.passed;
    failed += inspection.result.failed;
    inspection.result.criticalFailures.forEach((code) => critical.add(code));
    for (const category of inspection.result.categories) {
      const tally = pooled.get(category.category) ?? {
        earned: 0,
        possible: 0,
        passed: 0,
        failed: 0,
        notApplicable: 0,
      };
      tally.earned += category.earned;
      tally.possible += category.possible;
      tally.passed += category.passed;
      tally.failed += category.failed;
      tally.notApplicable += category.notApplicable;
      pooled.set(category.category, tally);
    }
  }
  const categories = [...pooled.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([category, tally]) => ({ category, ...tally, score: percentOf(tally.earned, tally.possible) }));

  return {
    score,
    byKind,
    categories,
    complianceRate: ratioOf(passed, passed + failed),
    criticalFailures: [...critical].sort(),
    inspectionsCounted: counted.length,
  };
}

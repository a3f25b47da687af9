import * as z from 'zod';
import { reason, verdictOf, type Reason, type Verdict } from '../shared/reason.js';
import { DEFAULT_CRITICAL_CAP_STARS, DEFAULT_STAR_BANDS, starRating, type StarBand } from './star-rating.js';

export const ROUND_STAGES = ['improvement', 'consolidation'] as const;
export const roundStageSchema = z.enum(ROUND_STAGES);
export type RoundStage = (typeof ROUND_STAGES)[number];

export const stageThresholdSchema = z.object({
  minScore: z.number(),
  minStars: z.number().int(),
  /** Critical rectifications still open that a passing assessment tolerates (normally 0). */
  maxOpenCriticalRectifications: z.number().int(),
  /** completed / (completed + missed) scheduled inspections, 0..1. */
  minCompletionRate: z.number(),
});
export type StageThreshold = z.infer<typeof stageThresholdSchema>;

export const demonstrationThresholdSchema = z.object({
  minStars: z.number().int(),
  minScore: z.number(),
  /**
   * 规范操作执行率 of the latest round, 0..1: the pass rate over the items that check how staff work
   * (a round evaluated before that was measured falls back to its pass rate over all items).
   */
  minComplianceRate: z.number(),
  /** Open rectifications past their deadline that are tolerated (normally 0). */
  maxOverdueRectifications: z.number().int(),
});
export type DemonstrationThreshold = z.infer<typeof demonstrationThresholdSchema>;

export const assessmentThresholdsSchema = z.object({
  improvement: stageThresholdSchema,
  consolidation: stageThresholdSchema,
  demonstration: demonstrationThresholdSchema,
});
export type AssessmentThresholds = z.infer<typeof assessmentThresholdsSchema>;

/**
 * Improvement passes at three stars (the "star-level service standard" the round works towards);
 * consolidation asks for four because it must prove the gains hold; a demonstration compound needs
 * four stars, 85 points and a compliance rate of 85% (the pilot firm reached 89%).
 */
export const DEFAULT_THRESHOLDS: AssessmentThresholds = {
  improvement: { minScore: 70, minStars: 3, maxOpenCriticalRectifications: 0, minCompletionRate: 0.9 },
  consolidation: { minScore: 80, minStars: 4, maxOpenCriticalRectifications: 0, minCompletionRate: 0.9 },
  demonstration: { minStars: 4, minScore: 85, minComplianceRate: 0.85, maxOverdueRectifications: 0 },
};

/** The part of a pilot plan the assessment rules read. */
export interface AssessmentRules {
  thresholds: AssessmentThresholds;
  starBands: readonly StarBand[];
  criticalCapStars: number;
}

export const DEFAULT_ASSESSMENT_RULES: AssessmentRules = {
  thresholds: DEFAULT_THRESHOLDS,
  starBands: DEFAULT_STAR_BANDS,
  criticalCapStars: DEFAULT_CRITICAL_CAP_STARS,
};

export interface StageAssessmentInput {
  stage: RoundStage;
  /** The round score (see scoreRound); null when the round produced none. */
  roundScore: number | null;
  openCriticalRectifications: number;
  inspectionsCompleted: number;
  inspectionsMissed: number;
  /** Consolidation only: the first round's work has been archived (建档建册). */
  archiveComplete?: boolean;
}

export interface StageVerdict extends Verdict {
  stage: RoundStage;
  /** Stars after the critical cap, or null without a score. */
  stars: number | null;
}

const STAGE_NAMES: Record<RoundStage, { zh: string; en: string }> = {
  improvement: { zh: '全面提升轮次', en: 'improvement round' },
  consolidation: { zh: '总结巩固总体评估', en: 'consolidation assessment' },
};

/** Whether a round passes the assessment that ends its stage, with every reason either way. */
export function assessStage(
  input: StageAssessmentInput,
  rules: AssessmentRules = DEFAULT_ASSESSMENT_RULES,
): StageVerdict {
  const threshold = rules.thresholds[input.stage];
  const name = STAGE_NAMES[input.stage];
  const unmet: Reason[] = [];
  const met: Reason[] = [];
  const check = (ok: boolean, failure: Reason, success: Reason): void => {
    (ok ? met : unmet).push(ok ? success : failure);
  };

  let stars: number | null = null;
  if (input.roundScore === null) {
    unmet.push(
      reason('no_score', `${name}没有可计分的检查结果。`, `The ${name.en} has no scored inspection.`),
    );
  } else {
    const score = input.roundScore;
    check(
      score >= threshold.minScore,
      reason(
        'score_below_minimum',
        `得分 ${score} 低于要求的 ${threshold.minScore} 分。`,
        `Score ${score} is below the required ${threshold.minScore}.`,
      ),
      reason(
        'score_meets_minimum',
        `得分 ${score} 达到 ${threshold.minScore} 分要求。`,
        `Score ${score} meets the required ${threshold.minScore}.`,
      ),
    );
    const rating = starRating(score, {
      bands: rules.starBands,
      criticalCapStars: rules.criticalCapStars,
      openCriticalFailures: input.openCriticalRectifications,
    });
    stars = rating.stars;
    check(
      rating.stars >= threshold.minStars,
      reason(
        'stars_below_minimum',
        `星级 ${rating.stars} 星低于要求的 ${threshold.minStars} 星${rating.capped ? '（因关键项未整改被封顶）' : ''}。`,
        `${rating.stars} star(s) is below the required ${threshold.minStars}${rating.capped ? ' (capped by unrectified critical findings)' : ''}.`,
      ),
      reason(
        'stars_meet_minimum',
        `星级 ${rating.stars} 星达到要求。`,
        `${rating.stars} star(s) meets the requirement.`,
      ),
    );
  }

  check(
    input.openCriticalRectifications <= threshold.maxOpenCriticalRectifications,
    reason(
      'open_critical_rectifications',
      `尚有 ${input.openCriticalRectifications} 项关键项整改未完成。`,
      `${input.openCriticalRectifications} critical rectification(s) are still open.`,
    ),
    reason('no_open_critical_rectifications', '关键项整改均已完成。', 'No critical rectification is open.'),
  );

  const scheduled = input.inspectionsCompleted + input.inspectionsMissed;
  if (scheduled === 0) {
    unmet.push(
      reason('no_inspections', '本轮没有已安排的检查。', 'No inspection was scheduled in the round.'),
    );
  } else {
    const rate = input.inspectionsCompleted / scheduled;
    const percent = (value: number): string => `${Math.round(value * 1000) / 10}%`;
    check(
      rate >= threshold.minCompletionRate,
      reason(
        'too_many_missed_inspections',
        `检查完成率 ${percent(rate)}（漏检 ${input.inspectionsMissed} 次）低于要求的 ${percent(threshold.minCompletionRate)}。`,
        `Inspection completion ${percent(rate)} (${input.inspectionsMissed} missed) is below the required ${percent(threshold.minCompletionRate)}.`,
      ),
      reason(
        'inspections_completed',
        `检查完成率 ${percent(rate)} 达到要求。`,
        `Inspection completion ${percent(rate)} meets the requirement.`,
      ),
    );
  }

  if (input.stage === 'consolidation') {
    check(
      input.archiveComplete === true,
      reason(
        'archive_incomplete',
        '第一轮工作尚未完成制度化、规范化建档建册。',
        'The first round has not been archived yet.',
      ),
      reason('archive_complete', '第一轮工作已建档建册。', 'The first round has been archived.'),
    );
  }

  return { ...verdictOf(unmet, met), stage: input.stage, stars };
}

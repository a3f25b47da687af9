import { reason, verdictOf, type Reason, type Verdict } from '../shared/reason.js';
import type { Phase, Stage } from '../stages/types.js';
import { DEFAULT_ASSESSMENT_RULES, type AssessmentRules } from './stage-assessment.js';
import { starRating } from './star-rating.js';

export interface DemonstrationInput {
  stage: Stage;
  phase: Phase;
  paused: boolean;
  /** Score of the most recent completed round. */
  latestRoundScore: number | null;
  /** 规范操作执行率 of that round, 0..1. */
  complianceRate: number | null;
  openCriticalRectifications: number;
  /** Open rectifications whose deadline has passed. */
  overdueOpenRectifications: number;
}

/** Whether a compound can be promoted to 示范小区, with every reason either way. */
export function demonstrationEligibility(
  input: DemonstrationInput,
  rules: AssessmentRules = DEFAULT_ASSESSMENT_RULES,
): Verdict {
  const threshold = rules.thresholds.demonstration;
  const unmet: Reason[] = [];
  const met: Reason[] = [];
  const check = (ok: boolean, failure: Reason, success: Reason): void => {
    (ok ? met : unmet).push(ok ? success : failure);
  };

  check(
    input.stage === 'rollout',
    reason(
      'stage_not_rollout',
      '只有进入全面推广阶段的试点才能评为示范小区。',
      'Only a pilot in the rollout stage can become a demonstration compound.',
    ),
    reason('stage_rollout', '已进入全面推广阶段。', 'The pilot is in the rollout stage.'),
  );
  if (input.phase === 'demonstration') {
    unmet.push(
      reason(
        'already_demonstration',
        '该小区已是示范小区。',
        'The compound already is a demonstration compound.',
      ),
    );
  }
  check(
    !input.paused,
    reason('paused', '试点已暂停，恢复后才能评定。', 'The pilot is paused; resume it first.'),
    reason('not_paused', '试点正常进行。', 'The pilot is running.'),
  );

  if (input.latestRoundScore === null) {
    unmet.push(reason('no_score', '没有已完成轮次的得分。', 'There is no score from a completed round.'));
  } else {
    const score = input.latestRoundScore;
    check(
      score >= threshold.minScore,
      reason(
        'score_below_minimum',
        `最近一轮得分 ${score} 低于 ${threshold.minScore} 分。`,
        `The latest round score ${score} is below ${threshold.minScore}.`,
      ),
      reason(
        'score_meets_minimum',
        `最近一轮得分 ${score} 达到要求。`,
        `The latest round score ${score} meets the requirement.`,
      ),
    );
    const rating = starRating(score, {
      bands: rules.starBands,
      criticalCapStars: rules.criticalCapStars,
      openCriticalFailures: input.openCriticalRectifications,
    });
    check(
      rating.stars >= threshold.minStars,
      reason(
        'stars_below_minimum',
        `星级 ${rating.stars} 星低于示范小区要求的 ${threshold.minStars} 星。`,
        `${rating.stars} star(s) is below the ${threshold.minStars} a demonstration compound needs.`,
      ),
      reason(
        'stars_meet_minimum',
        `星级 ${rating.stars} 星达到要求。`,
        `${rating.stars} star(s) meets the requirement.`,
      ),
    );
  }

  if (input.complianceRate === null) {
    unmet.push(
      reason(
        'no_compliance_rate',
        '没有规范操作执行率数据。',
        'There is no standard-operation compliance rate.',
      ),
    );
  } else {
    const percent = (value: number): string => `${Math.round(value * 1000) / 10}%`;
    check(
      input.complianceRate >= threshold.minComplianceRate,
      reason(
        'compliance_below_minimum',
        `规范操作执行率 ${percent(input.complianceRate)} 低于 ${percent(threshold.minComplianceRate)}。`,
        `Standard-operation compliance ${percent(input.complianceRate)} is below ${percent(threshold.minComplianceRate)}.`,
      ),
      reason(
        'compliance_meets_minimum',
        `规范操作执行率 ${percent(input.complianceRate)} 达到要求。`,
        `Standard-operation compliance ${percent(input.complianceRate)} meets the requirement.`,
      ),
    );
  }

  check(
    input.overdueOpenRectifications <= threshold.maxOverdueRectifications,
    reason(
      'overdue_rectifications',
      `有 ${input.overdueOpenRectifications} 项整改已超期未完成。`,
      `${input.overdueOpenRectifications} rectification(s) are past their deadline.`,
    ),
    reason('no_overdue_rectifications', '没有超期未完成的整改。', 'No rectification is past its deadline.'),
  );
  check(
    input.openCriticalRectifications === 0,
    reason(
      'open_critical_rectifications',
      `尚有 ${input.openCriticalRectifications} 项关键项整改未完成。`,
      `${input.openCriticalRectifications} critical rectification(s) are still open.`,
    ),
    reason('no_open_critical_rectifications', '关键项整改均已完成。', 'No critical rectification is open.'),
  );

  return verdictOf(unmet, met);
}

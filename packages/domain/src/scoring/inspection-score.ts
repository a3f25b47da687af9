import { isStaffOperation } from '../catalogue/applicability.js';
import type { CatalogueVersion, CategoryCode, Standard } from '../catalogue/types.js';
import { problem, type Problem } from '../shared/reason.js';
import { percentOf, ratioOf } from './percent.js';
import type { CategoryScore, InspectionScore, ItemResult, Tally } from './types.js';

function emptyTally(): Tally {
  return { earned: 0, possible: 0, passed: 0, failed: 0, notApplicable: 0 };
}

/**
 * Share (0..1) of a standard's weight an item earns. Binary: all or nothing. Graded: score / max
 * when a score is given; otherwise a pass earns everything and a fail nothing.
 */
function earnedFraction(standard: Standard, item: ItemResult, score: number | undefined): number {
  if (standard.scoring.mode === 'binary' || score === undefined) return item.outcome === 'pass' ? 1 : 0;
  return score / standard.scoring.max;
}

/**
 * Scores one inspection against a catalogue version. The score is the weighted share of applicable
 * points earned, so n.a. items neither help nor hurt. Malformed results are not fatal (a field
 * inspection must still be recorded) but every adjustment is reported in `problems`.
 */
export function scoreInspection(
  catalogue: Pick<CatalogueVersion, 'categories' | 'standards'>,
  results: readonly ItemResult[],
): InspectionScore {
  const standards = new Map(catalogue.standards.map((standard) => [standard.code, standard]));
  const problems: Problem[] = [];
  const total = emptyTally();
  const byCategory = new Map<CategoryCode, Tally>();
  const failedCritical = new Set<string>();
  const seen = new Set<string>();
  const operation = { passed: 0, failed: 0 };

  results.forEach((item, index) => {
    const path = `items.${index}`;
    const standard = standards.get(item.code);
    if (!standard) {
      problems.push(
        problem(
          `${path}.code`,
          'unknown_standard',
          `标准 ${item.code} 不在该版本目录中，已忽略。`,
          `Standard ${item.code} is not in this catalogue version; ignored.`,
        ),
      );
      return;
    }
    if (seen.has(item.code)) {
      problems.push(
        problem(
          `${path}.code`,
          'duplicate_item',
          `标准 ${item.code} 重复提交，仅计第一次。`,
          `Standard ${item.code} was submitted twice; only the first counts.`,
        ),
      );
      return;
    }
    seen.add(item.code);

    let score = item.score;
    if (score !== undefined) {
      if (standard.scoring.mode === 'binary') {
        problems.push(
          problem(
            `${path}.score`,
            'score_on_binary',
            `标准 ${item.code} 为合格/不合格评分，忽略分数。`,
            `Standard ${item.code} is pass/fail; the score was ignored.`,
          ),
        );
        score = undefined;
      } else if (!Number.isFinite(score)) {
        problems.push(
          problem(
            `${path}.score`,
            'score_not_number',
            `标准 ${item.code} 的分数无效，已忽略。`,
            `The score for ${item.code} is not a number; ignored.`,
          ),
        );
        score = undefined;
      } else if (score < 0 || score > standard.scoring.max) {
        const clamped = Math.min(Math.max(score, 0), standard.scoring.max);
        problems.push(
          problem(
            `${path}.score`,
            'score_out_of_range',
            `标准 ${item.code} 的分数应在 0–${standard.scoring.max} 之间，已按 ${clamped} 计。`,
            `The score for ${item.code} must be 0–${standard.scoring.max}; counted as ${clamped}.`,
          ),
        );
        score = clamped;
      }
    }

    const tally = byCategory.get(standard.category) ?? emptyTally();
    byCategory.set(standard.category, tally);
    if (item.outcome === 'na') {
      tally.notApplicable += 1;
      total.notApplicable += 1;
      return;
    }
    const earned = standard.weight * earnedFraction(standard, item, score);
    for (const target of [tally, total]) {
      target.possible += standard.weight;
      target.earned += earned;
      if (item.outcome === 'pass') target.passed += 1;
      else target.failed += 1;
    }
    if (item.outcome === 'fail' && standard.critical) failedCritical.add(standard.code);
    if (isStaffOperation(standard)) operation[item.outcome === 'pass' ? 'passed' : 'failed'] += 1;
  });

  const categories: CategoryScore[] = catalogue.categories.flatMap((category) => {
    const tally = byCategory.get(category.code);
    return tally
      ? [{ category: category.code, ...tally, score: percentOf(tally.earned, tally.possible) }]
      : [];
  });

  return {
    ...total,
    score: percentOf(total.earned, total.possible),
    categories,
    complianceRate: ratioOf(total.passed, total.passed + total.failed),
    operationRate: ratioOf(operation.passed, operation.passed + operation.failed),
    operation,
    criticalFailures: catalogue.standards.filter((s) => failedCritical.has(s.code)).map((s) => s.code),
    problems,
  };
}

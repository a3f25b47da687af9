import { isStaffOperation } from '../catalogue/applicability.js';
import type { CatalogueVersion, CategoryCode } from '../catalogue/types.js';
import { scoreInspection } from './inspection-score.js';
import { percentOf, ratioOf } from './percent.js';
import type { CategoryScore, InspectionScore, ItemResult, Tally } from './types.js';

/** A checked standard at one key part (重点部位): the same standard may be asked at several. */
export interface KeyPartItemResult extends ItemResult {
  keyPart: string;
}

export interface KeyPartInspectionScore {
  /** The whole check, every part's items counted (what the round aggregate uses). */
  overall: InspectionScore;
  /** Each part's own score, in the order the parts were given: its before / after. */
  parts: Array<{ keyPart: string; score: InspectionScore }>;
}

function add(into: Tally, from: Tally): void {
  into.earned += from.earned;
  into.possible += from.possible;
  into.passed += from.passed;
  into.failed += from.failed;
  into.notApplicable += from.notApplicable;
}

/**
 * Scores a key-part check: each part on its own (so its improvement can be measured), and the whole
 * check as the sum of the parts' points, in the catalogue's category order.
 */
export function scoreKeyPartInspection(
  catalogue: Pick<CatalogueVersion, 'categories' | 'standards'>,
  items: readonly KeyPartItemResult[],
  partOrder: readonly string[],
): KeyPartInspectionScore {
  const parts = partOrder.map((keyPart) => ({
    keyPart,
    score: scoreInspection(
      catalogue,
      items.filter((item) => item.keyPart === keyPart),
    ),
  }));
  const total: Tally = { earned: 0, possible: 0, passed: 0, failed: 0, notApplicable: 0 };
  const byCategory = new Map<CategoryCode, Tally>();
  for (const { score } of parts) {
    add(total, score);
    for (const category of score.categories) {
      const tally = byCategory.get(category.category) ?? {
        earned: 0,
        possible: 0,
        passed: 0,
        failed: 0,
        notApplicable: 0,
      };
      add(tally, category);
      byCategory.set(category.category, tally);
    }
  }
  const categories: CategoryScore[] = catalogue.categories.flatMap((category) => {
    const tally = byCategory.get(category.code);
    return tally
      ? [{ category: category.code, ...tally, score: percentOf(tally.earned, tally.possible) }]
      : [];
  });
  const standards = new Map(catalogue.standards.map((standard) => [standard.code, standard]));
  const operation = items.filter((item) => {
    const standard = standards.get(item.code);
    return item.outcome !== 'na' && standard !== undefined && isStaffOperation(standard);
  });
  const critical = new Set(parts.flatMap(({ score }) => score.criticalFailures));
  return {
    overall: {
      ...total,
      score: percentOf(total.earned, total.possible),
      categories,
      complianceRate: ratioOf(total.passed, total.passed + total.failed),
      operationRate: ratioOf(operation.filter((item) => item.outcome === 'pass').length, operation.length),
      operation: {
        passed: operation.filter((item) => item.outcome === 'pass').length,
        failed: operation.filter((item) => item.outcome === 'fail').length,
      },
      criticalFailures: catalogue.standards.filter((s) => critical.has(s.code)).map((s) => s.code),
      problems: parts.flatMap(({ keyPart, score }) =>
        score.problems.map((found) => ({ ...found, path: `keyParts.${keyPart}.${found.path}` })),
      ),
    },
    parts,
  };
}

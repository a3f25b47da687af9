import type { CategoryCode } from '../catalogue/types.js';
import type { CategoryScore } from './types.js';

export const DEFAULT_KEY_AREA_COUNT = 3;

/**
 * 重点部位: the `count` weakest categories of a round, which the consolidation round concentrates on.
 * Lowest score first; equal scores keep category-code order so the choice is reproducible.
 * Categories without applicable items cannot be judged weak and are skipped.
 */
export function keyAreas(categories: readonly CategoryScore[], count: number): CategoryCode[] {
  return categories
    .flatMap((category) =>
      category.score === null ? [] : [{ code: category.category, score: category.score }],
    )
    .sort((a, b) => a.score - b.score || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .slice(0, Math.max(0, Math.floor(count)))
    .map((entry) => entry.code);
}

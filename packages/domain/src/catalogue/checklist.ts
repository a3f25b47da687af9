import type { CatalogueVersion, CategoryCode, InspectionKind, Standard } from './types.js';

export interface ChecklistOptions {
  /**
   * Key areas (重点部位) a consolidation inspection concentrates on. Omitted means every category;
   * an empty list means none, which yields an empty checklist on purpose.
   */
  focusCategories?: readonly CategoryCode[];
}

/**
 * The standards an inspection of `kind` works through, in the order an inspector meets them: the
 * printed order for the weekly form, otherwise catalogue order (category, then code).
 */
export function checklistFor(
  catalogue: CatalogueVersion,
  kind: InspectionKind,
  options: ChecklistOptions = {},
): Standard[] {
  if (kind === 'weekly') {
    const byCode = new Map(catalogue.standards.map((standard) => [standard.code, standard]));
    return catalogue.weeklyChecklist.flatMap((code) => {
      const standard = byCode.get(code);
      return standard ? [standard] : [];
    });
  }
  const categoryOrder = new Map(catalogue.categories.map((category, index) => [category.code, index]));
  const focus = kind === 'consolidation' && options.focusCategories ? new Set(options.focusCategories) : null;
  return catalogue.standards
    .filter((standard) => standard.kinds.includes(kind) && (focus === null || focus.has(standard.category)))
    .sort(
      (a, b) =>
        (categoryOrder.get(a.category) ?? Number.MAX_SAFE_INTEGER) -
          (categoryOrder.get(b.category) ?? Number.MAX_SAFE_INTEGER) || compareCodes(a.code, b.code),
    );
}

function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

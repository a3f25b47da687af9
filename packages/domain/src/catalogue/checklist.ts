import type { CompoundFeature } from '../compound/features.js';
import { missingFeatures } from './applicability.js';
import type { CatalogueVersion, CategoryCode, InspectionKind, Standard } from './types.js';

export interface ChecklistOptions {
  /**
   * Key areas (重点部位) a consolidation inspection concentrates on. Omitted means every category;
   * an empty list means none, which yields an empty checklist on purpose.
   */
  focusCategories?: readonly CategoryCode[];
  /**
   * What the compound has. Given, standards that do not apply to it are left out (a compound
   * without lifts is not asked about lift maintenance); omitted, every standard of the kind is.
   */
  features?: readonly CompoundFeature[];
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
  const all = fullChecklist(catalogue, kind, options);
  const features = options.features;
  if (!features) return all;
  return all.filter((standard) => missingFeatures(standard, features).length === 0);
}

/** A standard of the checklist that does not apply to the compound, and what the compound lacks. */
export interface NotApplicable {
  standard: Standard;
  missing: CompoundFeature[];
}

/**
 * The standards `checklistFor` leaves out for a compound with `features`, in the same order, so a
 * form can list them as 不适用 with the reason (“仅适用于有电梯的小区”).
 */
export function notApplicableFor(
  catalogue: CatalogueVersion,
  kind: InspectionKind,
  features: readonly CompoundFeature[],
  options: Omit<ChecklistOptions, 'features'> = {},
): NotApplicable[] {
  return fullChecklist(catalogue, kind, options).flatMap((standard) => {
    const missing = missingFeatures(standard, features);
    return missing.length > 0 ? [{ standard, missing }] : [];
  });
}

function fullChecklist(
  catalogue: CatalogueVersion,
  kind: InspectionKind,
  options: Pick<ChecklistOptions, 'focusCategories'>,
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

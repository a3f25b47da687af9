import { CATEGORIES, checklistFor, DEFAULT_CATALOGUE, type InspectionKind } from '@pilot/domain';
import type { FormChecklist } from '$lib/components/inspection/inspection-form';

/**
 * A checklist as `GET /tasks/:id` groups it, built from the default catalogue: the weekly one has
 * the 35 items of 《周检查表》 over the eight categories, a self-inspection all 107.
 */
export function checklistOf(kind: InspectionKind = 'weekly'): FormChecklist {
  const standards = checklistFor(DEFAULT_CATALOGUE, kind);
  return {
    categories: CATEGORIES.map((category) => ({
      code: category.code,
      name: category.name,
      standards: standards
        .filter((standard) => standard.category === category.code)
        .map((standard) => ({
          code: standard.code,
          title: standard.title,
          critical: standard.critical,
          scoring: standard.scoring,
        })),
    })).filter((category) => category.standards.length > 0),
  };
}

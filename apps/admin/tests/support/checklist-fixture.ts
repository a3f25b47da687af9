import {
  CATEGORIES,
  checklistFor,
  compoundKeyParts,
  DEFAULT_CATALOGUE,
  type CompoundFeature,
  type InspectionKind,
  type Standard,
} from '@pilot/domain';
import type { FormChecklist, FormStandard } from '$lib/components/inspection/inspection-form';

const formStandard = (standard: Standard): FormStandard => ({
  code: standard.code,
  title: standard.title,
  critical: standard.critical,
  scoring: standard.scoring,
});

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
      standards: standards.filter((standard) => standard.category === category.code).map(formStandard),
    })).filter((category) => category.standards.length > 0),
    keyParts: [],
  };
}

/** A key-part check (重点部位巩固检查) of a compound with `features`: one group per place, its standards inside. */
export function keyPartChecklistOf(
  features: readonly CompoundFeature[] = ['lifts', 'fire_control_room', 'secondary_water_supply'],
): FormChecklist {
  const byCode = new Map(DEFAULT_CATALOGUE.standards.map((standard) => [standard.code, standard]));
  return {
    categories: [],
    keyParts: compoundKeyParts(DEFAULT_CATALOGUE, features).map((part) => ({
      code: part.code,
      name: part.name,
      standards: part.standards.flatMap((code) => {
        const standard = byCode.get(code);
        return standard ? [formStandard(standard)] : [];
      }),
    })),
  };
}

import {
  COMPOUND_FEATURE_LABELS,
  keyPartsOf,
  requirementsOf,
  type ApplicabilityFields,
  type CompoundFeature,
  type KeyPart,
  type LocalizedText,
} from '@pilot/domain';

/*
 * What a compound's features decide, said in the compound form next to each feature: which
 * standards become 不适用 for a compound without it, and which key parts (重点部位) the consolidation
 * round then does not walk. Read from the catalogue version in force, so the hint names the codes
 * the inspectors will actually see, and changes with the next published version.
 */

export interface FeatureEffect {
  /** Standard codes that apply only to compounds with the feature, in catalogue order. */
  standards: string[];
  /** Key parts a compound without the feature does not have. */
  keyParts: LocalizedText[];
}

export interface FeatureEffects {
  /** The version the effects are read from (e.g. 2026.1), and its title. */
  version: string;
  title: string;
  byFeature: Record<CompoundFeature, FeatureEffect>;
}

/** What featureEffects reads of a catalogue version (the API's detail shape will do). */
export interface EffectSource {
  id: string;
  title: string;
  standards: readonly ApplicabilityFields[];
  keyParts?: readonly KeyPart[] | undefined;
}

export function featureEffects(catalogue: EffectSource): FeatureEffects {
  const parts = keyPartsOf(catalogue);
  const effectOf = (feature: CompoundFeature): FeatureEffect => ({
    standards: catalogue.standards
      .filter((standard) => requirementsOf(standard).includes(feature))
      .map((standard) => standard.code),
    keyParts: parts.filter((part) => part.requires.includes(feature)).map((part) => part.name),
  });
  // Spelled out so that a feature added to the domain is a compile error here until it has a hint.
  const byFeature: Record<CompoundFeature, FeatureEffect> = {
    lifts: effectOf('lifts'),
    fire_control_room: effectOf('fire_control_room'),
    secondary_water_supply: effectOf('secondary_water_supply'),
    underground_garage: effectOf('underground_garage'),
    ev_charging_area: effectOf('ev_charging_area'),
    septic_tank: effectOf('septic_tank'),
  };
  return { version: catalogue.id, title: catalogue.title, byFeature };
}

/** The feature's name as the hints use it (“电梯”, “消防控制室”). */
export function featureLabel(feature: CompoundFeature): LocalizedText {
  return COMPOUND_FEATURE_LABELS[feature];
}

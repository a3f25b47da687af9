import {
  COMPOUND_FEATURE_LABELS,
  INSPECTION_KIND_LABELS,
  PHASE_LABELS,
  PHASES,
  RECTIFICATION_STATUS_LABELS,
  STAGE_LABELS,
  type CompoundFeature,
  type InspectionKind,
  type LocalizedText,
  type Phase,
  type RectificationStatus,
  type Stage,
} from '@pilot/domain';

/*
 * The names of stages, phases, inspection kinds, rectification statuses (台账 words) and compound
 * features come from the domain, the
 * same words the workflow puts in its own messages; the i18n files keep only what the domain has
 * no word for. Pick the language with `i18n.pick(...)`.
 */

export function stageLabel(stage: Stage): LocalizedText {
  return STAGE_LABELS[stage];
}

export function isPhase(value: string): value is Phase {
  return (PHASES as readonly string[]).includes(value);
}

/** A phase by its code; the API types some phases as plain strings, so an unknown one comes back as it is. */
export function phaseLabel(phase: string): LocalizedText {
  return isPhase(phase) ? PHASE_LABELS[phase] : { zh: phase, en: phase };
}

export function kindLabel(kind: InspectionKind): LocalizedText {
  return INSPECTION_KIND_LABELS[kind];
}

export function featureLabel(feature: CompoundFeature): LocalizedText {
  return COMPOUND_FEATURE_LABELS[feature];
}

export function rectificationStatusLabel(status: RectificationStatus): LocalizedText {
  return RECTIFICATION_STATUS_LABELS[status];
}

import { COMPOUND_FEATURES, type CompoundFeature } from '../compound/features.js';
import { REQUIRES_2024_1, STAFF_OPERATION_2024_1 } from './fallback-2024-1.js';
import type { LocalizedText } from './schema.js';

/*
 * Which standards a compound is inspected for. The fields win when a version has them; versions
 * written before they existed (2024.1) are read through the tables of fallback-2024-1.ts.
 * Parameters take only the fields they read, so the admin UI can pass the API's own shapes.
 */

/** What applicability reads of a standard. */
export interface ApplicabilityFields {
  code: string;
  requires?: readonly CompoundFeature[] | undefined;
  staffOperation?: boolean | undefined;
}

/** The features a compound must have for `standard` to apply, in canonical order. */
export function requirementsOf(standard: ApplicabilityFields): CompoundFeature[] {
  const required = new Set(standard.requires ?? REQUIRES_2024_1[standard.code] ?? []);
  return COMPOUND_FEATURES.filter((feature) => required.has(feature));
}

/** Whether `standard` checks how staff carry out their work (counts towards 规范操作执行率). */
export function isStaffOperation(standard: ApplicabilityFields): boolean {
  return standard.staffOperation ?? STAFF_OPERATION_2024_1.has(standard.code);
}

/** The features `standard` needs that the compound lacks, in canonical order; empty when it applies. */
export function missingFeatures(
  standard: ApplicabilityFields,
  features: readonly CompoundFeature[],
): CompoundFeature[] {
  const has = new Set(features);
  return requirementsOf(standard).filter((feature) => !has.has(feature));
}

/** Whether `standard` applies to a compound with `features`. */
export function applies(standard: ApplicabilityFields, features: readonly CompoundFeature[]): boolean {
  return missingFeatures(standard, features).length === 0;
}

/**
 * What counts as the hazard being controlled (已管控) while a failed `standard` is being fixed, or
 * null: only critical standards have one, and only those that cannot be fixed within a day.
 */
export function interimControlOf(standard: {
  critical: boolean;
  interimControl?: LocalizedText | undefined;
}): LocalizedText | null {
  return standard.critical ? (standard.interimControl ?? null) : null;
}

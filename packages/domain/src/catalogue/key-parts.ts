import type { CompoundFeature } from '../compound/features.js';
import { applies, type ApplicabilityFields } from './applicability.js';
import { KEY_PARTS_2024_1 } from './fallback-2024-1.js';
import type { KeyPart } from './schema.js';

/** What key-part rules read of a catalogue version (the API's detail shape will do). */
export interface KeyPartSource {
  standards: readonly ApplicabilityFields[];
  keyParts?: readonly KeyPart[] | undefined;
}

/**
 * The version's key parts (重点部位): its own when it declares them, otherwise the places of 2024.1
 * (written before key parts were data), limited to the standards this version still has.
 */
export function keyPartsOf(catalogue: KeyPartSource): KeyPart[] {
  if (catalogue.keyParts) return [...catalogue.keyParts];
  const codes = new Set(catalogue.standards.map((standard) => standard.code));
  return KEY_PARTS_2024_1.flatMap((part) => {
    const standards = part.standards.filter((code) => codes.has(code));
    return standards.length > 0 ? [{ ...part, standards }] : [];
  });
}

/**
 * The key parts a compound with `features` has, in catalogue order, each with only the standards
 * that apply to it; a place left with nothing to check is left out (a compound without lifts has
 * no 电梯机房, and its garage is not asked about lift items).
 */
export function compoundKeyParts(catalogue: KeyPartSource, features: readonly CompoundFeature[]): KeyPart[] {
  const has = new Set(features);
  const byCode = new Map(catalogue.standards.map((standard) => [standard.code, standard]));
  return keyPartsOf(catalogue).flatMap((part) => {
    if (!part.requires.every((feature) => has.has(feature))) return [];
    const standards = part.standards.filter((code) => {
      const standard = byCode.get(code);
      return standard !== undefined && applies(standard, features);
    });
    return standards.length > 0 ? [{ ...part, standards }] : [];
  });
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMPOUND_FEATURES, type CompoundFeature } from '../compound/features.js';
import {
  applies,
  interimControlOf,
  isStaffOperation,
  missingFeatures,
  requirementsOf,
} from './applicability.js';
import { CATALOGUE_2026_1 } from './catalogue-2026-1.js';
import { checklistFor, notApplicableFor } from './checklist.js';
import { DEFAULT_CATALOGUE } from './default-catalogue.js';
import { compoundKeyParts, keyPartsOf } from './key-parts.js';
import { CATEGORY_CODES, INSPECTION_KINDS, type CatalogueVersion, type Standard } from './types.js';

const LIFT_STANDARDS = ['C-05', 'C-06', 'C-07', 'C-08'];
const WITHOUT_LIFTS = COMPOUND_FEATURES.filter((feature) => feature !== 'lifts');

function standardOf(catalogue: CatalogueVersion, code: string): Standard {
  const found = catalogue.standards.find((s) => s.code === code);
  if (!found) throw new Error(`no ${code}`);
  return found;
}

describe('applicability of 2024.1 (through the fallback)', () => {
  it('needs lifts for C-05…C-08 and a fire-control room for E-01…E-03', () => {
    for (const code of LIFT_STANDARDS)
      expect(requirementsOf(standardOf(DEFAULT_CATALOGUE, code)), code).toEqual(['lifts']);
    for (const code of ['E-01', 'E-02', 'E-03'])
      expect(requirementsOf(standardOf(DEFAULT_CATALOGUE, code)), code).toEqual(['fire_control_room']);
    expect(requirementsOf(standardOf(DEFAULT_CATALOGUE, 'C-10'))).toEqual(['secondary_water_supply']);
    expect(requirementsOf(standardOf(DEFAULT_CATALOGUE, 'C-14'))).toEqual(['ev_charging_area']);
    // Mixed texts stay on every compound's list.
    for (const code of ['A-01', 'B-11', 'D-05', 'E-08'])
      expect(requirementsOf(standardOf(DEFAULT_CATALOGUE, code)), code).toEqual([]);
  });

  it('lets the field win over the fallback, an empty list included', () => {
    const c05 = standardOf(DEFAULT_CATALOGUE, 'C-05');
    expect(requirementsOf({ ...c05, requires: [] })).toEqual([]);
    expect(requirementsOf({ ...c05, requires: ['septic_tank', 'lifts'] })).toEqual(['lifts', 'septic_tank']);
    expect(isStaffOperation(standardOf(DEFAULT_CATALOGUE, 'D-02'))).toBe(true);
    expect(isStaffOperation(standardOf(DEFAULT_CATALOGUE, 'F-01'))).toBe(false);
    expect(isStaffOperation({ code: 'D-02', staffOperation: false })).toBe(false);
  });

  it('marks roughly a third of the standards as staff operation, on both versions', () => {
    for (const catalogue of [DEFAULT_CATALOGUE, CATALOGUE_2026_1]) {
      const count = catalogue.standards.filter(isStaffOperation).length;
      expect(count, catalogue.version).toBeGreaterThan(107 / 4);
      expect(count, catalogue.version).toBeLessThan(107 / 2);
    }
  });

  it('gives the interim-control rule of critical standards only', () => {
    expect(interimControlOf(standardOf(CATALOGUE_2026_1, 'C-05'))?.zh).toContain('停用');
    expect(interimControlOf(standardOf(DEFAULT_CATALOGUE, 'C-05'))).toBeNull();
    expect(interimControlOf({ critical: false, interimControl: { zh: '临时', en: 'Stopgap' } })).toBeNull();
  });

  it('says what a compound lacks', () => {
    const c05 = standardOf(DEFAULT_CATALOGUE, 'C-05');
    expect(missingFeatures(c05, [])).toEqual(['lifts']);
    expect(missingFeatures(c05, ['lifts'])).toEqual([]);
    expect(applies(c05, WITHOUT_LIFTS)).toBe(false);
    expect(applies(standardOf(DEFAULT_CATALOGUE, 'A-01'), [])).toBe(true);
  });
});

describe.each([DEFAULT_CATALOGUE, CATALOGUE_2026_1])('checklists of $version for a compound', (catalogue) => {
  it('leaves the lift items off the weekly form of a compound without lifts and says why', () => {
    const weekly = checklistFor(catalogue, 'weekly', { features: WITHOUT_LIFTS });
    for (const code of LIFT_STANDARDS)
      expect(
        weekly.some((s) => s.code === code),
        code,
      ).toBe(false);
    const left = notApplicableFor(catalogue, 'weekly', WITHOUT_LIFTS);
    expect(left.map(({ standard, missing }) => [standard.code, missing])).toEqual(
      LIFT_STANDARDS.map((code) => [code, ['lifts']]),
    );
    expect(weekly.length + left.length).toBe(35);
  });

  it('behaves exactly as before when no features are given', () => {
    expect(checklistFor(catalogue, 'weekly').map((s) => s.code)).toEqual(catalogue.weeklyChecklist);
    expect(checklistFor(catalogue, 'concentrated')).toHaveLength(107);
  });

  it('gives a compound without lifts no lift machine room and no lift standard at any key part', () => {
    const parts = compoundKeyParts(catalogue, WITHOUT_LIFTS);
    expect(parts.map((p) => p.code)).not.toContain('lift_machine_room');
    expect(parts.map((p) => p.name.zh)).not.toContain('电梯机房');
    const checked = new Set(parts.flatMap((p) => p.standards));
    for (const code of [...LIFT_STANDARDS, 'F-05']) expect(checked.has(code), code).toBe(false);
    expect(parts.map((p) => p.code)).toEqual(
      keyPartsOf(catalogue)
        .map((p) => p.code)
        .filter((code) => code !== 'lift_machine_room'),
    );
  });

  it('gives a compound with nothing special only the places every compound has', () => {
    const parts = compoundKeyParts(catalogue, []);
    expect(parts.map((p) => p.code)).toEqual(['power_room', 'roof', 'refuse_room']);
    const all = compoundKeyParts(catalogue, COMPOUND_FEATURES);
    expect(all).toEqual(keyPartsOf(catalogue));
  });
});

describe('checklists as properties', () => {
  const catalogues = fc.constantFrom(DEFAULT_CATALOGUE, CATALOGUE_2026_1);
  const kinds = fc.constantFrom(...INSPECTION_KINDS);
  const focus = fc.option(fc.subarray([...CATEGORY_CODES]), { nil: undefined });

  it('with every feature (in any order) equals the checklist without features', () => {
    fc.assert(
      fc.property(
        catalogues,
        kinds,
        focus,
        fc.shuffledSubarray([...COMPOUND_FEATURES], { minLength: COMPOUND_FEATURES.length }),
        (catalogue, kind, focusCategories, features) => {
          const options = focusCategories === undefined ? {} : { focusCategories };
          expect(checklistFor(catalogue, kind, { ...options, features })).toEqual(
            checklistFor(catalogue, kind, options),
          );
          expect(notApplicableFor(catalogue, kind, features, options)).toEqual([]);
        },
      ),
    );
  });

  it('splits the full checklist into what applies and what does not, keeping the order', () => {
    fc.assert(
      fc.property(
        catalogues,
        kinds,
        focus,
        fc.subarray<CompoundFeature>([...COMPOUND_FEATURES]),
        (catalogue, kind, focusCategories, features) => {
          const options = focusCategories === undefined ? {} : { focusCategories };
          const full = checklistFor(catalogue, kind, options).map((s) => s.code);
          const kept = new Set(checklistFor(catalogue, kind, { ...options, features }).map((s) => s.code));
          const left = notApplicableFor(catalogue, kind, features, options);
          const leftCodes = new Set(left.map((entry) => entry.standard.code));
          expect(full.filter((code) => !leftCodes.has(code))).toEqual([...kept]);
          expect(kept.size + leftCodes.size).toBe(full.length);
          for (const { missing } of left) {
            expect(missing.length).toBeGreaterThan(0);
            expect(missing.some((feature) => features.includes(feature))).toBe(false);
          }
        },
      ),
    );
  });
});

import {
  CATALOGUE_2026_1,
  DEFAULT_CATALOGUE,
  catalogueFingerprint,
  validateCatalogue,
  type Standard,
} from '@pilot/domain';
import { describe, expect, it } from 'vitest';
import { applyCatalogueChanges, diffCatalogues } from './catalogue-changes.js';

const base = DEFAULT_CATALOGUE;
const standard = (code: string): Standard => base.standards.find((s) => s.code === code)!;

describe('applyCatalogueChanges', () => {
  it('with no changes keeps the content, so only the version id moves the fingerprint', () => {
    const same = applyCatalogueChanges(base, {});
    expect(catalogueFingerprint(same)).toBe(catalogueFingerprint(base));
    const renamed = applyCatalogueChanges(base, { version: '2025.1' });
    expect(renamed.version).toBe('2025.1');
    expect(diffCatalogues(base, renamed)).toEqual({
      titleChanged: false,
      effectiveFromChanged: false,
      categoriesChanged: [],
      standardsAdded: [],
      standardsRemoved: [],
      standardsChanged: [],
      weeklyChecklistChanged: false,
      keyPartsChanged: false,
    });
  });

  it('replaces a standard in place, removes and adds by code, and reports each', () => {
    const last = base.standards.filter((s) => s.category === 'H').at(-1)!;
    const added: Standard = { ...last, code: `H-${String(Number(last.code.slice(2)) + 1).padStart(2, '0')}` };
    const result = applyCatalogueChanges(base, {
      changes: {
        standards: [{ ...standard('A-01'), weight: standard('A-01').weight + 1 }, added],
        removeStandards: [last.code],
      },
    });
    expect(result.standards).toHaveLength(base.standards.length);
    expect(result.standards[0]!.code).toBe('A-01');
    expect(result.standards.at(-1)!.code).toBe(added.code);
    expect(diffCatalogues(base, result)).toMatchObject({
      standardsAdded: [added.code],
      standardsRemoved: [last.code],
      standardsChanged: ['A-01'],
    });
    // Removing a weekly item without fixing the checklist is what validation reports.
    const weekly = base.weeklyChecklist[0]!;
    const broken = applyCatalogueChanges(base, { changes: { removeStandards: [weekly] } });
    expect(validateCatalogue(broken).map((p) => p.code)).toEqual(
      expect.arrayContaining(['standard_count', 'weekly_unknown']),
    );
  });

  it('inserts a new code where it sorts and replaces the weekly checklist whole', () => {
    const result = applyCatalogueChanges(base, {
      changes: {
        standards: [{ ...standard('B-01'), code: 'B-99' }],
        weeklyChecklist: base.weeklyChecklist.slice(1),
      },
    });
    const codes = result.standards.map((s) => s.code);
    expect(codes.indexOf('B-99')).toBe(codes.indexOf('C-01') - 1);
    expect(result.weeklyChecklist).toEqual(base.weeklyChecklist.slice(1));
    expect(base.weeklyChecklist).toHaveLength(35); // the base is untouched
  });

  it('carries the key parts into the draft, without the standards it removes', () => {
    const based = CATALOGUE_2026_1;
    expect(applyCatalogueChanges(based, {}).keyParts).toEqual(based.keyParts);
    const removed = applyCatalogueChanges(based, { changes: { removeStandards: ['C-04'] } });
    const plantRooms = (removed.keyParts ?? []).filter((part) =>
      ['power_room', 'pump_room', 'lift_machine_room'].includes(part.code),
    );
    expect(plantRooms).toHaveLength(3);
    for (const part of plantRooms) expect(part.standards, part.code).not.toContain('C-04');
    expect(diffCatalogues(based, removed).keyPartsChanged).toBe(true);
    expect(based.keyParts?.find((part) => part.code === 'power_room')?.standards).toContain('C-04');

    const roofOnly = [{ code: 'roof', name: { zh: '屋面', en: 'Roof' }, requires: [], standards: ['B-03'] }];
    const replaced = applyCatalogueChanges(based, { changes: { keyParts: roofOnly } });
    expect(replaced.keyParts).toEqual(roofOnly);

    // A version without key parts stays without them: its places come from the 2024.1 fallback.
    expect('keyParts' in applyCatalogueChanges(base, { changes: { removeStandards: ['C-04'] } })).toBe(false);
  });
});

import { DEFAULT_CATALOGUE, catalogueFingerprint, validateCatalogue, type Standard } from '@pilot/domain';
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
});

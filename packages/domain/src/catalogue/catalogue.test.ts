import { describe, expect, it } from 'vitest';
import { CATALOGUE_2026_1 } from './catalogue-2026-1.js';
import { DEFAULT_CATALOGUE } from './default-catalogue.js';
import { checklistFor } from './checklist.js';
import { canonicalJson, catalogueFingerprint, fnv1a64 } from './fingerprint.js';
import type { CatalogueVersion, StandardTopic } from './types.js';
import { validateCatalogue } from './validate-catalogue.js';

/** A deep, mutable copy to break on purpose. */
function copy(from: CatalogueVersion = DEFAULT_CATALOGUE): CatalogueVersion {
  // A JSON round trip types nothing by itself; the catalogue is plain JSON data, so the copy is one.
  return JSON.parse(JSON.stringify(from)) as CatalogueVersion;
}

function codesOf(catalogue: CatalogueVersion): string[] {
  return validateCatalogue(catalogue).map((p) => p.code);
}

describe('default catalogue', () => {
  it('has 8 categories, 107 standards and a 35-item weekly checklist, and validates clean', () => {
    expect(DEFAULT_CATALOGUE.categories).toHaveLength(8);
    expect(DEFAULT_CATALOGUE.standards).toHaveLength(107);
    expect(DEFAULT_CATALOGUE.weeklyChecklist).toHaveLength(35);
    expect(validateCatalogue(DEFAULT_CATALOGUE)).toEqual([]);
  });

  it('spreads standards over every category with the planned counts', () => {
    const counts: Record<string, number> = {};
    for (const s of DEFAULT_CATALOGUE.standards) counts[s.category] = (counts[s.category] ?? 0) + 1;
    expect(counts).toEqual({ A: 16, B: 14, C: 17, D: 14, E: 14, F: 12, G: 9, H: 11 });
  });

  it('numbers standards consecutively within each category', () => {
    for (const category of DEFAULT_CATALOGUE.categories) {
      const codes = DEFAULT_CATALOGUE.standards
        .filter((s) => s.category === category.code)
        .map((s) => s.code);
      const expected = codes.map((_, i) => `${category.code}-${String(i + 1).padStart(2, '0')}`);
      expect(codes).toEqual(expected);
    }
  });

  it('covers the trace records, signage and archives the pilot introduced', () => {
    const topics = new Set(DEFAULT_CATALOGUE.standards.flatMap((s) => s.topics));
    const required: StandardTopic[] = [
      'archives',
      'acceptance_record',
      'operation_record',
      'patrol_record',
      'visitor_record',
      'equipment_record',
      'signage',
      'rules_posted',
      'equipment_owner',
      'special_equipment',
      'fire_control_room',
      'ev_charging',
    ];
    for (const topic of required) expect(topics, topic).toContain(topic);
  });

  it('puts archives, special equipment and fire-control-room duty on the weekly checklist', () => {
    const weekly = checklistFor(DEFAULT_CATALOGUE, 'weekly');
    const weeklyTopics = new Set(weekly.flatMap((s) => s.topics));
    expect(weeklyTopics).toContain('archives');
    expect(weeklyTopics).toContain('special_equipment');
    expect(weeklyTopics).toContain('fire_control_room');
    expect(weekly.some((s) => s.requirement.includes('消防控制室'))).toBe(true);
    expect(weekly.some((s) => s.requirement.includes('电梯'))).toBe(true);
    expect(weekly.some((s) => s.requirement.includes('物业档案'))).toBe(true);
  });

  it('gives every standard Chinese requirement and method text and a full-scope kind set', () => {
    for (const s of DEFAULT_CATALOGUE.standards) {
      expect(s.requirement, s.code).toMatch(/[\u4e00-\u9fff]/);
      expect(s.method, s.code).toMatch(/[\u4e00-\u9fff]/);
      expect(s.title.en.length, s.code).toBeGreaterThan(3);
      for (const kind of ['self', 'concentrated', 'quarterly'] as const)
        expect(s.kinds, s.code).toContain(kind);
    }
  });

  it('is frozen so shared data cannot be changed by a caller', () => {
    expect(Object.isFrozen(DEFAULT_CATALOGUE)).toBe(true);
    expect(Object.isFrozen(DEFAULT_CATALOGUE.standards[0])).toBe(true);
    expect(() => {
      // Past the types on purpose: the write has to fail at run time, where callers could make it.
      (DEFAULT_CATALOGUE.standards as unknown[]).push({});
    }).toThrow();
  });
});

describe('validateCatalogue catches broken copies', () => {
  it('reports a missing standard (count and empty weekly reference)', () => {
    const broken = copy();
    broken.standards = broken.standards.filter((s) => s.code !== 'A-05');
    expect(codesOf(broken)).toEqual(expect.arrayContaining(['standard_count', 'weekly_unknown']));
  });

  it('reports duplicate codes', () => {
    const broken = copy();
    const second = broken.standards[1];
    if (!second) throw new Error('fixture');
    second.code = 'A-01';
    expect(codesOf(broken)).toContain('standard_code_duplicate');
  });

  it('reports a code whose prefix is not its category', () => {
    const broken = copy();
    const first = broken.standards[0];
    if (!first) throw new Error('fixture');
    first.category = 'B';
    expect(validateCatalogue(broken)).toContainEqual(
      expect.objectContaining({ code: 'standard_code_prefix', path: 'standards.0.code' }),
    );
  });

  it('reports non-positive or fractional weights', () => {
    for (const weight of [0, -2, 1.5]) {
      const broken = copy();
      const first = broken.standards[0];
      if (!first) throw new Error('fixture');
      first.weight = weight;
      expect(codesOf(broken)).toContain('weight_not_positive');
    }
  });

  it('reports a weekly item that is not marked weekly, and a weekly mark missing from the form', () => {
    const broken = copy();
    const a05 = broken.standards.find((s) => s.code === 'A-05');
    const a01 = broken.standards.find((s) => s.code === 'A-01');
    if (!a05 || !a01) throw new Error('fixture');
    a05.kinds = a05.kinds.filter((k) => k !== 'weekly');
    a01.kinds = [...a01.kinds, 'weekly'];
    expect(codesOf(broken)).toEqual(expect.arrayContaining(['weekly_not_marked', 'weekly_not_listed']));
  });

  it('reports a checklist of the wrong size and one missing the named subjects', () => {
    const broken = copy();
    broken.weeklyChecklist = broken.weeklyChecklist.filter(
      (code) => !['A-05', 'C-05', 'C-06', 'C-07', 'C-08', 'E-01', 'E-02', 'E-03'].includes(code),
    );
    expect(codesOf(broken)).toEqual(
      expect.arrayContaining([
        'weekly_count',
        'weekly_missing_archives',
        'weekly_missing_special_equipment',
        'weekly_missing_fire_control_room',
      ]),
    );
  });

  it('reports an empty category and a wrong category count', () => {
    const broken = copy();
    broken.standards = broken.standards.filter((s) => s.category !== 'G');
    broken.categories = broken.categories.slice(0, 7);
    const codes = codesOf(broken);
    expect(codes).toContain('category_count');
    expect(codes).toContain('standard_count');

    const empty = copy();
    empty.standards = empty.standards.map((s) =>
      s.category === 'H' ? { ...s, category: 'G', code: s.code.replace('H-', 'G-9') } : s,
    );
    expect(codesOf(empty)).toContain('category_empty');
  });
});

describe('validateCatalogue checks where standards apply and the key parts', () => {
  function standardIn(catalogue: CatalogueVersion, code: string) {
    const found = catalogue.standards.find((s) => s.code === code);
    if (!found) throw new Error('fixture');
    return found;
  }

  it('reports unknown and repeated compound features on a standard', () => {
    const broken = copy(CATALOGUE_2026_1);
    const index = broken.standards.findIndex((s) => s.code === 'C-05');
    // A feature this build does not know, as a stored or hand-written version could carry it.
    (broken.standards[index]!.requires as string[]) = ['lifts', 'escalators', 'lifts'];
    expect(validateCatalogue(broken)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'requires_unknown', path: `standards.${index}.requires.1` }),
        expect.objectContaining({ code: 'requires_duplicate', path: `standards.${index}.requires.2` }),
      ]),
    );
  });

  it('allows interim control only on critical standards', () => {
    const broken = copy(CATALOGUE_2026_1);
    const a01 = standardIn(broken, 'A-01');
    a01.interimControl = { zh: '临时措施', en: 'Stopgap' };
    const index = broken.standards.indexOf(a01);
    const found = validateCatalogue(broken);
    expect(found).toContainEqual(
      expect.objectContaining({
        code: 'interim_control_not_critical',
        path: `standards.${index}.interimControl`,
      }),
    );
    expect(found.find((p) => p.code === 'interim_control_not_critical')?.zh).toContain('A-01');
  });

  it('reports bad, repeated and empty key parts and references to missing standards', () => {
    const broken = copy(CATALOGUE_2026_1);
    const parts = broken.keyParts ?? [];
    parts[0]!.code = 'Fire-Room';
    parts[2]!.code = parts[1]!.code;
    parts[3]!.standards = [];
    parts[4]!.standards = [...parts[4]!.standards, 'C-99', 'C-05'];
    parts[5]!.name = { zh: ' ', en: 'Roof' };
    // As above: a feature this build does not know.
    (parts[6]!.requires as string[]) = ['basement'];
    const found = validateCatalogue(broken);
    const at = (code: string) => found.filter((p) => p.code === code).map((p) => p.path);
    expect(at('key_part_code_invalid')).toEqual(['keyParts.0.code']);
    expect(at('key_part_code_duplicate')).toEqual(['keyParts.2.code']);
    expect(at('key_part_empty')).toEqual(['keyParts.3.standards']);
    const last = parts[4]!.standards.length - 1;
    expect(at('key_part_standard_unknown')).toEqual([`keyParts.4.standards.${last - 1}`]);
    expect(at('key_part_standard_duplicate')).toEqual([`keyParts.4.standards.${last}`]);
    expect(at('key_part_name_missing')).toEqual(['keyParts.5.name']);
    expect(at('key_part_requires_unknown')).toEqual(['keyParts.6.requires.0']);
    expect(found.find((p) => p.code === 'key_part_standard_unknown')?.en).toContain('C-99');
  });

  it('accepts a version without the new fields, as 2024.1 is stored', () => {
    expect(validateCatalogue(DEFAULT_CATALOGUE)).toEqual([]);
    const { keyParts: _dropped, ...withoutKeyParts } = copy(CATALOGUE_2026_1);
    expect(validateCatalogue(withoutKeyParts)).toEqual([]);
  });
});

describe('checklistFor', () => {
  it('returns the weekly form in printed order', () => {
    expect(checklistFor(DEFAULT_CATALOGUE, 'weekly').map((s) => s.code)).toEqual(
      DEFAULT_CATALOGUE.weeklyChecklist,
    );
  });

  it('limits a consolidation inspection to the focus categories, in catalogue order', () => {
    const list = checklistFor(DEFAULT_CATALOGUE, 'consolidation', { focusCategories: ['E', 'B'] });
    expect(list.length).toBeGreaterThan(0);
    expect(new Set(list.map((s) => s.category))).toEqual(new Set(['B', 'E']));
    expect(list.every((s) => s.kinds.includes('consolidation'))).toBe(true);
    expect(list.map((s) => s.code)).toEqual([...list.map((s) => s.code)].sort());
    expect(checklistFor(DEFAULT_CATALOGUE, 'consolidation', { focusCategories: [] })).toEqual([]);
  });

  it('uses every standard for the full-scope kinds and a subset for monthly', () => {
    expect(checklistFor(DEFAULT_CATALOGUE, 'concentrated')).toHaveLength(107);
    expect(checklistFor(DEFAULT_CATALOGUE, 'self')).toHaveLength(107);
    const monthly = checklistFor(DEFAULT_CATALOGUE, 'monthly');
    expect(monthly.length).toBeGreaterThan(35);
    expect(monthly.length).toBeLessThan(107);
    expect(monthly.every((s) => s.kinds.includes('monthly'))).toBe(true);
  });
});

describe('fingerprint', () => {
  it('ignores key order but not content', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
    const original = catalogueFingerprint(DEFAULT_CATALOGUE);
    expect(catalogueFingerprint(copy())).toBe(original);
    const edited = copy();
    const first = edited.standards[0];
    if (!first) throw new Error('fixture');
    first.method = `${first.method} `;
    expect(catalogueFingerprint(edited)).not.toBe(original);
    expect(original).toMatch(/^fnv1a64:[0-9a-f]{16}$/);
  });

  it('implements 64-bit FNV-1a (reference vectors) over UTF-8', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
    expect(fnv1a64('物业')).not.toBe(fnv1a64('物叶'));
  });
});

import { describe, expect, it } from 'vitest';
import { CATALOGUE_2026_1 } from './catalogue-2026-1.js';
import { DEFAULT_CATALOGUE } from './default-catalogue.js';
import { catalogueFingerprint } from './fingerprint.js';
import { PUBLISHED_CATALOGUES } from './published-catalogues.js';
import { catalogueVersionSchema } from './schema.js';
import type { Standard } from './types.js';
import { validateCatalogue } from './validate-catalogue.js';

const catalogue = CATALOGUE_2026_1;

function standard(code: string): Standard {
  const found = catalogue.standards.find((s) => s.code === code);
  if (!found) throw new Error(`no ${code}`);
  return found;
}

/** The codes whose requirement text matches, so a fact's owner can be asserted by phrase. */
function requirementsMatching(test: (requirement: string) => boolean): string[] {
  return catalogue.standards.filter((s) => test(s.requirement)).map((s) => s.code);
}

describe('catalogue 2026.1', () => {
  it('keeps the shape and codes of 2024.1 and validates clean', () => {
    expect(catalogue.version).toBe('2026.1');
    expect(catalogue.effectiveFrom).toBe(Date.UTC(2025, 11, 31, 16)); // 2026-01-01 00:00 +08:00
    expect(catalogue.categories).toHaveLength(8);
    expect(catalogue.standards).toHaveLength(107);
    expect(catalogue.weeklyChecklist).toHaveLength(35);
    expect(catalogue.standards.map((s) => s.code)).toEqual(DEFAULT_CATALOGUE.standards.map((s) => s.code));
    expect(catalogue.weeklyChecklist).toEqual(DEFAULT_CATALOGUE.weeklyChecklist);
    expect(validateCatalogue(catalogue)).toEqual([]);
    expect(catalogueVersionSchema.safeParse(JSON.parse(JSON.stringify(catalogue))).success).toBe(true);
  });

  it('is published next to 2024.1, which stays the default and keeps its fingerprint', () => {
    expect(PUBLISHED_CATALOGUES.map((c) => c.version)).toEqual(['2024.1', '2026.1']);
    expect(DEFAULT_CATALOGUE.version).toBe('2024.1');
    expect(catalogueFingerprint(catalogue)).not.toBe(catalogueFingerprint(DEFAULT_CATALOGUE));
    expect(DEFAULT_CATALOGUE.standards.some((s) => 'requires' in s || 'staffOperation' in s)).toBe(false);
    expect(Object.isFrozen(catalogue.standards[0])).toBe(true);
  });

  it('states applicability and staff operation on every standard, so no fallback is needed', () => {
    for (const s of catalogue.standards) {
      expect(Array.isArray(s.requires), s.code).toBe(true);
      expect(typeof s.staffOperation, s.code).toBe('boolean');
    }
    const staff = catalogue.standards.filter((s) => s.staffOperation).length;
    expect(staff).toBeGreaterThanOrEqual(28);
    expect(staff).toBeLessThanOrEqual(42);
    for (const code of ['C-05', 'C-06', 'C-07', 'C-08']) expect(standard(code).requires).toEqual(['lifts']);
    for (const code of ['E-01', 'E-02', 'E-03'])
      expect(standard(code).requires).toEqual(['fire_control_room']);
    expect(standard('C-10').requires).toEqual(['secondary_water_supply']);
    expect(standard('C-14').requires).toEqual(['ev_charging_area']);
    expect(standard('A-01').requires).toEqual([]);
  });

  it('puts interim control only on critical standards, lift inspection and water tank among them', () => {
    const withControl = catalogue.standards.filter((s) => s.interimControl !== undefined);
    expect(withControl.length).toBeGreaterThanOrEqual(5);
    for (const s of withControl) {
      expect(s.critical, s.code).toBe(true);
      expect(s.interimControl?.zh, s.code).toMatch(/[\u4e00-\u9fff]/);
      expect(s.interimControl?.en.length, s.code).toBeGreaterThan(20);
    }
    expect(withControl.map((s) => s.code)).toEqual(expect.arrayContaining(['C-05', 'C-10', 'E-03']));
    expect(standard('C-05').interimControl?.zh).toMatch(/停用/);
    expect(standard('C-05').interimControl?.zh).toMatch(/签字确认/);
  });

  it('writes C-05 under TSG T7001-2023 and TSG T7008-2023', () => {
    const c05 = standard('C-05');
    expect(c05.requirement).toContain('TSG T7001-2023');
    expect(c05.requirement).toContain('T7008-2023');
    expect(c05.requirement).toMatch(/第1、4、7、9、11、13、15年/);
    expect(c05.requirement).toContain('自行检测');
    expect(c05.requirement).toContain('使用标志');
    expect(c05.method).toMatch(/任一台.*不合格/);
    expect(c05.critical).toBe(true);
  });

  it('writes E-02 under GB 25506: two certified people a shift, 8-hour shifts, a log entry every 2 hours', () => {
    const e02 = standard('E-02');
    expect(e02.requirement).toContain('GB 25506');
    expect(e02.requirement).toContain('二十四小时');
    expect(e02.requirement).toContain('每两小时');
    expect(e02.requirement).toContain('八小时');
    expect(e02.requirement).toMatch(/不少于两名持消防设施操作员证书/);
    expect(e02.method).toContain('排班表');
    expect(e02.method).toContain('间隔');
  });

  it('has one standard own e-bikes in stairwells and 飞线充电 (E-10)', () => {
    expect(requirementsMatching((r) => r.includes('飞线'))).toEqual(['E-10']);
    expect(requirementsMatching((r) => r.includes('楼道') && r.includes('电动自行车'))).toEqual(['E-10']);
    expect(standard('E-10').critical).toBe(true);
    for (const code of ['D-05', 'D-06']) {
      expect(standard(code).requirement, code).not.toMatch(/楼道|飞线|私拉/);
    }
  });

  it('has one standard own posted rules (A-04)', () => {
    expect(requirementsMatching((r) => r.includes('上墙'))).toEqual(['A-04']);
    expect(catalogue.standards.filter((s) => s.topics.includes('rules_posted')).map((s) => s.code)).toEqual([
      'A-04',
    ]);
    expect(standard('A-04').requirement).toMatch(/配电室、水泵房、电梯机房、消防控制室和门岗/);
  });

  it('has one standard own the response to a repair request (H-02)', () => {
    expect(requirementsMatching((r) => r.includes('报修') && /到场|派工|回访/.test(r))).toEqual(['H-02']);
    expect(requirementsMatching((r) => /报修后.*到场/.test(r))).toEqual(['H-02']);
    for (const code of ['B-08', 'B-09']) expect(standard(code).requirement, code).not.toContain('报修');
  });

  it('lists ten key parts with snake_case codes, the plant-room standard at three of them', () => {
    const parts = catalogue.keyParts ?? [];
    expect(parts.map((p) => p.code)).toEqual([
      'fire_control_room',
      'power_room',
      'pump_room',
      'water_tank',
      'lift_machine_room',
      'roof',
      'underground_garage',
      'ev_charging_area',
      'septic_tank',
      'refuse_room',
    ]);
    const at = (code: string) => parts.filter((p) => p.standards.includes(code)).map((p) => p.code);
    expect(at('C-04')).toEqual(expect.arrayContaining(['power_room', 'pump_room', 'lift_machine_room']));
    expect(parts.find((p) => p.code === 'lift_machine_room')?.requires).toEqual(['lifts']);
    expect(parts.find((p) => p.code === 'roof')?.requires).toEqual([]);
  });
});

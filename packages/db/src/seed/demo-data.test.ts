import { createUserSchema } from '@pilot/domain';
import { describe, expect, it } from 'vitest';
import { isWellFormedCreditCode } from './credit-code.js';
import {
  DEMO_COMMUNITIES,
  DEMO_COMPOUNDS,
  DEMO_FIRMS,
  DEMO_IDS,
  DEMO_PASSWORD,
  DEMO_SUBDISTRICT,
  DEMO_USERS,
} from './demo-data.js';
import {
  LATEST_FEE_COLLECTION_RATE,
  LATEST_SATISFACTION,
  PILOT_COMPLAINTS_PATH,
  demoMetricMonths,
  demoMonthlyMetrics,
  type DemoMonthlyMetric,
} from './metrics.js';

const households = new Map(DEMO_COMPOUNDS.map((c) => [c.id, c.households]));

function weightedMean(rows: DemoMonthlyMetric[], pick: (row: DemoMonthlyMetric) => number): number {
  const total = rows.reduce((sum, r) => sum + households.get(r.compoundId)!, 0);
  return rows.reduce((sum, r) => sum + pick(r) * households.get(r.compoundId)!, 0) / total;
}

describe('demo reference data', () => {
  it('has 5 communities of 锦水街道 and 28 compounds spread over all of them', () => {
    expect(DEMO_COMMUNITIES).toHaveLength(5);
    expect(DEMO_COMMUNITIES.every((c) => c.subdistrict === DEMO_SUBDISTRICT)).toBe(true);
    expect(DEMO_COMMUNITIES.map((c) => c.name)).toContain('锦水园社区');
    expect(DEMO_COMPOUNDS).toHaveLength(28);
    for (const community of DEMO_COMMUNITIES) {
      expect(DEMO_COMPOUNDS.filter((c) => c.communityId === community.id).length).toBeGreaterThanOrEqual(5);
    }
  });

  it('uses unique ids and names, and every reference resolves', () => {
    const all = [...DEMO_COMMUNITIES, ...DEMO_FIRMS, ...DEMO_COMPOUNDS, ...DEMO_USERS].map((r) => r.id);
    expect(new Set(all).size).toBe(all.length);
    expect(new Set(DEMO_FIRMS.map((f) => f.name)).size).toBe(DEMO_FIRMS.length);
    expect(new Set(DEMO_USERS.map((u) => u.username)).size).toBe(DEMO_USERS.length);
    expect(new Set(DEMO_COMMUNITIES.map((c) => c.code)).size).toBe(DEMO_COMMUNITIES.length);
    const compoundKeys = DEMO_COMPOUNDS.map((c) => `${c.communityId}/${c.name}`);
    expect(new Set(compoundKeys).size).toBe(compoundKeys.length);
    const communityIds = new Set(DEMO_COMMUNITIES.map((c) => c.id));
    const firmIds = new Set(DEMO_FIRMS.map((f) => f.id));
    for (const compound of DEMO_COMPOUNDS) {
      expect(communityIds.has(compound.communityId)).toBe(true);
      expect(firmIds.has(compound.firmId)).toBe(true);
      expect(compound.address.startsWith('平阴县锦水街道')).toBe(true);
      expect(compound.households).toBeGreaterThan(compound.buildings * 10);
    }
    for (const firm of DEMO_FIRMS) {
      expect(DEMO_COMPOUNDS.some((c) => c.firmId === firm.id)).toBe(true);
    }
  });

  it('has 玫瑰家园 served by 祥顺物业 in 锦水园社区', () => {
    const compound = DEMO_COMPOUNDS.find((c) => c.id === DEMO_IDS.compound)!;
    expect(compound.name).toBe('玫瑰家园');
    expect(compound.firmId).toBe(DEMO_IDS.firm);
    expect(compound.communityId).toBe(DEMO_IDS.community);
    expect(compound.liftCount).toBeGreaterThan(0);
    expect(DEMO_FIRMS.find((f) => f.id === DEMO_IDS.firm)!.name).toBe('祥顺物业');
  });

  it('gives firms checksum-valid 18-character credit codes', () => {
    for (const firm of DEMO_FIRMS) {
      expect(firm.creditCode).toHaveLength(18);
      expect(isWellFormedCreditCode(firm.creditCode)).toBe(true);
    }
    expect(new Set(DEMO_FIRMS.map((f) => f.creditCode)).size).toBe(DEMO_FIRMS.length);
    // One changed character breaks a check.
    expect(isWellFormedCreditCode('91370124MA3C7X2K8M')).toBe(false);
    expect(isWellFormedCreditCode('91370124MA3C7X2K9N')).toBe(false);
  });

  it('has accounts for every role that the user-creation rules would accept', () => {
    const count = (role: string): number => DEMO_USERS.filter((u) => u.role === role).length;
    expect(count('admin')).toBeGreaterThanOrEqual(1);
    expect(count('coordinator')).toBe(2);
    expect(count('inspector')).toBeGreaterThanOrEqual(5);
    expect(count('firm')).toBe(DEMO_FIRMS.length);
    expect(count('resident')).toBe(2);
    for (const user of DEMO_USERS) {
      const parsed = createUserSchema.safeParse({
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        password: DEMO_PASSWORD,
        phone: user.phone ?? undefined,
        firmId: user.firmId ?? undefined,
      });
      expect(parsed.success, user.username).toBe(true);
      expect(user.role === 'firm').toBe(user.firmId !== null);
    }
    for (const user of DEMO_USERS.filter((u) => u.role === 'inspector')) expect(user.phone).not.toBeNull();
  });

  it('cannot be changed by accident', () => {
    expect(Object.isFrozen(DEMO_COMPOUNDS)).toBe(true);
    expect(Object.isFrozen(DEMO_COMPOUNDS[0])).toBe(true);
  });
});

describe('demo monthly metrics', () => {
  const asOf = new Date('2025-06-15T12:00:00+08:00');
  const rows = demoMonthlyMetrics(asOf);
  const months = demoMetricMonths(asOf);
  const latest = rows.filter((r) => r.monthKey === '2025-06');

  it('covers 12 distinct months up to the as-of month, one row per compound each', () => {
    expect(months.map((m) => m.key)).toEqual([
      '2024-07',
      '2024-08',
      '2024-09',
      '2024-10',
      '2024-11',
      '2024-12',
      '2025-01',
      '2025-02',
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
    ]);
    expect(rows).toHaveLength(28 * 12);
    expect(new Set(rows.map((r) => `${r.compoundId}@${r.monthKey}`)).size).toBe(rows.length);
    for (const row of rows) {
      expect(row.month.toISOString().slice(0, 10)).toBe(`${row.monthKey}-01`);
    }
  });

  it('reads the month in Asia/Shanghai, not UTC', () => {
    // 1 July 00:30 in Shanghai is still 30 June in UTC.
    expect(demoMetricMonths(new Date('2025-07-01T00:30:00+08:00')).at(-1)!.key).toBe('2025-07');
    expect(demoMetricMonths(new Date('2025-06-30T23:30:00+08:00')).at(-1)!.key).toBe('2025-06');
    // Across a year boundary.
    expect(demoMetricMonths(new Date('2025-02-10T00:00:00+08:00'))[0]!.key).toBe('2024-03');
  });

  it('is deterministic', () => {
    expect(demoMonthlyMetrics(asOf)).toEqual(rows);
    expect(demoMonthlyMetrics(new Date('2025-06-01T00:00:00+08:00'))).toEqual(rows);
  });

  it('stays within sensible ranges', () => {
    for (const row of rows) {
      expect(Number.isInteger(row.complaints)).toBe(true);
      expect(row.complaints).toBeGreaterThanOrEqual(0);
      expect(row.complaints).toBeLessThan(40);
      expect(row.feeCollectionRate).toBeGreaterThan(0.3);
      expect(row.feeCollectionRate).toBeLessThan(1);
      expect(row.satisfaction).toBeGreaterThan(0.3);
      expect(row.satisfaction).toBeLessThan(1);
    }
  });

  it('follows 玫瑰家园 from 16 complaints a month down to 2', () => {
    const pilot = rows.filter((r) => r.compoundId === DEMO_IDS.compound).map((r) => r.complaints);
    expect(pilot).toEqual([...PILOT_COMPLAINTS_PATH]);
    expect(pilot[0]).toBe(16);
    expect(pilot.at(-1)).toBe(2);
  });

  it('ends at the reported subdistrict figures: 74% fee collection, 92% satisfaction', () => {
    expect(weightedMean(latest, (r) => r.feeCollectionRate)).toBeCloseTo(LATEST_FEE_COLLECTION_RATE, 3);
    expect(weightedMean(latest, (r) => r.satisfaction)).toBeCloseTo(LATEST_SATISFACTION, 3);
    const first = rows.filter((r) => r.monthKey === '2024-07');
    expect(weightedMean(first, (r) => r.feeCollectionRate)).toBeLessThan(LATEST_FEE_COLLECTION_RATE);
  });

  it('shows complaints across the subdistrict falling by about a third', () => {
    const total = (key: string): number =>
      rows.filter((r) => r.monthKey === key).reduce((sum, r) => sum + r.complaints, 0);
    const drop = 1 - total('2025-06') / total('2024-07');
    expect(drop).toBeGreaterThan(0.25);
    expect(drop).toBeLessThan(0.45);
  });
});

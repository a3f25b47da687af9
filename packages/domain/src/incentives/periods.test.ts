import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  monthOf,
  parsePeriodId,
  periodEnded,
  periodIdSchema,
  periodsUpTo,
  previousPeriod,
} from './periods.js';

const month = fc.record({
  year: fc.integer({ min: 2000, max: 2099 }),
  month: fc.integer({ min: 1, max: 12 }),
});
const monthId = ({ year, month: m }: { year: number; month: number }) =>
  `${year}-${String(m).padStart(2, '0')}`;

describe('evaluation periods', () => {
  it('names months and quarters with their first and last day, leap Februaries included', () => {
    expect(parsePeriodId('2026-11')).toEqual({
      id: '2026-11',
      kind: 'month',
      startsOn: '2026-11-01',
      endsOn: '2026-11-30',
    });
    expect(parsePeriodId('2028-02')?.endsOn).toBe('2028-02-29');
    expect(parsePeriodId('2026-02')?.endsOn).toBe('2026-02-28');
    expect(parsePeriodId('2026-Q3')).toEqual({
      id: '2026-Q3',
      kind: 'quarter',
      startsOn: '2026-07-01',
      endsOn: '2026-09-30',
    });
    expect(parsePeriodId('2026-Q1')?.endsOn).toBe('2026-03-31');
    for (const bad of ['2026-13', '2026-00', '2026-Q5', '2026-Q0', '26-11', '2026-1', '2026-11 ', ''])
      expect(parsePeriodId(bad), bad).toBeNull();
  });

  it('steps back one month or quarter across a year end, and the step joins the periods without a gap', () => {
    expect(previousPeriod(parsePeriodId('2026-01')!).id).toBe('2025-12');
    expect(previousPeriod(parsePeriodId('2026-Q1')!).id).toBe('2025-Q4');
    fc.assert(
      fc.property(month, (m) => {
        const period = parsePeriodId(monthId(m))!;
        const before = previousPeriod(period);
        const dayAfter = new Date(`${before.endsOn}T00:00:00Z`);
        dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
        expect(dayAfter.toISOString().slice(0, 10)).toBe(period.startsOn);
        expect(monthOf(period.endsOn).id).toBe(period.id);
      }),
    );
    expect(periodsUpTo(parsePeriodId('2026-Q2')!, 3).map((p) => p.id)).toEqual([
      '2026-Q2',
      '2026-Q1',
      '2025-Q4',
    ]);
  });

  it('counts a period as over only after its last day', () => {
    const november = parsePeriodId('2026-11')!;
    expect(periodEnded(november, '2026-11-30')).toBe(false);
    expect(periodEnded(november, '2026-12-01')).toBe(true);
  });

  it('refuses an id that names no period, saying which forms are meant', () => {
    expect(periodIdSchema.safeParse(' 2026-Q4 ').success).toBe(true);
    expect(periodIdSchema.safeParse('2026-Q5').success).toBe(false);
  });
});

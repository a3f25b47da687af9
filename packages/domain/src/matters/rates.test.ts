import { describe, expect, it } from 'vitest';
import { EMPTY_MATTER_COUNTS, matterRates, sumMatterCounts } from './rates.js';

describe('matter rates', () => {
  it('divides what came in time by what was due, and says nothing when nothing was due', () => {
    expect(
      matterRates({
        collected: 10,
        solved: 6,
        acceptDue: 8,
        acceptedInTime: 6,
        resolveDue: 3,
        resolvedInTime: 2,
        rated: 4,
        satisfied: 3,
      }),
    ).toEqual({ responseRate: 75, resolutionRate: 66.67, satisfactionRate: 75 });
    expect(matterRates(EMPTY_MATTER_COUNTS)).toEqual({
      responseRate: null,
      resolutionRate: null,
      satisfactionRate: null,
    });
  });

  it('adds groups up field by field for the totals', () => {
    const one = { ...EMPTY_MATTER_COUNTS, collected: 2, rated: 1, satisfied: 1 };
    const two = { ...EMPTY_MATTER_COUNTS, collected: 3, rated: 1 };
    expect(sumMatterCounts([one, two])).toEqual({
      ...EMPTY_MATTER_COUNTS,
      collected: 5,
      rated: 2,
      satisfied: 1,
    });
    expect(matterRates(sumMatterCounts([one, two])).satisfactionRate).toBe(50);
  });
});

import { buildRoundSchedule, resolvePlan } from '@pilot/domain';
import { describe, expect, it } from 'vitest';
import { burstFollowUpFactor, burstPlan } from './plans.js';

describe('burst plan', () => {
  it('compresses the plan so that the first wake-up after enrolling falls at the burst instant', () => {
    for (const leadMs of [20_000, 90_000, 600_000]) {
      const now = Date.UTC(2026, 11, 1, 7, 30);
      const plan = burstPlan(now, now + leadMs);
      expect(plan).not.toBeNull();
      const round = buildRoundSchedule(resolvePlan(plan ?? {}), now, 1);
      const self = round.tasks.find((task) => task.kind === 'self');
      expect(Math.abs((self?.remindAt ?? 0) - (now + leadMs))).toBeLessThan(2);
      expect(plan?.wakeSpreadMinutes).toBe(0);
    }
  });

  it('wakes next much later, so the burst is not followed by a storm', () => {
    for (let hour = 0; hour < 24; hour += 5) {
      expect(burstFollowUpFactor(Date.UTC(2026, 11, 1, hour, 17))).toBeGreaterThan(15);
    }
  });

  it('is null when the instant has passed', () => {
    const now = Date.now();
    expect(burstPlan(now, now - 1)).toBeNull();
  });
});

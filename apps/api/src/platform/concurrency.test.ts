import fc from 'fast-check';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { mapBounded } from './concurrency.js';

describe('mapBounded', () => {
  it('never runs more than the limit at once, uses all of it, and answers in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 10 }),
        async (delays, limit) => {
          let running = 0;
          let peak = 0;
          const results = await mapBounded(delays, limit, async (delay, index) => {
            running++;
            peak = Math.max(peak, running);
            await sleep(delay);
            running--;
            if (delay === 5) throw new Error(`item ${index}`);
            return index * 2;
          });
          expect(peak).toBe(Math.min(limit, delays.length));
          expect(results).toEqual(
            delays.map((delay, index) =>
              delay === 5
                ? { status: 'rejected', reason: new Error(`item ${index}`) }
                : { status: 'fulfilled', value: index * 2 },
            ),
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses a limit that would run nothing', async () => {
    await expect(mapBounded([1], 0, async (x) => x)).rejects.toThrow(RangeError);
  });
});

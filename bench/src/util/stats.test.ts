import { describe, expect, it } from 'vitest';
import { percentile, summarize } from './stats.js';

describe('percentiles', () => {
  it('are observed samples (nearest rank), never interpolations', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile(samples, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
  });

  it('summarize sorts a copy and leaves the samples alone', () => {
    const samples = [30, 10, 20];
    expect(summarize(samples)).toMatchObject({ count: 3, p50: 20, max: 30, mean: 20 });
    expect(samples).toEqual([30, 10, 20]);
  });

  it('refuses an empty sample', () => {
    expect(() => summarize([])).toThrow(/no samples/);
  });
});

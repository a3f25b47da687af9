import { describe, expect, it } from 'vitest';
import {
  encodePlan,
  fitWithin,
  judgeInput,
  PHOTO_INPUT_MAX_BYTES,
  PHOTO_MAX_EDGE,
  PHOTO_MIN_EDGE,
  PHOTO_QUALITIES,
} from './photo-size';

describe('photo compression limits', () => {
  it('brings the longest edge within the bound, keeping the shape, never enlarging', () => {
    expect(fitWithin({ width: 4032, height: 3024 }, 1600)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin({ width: 3024, height: 4032 }, 1600)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin({ width: 640, height: 480 }, 1600)).toEqual({ width: 640, height: 480 });
    expect(fitWithin({ width: 20000, height: 10 }, 1600)).toEqual({ width: 1600, height: 1 });
  });

  it('tries every quality at the full size first, then smaller sizes down to the minimum edge', () => {
    const plan = encodePlan({ width: 4032, height: 3024 });
    expect(plan.slice(0, PHOTO_QUALITIES.length).map((s) => s.quality)).toEqual([...PHOTO_QUALITIES]);
    expect(plan[0]!.size).toEqual({ width: PHOTO_MAX_EDGE, height: 1200 });
    const edges = plan.map((s) => Math.max(s.size.width, s.size.height));
    expect(Math.min(...edges)).toBeGreaterThanOrEqual(PHOTO_MIN_EDGE);
    // Sizes only go down.
    expect(edges).toEqual([...edges].sort((a, b) => b - a));
  });

  it('tries a small photo’s qualities once, at its own size', () => {
    const plan = encodePlan({ width: 640, height: 480 });
    expect(plan).toHaveLength(PHOTO_QUALITIES.length);
    expect(plan.every((s) => s.size.width === 640)).toBe(true);
  });

  it('refuses to open a file past the input limit', () => {
    expect(judgeInput(PHOTO_INPUT_MAX_BYTES)).toBeNull();
    expect(judgeInput(PHOTO_INPUT_MAX_BYTES + 1)).toBe('too_large_to_open');
  });
});

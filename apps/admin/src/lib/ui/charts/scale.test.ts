import { describe, expect, it } from 'vitest';
import { arcPath, labelStep, niceScale, niceStep, project } from './scale';
import { wrapLabel } from './text';

describe('chart scales', () => {
  it('picks steps of 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceStep(100, 4)).toBe(25);
    expect(niceStep(16, 4)).toBe(5);
    expect(niceStep(0.9, 4)).toBe(0.25);
    expect(niceStep(0, 4)).toBe(1);
  });

  it('covers the data with round ticks, from zero for counts', () => {
    expect(niceScale([2, 16, 9], { integer: true })).toEqual({ min: 0, max: 20, ticks: [0, 5, 10, 15, 20] });
    expect(niceScale([null, null])).toEqual({ min: 0, max: 1, ticks: [0, 0.25, 0.5, 0.75, 1] });
  });

  it('lets rates start near their lowest value and stop at 100', () => {
    const scale = niceScale([66, 74, 84, 92], { zero: false, ceiling: 100 });
    expect(scale.min).toBe(60);
    expect(scale.max).toBeLessThanOrEqual(100);
    expect(scale.ticks[0]).toBe(60);
  });

  it('never ticks half a complaint', () => {
    expect(niceScale([0, 2], { integer: true }).ticks.every(Number.isInteger)).toBe(true);
  });

  it('projects values onto pixels, upside down for y', () => {
    const scale = { min: 0, max: 100, ticks: [] };
    expect(project(50, scale, 200, 0)).toBe(100);
    expect(project(100, scale, 200, 0)).toBe(0);
  });

  it('draws a full ring as two arcs and a quarter as one', () => {
    expect(arcPath(50, 50, 40, 20, 0, Math.PI * 2).match(/M/g)).toHaveLength(2);
    expect(arcPath(50, 50, 40, 20, 0, Math.PI / 2)).toBe(
      'M 50 10 A 40 40 0 0 1 90 50 L 70 50 A 20 20 0 0 0 50 30 Z',
    );
  });

  it('thins out axis labels that would overlap', () => {
    expect(labelStep(12, 600, 34)).toBe(1);
    expect(labelStep(12, 280, 34)).toBe(2);
  });

  it('wraps Chinese between characters and English between words', () => {
    expect(wrapLabel('全面提升阶段', 40, 11)).toEqual(['全面提', '升阶段']);
    expect(wrapLabel('Summary and consolidation', 80, 11)).toEqual(['Summary and', 'consolidation']);
    expect(wrapLabel('Comprehensive improvement stage of it', 60, 11)).toHaveLength(2);
  });
});

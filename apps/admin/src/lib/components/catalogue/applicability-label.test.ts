import { describe, expect, it } from 'vitest';
import { appliesToLabel } from './applicability-label';

describe('appliesToLabel', () => {
  it('names the features a compound needs, in both languages', () => {
    expect(appliesToLabel(['lifts'], 'zh-CN')).toBe('仅适用于有电梯的小区');
    expect(appliesToLabel(['lifts'], 'en')).toBe('Only for compounds with lifts');
    expect(appliesToLabel(['lifts', 'fire_control_room', 'septic_tank'], 'zh-CN')).toBe(
      '仅适用于有电梯、消防控制室和化粪池的小区',
    );
    expect(appliesToLabel(['lifts', 'fire_control_room'], 'en')).toBe(
      'Only for compounds with lifts and a fire-control room',
    );
  });

  it('says every compound when nothing is required', () => {
    expect(appliesToLabel([], 'zh-CN')).toBe('所有小区');
    expect(appliesToLabel([], 'en')).toBe('Every compound');
  });
});

import { describe, expect, it } from 'vitest';
import { translator } from '$lib/i18n';
import { roundPosition, roundText } from './round-label';

const t = translator('zh-CN');

describe('which round a pilot is in', () => {
  it('says 自查自纠 belongs to round 1, not “round 0”', () => {
    const enrolled = { stage: 'improvement' as const, phase: 'self_inspection', currentRound: 0 };
    expect(roundPosition(enrolled)).toEqual({ kind: 'self_inspection', round: 1 });
    expect(roundText(roundPosition(enrolled), t)).toBe('第 1 轮 · 自查自纠阶段');
  });

  it('counts the first stage as round 1 until its record exists, and prefers the live round', () => {
    const concentrated = { stage: 'improvement' as const, phase: 'concentrated_inspection', currentRound: 0 };
    expect(roundText(roundPosition(concentrated), t)).toBe('第 1 轮');
    const consolidation = { stage: 'consolidation' as const, phase: 'consolidation_round', currentRound: 1 };
    expect(roundText(roundPosition(consolidation, 2), t)).toBe('第 2 轮');
    expect(roundText(roundPosition(consolidation, null), t)).toBe('第 1 轮');
    expect(roundText(roundPosition({ stage: 'withdrawn', phase: 'withdrawn', currentRound: 0 }), t)).toBe(
      '未开始轮次',
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { PilotDetail } from '$lib/api/pilot-types';
import { actionView, isPilotAction, openAction, type ActionState } from './actions';

const reason = (code: string, zh: string) => ({ code, zh, en: code });

/** The `actions` of GET /pilots/:id for a pilot in consolidation, as the workflow judges them for an admin. */
const CONSOLIDATION: ActionState[] = [
  { action: 'pause', allowed: true, reasons: [], met: [] },
  { action: 'resume', allowed: false, reasons: [reason('not_paused', '试点没有暂停。')], met: [] },
  { action: 'extend', allowed: true, reasons: [], met: [] },
  { action: 'reassign', allowed: true, reasons: [], met: [] },
  { action: 'withdraw', allowed: true, reasons: [], met: [] },
  {
    action: 'promote',
    allowed: false,
    reasons: [
      reason('stage_not_rollout', '只有进入全面推广阶段的试点才能评为示范小区。'),
      reason('score_below_minimum', '最近一轮得分 74.5 低于 85 分。'),
    ],
    met: [reason('no_overdue_rectifications', '没有超期未完成的整改。')],
  },
  {
    action: 'rollout',
    allowed: false,
    reasons: [reason('stage_not_rollout', '只有进入全面推广阶段的试点才能向其他企业推广。')],
    met: [],
  },
];

const detail = (
  actions: ActionState[],
  isDemonstration = false,
): Pick<PilotDetail, 'actions' | 'compound'> => ({
  actions,
  compound: {
    id: 'cmp-jinguiyuan',
    name: '金桂园',
    isDemonstration,
    community: { id: 'com-jinshuiyuan', name: '锦水园社区' },
  },
});

describe('what the API says a user may do', () => {
  it('offers the allowed actions and shows the others with their reasons, promotion apart', () => {
    const view = actionView(detail(CONSOLIDATION));
    expect(view.offered.map((state) => state.action)).toEqual(['pause', 'extend', 'reassign', 'withdraw']);
    expect(view.unavailable.map((state) => [state.action, state.reasons.map((r) => r.zh)])).toEqual([
      ['resume', ['试点没有暂停。']],
      ['rollout', ['只有进入全面推广阶段的试点才能向其他企业推广。']],
    ]);
    // Promotion keeps every condition, unmet and met, for its eligibility panel.
    expect(view.promotion?.allowed).toBe(false);
    expect(view.promotion?.reasons.map((r) => r.code)).toEqual(['stage_not_rollout', 'score_below_minimum']);
    expect(view.promotion?.met.map((r) => r.code)).toEqual(['no_overdue_rectifications']);
  });

  it('shows no promotion once the compound is a demonstration compound', () => {
    expect(actionView(detail(CONSOLIDATION, true)).promotion).toBeNull();
  });

  it('opens a confirmation step only for an allowed action, but keeps a failed form open', () => {
    const pilot = detail(CONSOLIDATION);
    expect(openAction(pilot, undefined, 'pause')).toBe('pause');
    expect(openAction(pilot, undefined, 'promote')).toBeNull();
    expect(openAction(pilot, undefined, 'delete')).toBeNull();
    expect(openAction(pilot, null, null)).toBeNull();
    // The refusal's message must stay in view even though the action is not allowed (any more).
    expect(openAction(pilot, 'promote', null)).toBe('promote');
    expect(isPilotAction('rollout')).toBe(true);
    expect(isPilotAction('verify')).toBe(false);
  });
});

import type { PilotSummary } from '$lib/api/pilot-types';
import type { Translate } from '$lib/i18n';

/*
 * Which round a pilot is in, the same on the board, the pilot detail and the firm's compound card.
 * The record counts rounds from the first round record, written when 自查自纠 ends, so it says 0 while
 * the firm self-inspects; that work already belongs to round 1 (自查自纠 → 集中检查 → 专项检查).
 */

export type RoundPosition =
  { kind: 'self_inspection'; round: 1 } | { kind: 'round'; round: number } | { kind: 'none' };

export function roundPosition(
  pilot: Pick<PilotSummary, 'phase' | 'stage' | 'currentRound'>,
  /** The round the live snapshot reports, when there is one. */
  live?: number | null,
): RoundPosition {
  if (pilot.phase === 'self_inspection') return { kind: 'self_inspection', round: 1 };
  const round = live && live > 0 ? live : pilot.currentRound;
  if (round > 0) return { kind: 'round', round };
  // Still in the first stage without a round record (集中检查 right after 自查自纠): round 1.
  if (pilot.stage === 'improvement') return { kind: 'round', round: 1 };
  return { kind: 'none' };
}

/** The position in words: 第 1 轮 · 自查自纠阶段, 第 2 轮, or 未开始轮次. */
export function roundText(position: RoundPosition, t: Translate): string {
  switch (position.kind) {
    case 'self_inspection':
      return t('pilots.card.selfRound');
    case 'round':
      return t('pilots.card.round', { round: position.round });
    case 'none':
      return t('pilots.card.noRound');
  }
}

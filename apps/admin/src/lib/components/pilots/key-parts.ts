import type { PilotDetail, PilotSnapshot, TimelineRound } from '$lib/api/pilot-types';

/*
 * 重点部位 of the consolidation round as the pilot detail shows them: each place with where it stands
 * in its 检查 → 整改 → 复查 loop and its score before (the first check that found problems) and after
 * (the re-check). While the round runs the live snapshot has the loop; afterwards the round record
 * keeps before / after / improvement.
 */

export type KeyPartStatus = NonNullable<PilotSnapshot['currentRound']>['keyParts'][number]['status'];

export interface KeyPartRow {
  code: string;
  name: { zh: string; en: string };
  /** Null for a finished round: the record keeps the scores, not the loop. */
  status: KeyPartStatus | null;
  before: number | null;
  after: number | null;
  /** after − before, one decimal; null until both are known. */
  change: number | null;
  openRectifications: number;
  /** Holds standards of the previous round's weak categories (checked first). */
  focus: boolean;
}

export interface KeyPartLoop {
  round: number;
  /** From the running round (snapshot), or from a finished round's record. */
  live: boolean;
  rows: KeyPartRow[];
}

const round1 = (value: number) => Math.round(value * 10) / 10;
const changeOf = (before: number | null, after: number | null) =>
  before === null || after === null ? null : round1(after - before);

export function keyPartLoop(
  detail: Pick<PilotDetail, 'snapshot'> & { timeline: { rounds: readonly TimelineRound[] } },
): KeyPartLoop | null {
  const current = detail.snapshot?.currentRound;
  if (current && current.keyParts.length > 0) {
    return {
      round: current.number,
      live: true,
      rows: current.keyParts.map((part) => ({
        code: part.code,
        name: part.name,
        status: part.status,
        before: part.before,
        after: part.after,
        change: changeOf(part.before, part.after),
        openRectifications: part.openRectifications,
        focus: part.focus,
      })),
    };
  }
  const finished = [...detail.timeline.rounds]
    .filter((round) => round.keyParts.length > 0)
    .sort((a, b) => b.number - a.number)[0];
  if (!finished) return null;
  return {
    round: finished.number,
    live: false,
    rows: finished.keyParts.map((part) => ({
      code: part.code,
      name: part.name,
      status: null,
      before: part.before,
      after: part.after,
      change: part.improvement === null ? changeOf(part.before, part.after) : round1(part.improvement),
      openRectifications: 0,
      focus: false,
    })),
  };
}

import type { PilotDetail, PilotSnapshot, TimelineRound } from '$lib/api/pilot-types';
import { CATEGORY_CODES } from '$lib/api/pilot-types';
import { kindLabel } from '$lib/i18n/domain-labels';
import type { ChartData } from '$lib/ui/charts/types';

/*
 * The pilot detail's view model: scores by category against the previous round (with both rates: 合格率
 * over every item, 规范操作执行率 over the staff-operation items) and what a deadline can be extended for.
 * What a user may do comes from the API (see actions.ts).
 */

export interface RoundScores {
  number: number;
  stage: string;
  score: number | null;
  stars: number | null;
  /** 合格率: passed items over every item checked (0–1). */
  complianceRate: number | null;
  /** 规范操作执行率: the same over the staff-operation (规范操作) items only (0–1). */
  operationRate: number | null;
  /** Category code → score (0–100). */
  categories: Record<string, number | null>;
}

/**
 * Evaluated rounds with their category scores, oldest first: from the live snapshot when there is
 * one (the workflow's own results), else from the records.
 */
export function evaluatedRounds(
  snapshot: PilotSnapshot | null,
  rounds: readonly TimelineRound[],
): RoundScores[] {
  if (snapshot && snapshot.rounds.length > 0) {
    return [...snapshot.rounds]
      .sort((a, b) => a.number - b.number)
      .map((round) => ({
        number: round.number,
        stage: round.stage,
        score: round.score,
        stars: round.stars,
        complianceRate: round.complianceRate,
        operationRate: round.operationRate,
        categories: Object.fromEntries(round.categoryScores.map((c) => [c.category, c.score])),
      }));
  }
  return rounds
    .filter((round) => round.evaluatedAt !== null)
    .sort((a, b) => a.number - b.number)
    .flatMap((round) => {
      const categories = Object.fromEntries(round.categoryScores.map((c) => [c.category, c.score]));
      return round.categoryScores.length > 0
        ? [
            {
              number: round.number,
              stage: round.kind,
              score: round.score,
              stars: round.starRating,
              complianceRate: round.complianceRate,
              operationRate: round.operationRate,
              categories,
            },
          ]
        : [];
    });
}

export interface CategoryRow {
  code: string;
  label: string;
  previous: number | null;
  latest: number | null;
  /** latest − previous, one decimal; null when either is missing. */
  change: number | null;
}

export interface CategoryComparison {
  latest: RoundScores;
  previous: RoundScores | null;
  rows: CategoryRow[];
  chart: ChartData;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * The latest evaluated round's category scores against the round before it, as rows for the table
 * and as chart data (two series, previous first, both on a 0–100 axis); null before any evaluation.
 */
export function compareCategories(
  rounds: readonly RoundScores[],
  labelOf: (code: string) => string,
  seriesLabel: (round: RoundScores) => string,
): CategoryComparison | null {
  const latest = rounds.at(-1);
  if (!latest) return null;
  const previous = rounds.length > 1 ? (rounds.at(-2) ?? null) : null;
  const known: readonly string[] = CATEGORY_CODES;
  const codes = [
    ...CATEGORY_CODES.filter(
      (code) => code in latest.categories || (previous && code in previous.categories),
    ),
    ...Object.keys(latest.categories).filter((code) => !known.includes(code)),
  ];
  const rows = codes.map((code) => {
    const now = latest.categories[code] ?? null;
    const before = previous?.categories[code] ?? null;
    return {
      code,
      label: labelOf(code),
      previous: before === null ? null : round1(before),
      latest: now === null ? null : round1(now),
      change: now === null || before === null ? null : round1(now - before),
    };
  });
  const categories = rows.map((row) => ({ key: row.code, label: row.label }));
  const series = [
    ...(previous
      ? [
          {
            key: `round-${previous.number}`,
            label: seriesLabel(previous),
            unit: 'score' as const,
            values: rows.map((row) => row.previous),
            color: '#64748b',
          },
        ]
      : []),
    {
      key: `round-${latest.number}`,
      label: seriesLabel(latest),
      unit: 'score' as const,
      values: rows.map((row) => row.latest),
      // The round that matters now in the accent colour; the one before in grey.
      color: '#b91c1c',
    },
  ];
  return { latest, previous, rows, chart: { categories, series } };
}

export interface ExtendTarget {
  type: 'task' | 'rectification';
  id: string;
  /** What the option says: the kind or standard, and the current deadline. */
  kindLabel: { zh: string; en: string } | null;
  code: string | null;
  deadline: string;
}

/**
 * What a deadline can be extended for: the current round's open and scheduled inspection tasks and
 * the rectification items not closed yet, soonest deadline first, as the workflow's live snapshot
 * has them. Without a snapshot there is nothing: the workflow that would take the extension is not
 * answering, and it offers no actions then.
 */
export function extendTargets(detail: Pick<PilotDetail, 'snapshot'>): ExtendTarget[] {
  const snapshot = detail.snapshot;
  if (!snapshot) return [];
  const tasks: ExtendTarget[] = [...snapshot.openTasks, ...snapshot.upcomingTasks].map((task) => ({
    type: 'task',
    id: task.id,
    kindLabel: kindLabel(task.kind),
    code: task.kind,
    deadline: task.dueAt,
  }));
  // 已管控 items still wait for their fix, so their deadline can be extended too.
  const open = new Set(['open', 'controlled', 'responded', 'reopened']);
  const rectifications: ExtendTarget[] = snapshot.openRectifications
    .filter((item) => open.has(item.status))
    .map((item) => ({
      type: 'rectification',
      id: item.id,
      kindLabel: null,
      code: item.standardCode,
      deadline: item.deadline,
    }));
  const time = (value: string) => Date.parse(value);
  const unique = new Map<string, ExtendTarget>();
  for (const target of [...tasks, ...rectifications]) unique.set(`${target.type}:${target.id}`, target);
  return [...unique.values()].sort((a, b) => time(a.deadline) - time(b.deadline));
}

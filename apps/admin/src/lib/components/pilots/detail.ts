import type { UserRole } from '$lib/api/types';
import type { PilotDetail, PilotSnapshot, PilotSummary, TimelineRound } from '$lib/api/pilot-types';
import { CATEGORY_CODES } from '$lib/api/pilot-types';
import type { ChartData } from '$lib/ui/charts/types';

/*
 * The pilot detail's view model: scores by category against the previous round, the actions a role
 * may take in the pilot's state, and what a deadline can be extended for.
 */

export interface RoundScores {
  number: number;
  stage: string;
  score: number | null;
  stars: number | null;
  complianceRate: number | null;
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

export const PILOT_ACTIONS = [
  'pause',
  'resume',
  'extend',
  'reassign',
  'withdraw',
  'promote',
  'rollout',
] as const;
export type PilotAction = (typeof PILOT_ACTIONS)[number];

export function isPilotAction(value: string | null | undefined): value is PilotAction {
  return (PILOT_ACTIONS as readonly string[]).includes(value ?? '');
}

type PilotState = Pick<PilotSummary, 'stage' | 'phase' | 'paused' | 'status'>;

/**
 * What the user's role may do in the pilot's state. The workflow has the last word (it refuses with
 * reasons); this only keeps buttons away that could never succeed. Promotion stays offered to an
 * admin before the rollout stage on purpose: the refusal says which conditions are still unmet.
 */
export function availableActions(role: UserRole, pilot: PilotState): PilotAction[] {
  if (role !== 'admin' && role !== 'coordinator') return [];
  if (pilot.stage === 'withdrawn' || pilot.phase === 'withdrawn' || pilot.status === 'withdrawn') return [];
  const actions: PilotAction[] = [];
  if (pilot.paused) actions.push('resume');
  else if (pilot.phase !== 'demonstration') actions.push('pause');
  if (!pilot.paused) actions.push('extend', 'reassign');
  if (role === 'admin' && pilot.phase !== 'demonstration') actions.push('promote');
  if (pilot.stage === 'rollout' && !pilot.paused) actions.push('rollout');
  actions.push('withdraw');
  return actions;
}

export interface ExtendTarget {
  type: 'task' | 'rectification';
  id: string;
  /** What the option says: the kind or standard, and the current deadline. */
  kindLabel: { zh: string; en: string } | null;
  code: string | null;
  deadline: number | string;
}

/**
 * What a deadline can be extended for: the current round's open and scheduled inspection tasks and
 * the rectification items not closed yet, soonest deadline first.
 */
export function extendTargets(detail: Pick<PilotDetail, 'snapshot' | 'timeline'>): ExtendTarget[] {
  const labels = new Map(detail.timeline.tasks.map((task) => [task.id, task.kindLabel]));
  const snapshot = detail.snapshot;
  const tasks: ExtendTarget[] = snapshot
    ? [...snapshot.openTasks, ...snapshot.upcomingTasks].map((task) => ({
        type: 'task',
        id: task.id,
        kindLabel: labels.get(task.id) ?? null,
        code: task.kind,
        deadline: task.dueAt,
      }))
    : detail.timeline.tasks
        .filter((task) => task.status === 'open' || task.status === 'scheduled')
        .map((task) => ({
          type: 'task',
          id: task.id,
          kindLabel: task.kindLabel,
          code: task.kind,
          deadline: task.dueAt,
        }));
  const open = new Set(['open', 'responded', 'reopened']);
  const rectifications: ExtendTarget[] = snapshot
    ? snapshot.openRectifications
        .filter((item) => open.has(item.status))
        .map((item) => ({
          type: 'rectification',
          id: item.id,
          kindLabel: null,
          code: item.standardCode,
          deadline: item.deadline,
        }))
    : detail.timeline.rectifications
        .filter((item) => open.has(item.status))
        .map((item) => ({
          type: 'rectification',
          id: item.id,
          kindLabel: null,
          code: item.standardCode,
          deadline: item.deadline,
        }));
  const time = (value: number | string) => (typeof value === 'number' ? value : Date.parse(value));
  const unique = new Map<string, ExtendTarget>();
  for (const target of [...tasks, ...rectifications]) unique.set(`${target.type}:${target.id}`, target);
  return [...unique.values()].sort((a, b) => time(a.deadline) - time(b.deadline));
}

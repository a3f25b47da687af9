// The pure half of gathering a period's facts: from the records the database returns for one firm
// and period to the component values `evaluateFirm` weighs, each with the records it was counted
// from. The I/O half (which rows) lives in the activities package, so the API and the demo import
// count alike.
import type { WorkingDayTest } from '../calendar/working-days.js';
import { maintenanceSlots, onTimeShare } from '../traces/schedule.js';
import type { EvaluationComponent, EvaluationFacts } from './evaluation.js';
import type { FirmSignals } from './lists.js';

/** The kinds of record a component is counted from (the API's answer enumerates them from here). */
export const SOURCE_KINDS = [
  'round',
  'inspection',
  'rectification',
  'task',
  'matter',
  'visit',
  'case',
  'equipment',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** The records a component was counted from: the first ids (bounded) and how many there were. */
export interface SourceRefs {
  kind: SourceKind;
  ids: string[];
  count: number;
}
export type EvaluationSources = Partial<Record<EvaluationComponent | 'publishedCases', SourceRefs>>;

/** Ids kept per component: enough to open the records, bounded whatever the firm's size. */
export const SOURCE_ID_LIMIT = 50;

/** An item of the firm's register with maintenance scheduled, and the maintenance done on it. */
export interface MaintainedEquipment {
  id: string;
  /** When it was registered: its first maintenance falls due an interval later. */
  startMs: number;
  maintenanceIntervalDays: number;
  /**
   * Its maintenance entries (a corrected one replaced by its correction), from far enough before
   * the period that the maintenance due at its start is met or missed by one of them.
   */
  doneMs: readonly number[];
}

export interface FirmPeriodRecords {
  /** The period's instants: from local midnight of its first day to local midnight after its last. */
  period: { fromMs: number; untilMs: number };
  /** Rounds evaluated within the period. */
  rounds: ReadonlyArray<{ id: string; score: number | null; starRating: number | null }>;
  /** Inspections (not the firm's self-inspection) submitted within the period, with a score. */
  inspections: ReadonlyArray<{ id: string; score: number | null }>;
  /**
   * Each pilot's latest star rating evaluated up to the period's end, counted when no round ended
   * within it (a month inside a three-month round keeps the stars the compound holds).
   */
  latestStars: ReadonlyArray<{ roundId: string; starRating: number }>;
  /** Rectifications due within the period (deadline) or closed within it. */
  rectifications: ReadonlyArray<{
    id: string;
    deadlineMs: number;
    closedAtMs: number | null;
    cancelled: boolean;
    /** Reopened (an answer rejected) at some point up to the period's end. */
    reopened: boolean;
    /** Reopened within the period: what the black list's repeated-reopen rule counts. */
    reopenedInPeriod: boolean;
  }>;
  /** Critical rectifications open after their deadline at the period's end. */
  criticalOverdue: readonly string[];
  /** Scheduled inspections due within the period, other than self-inspections. */
  tasks: ReadonlyArray<{ id: string; missed: boolean }>;
  /** Matters of the firm closed within the period. */
  matters: ReadonlyArray<{ id: string; solved: boolean | null; rating: number | null }>;
  /** The rating at or above which a matter counts as satisfied (the matter rules' `satisfiedFrom`). */
  satisfiedFrom: number;
  /** Patrol visits done within the period at the firm's compounds. */
  visits: ReadonlyArray<{ id: string; compoundId: string; findings: number }>;
  /** 三微案例 cases of the firm selected into an issue published within the period. */
  cases: readonly string[];
  /** Active equipment of the firm's compounds with a maintenance interval, registered before the period's end. */
  equipment: readonly MaintainedEquipment[];
}

export interface GatheredFacts {
  facts: EvaluationFacts;
  sources: EvaluationSources;
  signals: FirmSignals;
}

function refs(kind: SourceKind, ids: readonly string[]): SourceRefs {
  return { kind, ids: ids.slice(0, SOURCE_ID_LIMIT), count: ids.length };
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/**
 * A component with nothing to count stays null (its weight goes to the measured ones), so a firm
 * without matters or patrols is scored on its inspections alone. `isWorking` is the calendar the
 * maintenance due days are moved on, the one the upkeep workflow reminds and marks overdue by.
 */
export function factsFromRecords(records: FirmPeriodRecords, isWorking: WorkingDayTest): GatheredFacts {
  const facts: EvaluationFacts = {};
  const sources: EvaluationSources = {};

  // 检查评分: the rounds that ended in the period; in a month without one, the period's inspections.
  const roundScores = records.rounds.filter((r) => r.score !== null);
  if (roundScores.length > 0) {
    facts.roundScore = mean(roundScores.map((r) => r.score!));
    sources.roundScore = refs(
      'round',
      roundScores.map((r) => r.id),
    );
  } else {
    const scored = records.inspections.filter((i) => i.score !== null);
    facts.roundScore = mean(scored.map((i) => i.score!));
    if (scored.length > 0)
      sources.roundScore = refs(
        'inspection',
        scored.map((i) => i.id),
      );
  }

  const starred = records.rounds.filter((r) => r.starRating !== null);
  if (starred.length > 0) {
    facts.stars = mean(starred.map((r) => r.starRating!));
    sources.stars = refs(
      'round',
      starred.map((r) => r.id),
    );
  } else if (records.latestStars.length > 0) {
    facts.stars = mean(records.latestStars.map((r) => r.starRating));
    sources.stars = refs(
      'round',
      records.latestStars.map((r) => r.roundId),
    );
  } else {
    facts.stars = null;
  }

  const counted = records.rectifications.filter((r) => !r.cancelled);
  const onTime = counted.filter((r) => r.closedAtMs !== null && r.closedAtMs <= r.deadlineMs);
  facts.rectificationOnTime = share(onTime.length, counted.length);
  facts.rectificationReopened = share(counted.filter((r) => r.reopened).length, counted.length);
  if (counted.length > 0) {
    const ids = counted.map((r) => r.id);
    sources.rectificationOnTime = refs('rectification', ids);
    sources.rectificationReopened = refs('rectification', ids);
  }

  facts.inspectionsMissed = share(records.tasks.filter((t) => t.missed).length, records.tasks.length);
  if (records.tasks.length > 0)
    sources.inspectionsMissed = refs(
      'task',
      records.tasks.map((t) => t.id),
    );

  const judged = records.matters.filter((m) => m.solved !== null);
  facts.matterResolution = share(judged.filter((m) => m.solved).length, judged.length);
  if (judged.length > 0)
    sources.matterResolution = refs(
      'matter',
      judged.map((m) => m.id),
    );
  const rated = records.matters.filter((m) => m.rating !== null);
  facts.matterSatisfaction = share(
    rated.filter((m) => m.rating! >= records.satisfiedFrom).length,
    rated.length,
  );
  if (rated.length > 0)
    sources.matterSatisfaction = refs(
      'matter',
      rated.map((m) => m.id),
    );

  // Findings per compound visited: a firm serving more compounds is not penalised for their number.
  const visited = new Set(records.visits.map((v) => v.compoundId));
  facts.patrolFindings =
    visited.size === 0 ? null : records.visits.reduce((sum, v) => sum + v.findings, 0) / visited.size;
  if (visited.size > 0)
    sources.patrolFindings = refs(
      'visit',
      records.visits.map((v) => v.id),
    );

  // 设备维保按期率: the maintenance due in the period, by the same schedule the register shows and
  // the upkeep workflow marks overdue; a late visit is not on time, a missing one is missed.
  const due = records.equipment.flatMap((item) => {
    const slots = maintenanceSlots(isWorking, {
      startMs: item.startMs,
      intervalDays: item.maintenanceIntervalDays,
      doneMs: item.doneMs,
      ...records.period,
    });
    return slots.length === 0
      ? []
      : [{ id: item.id, lapsed: slots.some((s) => s.status !== 'on_time'), slots }];
  });
  facts.maintenanceOnTime = onTimeShare(due.flatMap((item) => item.slots));
  // The items that cost points first, so the bounded ids name them however large the register.
  if (due.length > 0)
    sources.maintenanceOnTime = refs('equipment', [
      ...due.filter((item) => item.lapsed).map((item) => item.id),
      ...due.filter((item) => !item.lapsed).map((item) => item.id),
    ]);

  facts.publishedCases = records.cases.length;
  if (records.cases.length > 0) sources.publishedCases = refs('case', records.cases);

  return {
    facts,
    sources,
    signals: {
      criticalOverdue: records.criticalOverdue,
      reopened: counted.filter((r) => r.reopenedInPeriod).map((r) => r.id),
    },
  };
}

/**
 * Ranks by score, best first; equal scores (to the hundredth, as shown) share a rank and the next
 * rank skips (1, 2, 2, 4), as published league tables do.
 */
export function rankByScore<T extends { score: number }>(rows: readonly T[]): Array<T & { rank: number }> {
  const rounded = (score: number) => Math.round(score * 100);
  const sorted = [...rows].sort((a, b) => b.score - a.score);
  return sorted.map((row, index) => {
    const first = sorted.findIndex((other) => rounded(other.score) === rounded(row.score));
    return { ...row, rank: (first === -1 ? index : first) + 1 };
  });
}

// The loop's three rates as the assessments count them (响应率、解决率、满意率), from counts the
// database aggregates: pure, so the API, the reports and the tests compute them the same way.
import { percentOf } from '../scoring/percent.js';

/** Counts over a set of matters (one group of the statistics). */
export interface MatterRateCounts {
  /** Matters collected. */
  collected: number;
  /** Closed as solved: the reporter or the follow-up said so, or it closed by itself. */
  solved: number;
  /** Assigned matters accepted, or whose acceptance limit has passed: what 响应率 divides by. */
  acceptDue: number;
  /** Of those, first accepted within the limit. */
  acceptedInTime: number;
  /** Matters answered, or whose resolution limit has passed: what 解决率 divides by. */
  resolveDue: number;
  /** Of those, first answered within the limit. */
  resolvedInTime: number;
  /** Matters with a rating (the reporter's, or the follow-up's). */
  rated: number;
  /** Of those, rated at or above the rules' `satisfiedFrom`. */
  satisfied: number;
}

export interface MatterRates {
  /** 响应率, percent with two decimals; null when nothing was due yet. */
  responseRate: number | null;
  /** 解决率. */
  resolutionRate: number | null;
  /** 满意率. */
  satisfactionRate: number | null;
}

export function matterRates(counts: MatterRateCounts): MatterRates {
  return {
    responseRate: percentOf(counts.acceptedInTime, counts.acceptDue),
    resolutionRate: percentOf(counts.resolvedInTime, counts.resolveDue),
    satisfactionRate: percentOf(counts.satisfied, counts.rated),
  };
}

export const EMPTY_MATTER_COUNTS: Readonly<MatterRateCounts> = Object.freeze({
  collected: 0,
  solved: 0,
  acceptDue: 0,
  acceptedInTime: 0,
  resolveDue: 0,
  resolvedInTime: 0,
  rated: 0,
  satisfied: 0,
});

/** The counts of several groups together (the totals line). */
export function sumMatterCounts(groups: readonly MatterRateCounts[]): MatterRateCounts {
  const total = { ...EMPTY_MATTER_COUNTS };
  for (const group of groups) {
    for (const key of Object.keys(total) as Array<keyof MatterRateCounts>) total[key] += group[key];
  }
  return total;
}

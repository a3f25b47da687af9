// 常态化巡查: each month the subdistrict patrols every compound with the community, on dates spread
// irregularly over the month's working days so that no firm can tidy up for a known day.
import * as z from 'zod';
import { addLocalDays, daysInMonth, formatLocalDate, localMidnight } from '../calendar/shanghai.js';
import { fnv1a64 } from '../catalogue/fingerprint.js';
import type { WorkingDayTest } from '../calendar/working-days.js';
import { PATROL_TOPICS } from '../matters/vocabulary.js';

export const PATROL_VISIT_STATUSES = ['planned', 'done', 'missed'] as const;
export type PatrolVisitStatus = (typeof PATROL_VISIT_STATUSES)[number];

export const patrolTopicSchema = z.enum(PATROL_TOPICS);

/** The working days of a month (`year`, `month` 1–12), as local `YYYY-MM-DD`. */
export function workingDaysOfMonth(isWorking: WorkingDayTest, year: number, month: number): string[] {
  const first = localMidnight(year, month, 1);
  return Array.from({ length: daysInMonth(year, month) }, (_, i) => addLocalDays(first, i))
    .filter(isWorking)
    .map(formatLocalDate);
}

/**
 * One date per compound, drawn from the month's working days by a hash of the plan's key and the
 * compound: irregular to the firms, yet the same plan again gives the same dates (a retried
 * request, a re-generated plan). At most `perDay` visits share a day while days remain.
 */
export function spreadPatrolDates(
  planKey: string,
  compoundIds: readonly string[],
  days: readonly string[],
  perDay = 3,
): Map<string, string> {
  if (days.length === 0) throw new RangeError('the month has no working day to patrol on');
  const load = new Map<string, number>();
  const dates = new Map<string, string>();
  const ordered = [...compoundIds].sort();
  for (const compoundId of ordered) {
    const start = Number(BigInt(`0x${fnv1a64(`${planKey}:${compoundId}`)}`) % BigInt(days.length));
    let pick = days[start]!;
    for (let step = 0; step < days.length; step += 1) {
      const day = days[(start + step) % days.length]!;
      if ((load.get(day) ?? 0) < perDay) {
        pick = day;
        break;
      }
    }
    load.set(pick, (load.get(pick) ?? 0) + 1);
    dates.set(compoundId, pick);
  }
  return dates;
}

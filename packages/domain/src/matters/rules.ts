// The loop's limits as data: a versioned rule set an admin publishes. A matter keeps the version it
// was collected under, so a later change never moves the deadlines of matters already running.
import * as z from 'zod';
import { addLocalDays, startOfLocalDay } from '../calendar/shanghai.js';
import { HOUR_MS } from '../calendar/time-units.js';
import { addWorkingDays, type WorkingDayTest } from '../calendar/working-days.js';
import { deepFreeze } from '../shared/deep-freeze.js';
import { MATTER_URGENCIES, type MatterUrgency } from './vocabulary.js';

/** A limit in clock hours (round the clock: urgent acceptance) or in working days (to the end of the day). */
export const matterLimitSchema = z.discriminatedUnion('unit', [
  z.object({ unit: z.literal('hours'), amount: z.number().int().min(1).max(720) }),
  z.object({ unit: z.literal('working_days'), amount: z.number().int().min(1).max(60) }),
]);
export type MatterLimit = z.infer<typeof matterLimitSchema>;

const urgencyRulesSchema = z.object({
  /** From assignment to acceptance. */
  accept: matterLimitSchema,
  /** From assignment (or a reopening) to the answer. */
  resolve: matterLimitSchema,
});

export const matterRulesSchema = z.object({
  version: z.number().int().min(1),
  byUrgency: z.object(
    Object.fromEntries(MATTER_URGENCIES.map((u) => [u, urgencyRulesSchema])) as Record<
      MatterUrgency,
      typeof urgencyRulesSchema
    >,
  ),
  /** A reminder goes out when this share of a limit has passed (0.75: with a quarter left). */
  remindAt: z.number().min(0.1).max(0.95),
  /** How long the reporter has to confirm and rate an answer before it closes by itself. */
  confirmWithin: matterLimitSchema,
  /** A rating below this reopens the matter to the same party (1–5 stars). */
  reopenBelow: z.number().int().min(1).max(5),
  /** A rating from this counts as satisfied (满意率). */
  satisfiedFrom: z.number().int().min(1).max(5),
  /** Reports of the same compound, category and place within these hours are offered as "same problem?". */
  duplicateWithinHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30),
});
export type MatterRules = z.infer<typeof matterRulesSchema>;

/**
 * Rule set 1, as the issue states the practice of 接诉即办 assessments: urgent matters accepted in
 * 2 hours and resolved in 1 working day, ordinary ones in 1 and 5 working days.
 */
export const MATTER_RULES_1: MatterRules = deepFreeze({
  version: 1,
  byUrgency: {
    urgent: { accept: { unit: 'hours', amount: 2 }, resolve: { unit: 'working_days', amount: 1 } },
    ordinary: { accept: { unit: 'working_days', amount: 1 }, resolve: { unit: 'working_days', amount: 5 } },
  },
  remindAt: 0.75,
  confirmWithin: { unit: 'working_days', amount: 3 },
  reopenBelow: 3,
  satisfiedFrom: 4,
  duplicateWithinHours: 72,
});

/**
 * The instant a limit ends when it starts at `fromMs`: hours on the clock, or the end of the
 * `amount`-th working day after the day of `fromMs` (a matter assigned on Friday with one working
 * day is due at the end of Monday; across 国庆 the holiday does not count).
 */
export function limitEnd(isWorking: WorkingDayTest, fromMs: number, limit: MatterLimit): number {
  if (limit.unit === 'hours') return fromMs + limit.amount * HOUR_MS;
  return addLocalDays(startOfLocalDay(addWorkingDays(isWorking, fromMs, limit.amount)), 1);
}

/** When the reminder for a limit from `fromMs` to `endMs` goes out. */
export function reminderAt(rules: Pick<MatterRules, 'remindAt'>, fromMs: number, endMs: number): number {
  return fromMs + Math.floor((endMs - fromMs) * rules.remindAt);
}

/** Whether a published rule set may follow `previous`: the next version number, and coherent. */
export function ruleSetProblems(rules: MatterRules, previous: MatterRules | null): string[] {
  const problems: string[] = [];
  if (previous && rules.version !== previous.version + 1)
    problems.push(`version must be ${previous.version + 1}`);
  if (rules.satisfiedFrom < rules.reopenBelow) problems.push('satisfiedFrom must not be below reopenBelow');
  return problems;
}

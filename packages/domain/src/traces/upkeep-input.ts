// The contract of a compound's upkeep workflow (`compound-upkeep:<compoundId>`): what it is started
// with, what each wake's activity is asked and answers, and what the workflow tells a query.
// Instants are epoch milliseconds of workflow time (also under time skipping).
import * as z from 'zod';
import { idSchema } from '../schemas/common.js';

const epochMs = z.number().int();

export const upkeepWorkflowInputSchema = z.object({
  compoundId: idSchema,
  /**
   * The compound's firm when the workflow was started, for finding it by firm in the Web UI. Notices
   * go to the firm the compound has at each wake, read from the records: a compound changes hands.
   */
  firmId: idSchema.optional(),
});
export type UpkeepWorkflowInput = z.infer<typeof upkeepWorkflowInputSchema>;

export const runUpkeepInputSchema = z.object({
  compoundId: idSchema,
  /** The workflow's time of the wake: a retry plans at the same instant, so it repeats nothing. */
  atMs: epochMs,
});
export type RunUpkeepInput = z.infer<typeof runUpkeepInputSchema>;

export const upkeepRunResultSchema = z.object({
  /** When the next due work comes up; null: nothing until the register or a logbook changes. */
  wakeAtMs: epochMs.nullable(),
  /** What this wake wrote (0 each on a retry of a wake that had committed). */
  reminded: z.number().int(),
  markedOverdue: z.number().int(),
  visitorsDeleted: z.number().int(),
});
export type UpkeepRunResult = z.infer<typeof upkeepRunResultSchema>;

export const upkeepStateSchema = z.object({
  /** The last wake's instant and what it answered; null before the first wake has run. */
  lastRunAtMs: epochMs.nullable(),
  wakeAtMs: epochMs.nullable(),
  /** Wakes this run has made (it continues as new after a bounded number). */
  wakes: z.number().int(),
});
export type UpkeepState = z.infer<typeof upkeepStateSchema>;

// What every part of one pilot run works on: the input it was started with, the state it carries
// across continue-as-new, and what this run loaded or noticed. The workflow file creates it; the
// modules beside it (scheduler, round end, updates, snapshot) receive it explicitly.
import type { CatalogueVersion, CompoundFeature, PilotInput, PilotState } from '@pilot/domain';
import type { db } from './activities.js';
import type { PilotIdentity } from './refusals.js';

export interface RunContext {
  readonly input: PilotInput;
  readonly who: PilotIdentity;
  readonly state: PilotState;
  /** The pilot's catalogue version, loaded at the start of each run; null until then. */
  catalogue: CatalogueVersion | null;
  /**
   * What the compound has (lifts, fire-control room, …), read at the start of each run; null in
   * runs from before features were read, where every standard applies.
   */
  features: CompoundFeature[] | null;
  /** True once the pilot's records exist (at once after continue-as-new). */
  recorded: boolean;
  /** Set by every applied Update, so the main loop plans its next wake-up again. */
  dirty: boolean;
  /**
   * How long after its due times this run wakes (see wakeOffsetMs), or null in runs from before
   * wake-ups were spread: those woke at the due times, and a task's status alone said whether it
   * was open. With a spread, the rules read the task's times instead, since its status may lag.
   */
  wakeOffset: number | null;
  /** The activities the scheduler's wake-ups call: on the scheduled-work queue, or (older runs) db. */
  timerDb: typeof db;
}

// What one run of a compound's upkeep works on, and its steps: a wake (the one activity, at the
// workflow's time), the sleep until the next due work or a register change, and when the run hands
// over to a new one. The workflow file wires the messages to these.
import { allHandlersFinished, condition, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { PilotActivities } from '@pilot/activities';
import type { UpkeepState, UpkeepWorkflowInput } from '@pilot/domain';
import { scheduledWorkQueue } from '../messages.js';

/**
 * Wakes per run before it continues as new. A wake is about a dozen events (timer or signal, the
 * activity, three workflow tasks), so a run stays near 1,300 events whatever the register does.
 */
export const UPKEEP_WAKES_PER_RUN = 100;

export interface UpkeepContext {
  readonly input: UpkeepWorkflowInput;
  state: UpkeepState;
  /** A register change arrived since the last wake began. */
  changed: boolean;
}

export function upkeepContext(input: UpkeepWorkflowInput): UpkeepContext {
  return { input, state: { lastRunAtMs: null, wakeAtMs: null, wakes: 0 }, changed: false };
}

/**
 * The wake's activity, on the scheduled-work queue: reminders fall due at 09:00 in every compound
 * at once, and that queue's rate limit spreads the burst instead of holding up people's requests.
 * Retried until the database answers; each attempt plans at the same instant.
 */
function upkeepActivities() {
  return proxyActivities<PilotActivities>({
    taskQueue: scheduledWorkQueue(workflowInfo().taskQueue),
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
  });
}

/** One wake: plan and write at the workflow's time, remember when the next due work comes up. */
export async function runWake(ctx: UpkeepContext): Promise<void> {
  // Cleared before the activity: a change recorded while it runs may have missed its reads.
  ctx.changed = false;
  const atMs = Date.now();
  const { wakeAtMs } = await upkeepActivities().runUpkeep({ compoundId: ctx.input.compoundId, atMs });
  ctx.state = { lastRunAtMs: atMs, wakeAtMs, wakes: ctx.state.wakes + 1 };
}

/** Until the next due work, or a register change; with nothing due, until a change alone. */
export async function sleepUntilDue(ctx: UpkeepContext): Promise<void> {
  const { wakeAtMs } = ctx.state;
  if (wakeAtMs === null) await condition(() => ctx.changed);
  // The wake may have been reached while the activity ran: a timer needs at least a millisecond.
  else await condition(() => ctx.changed, Math.max(1, wakeAtMs - Date.now()));
}

/**
 * Whether this run hands over to a new one before its next wake. The new run starts with a wake,
 * which is what this one was about to do, so nothing is carried but the input: the plan is made
 * from the records every time.
 */
export async function shouldContinueAsNew(ctx: UpkeepContext): Promise<boolean> {
  if (ctx.state.wakes < UPKEEP_WAKES_PER_RUN && !workflowInfo().continueAsNewSuggested) return false;
  await condition(allHandlersFinished);
  return true;
}

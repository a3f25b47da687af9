// Applies one transition of the rules: the state moves, and the step, the row and the notices are
// written by one activity, under the step's number, so a retried write adds nothing.
import { rowOf, type MatterUpdateResult, type Transition } from '@pilot/domain';
import { records } from './activities.js';
import type { MatterContext } from './matter-context.js';

export async function applyStep(
  ctx: MatterContext,
  transition: Transition,
  ratingComment?: string | null,
): Promise<MatterUpdateResult> {
  const seq = ctx.state.seq;
  // The state moves before the write so a concurrent handler sees the step taken; the write's
  // retries (not a refusal) are what stand between it and the record.
  ctx.state = { ...transition.state, appliedUpdates: ctx.state.appliedUpdates, seq: seq + 1 };
  const result = resultOf(ctx);
  const write = {
    matterId: ctx.input.matterId,
    step: { ...transition.step, seq },
    row: rowOf(ctx.state, transition.step.at, ratingComment),
    notices: transition.notices,
  };
  // Writes go one after another, in step order, so an older row never lands over a newer one.
  const written = ctx.writes.then(() => records.recordMatterStep(write));
  ctx.writes = written.catch(() => undefined);
  await written;
  ctx.dirty = true;
  return result;
}

export function resultOf(ctx: MatterContext): MatterUpdateResult {
  const { state } = ctx;
  return {
    matterId: ctx.input.matterId,
    status: state.status,
    acceptBy: state.acceptBy,
    resolveBy: state.resolveBy,
    confirmBy: state.confirmBy,
    closeKind: state.closeKind,
  };
}

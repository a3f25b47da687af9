// One matter (事项) from collection to 销号: 问题收集 → 分类定责 → 联动处置 → 反馈评价. This file wires
// the messages and runs the timers (reminders, 超时督办, the automatic close on working days from the
// matter's calendar); the rules live in @pilot/domain, the Updates beside this file.
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  allowedMatterActions,
  collectedNotices,
  collectedState,
  collectedStep,
  dueTimerStep,
  nextMatterWake,
  rowOf,
  workingDayTest,
  type MatterOutcome,
  type MatterWorkflowArgs,
} from '@pilot/domain';
import { matterActionsQuery, matterRecordedUpdate, matterStateQuery } from '../messages.js';
import { records } from './activities.js';
import { MATTER_STARTING, type MatterContext } from './matter-context.js';
import { applyStep } from './matter-steps.js';
import { registerMatterUpdates } from './matter-updates.js';

export async function matterWorkflow(args: MatterWorkflowArgs): Promise<MatterOutcome> {
  const { input } = args;
  const isWorking = workingDayTest(input.calendar);
  const ctx: MatterContext = {
    input,
    facts: { input },
    state: args.carried ?? collectedState(input, isWorking, Date.now()),
    isWorking,
    recorded: args.carried !== undefined,
    dirty: false,
    starting: MATTER_STARTING,
    writes: Promise.resolve(),
  };
  registerMatterUpdates(ctx);
  setHandler(matterStateQuery, () => ctx.state);
  setHandler(matterActionsQuery, (actor) => allowedMatterActions(ctx.state, ctx.facts, actor));
  setHandler(matterRecordedUpdate, async () => {
    await condition(() => ctx.recorded);
    return { matterId: input.matterId, number: input.number };
  });

  if (!args.carried) {
    const at = ctx.state.collectedAt;
    await records.recordMatterCollected({
      input,
      workflowId: workflowInfo().workflowId,
      step: { ...collectedStep(input, ctx.state, at), seq: 0 },
      row: rowOf(ctx.state, at),
      notices: collectedNotices(ctx.facts, ctx.state),
    });
    ctx.state = { ...ctx.state, seq: 1 };
    ctx.recorded = true;
  }

  while (ctx.state.status !== 'closed') {
    const due = dueTimerStep(ctx.state, ctx.facts, Date.now());
    if (due) {
      await applyStep(ctx, due);
      continue;
    }
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof matterWorkflow>({ input, carried: ctx.state });
    }
    const wake = nextMatterWake(ctx.state, input.rules);
    ctx.dirty = false;
    if (wake === null) await condition(() => ctx.dirty);
    else await condition(() => ctx.dirty, Math.max(1, wake - Date.now()));
  }
  await condition(allHandlersFinished);
  return { matterId: input.matterId, closeKind: ctx.state.closeKind, rating: ctx.state.rating };
}

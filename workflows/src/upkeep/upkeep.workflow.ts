// A compound's upkeep (痕迹化管理): the register's maintenance comes due on durable timers. Each wake
// runs one activity at the workflow's own time — it reminds the firm two working days ahead, marks
// what passed its due day overdue and deletes visitors' data past its retention — and answers when
// the next due work comes up; the workflow sleeps until then or until the API says the register or a
// logbook changed. The plan is made from the records each time (packages/domain/src/traces/upkeep.ts),
// so the workflow holds no copy of the register that could drift from it.
import { continueAsNew, setHandler } from '@temporalio/workflow';
import type { UpkeepWorkflowInput } from '@pilot/domain';
import { upkeepRegisterChangedSignal, upkeepStateQuery } from './upkeep-messages.js';
import { runWake, shouldContinueAsNew, sleepUntilDue, upkeepContext } from './upkeep-run.js';

export async function upkeepWorkflow(input: UpkeepWorkflowInput): Promise<never> {
  const ctx = upkeepContext(input);
  setHandler(upkeepRegisterChangedSignal, () => {
    ctx.changed = true;
  });
  setHandler(upkeepStateQuery, () => ctx.state);
  for (;;) {
    if (await shouldContinueAsNew(ctx)) return continueAsNew<typeof upkeepWorkflow>(input);
    await runWake(ctx);
    await sleepUntilDue(ctx);
  }
}

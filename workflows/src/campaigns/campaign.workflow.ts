// One 全面推广 campaign after its confirmation: each compound's pilot is started through an
// idempotent activity (a few at a time), a failure is recorded with its reason and never stops the
// others, the campaign becomes `enrolled` once every compound has an outcome, and failed compounds
// can be retried by a signal for a month afterwards. Only Temporal's clock and timers are used.
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  workflowInfo,
  ActivityFailure,
  ApplicationFailure,
} from '@temporalio/workflow';
import type { PilotActivities } from '@pilot/activities';
import {
  CAMPAIGN_COMPOUND_STATES,
  reason,
  type Actor,
  type CampaignCompoundState,
  type CampaignProgress,
  type CampaignWorkflowInput,
} from '@pilot/domain';
import { campaignProgressQuery, retryCampaignSignal } from './campaign-messages.js';

/** Starts one compound: a few tries over about a minute, then it is reported failed (retriable). */
const starts = proxyActivities<PilotActivities>({
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: '20 seconds',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '20 seconds',
    backoffCoefficient: 2,
    maximumAttempts: 5,
  },
});
/** Bookkeeping must land: retried until the database answers. */
const records = proxyActivities<PilotActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '30 seconds', backoffCoefficient: 2 },
});

/** Starts in flight at once: each waits for its pilot's first activity, so this bounds the load. */
const STARTS_AT_ONCE = 4;
/** How long failed compounds stay retriable in this run; a later retry starts a new run. */
const RETRY_WINDOW = '30 days';
/** Events after which the run continues as new (a long tail of retries keeps the history short). */
const HISTORY_LIMIT = 4_000;

const START_FAILED = (detail: string) =>
  reason(
    'start_failed',
    `试点未能启动（${detail}），可稍后重试。`,
    `The pilot could not be started (${detail}); retry it later.`,
  );

function failureDetail(error: unknown): string {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  if (cause instanceof ApplicationFailure && cause.type) return cause.type;
  return cause instanceof Error ? cause.message.slice(0, 120) : 'unknown';
}

export async function campaignWorkflow(input: CampaignWorkflowInput): Promise<CampaignProgress> {
  const states = new Map<string, { state: CampaignCompoundState | 'starting'; attempts: number }>(
    input.compoundIds.map((id) => [id, { state: 'planned', attempts: 0 }]),
  );
  const retrying = new Set(input.retry ?? []);
  const queue: Array<{ compoundId: string; retry: boolean; actor: Actor }> = input.compoundIds.map((id) => ({
    compoundId: id,
    retry: retrying.has(id),
    actor: input.actor,
  }));
  let running = true;

  const progress = (): CampaignProgress => ({
    campaignId: input.campaignId,
    running,
    compounds: input.compoundIds.map((compoundId) => ({ compoundId, ...states.get(compoundId)! })),
  });
  setHandler(campaignProgressQuery, progress);
  setHandler(retryCampaignSignal, (request) => {
    for (const compoundId of request.compoundIds) {
      const current = states.get(compoundId);
      // Only a failed compound is retried, and once however often the button is pressed.
      if (current?.state !== 'failed' || queue.some((item) => item.compoundId === compoundId)) continue;
      queue.push({ compoundId, retry: true, actor: request.actor });
    }
  });

  const startOne = async (item: { compoundId: string; retry: boolean; actor: Actor }) => {
    const entry = states.get(item.compoundId)!;
    entry.state = 'starting';
    try {
      const outcome = await starts.enrollCampaignCompound({
        campaignId: input.campaignId,
        compoundId: item.compoundId,
        actor: item.actor,
        retry: item.retry,
      });
      states.set(item.compoundId, { state: outcome.state, attempts: outcome.attempts });
    } catch (error) {
      const outcome = await records.recordCampaignFailure({
        campaignId: input.campaignId,
        compoundId: item.compoundId,
        failure: [START_FAILED(failureDetail(error))],
        actor: item.actor,
        at: Date.now(),
      });
      states.set(item.compoundId, { state: outcome.state, attempts: outcome.attempts });
    }
  };

  for (;;) {
    running = true;
    while (queue.length > 0) {
      await Promise.all(queue.splice(0, STARTS_AT_ONCE).map(startOne));
    }
    const counts = Object.fromEntries(
      CAMPAIGN_COMPOUND_STATES.map((state) => [
        state,
        [...states.values()].filter((entry) => entry.state === state).length,
      ]),
    ) as Record<CampaignCompoundState, number>;
    await records.recordCampaignStatus({
      campaignId: input.campaignId,
      status: 'enrolled',
      actor: input.actor,
      at: Date.now(),
      counts,
    });
    // A pass ends once its status is recorded: readers of the progress then find the record too.
    running = false;
    if (counts.failed === 0) break;
    if (!(await condition(() => queue.length > 0, RETRY_WINDOW))) break;
    if (workflowInfo().historyLength > HISTORY_LIMIT || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof campaignWorkflow>({
        ...input,
        retry: queue.map((item) => item.compoundId),
      });
    }
  }
  await condition(allHandlersFinished);
  return progress();
}

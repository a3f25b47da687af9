// The pilot of one firm and compound: 全面提升 → 总结巩固 → 全面推广. This file wires the messages
// to their handlers and runs the main loop; the behaviour lives in the modules beside it, over one
// explicit run context.
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  patched,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { completePlan, wakeOffsetMs, type PilotOutcome, type PilotWorkflowArgs } from '@pilot/domain';
import {
  allowedActionsQuery,
  enrollmentRecordedUpdate,
  scheduledWorkQueue,
  snapshotQuery,
} from '../messages.js';
import { db, scheduledDb } from './activities.js';
import { initialState, recordEnrollment } from './enrollment.js';
import { catalogueOf } from './catalogue-cache.js';
import { registerCalendarUpdates } from './calendar-updates.js';
import {
  PATCH_CATALOGUE_BY_REFERENCE,
  PATCH_COMPOUND_FEATURES,
  PATCH_SCHEDULED_WORK_QUEUE,
  PATCH_SPREAD_WAKEUPS,
} from './patches.js';
import { registerInspectionUpdates } from './inspection-updates.js';
import { registerRectificationUpdates } from './rectification-updates.js';
import { afterEvaluation, evaluateRound } from './round-end.js';
import { nextWakeAt } from './rounds.js';
import type { RunContext } from './run-context.js';
import { processDue } from './scheduler.js';
import { allowedActions, enrollmentRecorded, snapshot } from './snapshot.js';
import { registerSteeringUpdates } from './steering-updates.js';

const ROUND_RUNNING_PHASES = new Set([
  'self_inspection',
  'concentrated_inspection',
  'improvement_round',
  'consolidation_round',
]);

export async function pilotWorkflow(args: PilotWorkflowArgs): Promise<PilotOutcome> {
  const { input } = args;
  // State is built synchronously so the query and update handlers exist from the first moment;
  // requests that arrive before the catalogue and records are ready are refused as "starting".
  // After continue-as-new the records exist already, so only a submission (which needs the
  // catalogue) waits for it to load: refusing everything made each round boundary bounce people's
  // rectification answers and verifications.
  const ctx: RunContext = {
    input,
    who: { enrollmentId: input.enrollmentId, firmId: input.firmId },
    // A plan carried from before a setting existed (the re-check period, say) gets today's default for it.
    state: args.carried ? { ...args.carried, plan: completePlan(args.carried.plan) } : initialState(input),
    catalogue: null,
    features: null,
    recorded: args.carried !== undefined,
    dirty: false,
    wakeOffset: null,
    timerDb: db,
  };
  const { state } = ctx;
  if (patched(PATCH_SPREAD_WAKEUPS)) ctx.wakeOffset = wakeOffsetMs(input.enrollmentId, state.plan);
  if (patched(PATCH_SCHEDULED_WORK_QUEUE))
    ctx.timerDb = scheduledDb(scheduledWorkQueue(workflowInfo().taskQueue));

  registerInspectionUpdates(ctx);
  registerRectificationUpdates(ctx);
  registerSteeringUpdates(ctx);
  registerCalendarUpdates(ctx);
  setHandler(snapshotQuery, () => snapshot(ctx, Date.now()));
  setHandler(allowedActionsQuery, (actor) => allowedActions(ctx, actor, Date.now()));
  setHandler(enrollmentRecordedUpdate, async () => {
    await condition(() => ctx.recorded);
    return enrollmentRecorded(ctx);
  });

  ctx.catalogue = patched(PATCH_CATALOGUE_BY_REFERENCE)
    ? catalogueOf(await db.resolveCatalogue(input.catalogueVersionId))
    : await db.loadCatalogue(input.catalogueVersionId);
  if (patched(PATCH_COMPOUND_FEATURES)) ctx.features = await db.loadCompoundFeatures(input.compoundId);
  if (!args.carried) await recordEnrollment(ctx);
  ctx.recorded = true;

  for (;;) {
    if (state.withdrawnAt !== null) break;
    if (state.pausedAt === null) {
      await processDue(ctx, Date.now());
      const round = state.round;
      if (round && ROUND_RUNNING_PHASES.has(state.stage.phase) && Date.now() >= round.endsAt) {
        await condition(allHandlersFinished);
        const outcome = await evaluateRound(ctx);
        const next = await afterEvaluation(ctx, outcome);
        if (next === 'continue-as-new') break;
        continue;
      }
    }
    if (workflowInfo().continueAsNewSuggested) break;
    const due = nextWakeAt(state);
    const wake = due === null ? null : due + (ctx.wakeOffset ?? 0);
    ctx.dirty = false;
    if (wake === null) await condition(() => ctx.dirty);
    else await condition(() => ctx.dirty, Math.max(1, wake - Date.now()));
  }

  await condition(allHandlersFinished);
  if (state.withdrawnAt !== null) {
    return {
      enrollmentId: input.enrollmentId,
      stage: state.stage.stage,
      phase: state.stage.phase,
      rounds: state.rounds,
    };
  }
  log.info('continuing as new', { phase: state.stage.phase, round: state.round?.number ?? null });
  return continueAsNew<typeof pilotWorkflow>({ input, carried: state });
}

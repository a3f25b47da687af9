// The first moments of a pilot: its state built from the input (synchronously, so handlers exist
// at once), then its records written.
import { ApplicationFailure, patched, workflowInfo } from '@temporalio/workflow';
import {
  DEFAULT_PLAN,
  auditActor,
  initialStageState,
  parseLocalDate,
  resolvePlan,
  type PilotInput,
  type PilotState,
} from '@pilot/domain';
import { db } from './activities.js';
import { PATCH_COMPRESSED_START_NOW, PATCH_SPECIAL_AFTER_OPENING } from './patches.js';
import { persistRound } from './round-end.js';
import { buildRound } from './rounds.js';
import type { RunContext } from './run-context.js';

export function initialState(input: PilotInput): PilotState {
  const startDay = parseLocalDate(input.startDate);
  if (startDay === null) {
    throw ApplicationFailure.nonRetryable(
      `startDate ${input.startDate} is not a YYYY-MM-DD date`,
      'InvalidInput',
    );
  }
  const plan = resolvePlan(input.planOverrides ?? {}, DEFAULT_PLAN);
  // A compressed plan (demos, dev-server tests) squeezes a round into minutes around its start.
  // Anchored at the start day's midnight, a pilot enrolled later that day found its whole round
  // over before it began; so a compressed pilot whose start day has begun starts now.
  const now = Date.now();
  const startMs =
    plan.timeScale > 1 && startDay < now && patched(PATCH_COMPRESSED_START_NOW) ? now : startDay;
  return {
    stage: initialStageState(),
    plan,
    startMs,
    round: buildRound(input.enrollmentId, plan, startMs, 1, 'improvement', [], input.inspectorAssignments, {
      specialAfterOpening: patched(PATCH_SPECIAL_AFTER_OPENING),
    }),
    rounds: [],
    rectifications: [],
    closedRectifications: 0,
    assignments: input.inspectorAssignments,
    pausedAt: null,
    pausedMsTotal: 0,
    promotedAt: null,
    experienceSummarizedAt: null,
    rollouts: [],
    withdrawnAt: null,
    appliedUpdates: [],
  };
}

export async function recordEnrollment(ctx: RunContext): Promise<void> {
  const { input, state } = ctx;
  await db.recordEnrollment({
    enrollmentId: input.enrollmentId,
    workflowId: workflowInfo().workflowId,
    compoundId: input.compoundId,
    firmId: input.firmId,
    catalogueVersionId: input.catalogueVersionId,
    startDate: state.startMs,
    plan: state.plan,
    originEnrollmentId: input.originEnrollmentId ?? null,
    stage: state.stage.stage,
    phase: state.stage.phase,
    assignments: input.inspectorAssignments,
    actor: auditActor(input.enrolledBy),
    at: Date.now(),
  });
  await persistRound(ctx);
}

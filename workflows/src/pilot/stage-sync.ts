// Moving the pilot through the stage machine and keeping its enrollment record in step.
import { upsertSearchAttributes } from '@temporalio/workflow';
import { SYSTEM_ACTOR, auditActor, transition, type Actor, type StageEvent } from '@pilot/domain';
import { searchAttributes } from '../messages.js';
import { db } from './activities.js';
import type { RunContext } from './run-context.js';

export async function applyStageEvent(
  ctx: RunContext,
  event: StageEvent,
  actor: Actor = SYSTEM_ACTOR,
): Promise<void> {
  const { state } = ctx;
  const before = { stage: state.stage.stage, phase: state.stage.phase };
  const result = transition(state.stage, event);
  if (!result.ok) {
    // A transition the workflow itself asked for and the rules refuse is a bug in this code:
    // failing the workflow task (not the workflow) lets a fixed worker pick it up again.
    throw new Error(
      `stage machine refused ${event.type} in ${state.stage.phase}: ${result.reasons[0]?.en ?? ''}`,
    );
  }
  state.stage = result.state;
  if (before.stage !== state.stage.stage) {
    upsertSearchAttributes([{ key: searchAttributes.stage, value: state.stage.stage }]);
  }
  await syncEnrollment(ctx, {
    actor,
    action: `pilot.${event.type.toLowerCase()}`,
    before,
    after: { stage: state.stage.stage, phase: state.stage.phase },
  });
}

export async function syncEnrollment(
  ctx: RunContext,
  audit?: { actor: Actor; action: string; before?: unknown; after?: unknown },
): Promise<void> {
  const { state } = ctx;
  const latest = state.rounds.at(-1);
  await db.syncEnrollment({
    enrollmentId: ctx.input.enrollmentId,
    stage: state.stage.stage,
    phase: state.stage.phase,
    status: state.withdrawnAt !== null ? 'withdrawn' : state.pausedAt !== null ? 'paused' : 'active',
    currentRound: state.round?.number ?? latest?.number ?? 0,
    latestScore: latest?.score ?? null,
    starRating: latest?.stars ?? null,
    at: Date.now(),
    audit: audit
      ? {
          actor: auditActor(audit.actor),
          action: audit.action,
          before: audit.before ?? null,
          after: audit.after ?? null,
        }
      : undefined,
  });
}

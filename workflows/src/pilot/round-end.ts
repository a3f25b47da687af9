// The end of a round: its evaluation (score, stars, verdict), archiving (建档建册), the next round
// or the move to the rollout stage, and writing each new round with its tasks.
import { patched } from '@temporalio/workflow';
import {
  assessStage,
  keyAreas,
  keyPartOutcome,
  planKeyParts,
  ratioOf,
  scoreRound,
  type CategoryCode,
  type RoundOutcome,
  type RoundStage,
  type RoundState,
} from '@pilot/domain';
import { archiver, db } from './activities.js';
import { PATCH_KEY_PARTS, PATCH_OPERATION_RATE } from './patches.js';
import { openCritical } from './refusals.js';
import { buildRound } from './rounds.js';
import type { RunContext } from './run-context.js';
import { applyStageEvent, syncEnrollment } from './stage-sync.js';

export async function persistRound(ctx: RunContext): Promise<void> {
  const round = ctx.state.round;
  if (!round) return;
  await db.scheduleRound({
    enrollmentId: ctx.input.enrollmentId,
    round: {
      id: round.id,
      number: round.number,
      kind: round.stage,
      startsAt: round.startsAt,
      endsAt: round.endsAt,
      focusCategories: round.focusCategories,
      ...(round.keyParts ? { keyParts: round.keyParts } : {}),
    },
    tasks: round.tasks.map((task) => ({
      ...task,
      status: task.status === 'submitting' ? 'open' : task.status,
    })),
  });
}

export async function evaluateRound(ctx: RunContext): Promise<RoundOutcome> {
  const { state } = ctx;
  const round = state.round!;
  // Opening phases that are still running when the round ends close with it.
  if (state.stage.phase === 'self_inspection')
    await applyStageEvent(ctx, { type: 'SELF_INSPECTION_SUBMITTED' });
  if (state.stage.phase === 'concentrated_inspection')
    await applyStageEvent(ctx, { type: 'CONCENTRATED_INSPECTION_COMPLETED' });
  await applyStageEvent(ctx, { type: 'ROUND_COMPLETED' });
  const open = round.tasks.filter((t) => t.status === 'scheduled' || t.status === 'open');
  for (const task of open) task.status = 'missed';
  if (open.length > 0) {
    await db.applyTaskChanges({
      enrollmentId: ctx.input.enrollmentId,
      changes: open.map((t) => ({ taskId: t.id, status: 'missed' as const })),
      notifications: [],
      rectifications: [],
      at: Date.now(),
    });
  }
  const counted = round.tasks.filter((t) => t.kind !== 'self');
  const completed = counted.filter((t) => t.status === 'submitted').length;
  const missed = counted.filter((t) => t.status === 'missed').length;
  const score = scoreRound(
    round.inspections.map((i) => ({ kind: i.kind, result: i.score })),
    state.plan.kindWeights,
  );
  const verdict = assessStage(
    {
      stage: round.stage,
      roundScore: score.score,
      openCriticalRectifications: openCritical(state),
      inspectionsCompleted: completed,
      inspectionsMissed: missed,
      archiveComplete:
        round.stage === 'consolidation' ? state.rounds.some((r) => r.archiveId !== null) : undefined,
    },
    state.plan,
  );
  const outcome: RoundOutcome = {
    id: round.id,
    number: round.number,
    stage: round.stage,
    score: score.score,
    stars: verdict.stars,
    complianceRate: score.complianceRate,
    categoryScores: score.categories.map((c) => ({ category: c.category, score: c.score })),
    keyAreas: keyAreas(score.categories, state.plan.keyAreaCount),
    ...(round.keyParts ? { keyParts: round.keyParts.map(keyPartOutcome) } : {}),
    ...(patched(PATCH_OPERATION_RATE) ? { operationRate: operationRateOf(round) } : {}),
    passed: verdict.ok,
    reasons: verdict.ok ? verdict.met : verdict.reasons,
    completed,
    missed,
    evaluatedAt: Date.now(),
    archiveId: null,
  };
  state.rounds.push(outcome);
  await db.recordRoundEvaluation({ enrollmentId: ctx.input.enrollmentId, roundId: round.id, outcome });
  await applyStageEvent(ctx, { type: 'ASSESSMENT_RECORDED', verdict });
  return outcome;
}

/**
 * 规范操作执行率 of a round: passed staff-operation items over all of them, across its inspections
 * (the self-inspection is the firm's own view and does not count, as in the round score).
 */
function operationRateOf(round: RoundState): number | null {
  let passed = 0;
  let failed = 0;
  for (const inspection of round.inspections) {
    if (inspection.kind === 'self' || !inspection.score.operation) continue;
    passed += inspection.score.operation.passed;
    failed += inspection.score.operation.failed;
  }
  return ratioOf(passed, passed + failed);
}

async function startNextRound(
  ctx: RunContext,
  stage: RoundStage,
  startsAt: number,
  focus: CategoryCode[],
): Promise<void> {
  const { state } = ctx;
  const number = (state.round?.number ?? 0) + 1;
  // 重点部位 are the compound's places, those of the weak categories first; a compound whose
  // features are not known to this run (or that has no such place) is checked by weak category.
  const keyParts =
    stage === 'consolidation' && ctx.catalogue && ctx.features && patched(PATCH_KEY_PARTS)
      ? planKeyParts(ctx.catalogue, ctx.features, focus)
      : [];
  state.round = buildRound(
    ctx.input.enrollmentId,
    state.plan,
    startsAt,
    number,
    stage,
    focus,
    state.assignments,
    {
      ...(keyParts.length > 0 ? { keyParts } : {}),
    },
  );
  await persistRound(ctx);
  await syncEnrollment(ctx);
}

/** What the round's verdict leads to; a new round or stage continues as new, so histories stay small. */
export async function afterEvaluation(
  ctx: RunContext,
  outcome: RoundOutcome,
): Promise<'continue-as-new' | 'wait'> {
  const { state } = ctx;
  const phase = state.stage.phase;
  if (phase === 'improvement_round' || phase === 'consolidation_round') {
    // Failed: another round of the same stage, from now, on the same focus.
    const focus = outcome.stage === 'consolidation' ? state.round!.focusCategories : [];
    await startNextRound(ctx, outcome.stage, Date.now(), focus);
    return 'continue-as-new';
  }
  if (phase === 'archiving') {
    const archive = await archiver.archiveRound({
      enrollmentId: ctx.input.enrollmentId,
      roundId: outcome.id,
      archiveId: `${outcome.id}:archive`,
      createdAt: Date.now(),
    });
    outcome.archiveId = archive.archiveId;
    await applyStageEvent(ctx, { type: 'ARCHIVE_COMPLETED' });
    // The second round starts after the plan's archiving days, counted from the end of the first.
    const gapStart = state.round!.endsAt;
    const nominal = gapStart + (state.plan.archivingDays * 24 * 3600 * 1000) / state.plan.timeScale;
    await startNextRound(ctx, 'consolidation', Math.max(Date.now(), nominal), outcome.keyAreas);
    return 'continue-as-new';
  }
  if (phase === 'experience_summary') {
    state.round = null;
    await db.recordExperienceSummary({
      enrollmentId: ctx.input.enrollmentId,
      at: Date.now(),
      rounds: state.rounds,
    });
    state.experienceSummarizedAt = Date.now();
    await applyStageEvent(ctx, { type: 'EXPERIENCE_SUMMARIZED' });
    return 'continue-as-new';
  }
  return 'wait';
}

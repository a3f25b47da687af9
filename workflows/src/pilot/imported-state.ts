// Bringing a pilot that ran before this system (on paper, like the county's 2024 pilot) into a
// workflow: its finished rounds are replayed through the same stage rules, and the workflow starts
// at the round boundary where the history ends, exactly as if it had continued-as-new there.
import type { InspectorAssignment, PilotState, RoundOutcome } from '@pilot/domain';
import {
  addCalendarMonths,
  addLocalDays,
  assessStage,
  initialStageState,
  keyAreas,
  defaultCalendarRelease,
  planOnRelease,
  startOfLocalDay,
  transition,
  planKeyParts,
  type CatalogueVersion,
  type CategoryCode,
  type CompoundFeature,
  type PlanOverrides,
  type StageEvent,
  type StageState,
} from '@pilot/domain';
import { buildRound, roundIdFor } from './rounds.js';

export { buildRound };

export interface ImportedRound {
  stage: 'improvement' | 'consolidation';
  score: number;
  complianceRate: number;
  categoryScores: Array<{ category: CategoryCode; score: number }>;
  completed: number;
  missed: number;
  openCriticalRectifications?: number;
}

export interface PilotImport {
  enrollmentId: string;
  compoundId: string;
  firmId: string;
  inspectorAssignments: InspectorAssignment[];
  planOverrides?: PlanOverrides;
  /** Finished rounds, oldest first. */
  history: ImportedRound[];
  /** Already promoted to 示范小区 (only meaningful once the history reaches rollout). */
  promoted?: boolean;
}

export interface ImportedWindow {
  id: string;
  number: number;
  stage: 'improvement' | 'consolidation';
  startsAt: number;
  endsAt: number;
}

export interface ImportedPilot {
  state: PilotState;
  /** Start of the first historical round. */
  startMs: number;
  /** Windows of the historical rounds, for their records. */
  windows: ImportedWindow[];
}

function step(state: StageState, event: StageEvent): StageState {
  const result = transition(state, event);
  if (!result.ok)
    throw new Error(
      `imported history breaks the stage rules at ${event.type}: ${result.reasons[0]?.en ?? ''}`,
    );
  return result.state;
}

/** The workflow state after `spec.history`, with the next round (if any) starting at `nowMs`. */
/**
 * `compound`: the catalogue and the compound's features, so a consolidation round that is running
 * when the pilot arrives checks the compound's key parts as a round started by the workflow would.
 */
export function importedPilotState(
  spec: PilotImport,
  nowMs: number,
  compound?: { catalogue: CatalogueVersion; features: readonly CompoundFeature[] },
): ImportedPilot {
  // An imported pilot follows the calendar release the code ships, like one enrolled without a release.
  const { plan, calendar } = planOnRelease(defaultCalendarRelease(), spec.planOverrides ?? {});
  const today = startOfLocalDay(nowMs);
  // Lay the historical rounds back to back so the last one ends today.
  const windows: ImportedWindow[] = [];
  let end = today;
  for (let i = spec.history.length - 1; i >= 0; i--) {
    const round = spec.history[i]!;
    const start = addCalendarMonths(end, -plan.roundMonths);
    windows.unshift({
      id: roundIdFor(spec.enrollmentId, i + 1),
      number: i + 1,
      stage: round.stage,
      startsAt: start,
      endsAt: end,
    });
    const previous = spec.history[i - 1];
    end =
      previous && previous.stage === 'improvement' && round.stage === 'consolidation'
        ? addLocalDays(start, -plan.archivingDays)
        : start;
  }
  const startMs = windows[0]?.startsAt ?? today;

  let stage = initialStageState();
  stage = step(stage, { type: 'SELF_INSPECTION_SUBMITTED' });
  stage = step(stage, { type: 'CONCENTRATED_INSPECTION_COMPLETED' });
  const rounds: RoundOutcome[] = [];
  spec.history.forEach((round, index) => {
    const categories = round.categoryScores.map((c) => ({
      category: c.category,
      score: c.score,
      earned: 0,
      possible: 0,
      passed: 0,
      failed: 0,
      notApplicable: 0,
    }));
    const verdict = assessStage(
      {
        stage: round.stage,
        roundScore: round.score,
        openCriticalRectifications: round.openCriticalRectifications ?? 0,
        inspectionsCompleted: round.completed,
        inspectionsMissed: round.missed,
        archiveComplete: round.stage === 'consolidation' ? true : undefined,
      },
      plan,
    );
    if (round.stage !== stage.stage)
      throw new Error(`round ${index + 1} is ${round.stage} but the pilot is in ${stage.stage}`);
    stage = step(stage, { type: 'ROUND_COMPLETED' });
    stage = step(stage, { type: 'ASSESSMENT_RECORDED', verdict });
    const outcome: RoundOutcome = {
      id: windows[index]!.id,
      number: index + 1,
      stage: round.stage,
      score: round.score,
      stars: verdict.stars,
      complianceRate: round.complianceRate,
      categoryScores: round.categoryScores,
      keyAreas: keyAreas(categories, plan.keyAreaCount),
      passed: verdict.ok,
      reasons: verdict.ok ? verdict.met : verdict.reasons,
      completed: round.completed,
      missed: round.missed,
      evaluatedAt: windows[index]!.endsAt,
      archiveId: null,
    };
    if (stage.phase === 'archiving') {
      outcome.archiveId = `${outcome.id}:archive`;
      stage = step(stage, { type: 'ARCHIVE_COMPLETED' });
    }
    if (stage.phase === 'experience_summary') stage = step(stage, { type: 'EXPERIENCE_SUMMARIZED' });
    rounds.push(outcome);
  });
  let promotedAt: number | null = null;
  if (spec.promoted && stage.phase === 'eligible') {
    stage = step(stage, { type: 'DEMONSTRATION_PROMOTED', eligibility: { ok: true, reasons: [], met: [] } });
    promotedAt = today;
  }

  const last = rounds.at(-1);
  const roundRunning = stage.phase === 'improvement_round' || stage.phase === 'consolidation_round';
  const focus =
    stage.phase === 'consolidation_round'
      ? last?.stage === 'consolidation'
        ? (rounds.findLast((r) => r.stage === 'improvement')?.keyAreas ?? [])
        : (last?.keyAreas ?? [])
      : [];
  const keyParts =
    stage.phase === 'consolidation_round' && compound
      ? planKeyParts(compound.catalogue, compound.features, focus)
      : [];
  const state: PilotState = {
    stage,
    plan,
    startMs,
    round: roundRunning
      ? buildRound(
          spec.enrollmentId,
          plan,
          nowMs,
          rounds.length + 1,
          stage.stage === 'consolidation' ? 'consolidation' : 'improvement',
          focus,
          spec.inspectorAssignments,
          keyParts.length > 0 ? { keyParts } : {},
        )
      : null,
    rounds,
    rectifications: [],
    closedRectifications: 0,
    assignments: spec.inspectorAssignments,
    pausedAt: null,
    pausedMsTotal: 0,
    promotedAt,
    experienceSummarizedAt: stage.stage === 'rollout' ? today : null,
    rollouts: [],
    withdrawnAt: null,
    appliedUpdates: [],
    calendar,
  };
  return { state, startMs, windows };
}

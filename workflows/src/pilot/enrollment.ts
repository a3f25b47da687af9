// The first moments of a pilot: its state built from the input (synchronously, so handlers exist
// at once), then its records written.
import { ApplicationFailure, patched, workflowInfo } from '@temporalio/workflow';
import {
  auditActor,
  defaultCalendarRelease,
  initialStageState,
  parseLocalDate,
  planOnRelease,
  resolveCalendarReleaseRef,
  resolveLegacyPlan,
  type FollowedCalendar,
  type PilotInput,
  type PilotPlan,
  type PilotState,
} from '@pilot/domain';
import { db } from './activities.js';
import {
  PATCH_CALENDAR_RELEASES,
  PATCH_COMPRESSED_START_NOW,
  PATCH_SPECIAL_AFTER_OPENING,
} from './patches.js';
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
  const { plan, calendar } = enrollmentPlan(input);
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
    ...(calendar ? { calendar } : {}),
  };
}

/**
 * The plan the pilot starts with: on the calendar release it was told (by reference when the code
 * ships it), or on release 1, with the enrolment's calendar days added. Pilots started before
 * releases replay with the plan they computed then (2024–2025, an override replacing the lists).
 */
function enrollmentPlan(input: PilotInput): { plan: PilotPlan; calendar: FollowedCalendar | null } {
  const overrides = input.planOverrides ?? {};
  if (!patched(PATCH_CALENDAR_RELEASES)) return { plan: resolveLegacyPlan(overrides), calendar: null };
  const release = input.calendar ? resolveCalendarReleaseRef(input.calendar) : defaultCalendarRelease();
  if (!release) {
    throw ApplicationFailure.nonRetryable(
      `calendar release ${input.calendar?.version} (${input.calendar?.fingerprint}) is neither shipped nor sent with its data`,
      'InvalidInput',
    );
  }
  return planOnRelease(release, overrides);
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
    calendarVersion: state.calendar?.version ?? null,
  });
  await persistRound(ctx);
}

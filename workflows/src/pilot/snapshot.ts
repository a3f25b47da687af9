// What the pilot shows of itself: the live snapshot (without the workflow's locks) and, for one
// user, which steering actions the rules allow right now and why not.
import {
  INSPECTION_KIND_LABELS,
  PHASE_LABELS,
  PILOT_ACTIONS,
  STAGE_LABELS,
  formatLocalDateTime,
  keyPartView,
  snapshotRectification,
  snapshotRound,
  snapshotTask,
  type Actor,
  type AllowedAction,
  type EnrollmentRecorded,
  type LocalizedText,
  type PilotAction,
  type PilotSnapshot,
  type Reason,
} from '@pilot/domain';
import {
  activeChecks,
  demonstrationVerdict,
  refusePause,
  refusePromote,
  refuseResume,
  refuseRolloutStage,
  steeringRole,
} from './refusals.js';
import type { RunContext } from './run-context.js';
import { taskStatusAt } from './rounds.js';

function nextStep(ctx: RunContext): LocalizedText {
  const { state } = ctx;
  if (state.withdrawnAt !== null) return { zh: '已退出试点。', en: 'Withdrawn from the pilot.' };
  if (state.pausedAt !== null)
    return { zh: '已暂停，等待协调员恢复。', en: 'Paused; waiting for a coordinator to resume.' };
  const open = (state.round?.tasks ?? [])
    .filter((t) => t.status === 'scheduled' || t.status === 'open')
    .sort((a, b) => a.dueAt - b.dueAt)[0];
  switch (state.stage.phase) {
    case 'eligible':
      return {
        zh: '可评定为示范小区，可向其他企业推广。',
        en: 'Eligible for demonstration status; may roll out to other firms.',
      };
    case 'demonstration':
      return {
        zh: '已是示范小区，可继续向其他企业推广。',
        en: 'A demonstration compound; may keep rolling out.',
      };
    default:
      return open
        ? {
            zh: `下一项：${INSPECTION_KIND_LABELS[open.kind].zh}（${formatLocalDateTime(open.dueAt)} 截止）`,
            en: `Next: ${INSPECTION_KIND_LABELS[open.kind].en}, due ${formatLocalDateTime(open.dueAt)}`,
          }
        : { zh: '等待本轮结束后评估。', en: 'Waiting for the round to end and be evaluated.' };
  }
}

/** Where a just-enrolled pilot stands, once its records exist. */
export function enrollmentRecorded(ctx: RunContext): EnrollmentRecorded {
  const { state, input } = ctx;
  const tasks = state.round?.tasks ?? [];
  return {
    enrollmentId: input.enrollmentId,
    stage: state.stage.stage,
    phase: state.stage.phase,
    paused: state.pausedAt !== null,
    round: state.round?.number ?? state.rounds.at(-1)?.number ?? 0,
    tasks: tasks.length,
    firstDueAt: tasks.length === 0 ? null : Math.min(...tasks.map((t) => t.dueAt)),
  };
}

export function snapshot(ctx: RunContext, now: number): PilotSnapshot {
  const { state, input } = ctx;
  const round = state.round;
  const latest = state.rounds.at(-1);
  // Until the run has loaded what a submission needs, nothing shows as open that would be refused.
  const timed = ctx.wakeOffset !== null && ctx.catalogue !== null && ctx.recorded;
  const tasksNow = (round?.tasks ?? []).map((t) => ({ ...t, status: taskStatusAt(t, now, timed) }));
  return {
    enrollmentId: input.enrollmentId,
    compoundId: input.compoundId,
    firmId: input.firmId,
    stage: state.stage.stage,
    phase: state.stage.phase,
    stageLabel: STAGE_LABELS[state.stage.stage],
    phaseLabel: PHASE_LABELS[state.stage.phase],
    paused: state.pausedAt !== null,
    pausedAt: state.pausedAt,
    currentRound: round
      ? {
          id: round.id,
          number: round.number,
          stage: round.stage,
          startsAt: round.startsAt,
          endsAt: round.endsAt,
          focusCategories: round.focusCategories,
          keyParts: (round.keyParts ?? []).map(keyPartView),
        }
      : null,
    openTasks: tasksNow.filter((t) => t.status === 'open' || t.status === 'submitting').map(snapshotTask),
    upcomingTasks: tasksNow
      .filter((t) => t.status === 'scheduled')
      .slice(0, 10)
      .map(snapshotTask),
    openRectifications: state.rectifications
      .filter((r) => r.status !== 'closed' && r.status !== 'cancelled')
      .map(snapshotRectification),
    rounds: state.rounds.map(snapshotRound),
    latestScore: latest?.score ?? null,
    latestStars: latest?.stars ?? null,
    assignments: state.assignments,
    promotedAt: state.promotedAt,
    rollouts: state.rollouts,
    features: ctx.features,
    next: nextStep(ctx),
    asOf: now,
    wakeOffsetMs: ctx.wakeOffset ?? 0,
  };
}

/**
 * The steering actions and whether `actor` may take each now, by the same rules the Updates'
 * validators apply, so a screen offers only what will succeed and says why the rest cannot.
 * Extending and reassigning need a target; here they are judged for the pilot as a whole.
 */
export function allowedActions(ctx: RunContext, actor: Actor, now: number): AllowedAction[] {
  const { state } = ctx;
  const first = (...checks: Reason[][]): Reason[] => checks.find((reasons) => reasons.length > 0) ?? [];
  const reasonsFor = (action: PilotAction): Reason[] => {
    switch (action) {
      case 'pause':
        return refusePause(state, actor);
      case 'resume':
        return refuseResume(state, actor);
      case 'withdraw':
        return first(steeringRole(actor), state.withdrawnAt !== null ? activeChecks(state) : []);
      case 'extend':
        return first(steeringRole(actor), activeChecks(state));
      case 'reassign':
        return first(steeringRole(actor), state.withdrawnAt !== null ? activeChecks(state) : []);
      case 'promote':
        return refusePromote(state, { actor }, now);
      case 'rollout':
        return first(steeringRole(actor), refuseRolloutStage(state));
    }
  };
  return PILOT_ACTIONS.map((action) => {
    const reasons = reasonsFor(action);
    const met = action === 'promote' ? demonstrationVerdict(state, now).met : [];
    return { action, allowed: reasons.length === 0, reasons, met };
  });
}

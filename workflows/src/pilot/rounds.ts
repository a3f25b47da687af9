// Turning the domain's calendar schedule into the workflow's round state, and the time arithmetic the
// scheduler loop needs (what is due next, shifting deadlines after a pause).
import {
  buildRoundSchedule,
  type CategoryCode,
  type InspectionKind,
  type InspectorAssignment,
  type KeyPartState,
  type PilotPlan,
  type PilotState,
  type RoundState,
  type TaskState,
  type TaskStatus,
} from '@pilot/domain';

export function roundIdFor(enrollmentId: string, number: number): string {
  return `${enrollmentId}:r${number}`;
}

/** The assignment a task kind falls under: a key part's re-check goes to its consolidation inspector. */
export function assignedKind(kind: Exclude<InspectionKind, 'self'>): InspectorAssignment['kinds'][number] {
  return kind === 'recheck' ? 'consolidation' : kind;
}

export function assigneeFor(assignments: InspectorAssignment[], kind: InspectionKind): string | null {
  if (kind === 'self') return null;
  const wanted = assignedKind(kind);
  return assignments.find((a) => a.kinds.includes(wanted))?.inspectorId ?? null;
}

export function buildRound(
  enrollmentId: string,
  plan: PilotPlan,
  startsAt: number,
  number: number,
  stage: 'improvement' | 'consolidation',
  focusCategories: CategoryCode[],
  assignments: InspectorAssignment[],
  options: { specialAfterOpening?: boolean; keyParts?: KeyPartState[] } = {},
): RoundState {
  const schedule = buildRoundSchedule(plan, startsAt, number, {
    stage,
    includeOpening: number === 1,
    ...(options.specialAfterOpening !== undefined
      ? { specialAfterOpening: options.specialAfterOpening }
      : {}),
  });
  const keyParts = options.keyParts;
  return {
    id: roundIdFor(enrollmentId, number),
    number,
    stage,
    startsAt: schedule.window.startMs,
    endsAt: schedule.window.endMs,
    focusCategories,
    inspections: [],
    ...(keyParts ? { keyParts } : {}),
    tasks: schedule.tasks.map((task) => ({
      id: `${enrollmentId}:${task.key}`,
      key: task.key,
      kind: task.kind,
      round: number,
      opensAt: task.opensAt,
      dueAt: task.dueAt,
      remindAt: task.remindAt,
      missedAt: task.missedAt,
      assigneeId: assigneeFor(assignments, task.kind),
      status: 'scheduled',
      remindedAt: null,
      escalatedAt: null,
      submittedAt: null,
      // A key-part check walks every part of the round; a re-check (made later) only one.
      ...(keyParts && task.kind === 'consolidation'
        ? { scope: { keyParts: keyParts.map((p) => p.code) } }
        : {}),
    })),
  };
}

/** The earliest instant at which the scheduler has something to do, or null when it only waits for people. */
/**
 * A task's status as its times say at `now`. With wake-ups spread (`timed`), the run may wake some
 * minutes after a task opened or was missed; the times, not the lagging status, decide then, so the
 * spread never moves a due time. Without it the status was always current when anyone asked.
 */
export function taskStatusAt(task: TaskState, now: number, timed: boolean): TaskStatus {
  if (!timed) return task.status;
  if ((task.status === 'scheduled' || task.status === 'open') && now >= task.missedAt) return 'missed';
  if (task.status === 'scheduled' && now >= task.opensAt) return 'open';
  return task.status;
}

export function nextWakeAt(state: PilotState): number | null {
  if (state.pausedAt !== null || state.withdrawnAt !== null) return null;
  const times: number[] = [];
  const round = state.round;
  if (round) {
    for (const task of round.tasks) {
      if (task.status === 'scheduled') times.push(task.opensAt);
      if (task.status === 'open') {
        if (task.remindedAt === null) times.push(task.remindAt);
        if (task.escalatedAt === null) times.push(task.dueAt);
        times.push(task.missedAt);
      }
    }
    const phase = state.stage.phase;
    if (phase === 'improvement_round' || phase === 'consolidation_round') times.push(round.endsAt);
  }
  for (const item of state.rectifications) {
    if ((item.status === 'open' || item.status === 'reopened') && item.escalatedFor !== item.deadline) {
      times.push(item.deadline);
    }
  }
  return times.length === 0 ? null : Math.min(...times);
}

/**
 * Paused time does not eat into deadlines: every deadline still ahead at the pause moves by the
 * paused duration, as does the end of the running round.
 */
export function shiftAfterPause(state: PilotState, pausedAt: number, pausedMs: number): void {
  const shift = (t: number) => (t >= pausedAt ? t + pausedMs : t);
  const round = state.round;
  if (round) {
    round.endsAt = shift(round.endsAt);
    for (const task of round.tasks) {
      if (task.status !== 'scheduled' && task.status !== 'open') continue;
      task.opensAt = shift(task.opensAt);
      task.remindAt = shift(task.remindAt);
      task.dueAt = shift(task.dueAt);
      task.missedAt = shift(task.missedAt);
    }
  }
  for (const item of state.rectifications) {
    if (item.status === 'closed' || item.status === 'cancelled') continue;
    item.deadline = shift(item.deadline);
  }
}

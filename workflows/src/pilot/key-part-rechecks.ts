// The 提升 step of a key part's loop: once its last rectification closes, a re-check (复查) is due
// within the plan's working days, for the inspector who holds the consolidation checks.
import {
  HOUR_MS,
  INSPECTION_KIND_LABELS,
  closeKeyPartRectification,
  formatLocalDateTime,
  recheckKey,
  scaleDuration,
  workingDayDeadline,
  type RectificationState,
  type TaskState,
} from '@pilot/domain';
import { dbForUpdate } from './activities.js';
import { assigneeFor } from './rounds.js';
import type { RunContext } from './run-context.js';

/** Schedules the part's re-check if this closed rectification was its last open one. */
export async function afterKeyPartRectificationClosed(
  ctx: RunContext,
  item: RectificationState,
  now: number,
): Promise<void> {
  const { state, input } = ctx;
  const round = state.round;
  const part = round?.keyParts?.find((p) => p.code === item.keyPart);
  if (!round || !part || !closeKeyPartRectification(part, item.id)) return;
  // A re-check must fit in the round; a part fixed at the very end keeps its last score.
  if (now >= round.endsAt) return;
  const plan = state.plan;
  const dueAt = workingDayDeadline(plan, now, plan.recheckWorkingDays, {
    notAfterMs: round.endsAt - 1,
  }).dueAt;
  const key = recheckKey(round.number, part);
  const task: TaskState = {
    id: `${input.enrollmentId}:${key}`,
    key,
    kind: 'recheck',
    round: round.number,
    opensAt: now,
    dueAt,
    remindAt: Math.max(now, dueAt - scaleDuration(plan.reminderLeadHours * HOUR_MS, plan.timeScale)),
    missedAt: Math.min(dueAt + scaleDuration(plan.graceHours * HOUR_MS, plan.timeScale), round.endsAt),
    assigneeId: assigneeFor(state.assignments, 'recheck'),
    status: 'open',
    remindedAt: null,
    escalatedAt: null,
    submittedAt: null,
    scope: { keyParts: [part.code] },
  };
  round.tasks.push(task);
  part.recheckTaskId = task.id;
  await dbForUpdate.applyTaskChanges({
    enrollmentId: input.enrollmentId,
    changes: [],
    notifications: [
      {
        dedupeKey: `${task.id}:opened`,
        userId: task.assigneeId,
        role: task.assigneeId ? null : 'coordinator',
        kind: 'info',
        title: `${INSPECTION_KIND_LABELS.recheck.zh}：${part.name.zh}`,
        body: `${part.name.zh}的整改已全部销号，请于 ${formatLocalDateTime(dueAt)} 前复查并评分。`,
        entityType: 'inspection_task',
        entityId: task.id,
      },
    ],
    rectifications: [],
    newTasks: [{ ...task, status: 'open' }],
    round: { id: round.id, keyParts: round.keyParts ?? [] },
    at: now,
  });
}

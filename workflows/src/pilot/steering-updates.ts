// A coordinator's (or admin's) steering of a pilot: pause and resume (paused time does not eat
// into deadlines), extend a deadline, hand inspections to another inspector, withdraw, promote to
// 示范小区, and roll the experience out to other firms (全面推广).
import {
  auditActor,
  extendDeadline,
  extendDeadlineRequestSchema,
  pauseRequestSchema,
  promoteRequestSchema,
  reassignInspectorRequestSchema,
  resumeRequestSchema,
  startRolloutRequestSchema,
  withdrawRequestSchema,
  type PilotStateChange,
} from '@pilot/domain';
import {
  extendDeadlineUpdate,
  pauseUpdate,
  promoteUpdate,
  reassignInspectorUpdate,
  resumeUpdate,
  startRolloutUpdate,
  withdrawUpdate,
} from '../messages.js';
import { db, dbForUpdate } from './activities.js';
import {
  demonstrationVerdict,
  findTask,
  refuseExtend,
  refusePause,
  refusePromote,
  refuseReassign,
  refuseResume,
  refuseRollout,
  refuseWithdraw,
} from './refusals.js';
import { assignedKind, shiftAfterPause } from './rounds.js';
import type { RunContext } from './run-context.js';
import { applyStageEvent, syncEnrollment } from './stage-sync.js';
import { onUpdate } from './update-registry.js';

function stateChange(ctx: RunContext): PilotStateChange {
  const { state } = ctx;
  return { stage: state.stage.stage, phase: state.stage.phase, paused: state.pausedAt !== null };
}

/** After a resume every time still ahead moved: the records follow. */
async function persistShiftedTimes(ctx: RunContext): Promise<void> {
  const { state } = ctx;
  const round = state.round;
  await db.applyTaskChanges({
    enrollmentId: ctx.input.enrollmentId,
    changes: (round?.tasks ?? [])
      .filter((t) => t.status === 'scheduled' || t.status === 'open')
      .map((t) => ({
        taskId: t.id,
        opensAt: t.opensAt,
        remindAt: t.remindAt,
        dueAt: t.dueAt,
        missedAt: t.missedAt,
      })),
    notifications: [],
    rectifications: state.rectifications
      .filter((r) => r.status !== 'closed' && r.status !== 'cancelled')
      .map((r) => ({ id: r.id, deadline: r.deadline })),
    round: round ? { id: round.id, endsAt: round.endsAt } : undefined,
    at: Date.now(),
  });
}

export function registerSteeringUpdates(ctx: RunContext): void {
  const { state, input } = ctx;

  onUpdate(ctx, {
    definition: pauseUpdate,
    schema: pauseRequestSchema,
    validate: (request) => refusePause(state, request.actor),
    handler: async (request) => {
      state.pausedAt = Date.now();
      await syncEnrollment(ctx, {
        actor: request.actor,
        action: 'pilot.pause',
        after: { reason: request.reason },
      });
      return stateChange(ctx);
    },
  });

  onUpdate(ctx, {
    definition: resumeUpdate,
    schema: resumeRequestSchema,
    validate: (request) => refuseResume(state, request.actor),
    handler: async (request) => {
      const pausedAt = state.pausedAt!;
      const pausedMs = Date.now() - pausedAt;
      shiftAfterPause(state, pausedAt, pausedMs);
      state.pausedMsTotal += pausedMs;
      state.pausedAt = null;
      await persistShiftedTimes(ctx);
      await syncEnrollment(ctx, {
        actor: request.actor,
        action: 'pilot.resume',
        after: { pausedMs, note: request.note ?? null },
      });
      return stateChange(ctx);
    },
  });

  onUpdate(ctx, {
    definition: extendDeadlineUpdate,
    schema: extendDeadlineRequestSchema,
    validate: (request) => refuseExtend(state, request),
    handler: async (request) => {
      const now = Date.now();
      let deadline: number;
      if (request.targetType === 'task') {
        const task = findTask(state, request.targetId)!;
        const before = task.dueAt;
        task.dueAt = extendDeadline(state.plan, task.dueAt, request.days);
        const moved = task.dueAt - before;
        task.remindAt += moved;
        task.missedAt += moved;
        // A new deadline earns a new reminder and, if it passes again, a new escalation.
        task.remindedAt = null;
        task.escalatedAt = null;
        deadline = task.dueAt;
        await db.applyTaskChanges({
          enrollmentId: input.enrollmentId,
          changes: [
            {
              taskId: task.id,
              dueAt: task.dueAt,
              remindAt: task.remindAt,
              missedAt: task.missedAt,
              remindedAt: null,
              escalatedAt: null,
            },
          ],
          notifications: [],
          rectifications: [],
          at: now,
          audit: [
            {
              actor: auditActor(request.actor),
              action: 'task.extend',
              entityType: 'inspection_task',
              entityId: task.id,
              before: { dueAt: before },
              after: { dueAt: task.dueAt, days: request.days, reason: request.reason },
            },
          ],
        });
      } else {
        const item = state.rectifications.find((r) => r.id === request.targetId)!;
        const before = item.deadline;
        item.deadline = extendDeadline(state.plan, item.deadline, request.days);
        deadline = item.deadline;
        await db.applyTaskChanges({
          enrollmentId: input.enrollmentId,
          changes: [],
          notifications: [],
          rectifications: [{ id: item.id, deadline: item.deadline }],
          at: now,
          audit: [
            {
              actor: auditActor(request.actor),
              action: 'rectification.extend',
              entityType: 'rectification',
              entityId: item.id,
              before: { deadline: before },
              after: { deadline: item.deadline, days: request.days, reason: request.reason },
            },
          ],
        });
      }
      return { targetId: request.targetId, deadline };
    },
  });

  onUpdate(ctx, {
    definition: reassignInspectorUpdate,
    schema: reassignInspectorRequestSchema,
    validate: (request) => refuseReassign(state, request),
    handler: async (request) => {
      const from = state.assignments.find((a) => a.inspectorId === request.fromInspectorId)!;
      const kinds = request.kinds ?? [...from.kinds];
      from.kinds = from.kinds.filter((k) => !kinds.includes(k));
      const to = state.assignments.find((a) => a.inspectorId === request.toInspectorId);
      if (to) to.kinds = [...new Set([...to.kinds, ...kinds])];
      else state.assignments.push({ inspectorId: request.toInspectorId, kinds });
      state.assignments = state.assignments.filter((a) => a.kinds.length > 0);
      const moved = (state.round?.tasks ?? []).filter(
        (t) =>
          (t.status === 'scheduled' || t.status === 'open') &&
          t.assigneeId === request.fromInspectorId &&
          t.kind !== 'self' &&
          kinds.includes(assignedKind(t.kind)),
      );
      for (const task of moved) task.assigneeId = request.toInspectorId;
      await dbForUpdate.reassignInspector({
        enrollmentId: input.enrollmentId,
        assignments: state.assignments,
        taskIds: moved.map((t) => t.id),
        toInspectorId: request.toInspectorId,
        actor: auditActor(request.actor),
        reason: request.reason ?? null,
        fromInspectorId: request.fromInspectorId,
        at: Date.now(),
      });
      return { reassignedTasks: moved.map((t) => t.id) };
    },
  });

  onUpdate(ctx, {
    definition: withdrawUpdate,
    schema: withdrawRequestSchema,
    validate: (request) => refuseWithdraw(state, request),
    handler: async (request) => {
      const now = Date.now();
      state.withdrawnAt = now;
      state.pausedAt = null;
      const cancelled = (state.round?.tasks ?? []).filter(
        (t) => t.status === 'scheduled' || t.status === 'open',
      );
      for (const task of cancelled) task.status = 'cancelled';
      for (const item of state.rectifications) item.status = 'cancelled';
      await db.applyTaskChanges({
        enrollmentId: input.enrollmentId,
        changes: cancelled.map((t) => ({ taskId: t.id, status: 'cancelled' as const })),
        notifications: [],
        rectifications: state.rectifications.map((r) => ({ id: r.id, status: 'cancelled' as const })),
        at: now,
      });
      state.rectifications = [];
      await applyStageEvent(ctx, { type: 'WITHDRAWN', reason: request.reason }, request.actor);
      return stateChange(ctx);
    },
  });

  onUpdate(ctx, {
    definition: promoteUpdate,
    schema: promoteRequestSchema,
    validate: (request) => refusePromote(state, request, Date.now()),
    handler: async (request) => {
      const verdict = demonstrationVerdict(state, Date.now());
      const now = Date.now();
      await dbForUpdate.promoteCompound({
        enrollmentId: input.enrollmentId,
        compoundId: input.compoundId,
        at: now,
        reasons: verdict.met,
        actor: auditActor(request.actor),
        note: request.note ?? null,
      });
      state.promotedAt = now;
      await applyStageEvent(ctx, { type: 'DEMONSTRATION_PROMOTED', eligibility: verdict }, request.actor);
      return stateChange(ctx);
    },
  });

  onUpdate(ctx, {
    definition: startRolloutUpdate,
    schema: startRolloutRequestSchema,
    validate: (request) => refuseRollout(state, request),
    handler: async (request) => {
      const result = await dbForUpdate.enrollRollout({
        originEnrollmentId: input.enrollmentId,
        startDate: request.startDate,
        catalogueVersionId: request.catalogueVersionId,
        targets: request.targets,
        inspectorAssignments: request.inspectorAssignments,
        planOverrides: request.planOverrides ?? null,
        actor: auditActor(request.actor),
      });
      for (const entry of result.enrolled) {
        if (!state.rollouts.includes(entry.enrollmentId)) state.rollouts.push(entry.enrollmentId);
      }
      return result;
    },
  });
}

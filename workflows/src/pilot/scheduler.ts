// The scheduler's work at one instant: open tasks whose time came, remind, escalate, mark missed,
// and escalate overdue rectifications; then the stage moves on if an opening inspection closed.
import { patched } from '@temporalio/workflow';
import {
  INSPECTION_KIND_LABELS,
  RUNNING_RECTIFICATION_STATUSES,
  formatLocalDateTime,
  type ApplyTaskChangesInput,
  type TaskState,
} from '@pilot/domain';
import { PATCH_CONCENTRATED_DONE_FIRST } from './patches.js';
import type { RunContext } from './run-context.js';
import { applyStageEvent } from './stage-sync.js';

export async function processDue(ctx: RunContext, now: number): Promise<void> {
  const { state } = ctx;
  const round = state.round;
  const changes: ApplyTaskChangesInput['changes'] = [];
  const notices: ApplyTaskChangesInput['notifications'] = [];
  const rectChanges: ApplyTaskChangesInput['rectifications'] = [];
  const outcomes: TaskState[] = [];
  if (round) {
    for (const task of round.tasks) {
      if (task.status === 'scheduled' && task.opensAt <= now) {
        task.status = 'open';
        changes.push({ taskId: task.id, status: 'open' });
      }
      if (task.status !== 'open') continue;
      const label = INSPECTION_KIND_LABELS[task.kind].zh;
      if (task.remindedAt === null && task.remindAt <= now) {
        task.remindedAt = now;
        changes.push({ taskId: task.id, remindedAt: now });
        notices.push({
          dedupeKey: `${task.id}:remind:${task.dueAt}`,
          userId: task.assigneeId,
          role: task.assigneeId ? null : 'firm',
          kind: 'reminder',
          title: `${label}即将到期`,
          body: `请于 ${formatLocalDateTime(task.dueAt)} 前完成${label}（${task.key}）。`,
          entityType: 'inspection_task',
          entityId: task.id,
        });
      }
      if (task.escalatedAt === null && task.dueAt <= now) {
        task.escalatedAt = now;
        changes.push({ taskId: task.id, escalatedAt: now });
        notices.push({
          dedupeKey: `${task.id}:escalate:${task.dueAt}`,
          userId: null,
          role: 'coordinator',
          kind: 'escalation',
          title: `${label}逾期未完成`,
          body: `${task.key} 已过截止时间（${formatLocalDateTime(task.dueAt)}）仍未提交，请督促。`,
          entityType: 'inspection_task',
          entityId: task.id,
        });
      }
      if (task.missedAt <= now) {
        task.status = 'missed';
        changes.push({ taskId: task.id, status: 'missed' });
        notices.push({
          dedupeKey: `${task.id}:missed`,
          userId: null,
          role: 'coordinator',
          kind: 'missed',
          title: `${label}记为漏检`,
          body: `${task.key} 超过宽限期仍未提交，已记为漏检。`,
          entityType: 'inspection_task',
          entityId: task.id,
        });
        outcomes.push(task);
      }
    }
  }
  for (const item of state.rectifications) {
    if (
      RUNNING_RECTIFICATION_STATUSES.includes(item.status) &&
      item.deadline <= now &&
      item.escalatedFor !== item.deadline
    ) {
      item.escalatedFor = item.deadline;
      rectChanges.push({ id: item.id, escalatedAt: now });
      notices.push({
        dedupeKey: `${item.id}:overdue:${item.deadline}`,
        userId: null,
        role: 'coordinator',
        kind: 'overdue',
        title: `整改逾期：${item.standardCode}`,
        body: `整改事项已超过期限（${formatLocalDateTime(item.deadline)}）仍未完成答复。`,
        entityType: 'rectification',
        entityId: item.id,
      });
    }
  }
  if (changes.length > 0 || notices.length > 0 || rectChanges.length > 0) {
    await ctx.timerDb.applyTaskChanges({
      enrollmentId: ctx.input.enrollmentId,
      changes,
      notifications: notices,
      rectifications: rectChanges,
      at: now,
    });
  }
  // A missed opening inspection never blocks the pilot: the next phase starts anyway.
  for (const task of outcomes) await afterTaskClosed(ctx, task);
}

function openingTaskClosed(ctx: RunContext, kind: 'self' | 'concentrated'): boolean {
  return (ctx.state.round?.tasks ?? []).some(
    (t) => t.kind === kind && (t.status === 'submitted' || t.status === 'missed'),
  );
}

/** The stage moves on when an opening inspection (self-inspection, concentrated) is done or missed. */
export async function afterTaskClosed(ctx: RunContext, task: TaskState): Promise<void> {
  const phase = () => ctx.state.stage.phase;
  if (task.kind === 'self' && phase() === 'self_inspection') {
    await applyStageEvent(ctx, { type: 'SELF_INSPECTION_SUBMITTED' });
    // The concentrated inspection opens while a late self-inspection may still be in its grace
    // period; if the inspector finished it first, the opening phases end together. Without this
    // the pilot sat in "concentrated inspection" and, once every task was done, never woke for
    // the round end.
    if (openingTaskClosed(ctx, 'concentrated') && patched(PATCH_CONCENTRATED_DONE_FIRST)) {
      await applyStageEvent(ctx, { type: 'CONCENTRATED_INSPECTION_COMPLETED' });
    }
  }
  if (task.kind === 'concentrated' && phase() === 'concentrated_inspection') {
    await applyStageEvent(ctx, { type: 'CONCENTRATED_INSPECTION_COMPLETED' });
  }
}

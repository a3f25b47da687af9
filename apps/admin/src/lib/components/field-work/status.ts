import type { Rectification, RectificationStatus, TaskSummary } from '$lib/api/field-work';

export type ChipTone = 'neutral' | 'info' | 'ok' | 'warn' | 'danger';

/*
 * How the field-work screens sort and colour tasks and rectification items. Colour always repeats
 * a word on the chip; it never carries the meaning alone.
 */

export function rectificationTone(status: RectificationStatus, overdue: boolean): ChipTone {
  if (overdue) return 'danger';
  switch (status) {
    case 'open':
      return 'warn';
    case 'reopened':
      return 'danger';
    case 'controlled':
      return 'warn';
    case 'responded':
      return 'info';
    case 'closed':
      return 'ok';
    case 'cancelled':
      return 'neutral';
  }
}

/**
 * Still with the firm: no answer yet, sent back after a rejected answer, or 已管控 (the hazard is
 * contained, the fix itself still to be answered).
 */
export function awaitsAnswer(item: Pick<Rectification, 'status'>): boolean {
  return item.status === 'open' || item.status === 'reopened' || item.status === 'controlled';
}

export type TaskGroup = 'overdue' | 'today' | 'upcoming' | 'done' | 'missed';
export const TASK_GROUPS: readonly TaskGroup[] = ['overdue', 'today', 'upcoming', 'done', 'missed'];

/** Which list of 我的任务 a task belongs to. */
export function taskGroup(task: Pick<TaskSummary, 'status' | 'overdue'>): TaskGroup | null {
  switch (task.status) {
    case 'open':
      return task.overdue ? 'overdue' : 'today';
    case 'scheduled':
      return 'upcoming';
    case 'submitted':
      return 'done';
    case 'missed':
      return 'missed';
    case 'cancelled':
      return null;
  }
}

/** Tasks by group; overdue and open ones by due time, done ones latest first. */
export function groupTasks<
  T extends Pick<TaskSummary, 'id' | 'status' | 'overdue' | 'dueAt' | 'opensAt' | 'submittedAt'>,
>(tasks: readonly T[]): Record<TaskGroup, T[]> {
  const groups: Record<TaskGroup, T[]> = { overdue: [], today: [], upcoming: [], done: [], missed: [] };
  const seen = new Set<string>();
  for (const task of tasks) {
    if (seen.has(task.id)) continue;
    seen.add(task.id);
    const group = taskGroup(task);
    if (group) groups[group].push(task);
  }
  const by = (pick: (task: T) => string | null, direction: 1 | -1) => (a: T, b: T) =>
    direction * (pick(a) ?? '').localeCompare(pick(b) ?? '');
  groups.overdue.sort(by((task) => task.dueAt, 1));
  groups.today.sort(by((task) => task.dueAt, 1));
  groups.upcoming.sort(by((task) => task.opensAt, 1));
  groups.done.sort(by((task) => task.submittedAt ?? task.dueAt, -1));
  groups.missed.sort(by((task) => task.dueAt, -1));
  return groups;
}

export type RectificationGroup = 'awaitingAnswer' | 'awaitingVerification' | 'closed';

/**
 * 整改 lists: the firm's first group is what it still has to answer, an inspector's is what waits
 * for verification. Overdue items first, then by deadline; closed ones latest first.
 */
export function groupRectifications<
  T extends Pick<Rectification, 'id' | 'status' | 'overdue' | 'deadline' | 'closedAt'>,
>(items: readonly T[]): Record<RectificationGroup, T[]> {
  const groups: Record<RectificationGroup, T[]> = {
    awaitingAnswer: [],
    awaitingVerification: [],
    closed: [],
  };
  for (const item of items) {
    if (awaitsAnswer(item)) groups.awaitingAnswer.push(item);
    else if (item.status === 'responded') groups.awaitingVerification.push(item);
    else groups.closed.push(item);
  }
  const byDeadline = (a: T, b: T) =>
    Number(b.overdue) - Number(a.overdue) || a.deadline.localeCompare(b.deadline);
  groups.awaitingAnswer.sort(byDeadline);
  groups.awaitingVerification.sort(byDeadline);
  groups.closed.sort((a, b) => (b.closedAt ?? b.deadline).localeCompare(a.closedAt ?? a.deadline));
  return groups;
}

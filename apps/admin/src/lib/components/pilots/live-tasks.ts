import type { TaskSummary } from '$lib/api/field-work';
import type { PilotSnapshot } from '$lib/api/pilot-types';

/*
 * One status per task on the pilot detail. The workflow opens a task the moment its window starts
 * and writes the record a little later, so right after enrolling the records can still say 未开始
 * while the live snapshot already lists the task as open. Every list on the page reads the status
 * through here: the snapshot's word where it has one, the record's otherwise.
 */

export type TaskStatus = TaskSummary['status'];

/** The workflow's status of each task it holds now (open and the next upcoming ones). */
export function liveStatuses(snapshot: Pick<PilotSnapshot, 'openTasks' | 'upcomingTasks'> | null) {
  const statuses = new Map<string, TaskStatus>();
  for (const task of [...(snapshot?.upcomingTasks ?? []), ...(snapshot?.openTasks ?? [])]) {
    statuses.set(task.id, task.status);
  }
  return statuses;
}

/** The rows with the live status where the workflow has one. */
export function withLiveStatus<T extends { id: string; status: TaskStatus }>(
  rows: readonly T[],
  snapshot: Pick<PilotSnapshot, 'openTasks' | 'upcomingTasks'> | null,
): T[] {
  const live = liveStatuses(snapshot);
  return rows.map((row) => {
    const status = live.get(row.id);
    return status && status !== row.status ? { ...row, status } : row;
  });
}

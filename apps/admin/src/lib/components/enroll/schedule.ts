import type { InspectionKind, PreviewTask, SchedulePreview } from '$lib/api/pilot-types';
import { INSPECTION_KIND_ORDER } from './kinds';

/*
 * The schedule preview (before confirming an enrollment) as the page shows it: per round, the order
 * of work, how many inspections of each kind and every inspection with its due date and inspector,
 * in due order.
 */

export interface KindCount {
  kind: InspectionKind;
  label: { zh: string; en: string };
  count: number;
}

export interface ScheduleTask {
  key: string;
  kind: InspectionKind;
  label: { zh: string; en: string };
  opensAt: string;
  dueAt: string;
  /** The local due date on the real calendar (`YYYY-MM-DD`). */
  dueDate: string;
  /** The due date moved off a weekend or public holiday. */
  shifted: boolean;
  assignee: { id: string; displayName: string } | null;
  /** The firm's own self-inspection (自查自纠): nobody is assigned. */
  bySelf: boolean;
}

/** One step of a round's order of work (自查自纠 → 集中检查 → 周、月、季专项检查; round 2 key parts). */
export type ScheduleStep = SchedulePreview['rounds'][number]['steps'][number];

export interface ScheduleRound {
  round: number;
  stage: SchedulePreview['rounds'][number]['stage'];
  startsAt: string;
  endsAt: string;
  /** The order of work, first step first, as the API plans it. */
  steps: ScheduleStep[];
  counts: KindCount[];
  tasks: ScheduleTask[];
}

export interface ScheduleView {
  rounds: ScheduleRound[];
  totalTasks: number;
  /** Due date of the first and the last inspection. */
  firstDue: string | null;
  lastDue: string | null;
  /** Inspector kinds with tasks but nobody assigned (the enrollment would be refused). */
  unassigned: InspectionKind[];
}

const isShifted = (task: PreviewTask) => task.dueShift !== 'none';

export function scheduleView(preview: Pick<SchedulePreview, 'rounds'>): ScheduleView {
  const rounds = [...preview.rounds]
    .sort((a, b) => a.round - b.round)
    .map((round) => {
      const tasks = [...round.tasks]
        .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.key.localeCompare(b.key))
        .map((task) => ({
          key: task.key,
          kind: task.kind,
          label: task.kindLabel,
          opensAt: task.opensAt,
          dueAt: task.dueAt,
          dueDate: task.calendarDueDate,
          shifted: isShifted(task),
          assignee: task.assignee,
          bySelf: task.kind === 'self',
        }));
      const counts = INSPECTION_KIND_ORDER.flatMap((kind) => {
        const ofKind = tasks.filter((task) => task.kind === kind);
        const first = ofKind[0];
        return first ? [{ kind, label: first.label, count: ofKind.length }] : [];
      });
      return {
        round: round.round,
        stage: round.stage,
        startsAt: round.startsAt,
        endsAt: round.endsAt,
        steps: [...round.steps].sort((a, b) => a.order - b.order),
        counts,
        tasks,
      };
    });
  const all = rounds.flatMap((round) => round.tasks);
  const byDue = [...all].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const unassigned = INSPECTION_KIND_ORDER.filter((kind) =>
    all.some((task) => task.kind === kind && !task.bySelf && task.assignee === null),
  );
  return {
    rounds,
    totalTasks: all.length,
    firstDue: byDue[0]?.dueDate ?? null,
    lastDue: byDue.at(-1)?.dueDate ?? null,
    unassigned,
  };
}

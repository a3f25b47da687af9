import { INSPECTION_KIND_LABELS as LABELS, type DayShift } from '@pilot/domain';
import { describe, expect, it } from 'vitest';
import type { PreviewRound, PreviewTask, SchedulePreview } from '$lib/api/pilot-types';
import { scheduleView } from './schedule';

function task(key: string, kind: PreviewTask['kind'], due: string, shift: DayShift = 'none'): PreviewTask {
  return {
    key,
    kind,
    kindLabel: LABELS[kind],
    opensAt: `${due}T00:00:00.000Z`,
    dueAt: `${due}T15:59:59.999Z`,
    missedAt: `${due}T15:59:59.999Z`,
    calendarDueDate: due,
    dueShift: shift,
    assignee:
      kind === 'self' ? null : kind === 'quarterly' ? null : { id: 'usr-insp-zhang', displayName: '张伟' },
  };
}

function step(
  order: number,
  name: PreviewRound['steps'][number]['step'],
  zh: string,
  kinds: PreviewTask['kind'][],
): PreviewRound['steps'][number] {
  return {
    order,
    step: name,
    label: { zh, en: name },
    kinds,
    opensAt: '2026-11-28T16:00:00.000Z',
    dueAt: '2027-02-27T16:00:00.000Z',
    tasks: kinds.length,
  };
}

const preview = {
  rounds: [
    {
      round: 2,
      stage: 'consolidation',
      startsAt: '2027-03-06T16:00:00.000Z',
      endsAt: '2027-06-06T16:00:00.000Z',
      steps: [
        step(1, 'special_checks', '周、月、季专项检查', ['weekly']),
        step(2, 'key_part_checks', '重点部位检查', ['consolidation']),
      ],
      tasks: [
        task('r2-consolidation-01', 'consolidation', '2027-04-01'),
        task('r2-weekly-01', 'weekly', '2027-03-12'),
      ],
    },
    {
      round: 1,
      stage: 'improvement',
      startsAt: '2026-11-28T16:00:00.000Z',
      endsAt: '2027-02-27T16:00:00.000Z',
      // Listed out of order on purpose: the view sorts by `order`.
      steps: [
        step(3, 'special_checks', '周、月、季专项检查', ['weekly', 'monthly', 'quarterly']),
        step(1, 'self_inspection', '自查自纠', ['self']),
        step(2, 'concentrated_inspection', '集中检查', ['concentrated']),
      ],
      tasks: [
        task('r1-weekly-02', 'weekly', '2026-12-23'),
        task('r1-self-01', 'self', '2026-12-07', 'next'),
        task('r1-weekly-01', 'weekly', '2026-12-16'),
        task('r1-concentrated-01', 'concentrated', '2026-12-09'),
        task('r1-quarterly-01', 'quarterly', '2027-02-20'),
      ],
    },
  ],
} as unknown as SchedulePreview;

describe('scheduleView', () => {
  const view = scheduleView(preview);

  it('orders rounds and their inspections by due date', () => {
    expect(view.rounds.map((round) => round.round)).toEqual([1, 2]);
    expect(view.rounds[0]?.tasks.map((t) => t.key)).toEqual([
      'r1-self-01',
      'r1-concentrated-01',
      'r1-weekly-01',
      'r1-weekly-02',
      'r1-quarterly-01',
    ]);
  });

  it('gives each round its order of work, first step first', () => {
    expect(view.rounds[0]?.steps.map((entry) => [entry.order, entry.label.zh])).toEqual([
      [1, '自查自纠'],
      [2, '集中检查'],
      [3, '周、月、季专项检查'],
    ]);
    expect(view.rounds[1]?.steps.map((entry) => entry.step)).toEqual(['special_checks', 'key_part_checks']);
  });

  it('counts the inspections of each kind per round, in the order a round runs them', () => {
    expect(view.rounds[0]?.counts.map((count) => [count.kind, count.count])).toEqual([
      ['self', 1],
      ['concentrated', 1],
      ['weekly', 2],
      ['quarterly', 1],
    ]);
    expect(view.totalTasks).toBe(7);
    expect(view.firstDue).toBe('2026-12-07');
    expect(view.lastDue).toBe('2027-04-01');
  });

  it('marks holiday shifts, the firm’s own self-inspection and kinds with no inspector', () => {
    const self = view.rounds[0]?.tasks[0];
    expect(self?.shifted).toBe(true);
    expect(self?.bySelf).toBe(true);
    expect(view.rounds[0]?.tasks[1]?.shifted).toBe(false);
    expect(view.unassigned).toEqual(['quarterly']);
  });
});

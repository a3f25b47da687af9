import { describe, expect, it } from 'vitest';
import type { PilotDetail, PilotSnapshot, TimelineRound } from '$lib/api/pilot-types';
import { compareCategories, evaluatedRounds, extendTargets } from './detail';

const scores = (values: Record<string, number>) =>
  Object.entries(values).map(([category, score]) => ({ category, score }));

function snapshotRound(number: number, values: Record<string, number>, score: number) {
  return {
    id: `r${number}`,
    number,
    stage: number === 1 ? ('improvement' as const) : ('consolidation' as const),
    score,
    stars: 3,
    complianceRate: 0.8,
    operationRate: 0.7,
    categoryScores: scores(values),
    keyAreas: [],
    keyParts: [],
    passed: true,
    reasons: [],
    completed: 17,
    missed: 0,
    evaluatedAt: 0,
    archiveId: null,
  };
}

function timelineRound(
  number: number,
  categoryScores: TimelineRound['categoryScores'],
  evaluated = true,
): TimelineRound {
  return {
    id: `r${number}`,
    number,
    kind: 'improvement',
    status: evaluated ? 'archived' : 'running',
    startsAt: '2024-01-01T00:00:00.000Z',
    endsAt: '2024-04-01T00:00:00.000Z',
    focusCategories: [],
    score: evaluated ? 74.5 : null,
    starRating: evaluated ? 3 : null,
    complianceRate: evaluated ? 0.73 : null,
    operationRate: evaluated ? 0.8 : null,
    categoryScores,
    keyAreas: [],
    keyParts: [],
    passed: evaluated ? true : null,
    assessment: null,
    evaluatedAt: evaluated ? '2024-04-01T00:00:00.000Z' : null,
  };
}

describe('category scores against the previous round', () => {
  const names: Record<string, string> = { A: '综合管理服务', B: '房屋管理与维护保养服务' };
  const labelOf = (code: string) => names[code] ?? code;
  const seriesLabel = (round: { number: number }) => `第 ${round.number} 轮`;

  it('compares the latest evaluated round with the one before, category by category', () => {
    const rounds = evaluatedRounds(
      {
        rounds: [snapshotRound(2, { A: 88.14, B: 80 }, 86), snapshotRound(1, { A: 75.46, B: 82.3 }, 77)],
      } as unknown as PilotSnapshot,
      [],
    );
    const comparison = compareCategories(rounds, labelOf, seriesLabel);
    expect(comparison?.latest.number).toBe(2);
    expect(comparison?.previous?.number).toBe(1);
    expect(comparison?.rows).toEqual([
      { code: 'A', label: '综合管理服务', previous: 75.5, latest: 88.1, change: 12.7 },
      { code: 'B', label: '房屋管理与维护保养服务', previous: 82.3, latest: 80, change: -2.3 },
    ]);
    // Two series for the chart, the earlier round first (grey), both on the same categories.
    expect(comparison?.chart.series.map((series) => [series.label, series.values])).toEqual([
      ['第 1 轮', [75.5, 82.3]],
      ['第 2 轮', [88.1, 80]],
    ]);
  });

  it('reads the records when the workflow did not answer, skipping rounds not evaluated', () => {
    const rounds = evaluatedRounds(null, [
      timelineRound(2, [], false),
      timelineRound(1, [
        { category: 'A', score: 75.46 },
        { category: 'G', score: 72.26 },
      ]),
    ]);
    expect(rounds).toHaveLength(1);
    const comparison = compareCategories(rounds, labelOf, seriesLabel);
    expect(comparison?.previous).toBeNull();
    expect(comparison?.chart.series).toHaveLength(1);
    expect(comparison?.rows.map((row) => [row.code, row.latest, row.change])).toEqual([
      ['A', 75.5, null],
      ['G', 72.3, null],
    ]);
  });

  it('has nothing to compare before the first evaluation', () => {
    expect(compareCategories([], labelOf, seriesLabel)).toBeNull();
  });
});

describe('extendTargets', () => {
  /** An instant as the API sends it (ISO 8601, +08:00), `day` days into December 2026. */
  const at = (day: number) => `2026-12-${String(day).padStart(2, '0')}T18:00:00.000+08:00`;

  it('lists open and upcoming tasks and unclosed rectification items (已管控 too), soonest deadline first', () => {
    const task = (id: string, dueAt: string, status: 'open' | 'scheduled') => ({
      id,
      key: id,
      kind: 'weekly' as const,
      round: 2,
      opensAt: at(1),
      dueAt,
      remindAt: at(1),
      missedAt: at(28),
      assigneeId: null,
      status,
      remindedAt: null,
      escalatedAt: null,
      submittedAt: null,
      scope: null,
    });
    const item = (id: string, deadline: string, status: 'open' | 'closed' | 'responded' | 'controlled') => ({
      id,
      taskId: 't',
      round: 2,
      standardCode: 'E-03',
      keyPart: null,
      severity: 'major' as const,
      critical: false,
      deadline,
      status,
      controlledAt: null,
      escalatedFor: null,
      responses: 0,
      rejections: 0,
    });
    const detail = {
      snapshot: {
        openTasks: [task('t2', at(3), 'open')],
        upcomingTasks: [task('t3', at(5), 'scheduled')],
        openRectifications: [
          item('x1', at(2), 'open'),
          item('x2', at(1), 'closed'),
          item('x3', at(4), 'responded'),
          item('x4', at(6), 'controlled'),
        ],
      },
    } as unknown as Pick<PilotDetail, 'snapshot'>; // only the parts extendTargets reads
    const targets = extendTargets(detail);
    expect(targets.map((target) => `${target.type}:${target.id}`)).toEqual([
      'rectification:x1',
      'task:t2',
      'rectification:x3',
      'task:t3',
      'rectification:x4',
    ]);
    // Kinds are named by the domain's labels.
    expect(targets[1]?.kindLabel?.zh).toBe('周检查');
  });
});

import { describe, expect, it } from 'vitest';
import type { MatterStats } from '$lib/api/matter-types';
import { matterRatesChart, statsGroupHref, statsGroupOf, statsWindow } from './stats-chart';

const LABELS = {
  responseRate: '响应率',
  solveRate: '解决率',
  satisfactionRate: '满意率',
  collected: '收集',
  solved: '解决',
};

type Group = MatterStats['groups'][number];

const row = (key: string | null, name: string, collected: number, satisfaction: number | null): Group => ({
  key,
  name,
  collected,
  solved: collected - 1,
  acceptDue: collected,
  acceptedInTime: collected,
  resolveDue: collected,
  resolvedInTime: collected - 1,
  rated: 2,
  satisfied: 1,
  responseRate: 100,
  resolutionRate: 90,
  satisfactionRate: satisfaction,
});

function stats(groupBy: MatterStats['groupBy'], groups: Group[]): MatterStats {
  const { key: _key, name: _name, ...total } = groups[0]!;
  return { groupBy, from: null, to: null, groups, total };
}

describe('办理成效 as charts', () => {
  it('runs months in order with their names, the three rates drawn and the counts in the table', () => {
    const chart = matterRatesChart(
      stats('month', [row('2026-12', '2026-12', 4, null), row('2026-10', '2026-10', 9, 92)]),
      LABELS,
      'zh-CN',
    );
    expect(chart.drawing.categories.map((c) => [c.key, c.label, c.short])).toEqual([
      ['2026-10', '2026年10月', '10月'],
      ['2026-12', '2026年12月', '12月'],
    ]);
    expect(chart.drawing.series.map((s) => [s.label, s.values])).toEqual([
      ['响应率', [100, 100]],
      ['解决率', [90, 90]],
      ['满意率', [92, null]],
    ]);
    expect(chart.table.series.map((s) => s.key)).toEqual([
      'collected',
      'solved',
      'response',
      'resolution',
      'satisfaction',
    ]);
    expect(chart.table.series[0]!.values).toEqual([9, 4]);
  });

  it('puts the units with most matters first, and names the unassigned group as the API does', () => {
    const chart = matterRatesChart(
      stats('party', [row(null, '未派给联动单位', 3, 80), row('pty-zhzf', '综合执法中队', 7, 100)]),
      LABELS,
      'en',
    );
    expect(chart.drawing.categories.map((c) => c.label)).toEqual(['综合执法中队', '未派给联动单位']);
  });

  it('reads the grouping from the address, and looks back six months or a quarter', () => {
    expect(statsGroupOf(new URLSearchParams('statsBy=firm'))).toBe('firm');
    expect(statsGroupOf(new URLSearchParams('statsBy=nonsense'))).toBe('party');
    expect(statsGroupHref(new URL('http://x/matters?view=ledger&statsBy=firm'), 'month')).toBe(
      '/matters?view=ledger&statsBy=month',
    );
    const now = new Date('2026-12-02T03:00:00Z');
    expect(statsWindow('month', now)).toEqual({ from: '2026-07-01', to: '2026-12-02' });
    expect(statsWindow('community', now)).toEqual({ from: '2026-09-04', to: '2026-12-02' });
    // Across a year's end, and late in the evening in Shanghai (already the next day there).
    expect(statsWindow('month', new Date('2027-02-28T17:00:00Z'))).toEqual({
      from: '2026-10-01',
      to: '2027-03-01',
    });
  });
});

import { MATTER_STATS_GROUPS } from '@pilot/domain';
import type { MatterStats } from '$lib/api/matter-types';
import type { ChartCategory, ChartData, ChartSeries } from '$lib/ui/charts/types';
import { localToday } from '$lib/ui/date-format';

export type MatterStatsGroup = (typeof MATTER_STATS_GROUPS)[number];

/** The grouping the address asks for (`?statsBy=`): by 承办单位 unless it names another. */
export function statsGroupOf(params: URLSearchParams): MatterStatsGroup {
  const asked = params.get('statsBy');
  return MATTER_STATS_GROUPS.find((group) => group === asked) ?? 'party';
}

/** This page with another grouping; the list's filters stay as they are. */
export function statsGroupHref(url: URL, group: MatterStatsGroup): string {
  const params = new URLSearchParams(url.searchParams);
  params.set('statsBy', group);
  return `${url.pathname}?${params}`;
}

/**
 * The window of the figures (Asia/Shanghai dates): by month, the six months up to this one, so the
 * line has a shape; by unit, the last 90 days, as 接诉即办 assessments look at a quarter.
 */
export function statsWindow(group: MatterStatsGroup, now = new Date()): { from: string; to: string } {
  const to = localToday(now);
  if (group !== 'month') return { from: localToday(new Date(now.getTime() - 89 * 86_400_000)), to };
  const [year, month] = to.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(year, month - 1 - 5, 1));
  return { from: `${first.getUTCFullYear()}-${String(first.getUTCMonth() + 1).padStart(2, '0')}-01`, to };
}

export interface RateLabels {
  responseRate: string;
  solveRate: string;
  satisfactionRate: string;
  collected: string;
  solved: string;
}

/** `2026-11` as 2026年11月 (short 11月) or Nov 2026 (short Nov). */
function monthCategory(key: string, locale: string): ChartCategory {
  const [year, month] = key.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(year, month - 1, 1));
  return {
    key,
    label: date.toLocaleDateString(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }),
    short: date.toLocaleDateString(locale, { month: 'short', timeZone: 'UTC' }),
  };
}

/**
 * The three rates per group as the charts draw them, and the table beside them (with the counts
 * the rates rest on). Months run in order; units by how many matters they had, most first.
 */
export function matterRatesChart(
  stats: MatterStats,
  labels: RateLabels,
  locale: string,
): { drawing: ChartData; table: ChartData } {
  const byMonth = stats.groupBy === 'month';
  const groups = [...stats.groups].sort((a, b) =>
    byMonth ? (a.key ?? '').localeCompare(b.key ?? '') : b.collected - a.collected,
  );
  const categories = groups.map((group): ChartCategory =>
    byMonth && group.key ? monthCategory(group.key, locale) : { key: group.key ?? '', label: group.name },
  );
  const rates: ChartSeries[] = [
    {
      key: 'response',
      label: labels.responseRate,
      unit: 'percent',
      values: groups.map((g) => g.responseRate),
    },
    {
      key: 'resolution',
      label: labels.solveRate,
      unit: 'percent',
      values: groups.map((g) => g.resolutionRate),
    },
    {
      key: 'satisfaction',
      label: labels.satisfactionRate,
      unit: 'percent',
      values: groups.map((g) => g.satisfactionRate),
    },
  ];
  const counts: ChartSeries[] = [
    { key: 'collected', label: labels.collected, unit: 'count', values: groups.map((g) => g.collected) },
    { key: 'solved', label: labels.solved, unit: 'count', values: groups.map((g) => g.solved) },
  ];
  return { drawing: { categories, series: rates }, table: { categories, series: [...counts, ...rates] } };
}

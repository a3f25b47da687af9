import { Inject, Injectable } from '@nestjs/common';
import {
  CATEGORIES,
  formatInstant,
  INSPECTION_KIND_LABELS,
  localDaysBetween,
  PHASE_LABELS,
  PHASE_STAGE,
  PHASES,
  RECTIFICATION_STATUS_LABELS,
  RECTIFICATION_STATUSES,
  RUNNING_RECTIFICATION_STATUSES,
  STAGE_LABELS,
  STAGES,
  inspectionKindSchema,
  rectificationStatusSchema,
  severitySchema,
  type DashboardQuery,
} from '@pilot/domain';
import {
  alongMonths,
  label,
  monthWindow,
  percent,
  round,
  type Chart,
  type MonthWindow,
} from '../reporting/charts.js';
import { STAR_LABELS, UNRATED_LABEL } from '../reporting/labels.js';
import type { ReportFilter, Viewer } from '../reporting/scope.js';
import type {
  CategoryScores,
  ComplianceTrend,
  CompoundMetrics,
  Dashboard,
  OverdueWork,
  PilotFunnel,
  RectificationStats,
  StarRatings,
} from './dashboard.dto.js';
import {
  DashboardRepository,
  type ComplianceMonth,
  type OverdueRow,
  type PilotCount,
  type RectificationRows,
  type RoundScores,
  type Trends,
} from './dashboard.repository.js';

/** How many overdue items a dashboard lists; the counts cover all of them. */
export const OVERDUE_LIST_LIMIT = 20;

function filterOf(query: DashboardQuery): ReportFilter {
  return { pilotId: query.pilotId, firmId: query.firmId, communityId: query.communityId };
}

/**
 * Asia/Shanghai calendar days from the due time to now, and at least 1 once it has passed: a task
 * due yesterday at 17:00 is one day late at 09:00 today, and one due an hour ago is late too.
 * (Whole 24-hour periods said "0 days" for everything less than a day past due.)
 */
export function daysOverdue(due: Date, now: Date): number {
  if (now.getTime() <= due.getTime()) return 0;
  return Math.max(1, localDaysBetween(due.getTime(), now.getTime()));
}

/** Who owes an overdue task: the firm for its self-inspection, the assigned inspector otherwise. */
function responsibleFor(task: {
  kind: string;
  assignee: { id: string; displayName: string } | null;
  enrollment: { firm: { id: string; name: string } };
}): OverdueWork['tasks']['items'][number]['responsible'] {
  if (task.kind === 'self') return { kind: 'firm', ...task.enrollment.firm };
  return task.assignee ? { kind: 'inspector', id: task.assignee.id, name: task.assignee.displayName } : null;
}

/**
 * Figures for the dashboards, each scoped to what the caller may see (see reporting/scope.ts) and
 * shaped as charts with bilingual labels. A section is one statement of its chart family (see the
 * repository); the whole dashboard is one of each.
 */
@Injectable()
export class DashboardService {
  constructor(@Inject(DashboardRepository) private readonly repository: DashboardRepository) {}

  /** Every section from one statement per chart family: five round trips for the whole dashboard. */
  async all(viewer: Viewer, query: DashboardQuery, now = new Date()): Promise<Dashboard> {
    const window = monthWindow(query.months, query.until, now.getTime());
    const filter = filterOf(query);
    const [pilots, rounds, trends, rectifications, overdue] = await Promise.all([
      this.repository.pilotCounts(viewer, filter),
      this.repository.roundScores(viewer, filter),
      this.repository.trends(viewer, filter, window),
      this.repository.rectificationStats(viewer, filter, window),
      this.repository.overdue(viewer, filter, now, OVERDUE_LIST_LIMIT),
    ]);
    return {
      window: { from: window.keys[0] ?? '', to: window.keys.at(-1) ?? '', months: window.keys.length },
      funnel: funnelOf(pilots),
      starRatings: starRatingsOf(pilots),
      categoryScores: categoryScoresOf(rounds),
      compliance: complianceOf(window, trends.compliance),
      compoundMetrics: compoundMetricsOf(window, trends),
      rectifications: rectificationsOf(window, rectifications),
      overdue: overdueOf(overdue, now),
    };
  }

  async funnel(viewer: Viewer, query: DashboardQuery): Promise<PilotFunnel> {
    return funnelOf(await this.repository.pilotCounts(viewer, filterOf(query)));
  }

  async starRatings(viewer: Viewer, query: DashboardQuery): Promise<StarRatings> {
    return starRatingsOf(await this.repository.pilotCounts(viewer, filterOf(query)));
  }

  async categoryScores(viewer: Viewer, query: DashboardQuery): Promise<CategoryScores> {
    return categoryScoresOf(await this.repository.roundScores(viewer, filterOf(query)));
  }

  async compliance(viewer: Viewer, query: DashboardQuery, now = new Date()): Promise<ComplianceTrend> {
    const window = monthWindow(query.months, query.until, now.getTime());
    const trends = await this.repository.trends(viewer, filterOf(query), window);
    return complianceOf(window, trends.compliance);
  }

  async compoundMetrics(viewer: Viewer, query: DashboardQuery, now = new Date()): Promise<CompoundMetrics> {
    const window = monthWindow(query.months, query.until, now.getTime());
    return compoundMetricsOf(window, await this.repository.trends(viewer, filterOf(query), window));
  }

  async rectifications(viewer: Viewer, query: DashboardQuery, now = new Date()): Promise<RectificationStats> {
    const window = monthWindow(query.months, query.until, now.getTime());
    return rectificationsOf(
      window,
      await this.repository.rectificationStats(viewer, filterOf(query), window),
    );
  }

  async overdue(viewer: Viewer, query: DashboardQuery, now = new Date()): Promise<OverdueWork> {
    const rows = await this.repository.overdue(viewer, filterOf(query), now, OVERDUE_LIST_LIMIT);
    return overdueOf(rows, now);
  }
}

// ─── shaping each section from its family's rows ─────────────────────────────────────────────

function funnelOf(rows: PilotCount[]): PilotFunnel {
  const byStage = new Map<string, number>();
  const byPhase = new Map<string, number>();
  for (const row of rows) {
    byStage.set(row.stage, (byStage.get(row.stage) ?? 0) + row.count);
    byPhase.set(row.phase, (byPhase.get(row.phase) ?? 0) + row.count);
  }
  const pilots = label('试点数', 'Pilots');
  return {
    total: rows.reduce((sum, row) => sum + row.count, 0),
    byStage: {
      key: 'pilots-by-stage',
      title: label('各阶段试点数', 'Pilots per stage'),
      kind: 'funnel',
      categories: STAGES.map((stage) => ({ key: stage, label: STAGE_LABELS[stage] })),
      series: [{ key: 'pilots', label: pilots, unit: 'count', data: STAGES.map((s) => byStage.get(s) ?? 0) }],
    },
    byPhase: {
      key: 'pilots-by-phase',
      title: label('各环节试点数', 'Pilots per phase'),
      kind: 'bar',
      categories: PHASES.map((phase) => ({
        key: phase,
        label: PHASE_LABELS[phase],
        group: PHASE_STAGE[phase],
      })),
      series: [{ key: 'pilots', label: pilots, unit: 'count', data: PHASES.map((p) => byPhase.get(p) ?? 0) }],
    },
  };
}

function starRatingsOf(pilots: PilotCount[]): StarRatings {
  // A withdrawn pilot keeps its last rating but is no longer rated as a pilot.
  const byStars = new Map<number | null, number>();
  for (const row of pilots) {
    if (row.status !== 'withdrawn') byStars.set(row.stars, (byStars.get(row.stars) ?? 0) + row.count);
  }
  const rows = [...byStars].map(([stars, count]) => ({ stars, count }));
  const count = (stars: number | null) => byStars.get(stars) ?? 0;
  const stars = [1, 2, 3, 4, 5];
  const rated = rows.filter((row) => row.stars !== null).reduce((sum, row) => sum + row.count, 0);
  const points = rows.reduce((sum, row) => sum + (row.stars ?? 0) * row.count, 0);
  return {
    rated,
    unrated: count(null),
    average: rated > 0 ? round(points / rated, 1) : null,
    chart: {
      key: 'star-ratings',
      title: label('星级分布', 'Star-rating distribution'),
      kind: 'bar',
      categories: [
        ...stars.map((n) => ({ key: String(n), label: STAR_LABELS[n] ?? label(`${n}星`, `${n} stars`) })),
        { key: 'unrated', label: UNRATED_LABEL },
      ],
      series: [
        {
          key: 'pilots',
          label: label('试点数', 'Pilots'),
          unit: 'count',
          data: [...stars.map((n) => count(n)), count(null)],
        },
      ],
    },
  };
}

function categoryScoresOf({ averages, current, previous }: RoundScores): CategoryScores {
  const averageOf = (rank: number, category: string) => {
    const row = averages.find((a) => a.rank === rank && a.category === category);
    return row ? round(row.average, 2) : null;
  };
  return {
    currentPilots: current,
    previousPilots: previous,
    chart: {
      key: 'category-scores',
      title: label('分类得分（本轮与上一轮）', 'Score by category (current vs previous round)'),
      kind: 'bar',
      categories: CATEGORIES.map((c) => ({ key: c.code, label: c.name })),
      series: [
        {
          key: 'previous',
          label: label('上一轮', 'Previous round'),
          unit: 'score',
          data: CATEGORIES.map((c) => averageOf(2, c.code)),
        },
        {
          key: 'current',
          label: label('本轮', 'Current round'),
          unit: 'score',
          data: CATEGORIES.map((c) => averageOf(1, c.code)),
        },
      ],
    },
  };
}

function complianceOf(window: MonthWindow, rows: ComplianceMonth[]): ComplianceTrend {
  const byMonth = new Map(rows.map((row) => [row.month, row]));
  const rate = (row: { passed: number; failed: number }) =>
    row.passed + row.failed > 0 ? percent(row.passed / (row.passed + row.failed)) : null;
  const rates = alongMonths(window, byMonth, rate).filter((value): value is number => value !== null);
  return {
    first: rates[0] ?? null,
    latest: rates.at(-1) ?? null,
    chart: {
      key: 'compliance-trend',
      title: label('规范操作执行率', 'Standard-operation compliance'),
      kind: 'line',
      categories: window.categories,
      series: [
        {
          key: 'complianceRate',
          label: label('规范操作执行率', 'Compliance rate'),
          unit: 'percent',
          data: alongMonths(window, byMonth, rate),
        },
        {
          key: 'inspections',
          label: label('检查次数', 'Inspections'),
          unit: 'count',
          data: window.keys.map((key) => byMonth.get(key)?.inspections ?? 0),
        },
      ],
    },
  };
}

function compoundMetricsOf(window: MonthWindow, { metrics: rows, compounds }: Trends): CompoundMetrics {
  const byMonth = new Map(rows.map((row) => [row.month, row]));
  const first = rows[0];
  const last = rows.at(-1);
  return {
    compounds,
    latest: last
      ? {
          month: last.month,
          complaints: last.complaints,
          feeCollectionRate: percent(last.feeCollectionRate),
          satisfaction: percent(last.satisfaction),
        }
      : null,
    complaintChange:
      first && last && first !== last && first.complaints > 0
        ? round(((last.complaints - first.complaints) / first.complaints) * 100, 1)
        : null,
    complaints: {
      key: 'complaints',
      title: label('业主投诉量', 'Owner complaints'),
      kind: 'line',
      categories: window.categories,
      series: [
        {
          key: 'complaints',
          label: label('投诉件数', 'Complaints'),
          unit: 'count',
          data: alongMonths(window, byMonth, (row) => row.complaints),
        },
      ],
    },
    rates: {
      key: 'fee-collection-and-satisfaction',
      title: label('物业费收缴率与满意度', 'Fee collection and satisfaction'),
      kind: 'line',
      categories: window.categories,
      series: [
        {
          key: 'feeCollectionRate',
          label: label('物业费收缴率', 'Fee collection rate'),
          unit: 'percent',
          data: alongMonths(window, byMonth, (row) => percent(row.feeCollectionRate)),
        },
        {
          key: 'satisfaction',
          label: label('居民满意度', 'Resident satisfaction'),
          unit: 'percent',
          data: alongMonths(window, byMonth, (row) => percent(row.satisfaction)),
        },
      ],
    },
  };
}

function rectificationsOf(window: MonthWindow, { statuses, months }: RectificationRows): RectificationStats {
  const count = (status: string) => statuses.find((row) => row.status === status)?.count ?? 0;
  const total = statuses.reduce((sum, row) => sum + row.count, 0);
  const closed = count('closed');
  const countable = total - count('cancelled');
  const closedRow = statuses.find((row) => row.status === 'closed');
  const byMonth = new Map(months.map((row) => [row.month, row]));
  const byStatus: Chart = {
    key: 'rectifications-by-status',
    title: label('整改事项状态', 'Rectifications by status'),
    kind: 'pie',
    categories: RECTIFICATION_STATUSES.map((state) => ({
      key: state,
      label: RECTIFICATION_STATUS_LABELS[state],
    })),
    series: [
      {
        key: 'items',
        label: label('事项数', 'Items'),
        unit: 'count',
        data: RECTIFICATION_STATUSES.map(count),
      },
    ],
  };
  return {
    total,
    unfinished: [...RUNNING_RECTIFICATION_STATUSES, 'responded'].reduce((sum, s) => sum + count(s), 0),
    closed,
    closureRate: countable > 0 ? percent(closed / countable) : null,
    averageDaysToClose: round(closedRow?.averageDaysToClose, 1),
    onTimeRate: closed > 0 ? percent((closedRow?.closedOnTime ?? 0) / closed) : null,
    byStatus,
    monthly: {
      key: 'rectifications-monthly',
      title: label('每月新增与销号', 'Opened and closed per month'),
      kind: 'bar',
      categories: window.categories,
      series: [
        {
          key: 'opened',
          label: label('新增', 'Opened'),
          unit: 'count',
          data: window.keys.map((key) => byMonth.get(key)?.opened ?? 0),
        },
        {
          key: 'closed',
          label: label('销号', 'Closed'),
          unit: 'count',
          data: window.keys.map((key) => byMonth.get(key)?.closed ?? 0),
        },
      ],
    },
  };
}

function overdueOf(rows: OverdueRow[], now: Date): OverdueWork {
  const listed = (list: OverdueRow['list']) =>
    rows.filter((row) => row.list === list).sort((a, b) => a.position - b.position);
  const tasks = listed('task');
  const items = listed('rectification');
  return {
    asOf: formatInstant(now),
    limit: OVERDUE_LIST_LIMIT,
    tasks: {
      count: tasks[0]?.total ?? 0,
      items: tasks.map((row) => {
        // The database's enums hold these columns; parsing types them without trusting a cast.
        const kind = inspectionKindSchema.parse(row.kind);
        const compound = { id: row.compoundId, name: row.compoundName };
        const firm = { id: row.firmId, name: row.firmName };
        const assignee =
          row.assigneeId !== null && row.assigneeName !== null
            ? { id: row.assigneeId, displayName: row.assigneeName }
            : null;
        return {
          id: row.id,
          pilotId: row.pilotId,
          kind,
          kindLabel: INSPECTION_KIND_LABELS[kind],
          compound,
          firm,
          assignee,
          responsible: responsibleFor({ kind, assignee, enrollment: { firm } }),
          dueAt: formatInstant(row.due),
          daysOverdue: daysOverdue(row.due, now),
        };
      }),
    },
    rectifications: {
      count: items[0]?.total ?? 0,
      items: items.map((row) => ({
        id: row.id,
        pilotId: row.pilotId,
        standardCode: row.standardCode ?? '',
        finding: row.finding ?? '',
        severity: severitySchema.parse(row.severity),
        status: rectificationStatusSchema.parse(row.status),
        compound: { id: row.compoundId, name: row.compoundName },
        firm: { id: row.firmId, name: row.firmName },
        deadline: formatInstant(row.due),
        daysOverdue: daysOverdue(row.due, now),
      })),
    },
  };
}

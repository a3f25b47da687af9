import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type PrismaClient } from '@pilot/db';
import { RUNNING_RECTIFICATION_STATUSES } from '@pilot/domain';
import { PRISMA } from '../platform/tokens.js';
import type { MonthWindow } from '../reporting/charts.js';
import {
  compoundSql,
  enrollmentSql,
  enrollmentWhere,
  type ReportFilter,
  type Viewer,
} from '../reporting/scope.js';

/*
 * Every figure is one aggregate query over the scoped rows (GROUP BY in the database), never a loop
 * of queries per pilot. Months are Asia/Shanghai months: timestamps are stored in UTC, and the
 * fixed +8 hours (no daylight saving) moves them onto local calendar months without relying on the
 * server's time-zone database.
 */

export interface StagePhaseCount {
  stage: string;
  phase: string;
  count: number;
}

export interface CategoryAverage {
  /** 1 = each pilot's latest evaluated round, 2 = the round before it. */
  rank: number;
  category: string;
  average: number;
  pilots: number;
}

export interface ComplianceMonth {
  month: string;
  inspections: number;
  passed: number;
  failed: number;
}

export interface MetricMonth {
  month: string;
  compounds: number;
  complaints: number;
  feeCollectionRate: number | null;
  satisfaction: number | null;
}

export interface RectificationStatusRow {
  status: string;
  count: number;
  closedOnTime: number;
  averageDaysToClose: number | null;
}

export interface RectificationMonth {
  month: string;
  opened: number;
  closed: number;
}

/** Rectification states in which the firm still owes the work and the deadline runs (已管控 included). */
const WITH_FIRM = RUNNING_RECTIFICATION_STATUSES;

@Injectable()
export class DashboardRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async stagePhaseCounts(viewer: Viewer, filter: ReportFilter): Promise<StagePhaseCount[]> {
    const rows = await this.prisma.enrollment.groupBy({
      by: ['stage', 'phase'],
      where: enrollmentWhere(viewer, filter),
      _count: { _all: true },
    });
    return rows.map((row) => ({ stage: row.stage, phase: row.phase, count: row._count._all }));
  }

  async starCounts(
    viewer: Viewer,
    filter: ReportFilter,
  ): Promise<Array<{ stars: number | null; count: number }>> {
    const rows = await this.prisma.enrollment.groupBy({
      by: ['starRating'],
      where: { AND: [enrollmentWhere(viewer, filter), { status: { not: 'withdrawn' } }] },
      _count: { _all: true },
    });
    return rows.map((row) => ({ stars: row.starRating, count: row._count._all }));
  }

  /** Mean score per category of each pilot's latest evaluated round (rank 1) and the one before (rank 2). */
  categoryAverages(viewer: Viewer, filter: ReportFilter): Promise<CategoryAverage[]> {
    return this.prisma.$queryRaw<CategoryAverage[]>`
      WITH ranked AS (
        SELECT r."enrollmentId", r."categoryScores",
               ROW_NUMBER() OVER (PARTITION BY r."enrollmentId" ORDER BY r.number DESC)::int AS rank
        FROM round r
        JOIN enrollment e ON e.id = r."enrollmentId"
        JOIN compound c ON c.id = e."compoundId"
        WHERE r."evaluatedAt" IS NOT NULL
          AND jsonb_typeof(r."categoryScores") = 'array'
          AND ${enrollmentSql(viewer, filter)}
      )
      SELECT ranked.rank AS rank,
             item->>'category' AS category,
             AVG((item->>'score')::float8)::float8 AS average,
             COUNT(DISTINCT ranked."enrollmentId")::int AS pilots
      FROM ranked, jsonb_array_elements(ranked."categoryScores") AS item
      WHERE ranked.rank <= 2 AND jsonb_typeof(item->'score') = 'number'
      GROUP BY ranked.rank, item->>'category'`;
  }

  /** Pilots with a latest (rank 1) / previous (rank 2) evaluated round, whatever their categories. */
  async rankedRoundPilots(
    viewer: Viewer,
    filter: ReportFilter,
  ): Promise<{ current: number; previous: number }> {
    const [row] = await this.prisma.$queryRaw<Array<{ current: number; previous: number }>>`
      SELECT COUNT(*) FILTER (WHERE evaluated >= 1)::int AS current,
             COUNT(*) FILTER (WHERE evaluated >= 2)::int AS previous
      FROM (
        SELECT COUNT(*) AS evaluated
        FROM round r
        JOIN enrollment e ON e.id = r."enrollmentId"
        JOIN compound c ON c.id = e."compoundId"
        WHERE r."evaluatedAt" IS NOT NULL AND ${enrollmentSql(viewer, filter)}
        GROUP BY r."enrollmentId"
      ) per_pilot`;
    return row ?? { current: 0, previous: 0 };
  }

  /** 规范操作执行率 per month: checked items of submitted inspections, n/a items left out. */
  complianceByMonth(viewer: Viewer, filter: ReportFilter, window: MonthWindow): Promise<ComplianceMonth[]> {
    return this.prisma.$queryRaw<ComplianceMonth[]>`
      SELECT to_char(date_trunc('month', ir."submittedAt" + interval '8 hours'), 'YYYY-MM') AS month,
             COUNT(DISTINCT ir.id)::int AS inspections,
             COUNT(*) FILTER (WHERE it.outcome = 'pass')::int AS passed,
             COUNT(*) FILTER (WHERE it.outcome = 'fail')::int AS failed
      FROM inspection_result ir
      JOIN item_result it ON it."resultId" = ir.id
      JOIN enrollment e ON e.id = ir."enrollmentId"
      JOIN compound c ON c.id = e."compoundId"
      WHERE ir."submittedAt" >= ${new Date(window.fromMs)}
        AND ir."submittedAt" < ${new Date(window.toMs)}
        AND ${enrollmentSql(viewer, filter)}
      GROUP BY 1`;
  }

  /**
   * Complaints summed, fee collection and satisfaction weighted by households (as the subdistrict
   * reports them); a compound of unknown size weighs as much as an average one.
   */
  metricsByMonth(viewer: Viewer, filter: ReportFilter, window: MonthWindow): Promise<MetricMonth[]> {
    return this.prisma.$queryRaw<MetricMonth[]>`
      WITH scoped AS (
        SELECT c.id,
               COALESCE(c.households::float8, (SELECT AVG(households)::float8 FROM compound), 1) AS weight
        FROM compound c
        WHERE ${compoundSql(viewer, filter)}
      )
      SELECT to_char(m.month, 'YYYY-MM') AS month,
             COUNT(*)::int AS compounds,
             SUM(m.complaints)::int AS complaints,
             (SUM(m."feeCollectionRate" * s.weight) / NULLIF(SUM(s.weight) FILTER (WHERE m."feeCollectionRate" IS NOT NULL), 0))::float8
               AS "feeCollectionRate",
             (SUM(m.satisfaction * s.weight) / NULLIF(SUM(s.weight) FILTER (WHERE m.satisfaction IS NOT NULL), 0))::float8
               AS satisfaction
      FROM compound_monthly_metric m
      JOIN scoped s ON s.id = m."compoundId"
      WHERE m.month >= ${window.fromDate}::date AND m.month < ${window.toDate}::date
      GROUP BY m.month
      ORDER BY m.month`;
  }

  async compoundCount(viewer: Viewer, filter: ReportFilter): Promise<number> {
    const [row] = await this.prisma.$queryRaw<Array<{ count: number }>>`
      SELECT COUNT(*)::int AS count FROM compound c WHERE ${compoundSql(viewer, filter)}`;
    return row?.count ?? 0;
  }

  rectificationsByStatus(viewer: Viewer, filter: ReportFilter): Promise<RectificationStatusRow[]> {
    return this.prisma.$queryRaw<RectificationStatusRow[]>`
      SELECT r.status::text AS status,
             COUNT(*)::int AS count,
             COUNT(*) FILTER (WHERE r.status = 'closed' AND r."closedAt" <= r.deadline)::int AS "closedOnTime",
             (AVG(EXTRACT(EPOCH FROM (r."closedAt" - r."openedAt")) / 86400.0)
               FILTER (WHERE r.status = 'closed' AND r."closedAt" IS NOT NULL))::float8 AS "averageDaysToClose"
      FROM rectification r
      JOIN enrollment e ON e.id = r."enrollmentId"
      JOIN compound c ON c.id = e."compoundId"
      WHERE ${enrollmentSql(viewer, filter)}
      GROUP BY r.status`;
  }

  rectificationsByMonth(
    viewer: Viewer,
    filter: ReportFilter,
    window: MonthWindow,
  ): Promise<RectificationMonth[]> {
    const from = new Date(window.fromMs);
    const to = new Date(window.toMs);
    return this.prisma.$queryRaw<RectificationMonth[]>`
      SELECT month, SUM(opened)::int AS opened, SUM(closed)::int AS closed
      FROM (
        SELECT to_char(date_trunc('month', r."openedAt" + interval '8 hours'), 'YYYY-MM') AS month, 1 AS opened, 0 AS closed
        FROM rectification r
        JOIN enrollment e ON e.id = r."enrollmentId"
        JOIN compound c ON c.id = e."compoundId"
        WHERE r."openedAt" >= ${from} AND r."openedAt" < ${to} AND ${enrollmentSql(viewer, filter)}
        UNION ALL
        SELECT to_char(date_trunc('month', r."closedAt" + interval '8 hours'), 'YYYY-MM'), 0, 1
        FROM rectification r
        JOIN enrollment e ON e.id = r."enrollmentId"
        JOIN compound c ON c.id = e."compoundId"
        WHERE r.status = 'closed' AND r."closedAt" >= ${from} AND r."closedAt" < ${to}
          AND ${enrollmentSql(viewer, filter)}
      ) events
      GROUP BY month`;
  }

  async overdueTasks(viewer: Viewer, filter: ReportFilter, now: Date, limit: number) {
    const where: Prisma.InspectionTaskWhereInput = {
      status: 'open',
      dueAt: { lt: now },
      enrollment: enrollmentWhere(viewer, filter),
    };
    const [count, items] = await Promise.all([
      this.prisma.inspectionTask.count({ where }),
      this.prisma.inspectionTask.findMany({
        where,
        orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
        take: limit,
        select: {
          id: true,
          enrollmentId: true,
          kind: true,
          dueAt: true,
          assignee: { select: { id: true, displayName: true } },
          enrollment: {
            select: {
              compound: { select: { id: true, name: true } },
              firm: { select: { id: true, name: true } },
            },
          },
        },
      }),
    ]);
    return { count, items };
  }

  async overdueRectifications(viewer: Viewer, filter: ReportFilter, now: Date, limit: number) {
    const where: Prisma.RectificationWhereInput = {
      status: { in: [...WITH_FIRM] },
      deadline: { lt: now },
      enrollment: enrollmentWhere(viewer, filter),
    };
    const [count, items] = await Promise.all([
      this.prisma.rectification.count({ where }),
      this.prisma.rectification.findMany({
        where,
        orderBy: [{ deadline: 'asc' }, { id: 'asc' }],
        take: limit,
        select: {
          id: true,
          enrollmentId: true,
          standardCode: true,
          finding: true,
          severity: true,
          status: true,
          deadline: true,
          enrollment: {
            select: {
              compound: { select: { id: true, name: true } },
              firm: { select: { id: true, name: true } },
            },
          },
        },
      }),
    ]);
    return { count, items };
  }
}

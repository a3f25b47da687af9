import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type PrismaClient } from '@pilot/db';
import { RUNNING_RECTIFICATION_STATUSES } from '@pilot/domain';
import * as z from 'zod';
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
 * One statement per chart family (pilots, rounds, monthly trends, rectifications, overdue work),
 * each aggregating in the database over the scoped rows — never a loop of queries per pilot, and
 * the whole dashboard is five round trips (it was thirteen). Families whose parts come from
 * different tables join them as CTEs and answer one row of JSON arrays, parsed by the schemas
 * below. Months are Asia/Shanghai months: timestamps are stored in UTC, and the fixed +8 hours (no
 * daylight saving) moves them onto local calendar months without the server's time-zone database.
 */

/** Pilots by stage, phase, star rating and status: the funnel and the star chart both read it. */
export interface PilotCount {
  stage: string;
  phase: string;
  stars: number | null;
  status: string;
  count: number;
}

const count = z.number().int();
const rate = z.number().nullable();

const categoryAverageSchema = z.object({
  /** 1 = each pilot's latest evaluated round, 2 = the round before it. */
  rank: count,
  category: z.string(),
  average: z.number(),
  pilots: count,
});

const complianceMonthSchema = z.object({
  month: z.string(),
  inspections: count,
  passed: count,
  failed: count,
});

const metricMonthSchema = z.object({
  month: z.string(),
  compounds: count,
  complaints: count,
  feeCollectionRate: rate,
  satisfaction: rate,
});

const rectificationStatusSchema = z.object({
  status: z.string(),
  count,
  closedOnTime: count,
  averageDaysToClose: rate,
});

const rectificationMonthSchema = z.object({ month: z.string(), opened: count, closed: count });

const roundScoresSchema = z.object({
  averages: z.array(categoryAverageSchema),
  current: count,
  previous: count,
});

const trendsSchema = z.object({
  compliance: z.array(complianceMonthSchema),
  metrics: z.array(metricMonthSchema),
  compounds: count,
});

const rectificationStatsSchema = z.object({
  statuses: z.array(rectificationStatusSchema),
  months: z.array(rectificationMonthSchema),
});

export type CategoryAverage = z.infer<typeof categoryAverageSchema>;
export type ComplianceMonth = z.infer<typeof complianceMonthSchema>;
export type MetricMonth = z.infer<typeof metricMonthSchema>;
export type RectificationStatusRow = z.infer<typeof rectificationStatusSchema>;
export type RectificationMonth = z.infer<typeof rectificationMonthSchema>;
export type RoundScores = z.infer<typeof roundScoresSchema>;
export type Trends = z.infer<typeof trendsSchema>;
export type RectificationRows = z.infer<typeof rectificationStatsSchema>;

/** One item of an overdue list, as both lists share the statement (see `overdue`). */
export interface OverdueRow {
  list: 'task' | 'rectification';
  /** The item's place in its list: by due time, then id. */
  position: number;
  /** How many items the list has in all, beyond the ones sent. */
  total: number;
  id: string;
  pilotId: string;
  kind: string | null;
  standardCode: string | null;
  finding: string | null;
  severity: string | null;
  status: string | null;
  due: Date;
  assigneeId: string | null;
  assigneeName: string | null;
  compoundId: string;
  compoundName: string;
  firmId: string;
  firmName: string;
}

/** The single row of a family statement, checked against its schema (raw SQL is typed by nobody). */
function oneRow<T>(schema: z.ZodType<T>, rows: unknown[]): T {
  return schema.parse(rows[0]);
}

/** Rectification states in which the firm still owes the work and the deadline runs (已管控 included). */
const WITH_FIRM = RUNNING_RECTIFICATION_STATUSES;

@Injectable()
export class DashboardRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** Funnel and star ratings: one GROUP BY over the scoped pilots. */
  async pilotCounts(viewer: Viewer, filter: ReportFilter): Promise<PilotCount[]> {
    const rows = await this.prisma.enrollment.groupBy({
      by: ['stage', 'phase', 'starRating', 'status'],
      where: enrollmentWhere(viewer, filter),
      _count: { _all: true },
    });
    return rows.map((row) => ({
      stage: row.stage,
      phase: row.phase,
      stars: row.starRating,
      status: row.status,
      count: row._count._all,
    }));
  }

  /**
   * Category scores: the mean per category of each pilot's latest evaluated round (rank 1) and the
   * one before (rank 2), among rounds that have category scores; and how many pilots have a latest
   * / previous evaluated round at all, whatever their categories.
   */
  async roundScores(viewer: Viewer, filter: ReportFilter): Promise<RoundScores> {
    const rows = await this.prisma.$queryRaw<unknown[]>`
      WITH evaluated AS (
        SELECT r."enrollmentId", r."categoryScores", r.number
        FROM round r
        JOIN enrollment e ON e.id = r."enrollmentId"
        JOIN compound c ON c.id = e."compoundId"
        WHERE r."evaluatedAt" IS NOT NULL AND ${enrollmentSql(viewer, filter)}
      ),
      ranked AS (
        SELECT "enrollmentId", "categoryScores",
               ROW_NUMBER() OVER (PARTITION BY "enrollmentId" ORDER BY number DESC)::int AS rank
        FROM evaluated
        WHERE jsonb_typeof("categoryScores") = 'array'
      ),
      averages AS (
        SELECT ranked.rank AS rank,
               item->>'category' AS category,
               AVG((item->>'score')::float8)::float8 AS average,
               COUNT(DISTINCT ranked."enrollmentId")::int AS pilots
        FROM ranked, jsonb_array_elements(ranked."categoryScores") AS item
        WHERE ranked.rank <= 2 AND jsonb_typeof(item->'score') = 'number'
        GROUP BY ranked.rank, item->>'category'
      ),
      per_pilot AS (
        SELECT COUNT(*) AS evaluated FROM evaluated GROUP BY "enrollmentId"
      )
      SELECT COALESCE((SELECT json_agg(averages) FROM averages), '[]'::json) AS averages,
             (SELECT COUNT(*) FILTER (WHERE evaluated >= 1) FROM per_pilot)::int AS current,
             (SELECT COUNT(*) FILTER (WHERE evaluated >= 2) FROM per_pilot)::int AS previous`;
    return oneRow(roundScoresSchema, rows);
  }

  /**
   * Monthly trends: 规范操作执行率 from the checked items of submitted inspections (n/a left out),
   * and the compounds' monthly figures — complaints summed (counted from matters once there are
   * any), fee collection and satisfaction
   * weighted by households (as the subdistrict reports them; a compound of unknown size weighs as
   * much as an average one) — with how many compounds are in scope.
   */
  async trends(viewer: Viewer, filter: ReportFilter, window: MonthWindow): Promise<Trends> {
    const rows = await this.prisma.$queryRaw<unknown[]>`
      WITH compliance AS (
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
        GROUP BY 1
      ),
      scoped AS (
        SELECT c.id,
               COALESCE(c.households::float8, (SELECT AVG(households)::float8 FROM compound), 1) AS weight
        FROM compound c
        WHERE ${compoundSql(viewer, filter)}
      ),
      imported AS (
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
      ),
      -- 群众诉求 as matters (residents' reports, hotline, calls, reception days): from the first
      -- month the platform has any, they are the complaints; the imported figures stay before it.
      requests AS (
        SELECT to_char(date_trunc('month', mt."createdAt" + interval '8 hours'), 'YYYY-MM') AS month,
               COUNT(*)::int AS complaints
        FROM matter mt
        JOIN scoped s ON s.id = mt."compoundId"
        WHERE mt.source IN ('resident', 'hotline', 'phone', 'reception')
          AND mt."closeKind" IS DISTINCT FROM 'cancelled'
          AND mt."createdAt" >= ${new Date(window.fromMs)}
          AND mt."createdAt" < ${new Date(window.toMs)}
        GROUP BY 1
      ),
      first_request AS (
        SELECT to_char(date_trunc('month', MIN(mt."createdAt") + interval '8 hours'), 'YYYY-MM') AS month
        FROM matter mt
        WHERE mt.source IN ('resident', 'hotline', 'phone', 'reception')
      ),
      metrics AS (
        SELECT COALESCE(i.month, r.month) AS month,
               COALESCE(i.compounds, (SELECT COUNT(*) FROM scoped))::int AS compounds,
               (CASE WHEN f.month IS NOT NULL AND COALESCE(i.month, r.month) >= f.month
                     THEN COALESCE(r.complaints, 0) ELSE COALESCE(i.complaints, 0) END)::int AS complaints,
               i."feeCollectionRate",
               i.satisfaction
        FROM imported i
        FULL OUTER JOIN requests r ON r.month = i.month
        CROSS JOIN first_request f
      )
      SELECT COALESCE((SELECT json_agg(compliance) FROM compliance), '[]'::json) AS compliance,
             COALESCE((SELECT json_agg(metrics ORDER BY metrics.month) FROM metrics), '[]'::json) AS metrics,
             (SELECT COUNT(*) FROM scoped)::int AS compounds`;
    return oneRow(trendsSchema, rows);
  }

  /** Rectification items by status (with closure times) and opened / closed per month. */
  async rectificationStats(
    viewer: Viewer,
    filter: ReportFilter,
    window: MonthWindow,
  ): Promise<RectificationRows> {
    const from = new Date(window.fromMs);
    const to = new Date(window.toMs);
    const rows = await this.prisma.$queryRaw<unknown[]>`
      WITH scoped AS (
        SELECT r.status, r."openedAt", r."closedAt", r.deadline
        FROM rectification r
        JOIN enrollment e ON e.id = r."enrollmentId"
        JOIN compound c ON c.id = e."compoundId"
        WHERE ${enrollmentSql(viewer, filter)}
      ),
      statuses AS (
        SELECT status::text AS status,
               COUNT(*)::int AS count,
               COUNT(*) FILTER (WHERE status = 'closed' AND "closedAt" <= deadline)::int AS "closedOnTime",
               (AVG(EXTRACT(EPOCH FROM ("closedAt" - "openedAt")) / 86400.0)
                 FILTER (WHERE status = 'closed' AND "closedAt" IS NOT NULL))::float8 AS "averageDaysToClose"
        FROM scoped
        GROUP BY status
      ),
      months AS (
        SELECT month, SUM(opened)::int AS opened, SUM(closed)::int AS closed
        FROM (
          SELECT to_char(date_trunc('month', "openedAt" + interval '8 hours'), 'YYYY-MM') AS month, 1 AS opened, 0 AS closed
          FROM scoped
          WHERE "openedAt" >= ${from} AND "openedAt" < ${to}
          UNION ALL
          SELECT to_char(date_trunc('month', "closedAt" + interval '8 hours'), 'YYYY-MM'), 0, 1
          FROM scoped
          WHERE status = 'closed' AND "closedAt" >= ${from} AND "closedAt" < ${to}
        ) events
        GROUP BY month
      )
      SELECT COALESCE((SELECT json_agg(statuses) FROM statuses), '[]'::json) AS statuses,
             COALESCE((SELECT json_agg(months) FROM months), '[]'::json) AS months`;
    return oneRow(rectificationStatsSchema, rows);
  }

  /**
   * Both overdue lists in one statement: open tasks past due and items still with the firm past
   * their deadline, the first `limit` of each by due time (then id), each row carrying its list's
   * full count (the window count is taken before the limit).
   */
  overdue(viewer: Viewer, filter: ReportFilter, now: Date, limit: number): Promise<OverdueRow[]> {
    const scope = enrollmentSql(viewer, filter);
    const running = Prisma.join([...WITH_FIRM]);
    return this.prisma.$queryRaw<OverdueRow[]>`
      (SELECT 'task' AS list,
              ROW_NUMBER() OVER (ORDER BY t."dueAt", t.id)::int AS position,
              COUNT(*) OVER ()::int AS total,
              t.id, t."enrollmentId" AS "pilotId", t.kind::text AS kind,
              NULL::text AS "standardCode", NULL::text AS finding, NULL::text AS severity, NULL::text AS status,
              t."dueAt" AS due, u.id AS "assigneeId", u."displayName" AS "assigneeName",
              c.id AS "compoundId", c.name AS "compoundName", f.id AS "firmId", f.name AS "firmName"
       FROM inspection_task t
       JOIN enrollment e ON e.id = t."enrollmentId"
       JOIN compound c ON c.id = e."compoundId"
       JOIN firm f ON f.id = e."firmId"
       LEFT JOIN app_user u ON u.id = t."assigneeId"
       WHERE t.status = 'open' AND t."dueAt" < ${now} AND ${scope}
       ORDER BY t."dueAt", t.id
       LIMIT ${limit})
      UNION ALL
      (SELECT 'rectification',
              ROW_NUMBER() OVER (ORDER BY r.deadline, r.id)::int,
              COUNT(*) OVER ()::int,
              r.id, r."enrollmentId", NULL::text,
              r."standardCode", r.finding, r.severity::text, r.status::text,
              r.deadline, NULL::text, NULL::text,
              c.id, c.name, f.id, f.name
       FROM rectification r
       JOIN enrollment e ON e.id = r."enrollmentId"
       JOIN compound c ON c.id = e."compoundId"
       JOIN firm f ON f.id = e."firmId"
       WHERE r.status::text IN (${running}) AND r.deadline < ${now} AND ${scope}
       ORDER BY r.deadline, r.id
       LIMIT ${limit})`;
  }
}

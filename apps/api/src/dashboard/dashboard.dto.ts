import { instantSchema } from '@pilot/domain';
import * as z from 'zod';
import { chartSchema, labelSchema } from '../reporting/charts.js';
import { roleOnTimeSchema } from '../traces/trace.dto.js';

/*
 * Response shapes of the dashboards. Services return `z.infer` of these schemas and the OpenAPI
 * document is rendered from them, so the typed client sees exactly what is sent.
 */

const refSchema = z.object({ id: z.string(), name: z.string() });

export const pilotFunnelSchema = z.object({
  total: z.number().int(),
  /** Pilots in each of the three stages (and withdrawn), in process order. */
  byStage: chartSchema,
  /** Pilots in each phase; each category's `group` is its stage. */
  byPhase: chartSchema,
});

export const starRatingsSchema = z.object({
  rated: z.number().int(),
  unrated: z.number().int(),
  /** Mean stars over rated pilots, one decimal. */
  average: z.number().nullable(),
  chart: chartSchema,
});

export const categoryScoresSchema = z.object({
  /** Pilots whose latest evaluated round counts as "current" / whose round before it as "previous". */
  currentPilots: z.number().int(),
  previousPilots: z.number().int(),
  /** Mean category score (0..100) of each pilot's latest evaluated round vs the round before it. */
  chart: chartSchema,
});

export const complianceTrendSchema = z.object({
  /** 规范操作执行率 of the first and last month with inspections in the window, percent. */
  first: z.number().nullable(),
  latest: z.number().nullable(),
  /** Per month: passed / (passed + failed) checked items of submitted inspections, and how many inspections. */
  chart: chartSchema,
});

export const compoundMetricsSchema = z.object({
  compounds: z.number().int(),
  latest: z
    .object({
      month: z.string(),
      complaints: z.number().int(),
      feeCollectionRate: z.number().nullable(),
      satisfaction: z.number().nullable(),
    })
    .nullable(),
  /** Change of monthly complaints from the first to the last month of the window, percent (−32 = down 32%). */
  complaintChange: z.number().nullable(),
  /** 业主投诉量 per month (sum over compounds). */
  complaints: chartSchema,
  /** 物业费收缴率 and 满意度 per month, percent, weighted by households. */
  rates: chartSchema,
});

export const rectificationStatsSchema = z.object({
  total: z.number().int(),
  /** Still with the firm or awaiting verification (open, controlled, responded, reopened). */
  unfinished: z.number().int(),
  closed: z.number().int(),
  /** closed / (all but cancelled), percent. */
  closureRate: z.number().nullable(),
  /** Mean calendar days from opening to closing, over closed items. */
  averageDaysToClose: z.number().nullable(),
  /** Closed no later than their deadline, percent of closed. */
  onTimeRate: z.number().nullable(),
  byStatus: chartSchema,
  /** Opened and closed per month in the window. */
  monthly: chartSchema,
});

export const overdueTaskSchema = z.object({
  id: z.string(),
  pilotId: z.string(),
  kind: z.string(),
  kindLabel: labelSchema,
  compound: refSchema,
  firm: refSchema,
  /** The inspector the task is assigned to; a self-inspection (自查) has none, it is the firm's. */
  assignee: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  /**
   * Who owes the task: the firm for its self-inspection, otherwise the assigned inspector; null
   * only when an inspection has nobody assigned (未分配).
   */
  responsible: z.object({ kind: z.enum(['firm', 'inspector']), id: z.string(), name: z.string() }).nullable(),
  dueAt: instantSchema,
  /** Asia/Shanghai calendar days since the due time; at least 1 once it has passed. */
  daysOverdue: z.number().int(),
});

export const overdueRectificationSchema = z.object({
  id: z.string(),
  pilotId: z.string(),
  standardCode: z.string(),
  finding: z.string(),
  severity: z.string(),
  status: z.string(),
  compound: refSchema,
  firm: refSchema,
  deadline: instantSchema,
  /** Asia/Shanghai calendar days since the deadline; at least 1 once it has passed. */
  daysOverdue: z.number().int(),
});

export const overdueWorkSchema = z.object({
  asOf: instantSchema,
  /** Open inspection tasks past their due time; `items` lists the most overdue first (at most `limit`). */
  tasks: z.object({ count: z.number().int(), items: z.array(overdueTaskSchema) }),
  /** Rectifications still with the firm (open, controlled or reopened) past their deadline. */
  rectifications: z.object({ count: z.number().int(), items: z.array(overdueRectificationSchema) }),
  limit: z.number().int(),
});

export const dashboardSchema = z.object({
  window: z.object({ from: z.string(), to: z.string(), months: z.number().int() }),
  funnel: pilotFunnelSchema,
  starRatings: starRatingsSchema,
  categoryScores: categoryScoresSchema,
  compliance: complianceTrendSchema,
  compoundMetrics: compoundMetricsSchema,
  rectifications: rectificationStatsSchema,
  overdue: overdueWorkSchema,
});

export type PilotFunnel = z.infer<typeof pilotFunnelSchema>;
export type StarRatings = z.infer<typeof starRatingsSchema>;
export type CategoryScores = z.infer<typeof categoryScoresSchema>;
export type ComplianceTrend = z.infer<typeof complianceTrendSchema>;
export type CompoundMetrics = z.infer<typeof compoundMetricsSchema>;
export type RectificationStats = z.infer<typeof rectificationStatsSchema>;
export type OverdueWork = z.infer<typeof overdueWorkSchema>;
export type Dashboard = z.infer<typeof dashboardSchema>;

/**
 * 规范操作 as the firms' logbooks show it (痕迹化管理), beside 规范操作执行率 (what inspectors saw):
 * of the maintenance, equipment rounds and patrols due over the last 30 days, the share done on time.
 */
export const recordKeepingSchema = z.object({
  /** Compounds in scope that keep a register or a patrol route. */
  compounds: z.number().int(),
  from: z.string(),
  to: z.string(),
  total: z.object({ due: z.number().int(), onTime: z.number().int(), rate: z.number().nullable() }),
  roles: z.array(roleOnTimeSchema),
  /** On-time share per post, percent. */
  chart: chartSchema,
});
export type RecordKeeping = z.infer<typeof recordKeepingSchema>;

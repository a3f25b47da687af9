import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { dashboardQuerySchema, type DashboardQuery } from '@pilot/domain';
import { CurrentUser, Roles } from '../platform/auth/decorators.js';
import type { Principal } from '../platform/auth/principal.js';
import { ApiZodQuery } from '../platform/validation/api-schema.js';
import { ApiZodResponse } from '../platform/validation/api-response.js';
import { ValidQuery } from '../platform/validation/valid-input.js';
import {
  categoryScoresSchema,
  complianceTrendSchema,
  recordKeepingSchema,
  compoundMetricsSchema,
  dashboardSchema,
  overdueWorkSchema,
  pilotFunnelSchema,
  rectificationStatsSchema,
  starRatingsSchema,
  type CategoryScores,
  type ComplianceTrend,
  type RecordKeeping,
  type CompoundMetrics,
  type Dashboard,
  type OverdueWork,
  type PilotFunnel,
  type RectificationStats,
  type StarRatings,
} from './dashboard.dto.js';
import { DashboardService } from './dashboard.service.js';
import { RecordKeepingService } from '../traces/record-keeping.service.js';

/**
 * 数据看板: admins and coordinators see every pilot, an inspector the pilots they work on, a firm
 * user the compounds it serves. Each chart has its own route; `/dashboard` returns them all at once.
 */
@ApiTags('dashboard')
@ApiBearerAuth()
@Roles('admin', 'coordinator', 'inspector', 'firm')
@Controller('dashboard')
export class DashboardController {
  constructor(
    @Inject(DashboardService) private readonly dashboards: DashboardService,
    @Inject(RecordKeepingService) private readonly recordKeeping: RecordKeepingService,
  ) {}

  @Get()
  @ApiZodQuery(dashboardQuerySchema)
  @ApiZodResponse(dashboardSchema, 'Every dashboard section in one answer.')
  getDashboard(
    @CurrentUser() viewer: Principal,
    @ValidQuery(dashboardQuerySchema) query: DashboardQuery,
  ): Promise<Dashboard> {
    return this.dashboards.all(viewer, query);
  }

  @Get('pilot-funnel')
  @ApiZodQuery(dashboardQuerySchema)
  @ApiZodResponse(pilotFunnelSchema, 'Pilots per stage and per phase.')
  getPilotFunnel(
    @CurrentUser() viewer: Principal,
    @ValidQuery(dashboardQuerySchema) query: DashboardQuery,
  ): Promise<PilotFunnel> {
    return this.dashboards.funnel(viewer, query);
  }

  @Get('star-ratings')
  @ApiZodQuery(dashboardQuerySchema)
  @ApiZodResponse(starRatingsSchema, 'How many pilots hold each star rating.')
  getStarRatingDistribution(
    @CurrentUser() viewer: Principal,
    @ValidQuery(dashboardQuerySchema) query: DashboardQuery,
  ): Promise<StarRatings> {
    return this.dashboards.starRatings(viewer, query);
  }

  @Get('category-scores')
  @ApiZodQuery(dashboardQuerySchema)
  @ApiZodResponse(categoryScoresSchema, 'Mean score per category, latest evaluated round vs the one before.')
  getCategoryScoreComparison(
    @CurrentUser() viewer: Principal,
    @ValidQuery(dashboardQuerySchema) query: DashboardQuery,
  ): Promise<CategoryScores> {
    return this.dashboards.categoryScores(viewer, query);
  }

  @Get('compliance-trend')
  @ApiZodQuery(dashboardQuerySchema)
  @ApiZodResponse(complianceTrendSchema, '规范操作执行率 per month from submitted inspections.')
  getComplianceTrend(
    @CurrentUser() viewer: Principal,
    @ValidQuery(dashboardQuerySchema) query: DashboardQuery,
  ): Promise<ComplianceTrend> {
    return this.dashboards.compliance(viewer, query);
  }

  @Get('record-keeping')
  @ApiZodQuery(dashboardQuerySchema)
  @ApiZodResponse(
    recordKeepingSchema,
    '规范操作 from the logbooks: due work done on time per post, last 30 days.',
  )
  getRecordKeeping(
    @CurrentUser() viewer: Principal,
    @ValidQuery(dashboardQuerySchema) query: DashboardQuery,
  ): Promise<RecordKeeping> {
    return this.recordKeeping.figure(viewer, query);
  }

  @Get('compound-metrics')
  @ApiZodQuery(dashboardQuerySchema)
  @ApiZodResponse(compoundMetricsSchema, 'Complaints, fee collection and satisfaction per month.')
  getCompoundMetricTrends(
    @CurrentUser() viewer: Principal,
    @ValidQuery(dashboardQuerySchema) query: DashboardQuery,
  ): Promise<CompoundMetrics> {
    return this.dashboards.compoundMetrics(viewer, query);
  }

  @Get('rectifications')
  @ApiZodQuery(dashboardQuerySchema)
  @ApiZodResponse(rectificationStatsSchema, 'Closure rate, days to close, status breakdown, monthly flow.')
  getRectificationClosure(
    @CurrentUser() viewer: Principal,
    @ValidQuery(dashboardQuerySchema) query: DashboardQuery,
  ): Promise<RectificationStats> {
    return this.dashboards.rectifications(viewer, query);
  }

  @Get('overdue')
  @ApiZodQuery(dashboardQuerySchema)
  @ApiZodResponse(overdueWorkSchema, 'Open tasks past due and rectifications past deadline, with lists.')
  getOverdueWork(
    @CurrentUser() viewer: Principal,
    @ValidQuery(dashboardQuerySchema) query: DashboardQuery,
  ): Promise<OverdueWork> {
    return this.dashboards.overdue(viewer, query);
  }
}

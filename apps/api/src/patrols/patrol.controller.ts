import { Controller, Get, HttpCode, Inject, Param, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import {
  completePatrolVisitSchema,
  createPatrolPlanSchema,
  listPatrolPlansQuerySchema,
  listPatrolVisitsQuerySchema,
  patrolLedgerQuerySchema,
  type CompletePatrolVisitInput,
  type CreatePatrolPlanInput,
  type ListPatrolPlansQuery,
  type ListPatrolVisitsQuery,
  type Locale,
  type PatrolLedgerQuery,
} from '@pilot/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ledgerXlsx, sendXlsx, XLSX_TYPE } from '../exports/ledger.js';
import { CurrentUser, Roles } from '../platform/auth/decorators.js';
import type { Principal } from '../platform/auth/principal.js';
import { ApiFileResponse, ApiZodResponse } from '../platform/validation/api-response.js';
import { ApiZodBody, ApiZodQuery } from '../platform/validation/api-schema.js';
import { localeOf } from '../platform/validation/locale.js';
import { ApiZodBodyFromPath, RequestLocale, ValidBodyWithPath } from '../platform/validation/path-input.js';
import { ValidBody, ValidQuery } from '../platform/validation/valid-input.js';
import {
  patrolLedgerSchema,
  patrolPlanDetailSchema,
  patrolPlanListSchema,
  patrolVisitDoneSchema,
  patrolVisitListSchema,
  type PatrolLedger,
  type PatrolPlanDetail,
  type PatrolPlanList,
  type PatrolVisitDone,
  type PatrolVisitList,
} from './patrol.dto.js';
import { patrolLedgerSheet } from './patrol-ledger-sheet.js';
import { PatrolService } from './patrol.service.js';

const COORDINATORS = ['coordinator', 'admin'] as const;
/** Who goes on patrol: the working group, its inspectors and a community committee's staff. */
const PATROLLERS = ['coordinator', 'admin', 'inspector', 'party'] as const;

/**
 * 常态化巡查: each month the subdistrict patrols every compound with the community on irregular
 * working days; what they find becomes a matter for the compound's firm.
 */
@ApiTags('patrols')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'Unknown plan or visit, or one outside the caller’s community.' })
@Controller('patrols')
export class PatrolController {
  constructor(@Inject(PatrolService) private readonly patrols: PatrolService) {}

  /** 巡查计划: 201 with the new plan, or 200 with the plan of the same month and title. */
  @Roles(...COORDINATORS)
  @Post('plans')
  @ApiZodBody(createPatrolPlanSchema)
  @ApiZodResponse(patrolPlanDetailSchema, 'The new plan with its visits.', 201)
  @ApiZodResponse(patrolPlanDetailSchema, 'The plan of this month and title, made before.')
  async createPatrolPlan(
    @CurrentUser() principal: Principal,
    @ValidBody(createPatrolPlanSchema) input: CreatePatrolPlanInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PatrolPlanDetail> {
    const { plan, created } = await this.patrols.createPlan(principal, input);
    void reply.status(created ? 201 : 200);
    return plan;
  }

  @Roles(...PATROLLERS)
  @Get('plans')
  @ApiZodQuery(listPatrolPlansQuerySchema)
  @ApiZodResponse(patrolPlanListSchema, 'Plans, newest month first, with their figures.')
  listPatrolPlans(
    @CurrentUser() principal: Principal,
    @ValidQuery(listPatrolPlansQuerySchema) query: ListPatrolPlansQuery,
  ): Promise<PatrolPlanList> {
    return this.patrols.listPlans(principal, query.month);
  }

  @Roles(...PATROLLERS)
  @Get('plans/:id')
  @ApiZodResponse(
    patrolPlanDetailSchema,
    'The plan with its visits (a community’s staff: their community’s).',
  )
  getPatrolPlan(@CurrentUser() principal: Principal, @Param('id') id: string): Promise<PatrolPlanDetail> {
    return this.patrols.planDetail(principal, id);
  }

  /** The visits of a day (`date`, the phone page asks for today's) or of a range. */
  @Roles(...PATROLLERS)
  @Get('visits')
  @ApiZodQuery(listPatrolVisitsQuerySchema)
  @ApiZodResponse(patrolVisitListSchema, 'Visits in date order.')
  listPatrolVisits(
    @CurrentUser() principal: Principal,
    @ValidQuery(listPatrolVisitsQuerySchema) query: ListPatrolVisitsQuery,
  ): Promise<PatrolVisitList> {
    return this.patrols.listVisits(principal, query);
  }

  @Roles(...PATROLLERS)
  @Get('visits/:id')
  @ApiZodResponse(patrolVisitDoneSchema, 'The visit, with what it found as matters (none before it is done).')
  getPatrolVisit(@CurrentUser() principal: Principal, @Param('id') id: string): Promise<PatrolVisitDone> {
    return this.patrols.visitDetail(principal, id);
  }

  /**
   * 巡查完成: who went and what they found; each finding becomes a matter assigned to the compound's
   * firm. 409 `patrol_visit_done` once it is done. Send an Idempotency-Key from a phone.
   */
  @Roles(...PATROLLERS)
  @Post('visits/:id/complete')
  @HttpCode(200)
  @ApiZodBodyFromPath(completePatrolVisitSchema, 'visitId')
  @ApiConflictResponse({ description: 'The visit is done already.' })
  @ApiZodResponse(patrolVisitDoneSchema, 'The visit, done, with its findings as matters.')
  completePatrolVisit(
    @CurrentUser() principal: Principal,
    @ValidBodyWithPath(completePatrolVisitSchema, 'visitId') input: CompletePatrolVisitInput,
    @RequestLocale() locale: Locale,
  ): Promise<PatrolVisitDone> {
    return this.patrols.complete(principal, input, locale);
  }

  /** 巡查工作台账: every patrol finding with its matter's state, and the figures of the filter. */
  @Roles(...PATROLLERS, 'firm')
  @Get('ledger')
  @ApiZodQuery(patrolLedgerQuerySchema)
  @ApiZodResponse(patrolLedgerSchema, 'A page of findings, newest first, and the totals.')
  patrolLedger(
    @CurrentUser() principal: Principal,
    @ValidQuery(patrolLedgerQuerySchema) query: PatrolLedgerQuery,
  ): Promise<PatrolLedger> {
    return this.patrols.ledger(principal, query);
  }

  /** The same ledger as an Excel workbook for the paper file (every matching row, oldest first). */
  @Roles(...COORDINATORS, 'inspector')
  @Get('ledger.xlsx')
  @ApiZodQuery(patrolLedgerQuerySchema)
  @ApiFileResponse(XLSX_TYPE, '巡查工作台账 as an Excel workbook.')
  async patrolLedgerXlsx(
    @CurrentUser() principal: Principal,
    @ValidQuery(patrolLedgerQuerySchema) query: PatrolLedgerQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const rows = await this.patrols.ledgerRows(principal, query);
    return sendXlsx(reply, await ledgerXlsx(patrolLedgerSheet(rows, localeOf(request))));
  }
}

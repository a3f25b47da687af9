import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import {
  computeEvaluationPeriodSchema,
  confirmListEntrySchema,
  draftEvaluationRulesSchema,
  listEntryReasonSchema,
  listFirmListEntriesQuerySchema,
  publishEvaluationRulesSchema,
  type ComputeEvaluationPeriodInput,
  type ConfirmListEntryInput,
  type DraftEvaluationRulesInput,
  type ListEntryReasonInput,
  type ListFirmListEntriesQuery,
  type PublishEvaluationRulesInput,
} from '@pilot/domain';
import { CurrentUser, Roles } from '../platform/auth/decorators.js';
import type { Principal } from '../platform/auth/principal.js';
import { ApiZodResponse } from '../platform/validation/api-response.js';
import { ApiZodBody, ApiZodQuery } from '../platform/validation/api-schema.js';
import { ValidBody, ValidQuery } from '../platform/validation/valid-input.js';
import {
  computeResultSchema,
  evaluationPeriodListSchema,
  evaluationPeriodSchema,
  evaluationRuleSetListSchema,
  evaluationRuleSetSchema,
  firmEvaluationHistorySchema,
  firmEvaluationSchema,
  listEntrySchema,
  listOverviewSchema,
  rankingSchema,
  type ComputeResultView,
  type EvaluationPeriodList,
  type EvaluationPeriodView,
  type EvaluationRuleSetList,
  type EvaluationRuleSetView,
  type FirmEvaluationHistory,
  type FirmEvaluationView,
  type ListEntryView,
  type ListOverview,
  type RankingView,
} from './evaluation.dto.js';
import { EvaluationService } from './evaluation.service.js';

const READERS = ['admin', 'coordinator'] as const;

/** 激励评价: rule sets, periods, rankings and each firm's explained score. */
@ApiTags('evaluations')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'Unknown period, firm or entry, or one outside the caller’s reach.' })
@Controller('evaluations')
export class EvaluationController {
  constructor(@Inject(EvaluationService) private readonly evaluations: EvaluationService) {}

  @Roles(...READERS)
  @Get('rules')
  @ApiZodResponse(evaluationRuleSetListSchema, 'The set in force, the draft of the next, every version.')
  listEvaluationRules(): Promise<EvaluationRuleSetList> {
    return this.evaluations.listRules();
  }

  /** 起草: the next version as a whole, against the version in force (409 when it moved on). */
  @Roles('admin')
  @Post('rules/draft')
  @HttpCode(200)
  @ApiZodBody(draftEvaluationRulesSchema)
  @ApiConflictResponse({ description: 'Another version was published since the one this changes.' })
  @ApiZodResponse(evaluationRuleSetSchema, 'The draft.')
  draftEvaluationRules(
    @CurrentUser() actor: Principal,
    @ValidBody(draftEvaluationRulesSchema) input: DraftEvaluationRulesInput,
  ): Promise<EvaluationRuleSetView> {
    return this.evaluations.draftRules(actor, input);
  }

  @Roles('admin')
  @Post('rules/publish')
  @HttpCode(200)
  @ApiZodBody(publishEvaluationRulesSchema)
  @ApiConflictResponse({ description: 'No such draft, or another version was published meanwhile.' })
  @ApiZodResponse(evaluationRuleSetSchema, 'The set now in force.')
  publishEvaluationRules(
    @CurrentUser() actor: Principal,
    @ValidBody(publishEvaluationRulesSchema) input: PublishEvaluationRulesInput,
  ): Promise<EvaluationRuleSetView> {
    return this.evaluations.publishRules(actor, input);
  }

  /** Periods, newest first; drafts for admins only. */
  @Roles('admin', 'coordinator', 'firm')
  @Get('periods')
  @ApiZodResponse(evaluationPeriodListSchema, 'Periods, newest first.')
  listEvaluationPeriods(@CurrentUser() principal: Principal): Promise<EvaluationPeriodList> {
    return this.evaluations.listPeriods(principal);
  }

  /** 计算: a month or quarter that is over; again replaces the draft. 409 once published. */
  @Roles('admin')
  @Post('periods')
  @HttpCode(200)
  @ApiZodBody(computeEvaluationPeriodSchema)
  @ApiConflictResponse({ description: 'The period is not over yet, or already published.' })
  @ApiZodResponse(computeResultSchema, 'The draft period and how many firms were ranked.')
  computeEvaluationPeriod(
    @CurrentUser() actor: Principal,
    @ValidBody(computeEvaluationPeriodSchema) input: ComputeEvaluationPeriodInput,
  ): Promise<ComputeResultView> {
    return this.evaluations.compute(actor, input.period);
  }

  /** 发布: once; a second publish answers 409 `evaluation_period_published`. */
  @Roles('admin')
  @Post('periods/:id/publish')
  @HttpCode(200)
  @ApiConflictResponse({ description: 'Not computed yet, or published already.' })
  @ApiZodResponse(evaluationPeriodSchema, 'The published period.')
  publishEvaluationPeriod(
    @CurrentUser() actor: Principal,
    @Param('id') id: string,
  ): Promise<EvaluationPeriodView> {
    return this.evaluations.publish(actor, id);
  }

  /** 排名 of a period (`latest`: the newest published month), with movement since the one before. */
  @Roles(...READERS)
  @Get('periods/:id/ranking')
  @ApiZodResponse(rankingSchema, 'Firms by rank, with their movement.')
  evaluationRanking(@CurrentUser() principal: Principal, @Param('id') id: string): Promise<RankingView> {
    return this.evaluations.ranking(principal, id);
  }

  /** One firm's score explained; a firm reads its own, once published. */
  @Roles('admin', 'coordinator', 'firm')
  @Get('periods/:id/firms/:firmId')
  @ApiZodResponse(firmEvaluationSchema, 'Score, grade, every component and what the next grade needs.')
  firmEvaluation(
    @CurrentUser() principal: Principal,
    @Param('id') id: string,
    @Param('firmId') firmId: string,
  ): Promise<FirmEvaluationView> {
    return this.evaluations.firmEvaluation(principal, id, firmId);
  }

  /** A firm's published periods and its list entries (a firm: its own). */
  @Roles('admin', 'coordinator', 'firm')
  @Get('firms/:firmId')
  @ApiZodResponse(firmEvaluationHistorySchema, 'The firm’s periods, newest first, and listings.')
  firmEvaluationHistory(
    @CurrentUser() principal: Principal,
    @Param('firmId') firmId: string,
  ): Promise<FirmEvaluationHistory> {
    return this.evaluations.firmHistory(principal, firmId);
  }
}

/** 红榜 / 黑榜: rules propose, an admin decides with a reason and effective dates. */
@ApiTags('evaluations')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'Unknown entry.' })
@Controller('firm-lists')
export class FirmListController {
  constructor(@Inject(EvaluationService) private readonly evaluations: EvaluationService) {}

  @Roles('admin', 'coordinator', 'firm')
  @Get()
  @ApiZodQuery(listFirmListEntriesQuerySchema)
  @ApiZodResponse(listOverviewSchema, 'The lists today, candidates waiting, and the history.')
  listFirmLists(
    @CurrentUser() principal: Principal,
    @ValidQuery(listFirmListEntriesQuerySchema) query: ListFirmListEntriesQuery,
  ): Promise<ListOverview> {
    return this.evaluations.lists(principal, query);
  }

  @Roles('admin')
  @Post(':id/confirm')
  @HttpCode(200)
  @ApiZodBody(confirmListEntrySchema)
  @ApiConflictResponse({ description: 'The candidate was decided already.' })
  @ApiZodResponse(listEntrySchema, 'The entry, listed.')
  confirmListEntry(
    @CurrentUser() actor: Principal,
    @Param('id') id: string,
    @ValidBody(confirmListEntrySchema) input: ConfirmListEntryInput,
  ): Promise<ListEntryView> {
    return this.evaluations.confirm(actor, id, input);
  }

  @Roles('admin')
  @Post(':id/dismiss')
  @HttpCode(200)
  @ApiZodBody(listEntryReasonSchema)
  @ApiConflictResponse({ description: 'The candidate was decided already.' })
  @ApiZodResponse(listEntrySchema, 'The entry, dismissed.')
  dismissListEntry(
    @CurrentUser() actor: Principal,
    @Param('id') id: string,
    @ValidBody(listEntryReasonSchema) input: ListEntryReasonInput,
  ): Promise<ListEntryView> {
    return this.evaluations.dismiss(actor, id, input.reason);
  }

  @Roles('admin')
  @Post(':id/end')
  @HttpCode(200)
  @ApiZodBody(listEntryReasonSchema)
  @ApiConflictResponse({ description: 'The entry is not on a list.' })
  @ApiZodResponse(listEntrySchema, 'The entry, ended.')
  endListEntry(
    @CurrentUser() actor: Principal,
    @Param('id') id: string,
    @ValidBody(listEntryReasonSchema) input: ListEntryReasonInput,
  ): Promise<ListEntryView> {
    return this.evaluations.end(actor, id, input.reason);
  }
}

import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import {
  acceptMatterSchema,
  assignMatterSchema,
  cancelMatterSchema,
  confirmMatterSchema,
  createMatterSchema,
  joinMatterSchema,
  listMattersQuerySchema,
  matterProgressSchema,
  matterStatsQuerySchema,
  matterUpdateResultSchema,
  rateMatterSchema,
  returnMatterSchema,
  type AcceptMatterInput,
  type AssignMatterInput,
  type CancelMatterInput,
  type ConfirmMatterInput,
  type CreateMatterInput,
  type JoinMatterInput,
  type ListMattersQuery,
  type Locale,
  type MatterProgressInput,
  type MatterStatsQuery,
  type MatterUpdateResultView,
  type RateMatterInput,
  type ReturnMatterInput,
} from '@pilot/domain';
import { CurrentUser, Roles } from '../platform/auth/decorators.js';
import type { Principal } from '../platform/auth/principal.js';
import { IdempotencyKey } from '../platform/idempotency/idempotency-key.decorator.js';
import { ApiZodResponse } from '../platform/validation/api-response.js';
import { ApiZodBody, ApiZodQuery } from '../platform/validation/api-schema.js';
import { ApiZodBodyFromPath, RequestLocale, ValidBodyWithPath } from '../platform/validation/path-input.js';
import { ValidBody, ValidQuery } from '../platform/validation/valid-input.js';
import {
  matterDetailSchema,
  matterPageSchema,
  matterStatsSchema,
  type MatterDetail,
  type MatterPage,
  type MatterStats,
} from './matter.dto.js';
import { MatterService } from './matter.service.js';

const EVERYONE_ON_MATTERS = ['resident', 'firm', 'party', 'coordinator', 'admin'] as const;
const HANDLERS = ['firm', 'party'] as const;
const COORDINATORS = ['coordinator', 'admin'] as const;

/**
 * 事项: the governance closed loop (问题收集—分类定责—联动处置—反馈评价). Every step goes through the
 * matter's workflow; a refusal of its rules is a 409 with the reasons.
 */
@ApiTags('matters')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'Unknown matter, or one outside the caller’s scope.' })
@Controller('matters')
export class MatterController {
  constructor(@Inject(MatterService) private readonly matters: MatterService) {}

  /**
   * 问题收集: a resident reports for their compound (source and urgency are not theirs to choose); a
   * coordinator records a 12345 ticket, a call or a reception-day visit. 409 `matter_possible_duplicate`
   * with `candidates` when an open matter of the same place and category looks like the same problem;
   * send `confirmNotDuplicate: true` to record it anyway.
   */
  @Roles('resident', ...COORDINATORS)
  @Post()
  @ApiZodBody(createMatterSchema)
  @ApiConflictResponse({ description: 'Possibly a duplicate (reasons and candidates), or not allowed.' })
  @ApiZodResponse(matterDetailSchema, 'The recorded matter, with its number.', 201)
  createMatter(
    @CurrentUser() principal: Principal,
    @ValidBody(createMatterSchema) input: CreateMatterInput,
    @RequestLocale() locale: Locale,
  ): Promise<MatterDetail> {
    return this.matters.create(principal, input, locale);
  }

  /** 事项台账 and the dispatch queue, in the caller's scope. */
  @Roles(...EVERYONE_ON_MATTERS)
  @Get()
  @ApiZodQuery(listMattersQuerySchema)
  @ApiZodResponse(matterPageSchema, 'Matters in the caller’s scope, in queue order or newest first.')
  listMatters(
    @CurrentUser() principal: Principal,
    @ValidQuery(listMattersQuerySchema) query: ListMattersQuery,
  ): Promise<MatterPage> {
    return this.matters.list(principal, query);
  }

  /** 响应率、解决率、满意率 of the matters collected in a period, grouped. */
  @Roles(...COORDINATORS)
  @Get('stats')
  @ApiZodQuery(matterStatsQuerySchema)
  @ApiZodResponse(matterStatsSchema, 'Counts and rates per group, and the totals.')
  matterStats(@ValidQuery(matterStatsQuerySchema) query: MatterStatsQuery): Promise<MatterStats> {
    return this.matters.stats(query);
  }

  @Roles(...EVERYONE_ON_MATTERS)
  @Get(':id')
  @ApiZodResponse(matterDetailSchema, 'The matter with its photos, its timeline and what the caller may do.')
  getMatter(@CurrentUser() principal: Principal, @Param('id') id: string): Promise<MatterDetail> {
    return this.matters.detail(principal, id);
  }

  /** 分类定责: classify and assign to a firm or a partner unit (again, before it is accepted). */
  @Roles(...COORDINATORS)
  @Post(':id/assign')
  @HttpCode(200)
  @ApiZodBodyFromPath(assignMatterSchema, 'matterId')
  @ApiConflictResponse({ description: 'Refused by the matter (accepted already, closed, …).' })
  @ApiZodResponse(matterUpdateResultSchema, 'The matter awaits acceptance, with its limit.')
  assignMatter(
    @CurrentUser() principal: Principal,
    @ValidBodyWithPath(assignMatterSchema, 'matterId') input: AssignMatterInput,
    @RequestLocale() locale: Locale,
    @IdempotencyKey() key: string | undefined,
  ): Promise<MatterUpdateResultView> {
    return this.matters.assign(principal, input, locale, key);
  }

  /** 受理 by the assignee's staff. */
  @Roles(...HANDLERS)
  @Post(':id/accept')
  @HttpCode(200)
  @ApiZodBodyFromPath(acceptMatterSchema, 'matterId')
  @ApiConflictResponse({ description: 'Refused (not yours, not awaiting acceptance, …).' })
  @ApiZodResponse(matterUpdateResultSchema, 'The matter is in progress, with its resolution limit.')
  acceptMatter(
    @CurrentUser() principal: Principal,
    @ValidBodyWithPath(acceptMatterSchema, 'matterId') input: AcceptMatterInput,
    @IdempotencyKey() key: string | undefined,
  ): Promise<MatterUpdateResultView> {
    return this.matters.accept(principal, input.matterId, key);
  }

  /** 退回: not the assignee's to handle; back to the coordinator with a reason. */
  @Roles(...HANDLERS)
  @Post(':id/return')
  @HttpCode(200)
  @ApiZodBodyFromPath(returnMatterSchema, 'matterId')
  @ApiConflictResponse({ description: 'Refused (not yours, accepted already, …).' })
  @ApiZodResponse(matterUpdateResultSchema, 'The matter awaits 分类定责 again.')
  returnMatter(
    @CurrentUser() principal: Principal,
    @ValidBodyWithPath(returnMatterSchema, 'matterId') input: ReturnMatterInput,
    @IdempotencyKey() key: string | undefined,
  ): Promise<MatterUpdateResultView> {
    return this.matters.returnToQueue(principal, input, key);
  }

  /** 联动: other units join the handling. */
  @Roles(...HANDLERS, ...COORDINATORS)
  @Post(':id/join')
  @HttpCode(200)
  @ApiZodBodyFromPath(joinMatterSchema, 'matterId')
  @ApiConflictResponse({ description: 'Refused (not in progress, not yours, …).' })
  @ApiZodResponse(matterUpdateResultSchema, 'The units joined.')
  joinMatter(
    @CurrentUser() principal: Principal,
    @ValidBodyWithPath(joinMatterSchema, 'matterId') input: JoinMatterInput,
    @RequestLocale() locale: Locale,
    @IdempotencyKey() key: string | undefined,
  ): Promise<MatterUpdateResultView> {
    return this.matters.join(principal, input, locale, key);
  }

  /** 处置进展 by the assignee or a joined unit, with photos the reporter sees. */
  @Roles(...HANDLERS)
  @Post(':id/progress')
  @HttpCode(200)
  @ApiZodBodyFromPath(matterProgressSchema, 'matterId')
  @ApiConflictResponse({ description: 'Refused (not in progress, not yours, …).' })
  @ApiZodResponse(matterUpdateResultSchema, 'The progress is on the timeline.')
  matterProgress(
    @CurrentUser() principal: Principal,
    @ValidBodyWithPath(matterProgressSchema, 'matterId') input: MatterProgressInput,
    @RequestLocale() locale: Locale,
    @IdempotencyKey() key: string | undefined,
  ): Promise<MatterUpdateResultView> {
    return this.matters.progress(principal, input, locale, false, key);
  }

  /** 办理答复 by the assignee: the reporter (or the coordinator's follow-up) confirms next. */
  @Roles(...HANDLERS)
  @Post(':id/answer')
  @HttpCode(200)
  @ApiZodBodyFromPath(matterProgressSchema, 'matterId')
  @ApiConflictResponse({ description: 'Refused (not in progress, not the assignee, …).' })
  @ApiZodResponse(matterUpdateResultSchema, 'The matter awaits its rating, with the confirmation limit.')
  answerMatter(
    @CurrentUser() principal: Principal,
    @ValidBodyWithPath(matterProgressSchema, 'matterId') input: MatterProgressInput,
    @RequestLocale() locale: Locale,
    @IdempotencyKey() key: string | undefined,
  ): Promise<MatterUpdateResultView> {
    return this.matters.progress(principal, input, locale, true, key);
  }

  /** 反馈评价 by the resident who reported it: a low rating reopens it, a good one closes it (销号). */
  @Roles('resident')
  @Post(':id/rate')
  @HttpCode(200)
  @ApiZodBodyFromPath(rateMatterSchema, 'matterId')
  @ApiConflictResponse({ description: 'Refused (not answered yet, not the reporter, …).' })
  @ApiZodResponse(matterUpdateResultSchema, 'The matter reopened or closed.')
  rateMatter(
    @CurrentUser() principal: Principal,
    @ValidBodyWithPath(rateMatterSchema, 'matterId') input: RateMatterInput,
    @IdempotencyKey() key: string | undefined,
  ): Promise<MatterUpdateResultView> {
    return this.matters.rate(principal, input, key);
  }

  /** 回访确认 by the coordinator, for a matter without a reporter's account (a call, a patrol). */
  @Roles(...COORDINATORS)
  @Post(':id/confirm')
  @HttpCode(200)
  @ApiZodBodyFromPath(confirmMatterSchema, 'matterId')
  @ApiConflictResponse({ description: 'Refused (a resident rates it, not answered yet, …).' })
  @ApiZodResponse(matterUpdateResultSchema, 'The matter reopened or closed.')
  confirmMatter(
    @CurrentUser() principal: Principal,
    @ValidBodyWithPath(confirmMatterSchema, 'matterId') input: ConfirmMatterInput,
    @IdempotencyKey() key: string | undefined,
  ): Promise<MatterUpdateResultView> {
    return this.matters.confirm(principal, input, key);
  }

  /** 撤销: not a matter (a duplicate, out of scope), before it is accepted. */
  @Roles(...COORDINATORS)
  @Post(':id/cancel')
  @HttpCode(200)
  @ApiZodBodyFromPath(cancelMatterSchema, 'matterId')
  @ApiConflictResponse({ description: 'Refused (accepted already, closed, …).' })
  @ApiZodResponse(matterUpdateResultSchema, 'The matter is cancelled.')
  cancelMatter(
    @CurrentUser() principal: Principal,
    @ValidBodyWithPath(cancelMatterSchema, 'matterId') input: CancelMatterInput,
    @RequestLocale() locale: Locale,
    @IdempotencyKey() key: string | undefined,
  ): Promise<MatterUpdateResultView> {
    return this.matters.cancel(principal, input, locale, key);
  }
}

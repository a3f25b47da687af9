import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import {
  controlRectificationSchema,
  listRectificationsQuerySchema,
  rectificationUpdateResultSchema,
  respondRectificationSchema,
  verifyRectificationSchema,
  type ControlRectificationInput,
  type ListRectificationsQuery,
  type Locale,
  type RectificationUpdateResultView,
  type RespondRectificationInput,
  type VerifyRectificationInput,
} from '@pilot/domain';
import { CurrentUser, Roles } from '../platform/auth/decorators.js';
import type { Principal } from '../platform/auth/principal.js';
import { IdempotencyKey } from '../platform/idempotency/idempotency-key.decorator.js';
import { ApiZodResponse } from '../platform/validation/api-response.js';
import { ApiZodQuery } from '../platform/validation/api-schema.js';
import { ApiZodBodyFromPath, RequestLocale, ValidBodyWithPath } from '../platform/validation/path-input.js';
import { ValidQuery } from '../platform/validation/valid-input.js';
import {
  rectificationPageSchema,
  rectificationSchema,
  type RectificationPage,
  type RectificationView,
} from './rectification.dto.js';
import { RectificationService } from './rectification.service.js';

/** 整改: the closed loop of a failed item — the firm answers with evidence, an inspector verifies. */
@ApiTags('rectifications')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'Unknown item, or one outside the caller’s scope.' })
@Controller('rectifications')
export class RectificationController {
  constructor(@Inject(RectificationService) private readonly rectifications: RectificationService) {}

  @Roles('firm', 'inspector', 'coordinator', 'admin')
  @Get()
  @ApiZodQuery(listRectificationsQuerySchema)
  @ApiZodResponse(rectificationPageSchema, 'Items in the caller’s scope, by deadline.')
  listRectifications(
    @CurrentUser() principal: Principal,
    @ValidQuery(listRectificationsQuerySchema) query: ListRectificationsQuery,
  ): Promise<RectificationPage> {
    return this.rectifications.list(principal, query);
  }

  @Roles('firm', 'inspector', 'coordinator', 'admin')
  @Get(':id')
  @ApiZodResponse(rectificationSchema, 'The item with its answers, verdicts and history.')
  getRectification(@CurrentUser() principal: Principal, @Param('id') id: string): Promise<RectificationView> {
    return this.rectifications.detail(principal, id);
  }

  /** 整改答复 (firm): evidence references must be files the same user uploaded for this pilot. */
  @Roles('firm')
  @Post(':id/respond')
  @HttpCode(200)
  @ApiZodBodyFromPath(respondRectificationSchema, 'rectificationId')
  @ApiConflictResponse({ description: 'Refused by the pilot (already answered, closed, paused, …).' })
  @ApiZodResponse(rectificationUpdateResultSchema, 'The item now awaits verification.')
  respondRectification(
    @CurrentUser() principal: Principal,
    @ValidBodyWithPath(respondRectificationSchema, 'rectificationId') input: RespondRectificationInput,
    @RequestLocale() locale: Locale,
    @IdempotencyKey() key: string | undefined,
  ): Promise<RectificationUpdateResultView> {
    return this.rectifications.respond(principal, input, locale, key);
  }

  /**
   * 已管控 (firm): a critical hazard that cannot be fixed in a day is contained meanwhile (the lift
   * stopped and signed off); the critical deadline stops and the fix gets its own period.
   */
  @Roles('firm')
  @Post(':id/control')
  @HttpCode(200)
  @ApiZodBodyFromPath(controlRectificationSchema, 'rectificationId')
  @ApiConflictResponse({ description: 'Refused (not critical, no interim control for this standard, …).' })
  @ApiZodResponse(rectificationUpdateResultSchema, 'The item is controlled, with the deadline of its fix.')
  controlRectification(
    @CurrentUser() principal: Principal,
    @ValidBodyWithPath(controlRectificationSchema, 'rectificationId') input: ControlRectificationInput,
    @RequestLocale() locale: Locale,
    @IdempotencyKey() key: string | undefined,
  ): Promise<RectificationUpdateResultView> {
    return this.rectifications.control(principal, input, locale, key);
  }

  /** 核验 (inspector of the pilot): accept closes the item, reject reopens it with a new deadline. */
  @Roles('inspector')
  @Post(':id/verify')
  @HttpCode(200)
  @ApiZodBodyFromPath(verifyRectificationSchema, 'rectificationId')
  @ApiConflictResponse({ description: 'Refused by the pilot (not answered yet, not your pilot, …).' })
  @ApiZodResponse(rectificationUpdateResultSchema, 'The item closed, or reopened with a new deadline.')
  verifyRectification(
    @CurrentUser() principal: Principal,
    @ValidBodyWithPath(verifyRectificationSchema, 'rectificationId') input: VerifyRectificationInput,
    @IdempotencyKey() key: string | undefined,
  ): Promise<RectificationUpdateResultView> {
    return this.rectifications.verify(principal, input, key);
  }
}

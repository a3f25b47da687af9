import { Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import {
  bulkEnrollPilotsSchema,
  enrollPilotSchema,
  pilotTimelineQuerySchema,
  type BulkEnrollPilotsInput,
  type PilotTimelineQuery,
  extendDeadlineSchema,
  listPilotsQuerySchema,
  pausePilotSchema,
  promoteCompoundSchema,
  reassignInspectorSchema,
  resumePilotSchema,
  startRolloutSchema,
  withdrawPilotSchema,
  type EnrollPilotInput,
  type ExtendDeadlineInput,
  type ListPilotsQuery,
  type Locale,
  type PausePilotInput,
  type PromoteCompoundInput,
  type ReassignInspectorInput,
  type ResumePilotInput,
  type StartRolloutInput,
  type WithdrawPilotInput,
  extendResultSchema,
  pilotStateChangeSchema,
  reassignResultSchema,
  rolloutResultSchema,
  type ExtendResultView,
  type PilotStateChange,
  type ReassignResult,
  type RolloutResult,
} from '@pilot/domain';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '../platform/auth/decorators.js';
import type { Principal } from '../platform/auth/principal.js';
import { IdempotencyKey } from '../platform/idempotency/idempotency-key.decorator.js';
import { ApiZodResponse } from '../platform/validation/api-response.js';
import { ApiZodBody, ApiZodQuery } from '../platform/validation/api-schema.js';
import { ApiZodBodyFromPath, RequestLocale, ValidBodyWithPath } from '../platform/validation/path-input.js';
import { ValidBody, ValidQuery } from '../platform/validation/valid-input.js';
import {
  bulkEnrollResultSchema,
  enrollResultSchema,
  pilotDetailSchema,
  pilotPageSchema,
  schedulePreviewSchema,
  timelineAuditPageSchema,
  type BulkEnrollResult,
  type EnrollResult,
  type PilotDetail,
  type PilotPage,
  type SchedulePreview,
  type TimelineAuditPage,
} from './pilot.dto.js';
import { PilotService } from './pilot.service.js';

/**
 * 试点: the coordinator enrolls a firm's compound and steers its pilot; everyone involved reads it.
 * Writes are Updates of the pilot's workflow (409 with the rule's reasons when it refuses); the id
 * in the path is the enrollment id, and the body's own id field, if sent, must match it.
 */
@ApiTags('pilots')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'Unknown pilot, or one outside the caller’s scope.' })
@Controller('pilots')
export class PilotController {
  constructor(@Inject(PilotService) private readonly pilots: PilotService) {}

  /** 纳入试点: 201 with the new pilot, or 200 with the pilot the compound already has. */
  @Roles('coordinator', 'admin')
  @Post()
  @ApiZodBody(enrollPilotSchema)
  @ApiZodResponse(enrollResultSchema, 'The new pilot.', 201)
  @ApiZodResponse(enrollResultSchema, 'The compound was enrolled already: its pilot.')
  async enrollPilot(
    @CurrentUser() principal: Principal,
    @ValidBody(enrollPilotSchema) input: EnrollPilotInput,
    @RequestLocale() locale: Locale,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EnrollResult> {
    const result = await this.pilots.enroll(principal, input, locale);
    void reply.status(result.alreadyEnrolled ? 200 : 201);
    return result;
  }

  /**
   * 批量纳入试点: up to 200 enrollment forms (each the form of POST /pilots), answered one by one in
   * the request's order. A malformed form is a 400 naming `enrollments.<index>.<field>`, and
   * nothing starts; a form the registry contradicts is refused on its own, the others go ahead. With
   * an Idempotency-Key a repeat answers the first request's outcome and starts nothing; forms that
   * were refused are sent again in a new request.
   */
  @Roles('coordinator', 'admin')
  @Post('bulk')
  @HttpCode(200)
  @ApiZodBody(bulkEnrollPilotsSchema)
  @ApiZodResponse(bulkEnrollResultSchema, 'One outcome per form: created, already enrolled, or refused.')
  bulkEnrollPilots(
    @CurrentUser() principal: Principal,
    @ValidBody(bulkEnrollPilotsSchema) input: BulkEnrollPilotsInput,
    @RequestLocale() locale: Locale,
  ): Promise<BulkEnrollResult> {
    return this.pilots.bulkEnroll(principal, input, locale);
  }

  /** The schedule an enrollment would create (rounds and every task), before confirming it. */
  @Roles('coordinator', 'admin')
  @Post('preview')
  @HttpCode(200)
  @ApiZodBody(enrollPilotSchema)
  @ApiZodResponse(schedulePreviewSchema, 'Both rounds with every task, as the domain calendar plans them.')
  previewPilot(
    @ValidBody(enrollPilotSchema) input: EnrollPilotInput,
    @RequestLocale() locale: Locale,
  ): Promise<SchedulePreview> {
    return this.pilots.preview(input, locale);
  }

  @Roles('coordinator', 'admin', 'inspector', 'firm')
  @Get()
  @ApiZodQuery(listPilotsQuerySchema)
  @ApiZodResponse(pilotPageSchema, 'Pilots in the caller’s scope.')
  listPilots(
    @CurrentUser() principal: Principal,
    @ValidQuery(listPilotsQuerySchema) query: ListPilotsQuery,
  ): Promise<PilotPage> {
    return this.pilots.list(principal, query);
  }

  /**
   * The pilot with the first page of its timeline from the records and, when the workflow answers,
   * its live snapshot. Older audit entries: GET /pilots/:id/timeline with `timeline.audit.nextCursor`.
   */
  @Roles('coordinator', 'admin', 'inspector', 'firm')
  @Get(':id')
  @ApiZodResponse(pilotDetailSchema, 'The pilot, the first page of its timeline and its live state.')
  getPilot(@CurrentUser() principal: Principal, @Param('id') id: string): Promise<PilotDetail> {
    return this.pilots.detail(principal, id);
  }

  /** More of the pilot's timeline: its audit entries older than the cursor, newest first. */
  @Roles('coordinator', 'admin', 'inspector', 'firm')
  @Get(':id/timeline')
  @ApiZodQuery(pilotTimelineQuerySchema)
  @ApiZodResponse(timelineAuditPageSchema, 'A page of audit entries and the cursor of the next.')
  getPilotTimeline(
    @CurrentUser() principal: Principal,
    @Param('id') id: string,
    @ValidQuery(pilotTimelineQuerySchema) query: PilotTimelineQuery,
  ): Promise<TimelineAuditPage> {
    return this.pilots.timeline(principal, id, query);
  }

  @Roles('coordinator', 'admin')
  @Post(':id/pause')
  @HttpCode(200)
  @ApiZodBodyFromPath(pausePilotSchema, 'pilotId')
  @ApiConflictResponse({ description: 'Refused by the pilot (already paused, withdrawn, …).' })
  @ApiZodResponse(pilotStateChangeSchema, 'The outcome, as the pilot reports it.')
  pausePilot(
    @CurrentUser() principal: Principal,
    @ValidBodyWithPath(pausePilotSchema, 'pilotId') input: PausePilotInput,
    @IdempotencyKey() key: string | undefined,
  ): Promise<PilotStateChange> {
    return this.pilots.pause(principal, input, key);
  }

  @Roles('coordinator', 'admin')
  @Post(':id/resume')
  @HttpCode(200)
  @ApiZodBodyFromPath(resumePilotSchema, 'pilotId')
  @ApiConflictResponse({ description: 'Refused by the pilot (not paused, withdrawn).' })
  @ApiZodResponse(pilotStateChangeSchema, 'The outcome, as the pilot reports it.')
  resumePilot(
    @CurrentUser() principal: Principal,
    @ValidBodyWithPath(resumePilotSchema, 'pilotId') input: ResumePilotInput,
    @IdempotencyKey() key: string | undefined,
  ): Promise<PilotStateChange> {
    return this.pilots.resume(principal, input, key);
  }

  /** 延期: a task's or a rectification item's deadline, by whole days. */
  @Roles('coordinator', 'admin')
  @Post(':id/extend')
  @HttpCode(200)
  @ApiZodBody(extendDeadlineSchema)
  @ApiConflictResponse({ description: 'Refused by the pilot (target closed, pilot paused, …).' })
  @ApiZodResponse(extendResultSchema, 'The outcome, as the pilot reports it.')
  extendDeadline(
    @CurrentUser() principal: Principal,
    @Param('id') id: string,
    @ValidBody(extendDeadlineSchema) input: ExtendDeadlineInput,
    @RequestLocale() locale: Locale,
    @IdempotencyKey() key: string | undefined,
  ): Promise<ExtendResultView> {
    return this.pilots.extend(principal, id, input, locale, key);
  }

  @Roles('coordinator', 'admin')
  @Post(':id/reassign')
  @HttpCode(200)
  @ApiZodBodyFromPath(reassignInspectorSchema, 'pilotId')
  @ApiConflictResponse({ description: 'Refused by the pilot (inspector not assigned, …).' })
  @ApiZodResponse(reassignResultSchema, 'The outcome, as the pilot reports it.')
  reassignInspector(
    @CurrentUser() principal: Principal,
    @ValidBodyWithPath(reassignInspectorSchema, 'pilotId') input: ReassignInspectorInput,
    @RequestLocale() locale: Locale,
    @IdempotencyKey() key: string | undefined,
  ): Promise<ReassignResult> {
    return this.pilots.reassign(principal, input, locale, key);
  }

  @Roles('coordinator', 'admin')
  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiZodBodyFromPath(withdrawPilotSchema, 'pilotId')
  @ApiConflictResponse({ description: 'Refused by the pilot (withdrawn already).' })
  @ApiZodResponse(pilotStateChangeSchema, 'The outcome, as the pilot reports it.')
  withdrawPilot(
    @CurrentUser() principal: Principal,
    @ValidBodyWithPath(withdrawPilotSchema, 'pilotId') input: WithdrawPilotInput,
    @IdempotencyKey() key: string | undefined,
  ): Promise<PilotStateChange> {
    return this.pilots.withdraw(principal, input, key);
  }

  /** 全面推广: enrolls further firms' compounds as pilots that originate from this one. */
  @Roles('coordinator', 'admin')
  @Post(':id/rollout')
  @HttpCode(200)
  @ApiZodBodyFromPath(startRolloutSchema, 'sourcePilotId')
  @ApiConflictResponse({ description: 'Refused by the pilot (not in the rollout stage, …).' })
  @ApiZodResponse(rolloutResultSchema, 'The outcome, as the pilot reports it.')
  startRollout(
    @CurrentUser() principal: Principal,
    @ValidBodyWithPath(startRolloutSchema, 'sourcePilotId') input: StartRolloutInput,
    @RequestLocale() locale: Locale,
    @IdempotencyKey() key: string | undefined,
  ): Promise<RolloutResult> {
    return this.pilots.rollout(principal, input, locale, key);
  }

  /** 评定示范小区 (admin only): a refusal lists every unmet eligibility condition. */
  @Roles('admin')
  @Post(':id/promote')
  @HttpCode(200)
  @ApiZodBodyFromPath(promoteCompoundSchema, 'pilotId')
  @ApiConflictResponse({ description: 'Not eligible; the reasons say why.' })
  @ApiZodResponse(pilotStateChangeSchema, 'The outcome, as the pilot reports it.')
  promoteCompound(
    @CurrentUser() principal: Principal,
    @ValidBodyWithPath(promoteCompoundSchema, 'pilotId') input: PromoteCompoundInput,
    @IdempotencyKey() key: string | undefined,
  ): Promise<PilotStateChange> {
    return this.pilots.promote(principal, input, key);
  }
}

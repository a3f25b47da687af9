import { Controller, Get, HttpCode, Inject, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import {
  adoptCalendarReleaseSchema,
  calendarReleaseDraftSchema,
  publishCalendarReleaseSchema,
  type AdoptCalendarReleaseInput,
  type CalendarReleaseDraftInput,
  type PublishCalendarReleaseInput,
} from '@pilot/domain';
import type { FastifyRequest } from 'fastify';
import { CurrentUser, Roles } from '../platform/auth/decorators.js';
import type { Principal } from '../platform/auth/principal.js';
import { IdempotencyKey } from '../platform/idempotency/idempotency-key.decorator.js';
import { ApiZodBody } from '../platform/validation/api-schema.js';
import { ApiZodResponse } from '../platform/validation/api-response.js';
import { localeOf } from '../platform/validation/locale.js';
import { ValidBody } from '../platform/validation/valid-input.js';
import {
  calendarAdoptionBatchSchema,
  calendarAdoptionItemSchema,
  calendarReleaseDetailSchema,
  calendarReleaseListSchema,
  calendarReleaseSummarySchema,
  type CalendarAdoptionBatch,
  type CalendarAdoptionItem,
  type CalendarReleaseDetail,
  type CalendarReleaseList,
  type CalendarReleaseSummary,
} from './calendar.dto.js';
import { CalendarService } from './calendar.service.js';

/**
 * 工作日历: the official working calendar as versioned releases. The admin drafts a release when
 * the State Council announces next year, publishes it, and applies it to running pilots;
 * coordinators read the published ones. `version` in the path is the release's number.
 */
@ApiTags('calendars')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'Unknown release (or a draft, to anyone but an admin).' })
@Controller('calendars')
export class CalendarController {
  constructor(@Inject(CalendarService) private readonly calendars: CalendarService) {}

  @Get()
  @Roles('admin', 'coordinator')
  @ApiZodResponse(calendarReleaseListSchema, 'Releases, newest first, without their days.')
  listCalendarReleases(@CurrentUser() viewer: Principal): Promise<CalendarReleaseList> {
    return this.calendars.list(viewer);
  }

  @Get(':version')
  @Roles('admin', 'coordinator')
  @ApiZodResponse(calendarReleaseDetailSchema, 'One release with its days and what it changes.')
  getCalendarRelease(
    @CurrentUser() viewer: Principal,
    @Param('version') version: string,
  ): Promise<CalendarReleaseDetail> {
    return this.calendars.get(viewer, version);
  }

  /** 起草: a new release (the next number) with every year's days; 400 names what is wrong. */
  @Post()
  @Roles('admin')
  @ApiZodBody(calendarReleaseDraftSchema)
  @ApiZodResponse(calendarReleaseDetailSchema, 'The new draft.', 201)
  createCalendarDraft(
    @CurrentUser() actor: Principal,
    @ValidBody(calendarReleaseDraftSchema) input: CalendarReleaseDraftInput,
    @Req() request: FastifyRequest,
  ): Promise<CalendarReleaseDetail> {
    return this.calendars.createDraft(actor, input, localeOf(request));
  }

  /** 修改草稿: the draft's whole content; 409 once it is published. */
  @Patch(':version')
  @Roles('admin')
  @ApiZodBody(calendarReleaseDraftSchema)
  @ApiConflictResponse({ description: 'The release is published, or the draft changed meanwhile.' })
  @ApiZodResponse(calendarReleaseDetailSchema, 'The changed draft.')
  updateCalendarDraft(
    @CurrentUser() actor: Principal,
    @Param('version') version: string,
    @ValidBody(calendarReleaseDraftSchema) input: CalendarReleaseDraftInput,
    @Req() request: FastifyRequest,
  ): Promise<CalendarReleaseDetail> {
    return this.calendars.updateDraft(actor, version, input, localeOf(request));
  }

  /** 发布: quote the fingerprint reviewed; 409 when the draft changed since or does not follow the latest release. */
  @Post(':version/publish')
  @HttpCode(200)
  @Roles('admin')
  @ApiZodBody(publishCalendarReleaseSchema)
  @ApiConflictResponse({ description: 'Changed since reviewed, published already, or covering fewer years.' })
  @ApiZodResponse(calendarReleaseSummarySchema, 'The published release.')
  publishCalendarRelease(
    @CurrentUser() actor: Principal,
    @Param('version') version: string,
    @ValidBody(publishCalendarReleaseSchema) input: PublishCalendarReleaseInput,
  ): Promise<CalendarReleaseSummary> {
    return this.calendars.publish(actor, version, input);
  }

  /**
   * 应用到运行中的试点: every running pilot that follows an older release (or the pilots named),
   * a bounded number at a time; each answers adopted (with the tasks that moved), unchanged,
   * refused or failed. Applying again changes nothing twice (a pilot that follows it answers
   * `unchanged`; with the same Idempotency-Key, the first answer).
   */
  @Post(':version/adopt')
  @HttpCode(200)
  @Roles('admin')
  @ApiZodBody(adoptCalendarReleaseSchema)
  @ApiConflictResponse({ description: 'The release is not published.' })
  @ApiZodResponse(calendarAdoptionBatchSchema, 'One outcome per pilot.')
  adoptCalendarRelease(
    @CurrentUser() actor: Principal,
    @Param('version') version: string,
    @ValidBody(adoptCalendarReleaseSchema) input: AdoptCalendarReleaseInput,
    @IdempotencyKey() key: string | undefined,
  ): Promise<CalendarAdoptionBatch> {
    return this.calendars.adoptMany(actor, version, input, key);
  }

  /** 应用到该试点: one pilot adopts the release; 409 with the reason when it changes nothing there. */
  @Post(':version/pilots/:pilotId/adopt')
  @HttpCode(200)
  @Roles('admin')
  @ApiConflictResponse({ description: 'Follows it already, would change nothing, or the pilot has ended.' })
  @ApiZodResponse(calendarAdoptionItemSchema, 'The pilot adopted the release: the tasks that moved.')
  adoptCalendarReleaseForPilot(
    @CurrentUser() actor: Principal,
    @Param('version') version: string,
    @Param('pilotId') pilotId: string,
    @IdempotencyKey() key: string | undefined,
  ): Promise<CalendarAdoptionItem> {
    return this.calendars.adoptOne(actor, version, pilotId, key);
  }
}

import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import {
  addMeetingOpinionSchema,
  createMeetingSchema,
  holdMeetingSchema,
  listMeetingsQuerySchema,
  publishMeetingFeedbackSchema,
  type AddMeetingOpinionInput,
  type CreateMeetingInput,
  type HoldMeetingInput,
  type ListMeetingsQuery,
  type Locale,
  type PublishMeetingFeedbackInput,
} from '@pilot/domain';
import { CurrentUser, Roles } from '../platform/auth/decorators.js';
import type { Principal } from '../platform/auth/principal.js';
import { IdempotencyKey } from '../platform/idempotency/idempotency-key.decorator.js';
import { ApiZodResponse } from '../platform/validation/api-response.js';
import { ApiZodBody, ApiZodQuery } from '../platform/validation/api-schema.js';
import { ApiZodBodyFromPath, RequestLocale, ValidBodyWithPath } from '../platform/validation/path-input.js';
import { ValidBody, ValidQuery } from '../platform/validation/valid-input.js';
import {
  meetingDetailSchema,
  meetingPageSchema,
  type MeetingDetail,
  type MeetingPage,
} from './meeting.dto.js';
import { MeetingService } from './meeting.service.js';

const COORDINATORS = ['coordinator', 'admin'] as const;

/**
 * 四方联席 meetings (subdistrict, community, owners' representatives, firm): 会前 opinions, 会上 the
 * record and the resolutions (each a matter), 会后 the feedback to the residents. Every step goes
 * through the meeting's workflow; a refusal of its rules is a 409 with the reasons.
 */
@ApiTags('meetings')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'Unknown meeting, or one outside the caller’s community.' })
@Controller('meetings')
export class MeetingController {
  constructor(@Inject(MeetingService) private readonly meetings: MeetingService) {}

  /** 409 `meeting_exists` when the community (or the subdistrict) has its meeting for the month. */
  @Roles(...COORDINATORS)
  @Post()
  @ApiZodBody(createMeetingSchema)
  @ApiConflictResponse({ description: 'The community has its meeting for this month already.' })
  @ApiZodResponse(meetingDetailSchema, 'The meeting, collecting opinions.', 201)
  createMeeting(
    @CurrentUser() principal: Principal,
    @ValidBody(createMeetingSchema) input: CreateMeetingInput,
    @RequestLocale() locale: Locale,
  ): Promise<MeetingDetail> {
    return this.meetings.create(principal, input, locale);
  }

  /** Meetings the caller may see: a community's staff and residents their community's and the subdistrict's. */
  @Roles(...COORDINATORS, 'party', 'resident')
  @Get()
  @ApiZodQuery(listMeetingsQuerySchema)
  @ApiZodResponse(meetingPageSchema, 'Meetings, newest month first.')
  listMeetings(
    @CurrentUser() principal: Principal,
    @ValidQuery(listMeetingsQuerySchema) query: ListMeetingsQuery,
  ): Promise<MeetingPage> {
    return this.meetings.list(principal, query);
  }

  /** Residents read the opinions without who wrote them, and no attendance names. */
  @Roles(...COORDINATORS, 'party', 'resident')
  @Get(':id')
  @ApiZodResponse(meetingDetailSchema, 'The meeting with its agenda, record, resolutions and feedback.')
  getMeeting(@CurrentUser() principal: Principal, @Param('id') id: string): Promise<MeetingDetail> {
    return this.meetings.detail(principal, id);
  }

  /** 会前征集: `resident` by a resident of the community; `grid` and `reception` by the working group. */
  @Roles(...COORDINATORS, 'resident')
  @Post(':id/opinions')
  @HttpCode(200)
  @ApiZodBodyFromPath(addMeetingOpinionSchema, 'meetingId')
  @ApiConflictResponse({ description: 'Refused (the window closed, not your source, …).' })
  @ApiZodResponse(meetingDetailSchema, 'The meeting with the opinion.')
  addMeetingOpinion(
    @CurrentUser() principal: Principal,
    @ValidBodyWithPath(addMeetingOpinionSchema, 'meetingId') input: AddMeetingOpinionInput,
    @IdempotencyKey() key: string | undefined,
  ): Promise<MeetingDetail> {
    return this.meetings.addOpinion(principal, input, key);
  }

  /** 会上: attendance of the four sides, minutes, resolutions (each becomes a matter for its party). */
  @Roles(...COORDINATORS)
  @Post(':id/hold')
  @HttpCode(200)
  @ApiZodBodyFromPath(holdMeetingSchema, 'meetingId')
  @ApiConflictResponse({ description: 'Refused (held already, closed, …).' })
  @ApiZodResponse(meetingDetailSchema, 'The meeting, following up its resolutions.')
  holdMeeting(
    @CurrentUser() principal: Principal,
    @ValidBodyWithPath(holdMeetingSchema, 'meetingId') input: HoldMeetingInput,
    @RequestLocale() locale: Locale,
    @IdempotencyKey() key: string | undefined,
  ): Promise<MeetingDetail> {
    return this.meetings.hold(principal, input, locale, key);
  }

  /** 会后反馈 to the community's residents; the meeting closes. */
  @Roles(...COORDINATORS)
  @Post(':id/feedback')
  @HttpCode(200)
  @ApiZodBodyFromPath(publishMeetingFeedbackSchema, 'meetingId')
  @ApiConflictResponse({ description: 'Refused (not held yet, published already).' })
  @ApiZodResponse(meetingDetailSchema, 'The meeting, closed.')
  publishMeetingFeedback(
    @CurrentUser() principal: Principal,
    @ValidBodyWithPath(publishMeetingFeedbackSchema, 'meetingId') input: PublishMeetingFeedbackInput,
    @IdempotencyKey() key: string | undefined,
  ): Promise<MeetingDetail> {
    return this.meetings.feedback(principal, input, key);
  }
}

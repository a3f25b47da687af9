import { Controller, Get, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import {
  USER_ROLES,
  listNoticeDeliveriesQuerySchema,
  listNoticesQuerySchema,
  noticeSettingsSchema,
  readAllNoticesSchema,
  type ListNoticeDeliveriesQuery,
  type ListNoticesQuery,
  type Locale,
  type NoticeSettingsInput,
  type ReadAllNoticesInput,
} from '@pilot/domain';
import { CurrentUser, Roles } from '../platform/auth/decorators.js';
import type { Principal } from '../platform/auth/principal.js';
import { ApiZodResponse } from '../platform/validation/api-response.js';
import { ApiZodBody, ApiZodQuery } from '../platform/validation/api-schema.js';
import { RequestLocale } from '../platform/validation/path-input.js';
import { ValidBody, ValidQuery } from '../platform/validation/valid-input.js';
import {
  noticeDeliveryPageSchema,
  noticePageSchema,
  noticeSchema,
  noticeSettingsViewSchema,
  readAllResultSchema,
  unreadCountSchema,
  type NoticeDeliveryPage,
  type NoticePage,
  type NoticeSettingsView,
  type NoticeView,
  type ReadAllResult,
  type UnreadCount,
} from './notice.dto.js';
import { NoticeService } from './notice.service.js';

/** 消息中心: every role reads its own notices here (the residents' too, once they get any). */
@ApiTags('notices')
@ApiBearerAuth()
@Roles(...USER_ROLES)
@Controller('notices')
export class NoticeController {
  constructor(@Inject(NoticeService) private readonly notices: NoticeService) {}

  /** My notices, newest first, with how many are unread. */
  @Get()
  @ApiZodQuery(listNoticesQuerySchema)
  @ApiZodResponse(noticePageSchema, 'The caller’s notices, newest first.')
  listNotices(
    @CurrentUser() principal: Principal,
    @ValidQuery(listNoticesQuerySchema) query: ListNoticesQuery,
  ): Promise<NoticePage> {
    return this.notices.list(principal, query);
  }

  /** The shell's badge. */
  @Get('unread-count')
  @ApiZodResponse(unreadCountSchema, 'How many of the caller’s notices are unread.')
  unreadNoticeCount(@CurrentUser() principal: Principal): Promise<UnreadCount> {
    return this.notices.unreadCount(principal);
  }

  @Get(':id')
  @ApiNotFoundResponse({ description: 'Unknown notice, or not one of the caller’s.' })
  @ApiZodResponse(noticeSchema, 'The notice, with what it is about and whether the caller read it.')
  getNotice(@CurrentUser() principal: Principal, @Param('id') id: string): Promise<NoticeView> {
    return this.notices.get(principal, id);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiZodBody(readAllNoticesSchema)
  @ApiZodResponse(readAllResultSchema, 'How many were marked, and how many stay unread.')
  markAllNoticesRead(
    @CurrentUser() principal: Principal,
    @ValidBody(readAllNoticesSchema) input: ReadAllNoticesInput,
  ): Promise<ReadAllResult> {
    return this.notices.markAllRead(principal, input);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiNotFoundResponse({ description: 'Unknown notice, or not one of the caller’s.' })
  @ApiZodResponse(unreadCountSchema, 'Marked read; how many stay unread.')
  markNoticeRead(@CurrentUser() principal: Principal, @Param('id') id: string): Promise<UnreadCount> {
    return this.notices.markRead(principal, id);
  }
}

/** 提醒方式: the caller's own channels besides the inbox. */
@ApiTags('notices')
@ApiBearerAuth()
@Roles(...USER_ROLES)
@Controller('me/notice-settings')
export class NoticeSettingsController {
  constructor(@Inject(NoticeService) private readonly notices: NoticeService) {}

  @Get()
  @ApiZodResponse(noticeSettingsViewSchema, 'The caller’s channels and the ones this deployment offers.')
  getNoticeSettings(@CurrentUser() principal: Principal): Promise<NoticeSettingsView> {
    return this.notices.settingsOf(principal);
  }

  @Patch()
  @ApiZodBody(noticeSettingsSchema)
  @ApiZodResponse(noticeSettingsViewSchema, 'The settings as saved.')
  updateNoticeSettings(
    @CurrentUser() principal: Principal,
    @ValidBody(noticeSettingsSchema) input: NoticeSettingsInput,
    @RequestLocale() locale: Locale,
  ): Promise<NoticeSettingsView> {
    return this.notices.updateSettings(principal, input, locale);
  }
}

/** 发送记录: what went out on which channel, what is still being tried and what failed, for admins. */
@ApiTags('notices')
@ApiBearerAuth()
@Roles('admin')
@Controller('notice-deliveries')
export class NoticeDeliveryController {
  constructor(@Inject(NoticeService) private readonly notices: NoticeService) {}

  @Get()
  @ApiZodQuery(listNoticeDeliveriesQuerySchema)
  @ApiZodResponse(noticeDeliveryPageSchema, 'Deliveries, newest first, with the count in each state.')
  listNoticeDeliveries(
    @ValidQuery(listNoticeDeliveriesQuerySchema) query: ListNoticeDeliveriesQuery,
  ): Promise<NoticeDeliveryPage> {
    return this.notices.deliveries(query);
  }
}

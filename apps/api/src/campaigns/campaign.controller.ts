import { Controller, Get, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import {
  campaignDraftSchema,
  listCampaignsQuerySchema,
  rebalanceCampaignSchema,
  retryCampaignSchema,
  type CampaignDraftInput,
  type ListCampaignsQuery,
  type Locale,
  type RebalanceCampaignInput,
  type RetryCampaignInput,
} from '@pilot/domain';
import { CurrentUser, Roles } from '../platform/auth/decorators.js';
import type { Principal } from '../platform/auth/principal.js';
import { ApiZodResponse } from '../platform/validation/api-response.js';
import { ApiZodBody, ApiZodQuery } from '../platform/validation/api-schema.js';
import { RequestLocale } from '../platform/validation/path-input.js';
import { ValidBody, ValidQuery } from '../platform/validation/valid-input.js';
import {
  campaignForecastSchema,
  campaignListSchema,
  campaignProgressSchema,
  campaignSchema,
  type CampaignForecastView,
  type CampaignList,
  type CampaignProgressView,
  type CampaignView,
} from './campaign.dto.js';
import { CampaignService } from './campaign.service.js';

/** The working group (街道工作专班) runs a campaign; admins may too. Inspectors and residents: nothing here. */
const ORGANIZERS = ['coordinator', 'admin'] as const;

/** 全面推广: campaigns carrying the origin pilots' experience to the invited 拟达标 firms. */
@ApiTags('campaigns')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'Unknown campaign, or one the caller’s firm is not invited to.' })
@Controller('campaigns')
export class CampaignController {
  constructor(@Inject(CampaignService) private readonly campaigns: CampaignService) {}

  /** 起草推广: origin pilots, invited firms, the deployment meeting, compounds with inspectors. */
  @Roles(...ORGANIZERS)
  @Post()
  @ApiZodBody(campaignDraftSchema)
  @ApiZodResponse(campaignSchema, 'The draft campaign.', 201)
  createCampaign(
    @CurrentUser() principal: Principal,
    @ValidBody(campaignDraftSchema) input: CampaignDraftInput,
    @RequestLocale() locale: Locale,
  ): Promise<CampaignView> {
    return this.campaigns.create(principal, input, locale);
  }

  /** Campaigns newest first; a firm's staff only those their firm is invited to. */
  @Roles(...ORGANIZERS, 'firm')
  @Get()
  @ApiZodQuery(listCampaignsQuerySchema)
  @ApiZodResponse(campaignListSchema, 'Campaigns in the caller’s scope.')
  listCampaigns(
    @CurrentUser() principal: Principal,
    @ValidQuery(listCampaignsQuerySchema) query: ListCampaignsQuery,
  ): Promise<CampaignList> {
    return this.campaigns.list(principal, query);
  }

  @Roles(...ORGANIZERS, 'firm')
  @Get(':id')
  @ApiZodResponse(campaignSchema, 'The campaign with its meeting and compounds.')
  getCampaign(@CurrentUser() principal: Principal, @Param('id') id: string): Promise<CampaignView> {
    return this.campaigns.detail(principal, id);
  }

  /** The whole draft again; its compounds are replaced. */
  @Roles(...ORGANIZERS)
  @Put(':id')
  @ApiZodBody(campaignDraftSchema)
  @ApiConflictResponse({ description: 'The campaign is confirmed or cancelled.' })
  @ApiZodResponse(campaignSchema, 'The draft campaign.')
  updateCampaign(
    @CurrentUser() principal: Principal,
    @Param('id') id: string,
    @ValidBody(campaignDraftSchema) input: CampaignDraftInput,
    @RequestLocale() locale: Locale,
  ): Promise<CampaignView> {
    return this.campaigns.update(principal, id, input, locale);
  }

  /** 工作量预测: inspections per inspector per ISO week over 26 weeks, weeks above capacity flagged. */
  @Roles(...ORGANIZERS)
  @Get(':id/forecast')
  @ApiZodResponse(campaignForecastSchema, 'The workload forecast of the campaign’s inspectors.')
  getCampaignForecast(
    @CurrentUser() principal: Principal,
    @Param('id') id: string,
  ): Promise<CampaignForecastView> {
    return this.campaigns.forecast(principal, id);
  }

  /** 调整检查员 of one compound in the draft. */
  @Roles(...ORGANIZERS)
  @Post(':id/rebalance')
  @HttpCode(200)
  @ApiZodBody(rebalanceCampaignSchema)
  @ApiConflictResponse({ description: 'The campaign is confirmed or cancelled.' })
  @ApiZodResponse(campaignSchema, 'The draft campaign.')
  rebalanceCampaign(
    @CurrentUser() principal: Principal,
    @Param('id') id: string,
    @ValidBody(rebalanceCampaignSchema) input: RebalanceCampaignInput,
    @RequestLocale() locale: Locale,
  ): Promise<CampaignView> {
    return this.campaigns.rebalance(principal, id, input, locale);
  }

  /** 确认推广, once: a repeat answers the campaign as it is. */
  @Roles(...ORGANIZERS)
  @Post(':id/confirm')
  @HttpCode(200)
  @ApiConflictResponse({
    description:
      'Cancelled, or compounds that cannot be enrolled (in a pilot, black-listed firm, inactive), each named.',
  })
  @ApiZodResponse(campaignSchema, 'The campaign, enrolling.')
  confirmCampaign(
    @CurrentUser() principal: Principal,
    @Param('id') id: string,
    @RequestLocale() locale: Locale,
  ): Promise<CampaignView> {
    return this.campaigns.confirm(principal, id, locale);
  }

  @Roles(...ORGANIZERS, 'firm')
  @Get(':id/progress')
  @ApiZodResponse(campaignProgressSchema, 'Each compound’s start, and the workflow’s live view.')
  getCampaignProgress(
    @CurrentUser() principal: Principal,
    @Param('id') id: string,
  ): Promise<CampaignProgressView> {
    return this.campaigns.progress(principal, id);
  }

  /** 重试 failed compounds (all, or those named). */
  @Roles(...ORGANIZERS)
  @Post(':id/retry')
  @HttpCode(200)
  @ApiZodBody(retryCampaignSchema)
  @ApiConflictResponse({ description: 'Not confirmed, or nothing failed.' })
  @ApiZodResponse(campaignProgressSchema, 'The campaign’s progress.')
  retryCampaign(
    @CurrentUser() principal: Principal,
    @Param('id') id: string,
    @ValidBody(retryCampaignSchema) input: RetryCampaignInput,
    @RequestLocale() locale: Locale,
  ): Promise<CampaignProgressView> {
    return this.campaigns.retry(principal, id, input, locale);
  }

  /** 取消 a draft. */
  @Roles(...ORGANIZERS)
  @Post(':id/cancel')
  @HttpCode(200)
  @ApiConflictResponse({ description: 'The campaign is confirmed.' })
  @ApiZodResponse(campaignSchema, 'The cancelled campaign.')
  cancelCampaign(@CurrentUser() principal: Principal, @Param('id') id: string): Promise<CampaignView> {
    return this.campaigns.cancel(principal, id);
  }
}

import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import {
  listResidentApplicationsQuerySchema,
  registerResidentSchema,
  rejectResidentApplicationSchema,
  type ListResidentApplicationsQuery,
  type Locale,
  type RegisterResidentInput,
  type RejectResidentApplicationInput,
} from '@pilot/domain';
import { LOGIN_RATE_LIMIT } from '../auth/rate-limits.js';
import { CurrentUser, Public, Roles } from '../platform/auth/decorators.js';
import type { Principal } from '../platform/auth/principal.js';
import { ApiZodResponse } from '../platform/validation/api-response.js';
import { ApiZodBody, ApiZodQuery } from '../platform/validation/api-schema.js';
import { RequestLocale } from '../platform/validation/path-input.js';
import { ValidBody, ValidQuery } from '../platform/validation/valid-input.js';
import {
  registrationReceiptSchema,
  residentApplicationPageSchema,
  residentApplicationSchema,
  type RegistrationReceipt,
  type ResidentApplicationPage,
  type ResidentApplicationView,
} from './resident-application.dto.js';
import { ResidentApplicationService } from './resident-application.service.js';

/**
 * Registration is open to anyone, like log-in, so it gets log-in's per-address allowance (each
 * application costs a password hash), counted apart so applicants never use up log-ins.
 */
const REGISTRATION_RATE_LIMIT = {
  rateLimit: { ...LOGIN_RATE_LIMIT.rateLimit, groupId: 'resident-registration' },
};

const REVIEWERS = ['coordinator', 'admin', 'party'] as const;

/** 居民注册: residents apply for an account of their compound; the community decides. */
@ApiTags('residents')
@Controller('residents/applications')
export class ResidentApplicationController {
  constructor(
    @Inject(ResidentApplicationService) private readonly applications: ResidentApplicationService,
  ) {}

  /**
   * 注册申请, without an account. 400 for an unknown or inactive compound and a weak password; 409
   * when the username is taken (by an account or a waiting application). The applicant logs in
   * once the community approves; until then log-in fails as for any unknown name.
   */
  @Public()
  @Post()
  @RouteConfig(REGISTRATION_RATE_LIMIT)
  @ApiZodBody(registerResidentSchema)
  @ApiConflictResponse({ description: 'The username is taken.' })
  @ApiZodResponse(registrationReceiptSchema, 'The application waits for the community.', 201)
  register(
    @ValidBody(registerResidentSchema) input: RegisterResidentInput,
    @RequestLocale() locale: Locale,
  ): Promise<RegistrationReceipt> {
    return this.applications.register(input, locale);
  }

  /** Waiting applications first, oldest first; a community's unit sees its own community's only. */
  @Roles(...REVIEWERS)
  @ApiBearerAuth()
  @Get()
  @ApiZodQuery(listResidentApplicationsQuerySchema)
  @ApiZodResponse(residentApplicationPageSchema, 'Applications in the caller’s community or all.')
  listResidentApplications(
    @CurrentUser() principal: Principal,
    @ValidQuery(listResidentApplicationsQuerySchema) query: ListResidentApplicationsQuery,
  ): Promise<ResidentApplicationPage> {
    return this.applications.list(principal, query);
  }

  /** 通过: makes the resident account (again: the same account). 409 if the username was taken meanwhile. */
  @Roles(...REVIEWERS)
  @ApiBearerAuth()
  @Post(':id/approve')
  @HttpCode(200)
  @ApiNotFoundResponse({ description: 'Unknown application, or one outside the caller’s community.' })
  @ApiConflictResponse({ description: 'Rejected already, or the username is taken now.' })
  @ApiZodResponse(residentApplicationSchema, 'The approved application with its account’s id.')
  approveResidentApplication(
    @CurrentUser() principal: Principal,
    @Param('id') id: string,
    @RequestLocale() locale: Locale,
  ): Promise<ResidentApplicationView> {
    return this.applications.approve(principal, id, locale);
  }

  /** 不予通过, with the reason. */
  @Roles(...REVIEWERS)
  @ApiBearerAuth()
  @Post(':id/reject')
  @HttpCode(200)
  @ApiZodBody(rejectResidentApplicationSchema)
  @ApiNotFoundResponse({ description: 'Unknown application, or one outside the caller’s community.' })
  @ApiConflictResponse({ description: 'Approved already.' })
  @ApiZodResponse(residentApplicationSchema, 'The rejected application.')
  rejectResidentApplication(
    @CurrentUser() principal: Principal,
    @Param('id') id: string,
    @ValidBody(rejectResidentApplicationSchema) input: RejectResidentApplicationInput,
  ): Promise<ResidentApplicationView> {
    return this.applications.reject(principal, id, input);
  }
}

import { Controller, Get, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import {
  createCaseIssueSchema,
  listCasesQuerySchema,
  publishCaseIssueSchema,
  reviewCaseSchema,
  reviseCaseSchema,
  submitCaseSchema,
  updateCaseIssueSchema,
  type CreateCaseIssueInput,
  type ListCasesQuery,
  type Locale,
  type PublishCaseIssueInput,
  type ReviewCaseInput,
  type ReviseCaseInput,
  type SubmitCaseInput,
  type UpdateCaseIssueInput,
} from '@pilot/domain';
import { CurrentUser, Roles } from '../platform/auth/decorators.js';
import type { Principal } from '../platform/auth/principal.js';
import { ApiZodResponse } from '../platform/validation/api-response.js';
import { ApiZodBody, ApiZodQuery } from '../platform/validation/api-schema.js';
import { ApiZodBodyFromPath, RequestLocale, ValidBodyWithPath } from '../platform/validation/path-input.js';
import { ValidBody, ValidQuery } from '../platform/validation/valid-input.js';
import {
  caseIssueListSchema,
  caseIssueSchema,
  microCasePageSchema,
  microCaseSchema,
  type CaseIssueList,
  type CaseIssueView,
  type MicroCasePage,
  type MicroCaseView,
} from './case.dto.js';
import { CaseService } from './case.service.js';

/** The working group reviews and composes; admins may too. Inspectors, residents, units: nothing here. */
const REVIEWERS = ['coordinator', 'admin'] as const;

/** 三微案例 (微创新 · 微服务 · 微实事): firms submit, the working group reviews. */
@ApiTags('cases')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'Unknown case, or one outside the caller’s scope.' })
@Controller('cases')
export class CaseController {
  constructor(@Inject(CaseService) private readonly cases: CaseService) {}

  /** 报送案例: a firm's staff for one of its compounds, with photos uploaded first (POST /evidence). */
  @Roles('firm')
  @Post()
  @ApiZodBody(submitCaseSchema)
  @ApiZodResponse(microCaseSchema, 'The case, awaiting review.', 201)
  submitCase(
    @CurrentUser() principal: Principal,
    @ValidBody(submitCaseSchema) input: SubmitCaseInput,
    @RequestLocale() locale: Locale,
  ): Promise<MicroCaseView> {
    return this.cases.submit(principal, input, locale);
  }

  /** A firm's own cases; the working group's review queue and every case. */
  @Roles('firm', ...REVIEWERS)
  @Get()
  @ApiZodQuery(listCasesQuerySchema)
  @ApiZodResponse(microCasePageSchema, 'Cases in the caller’s scope, with counts per status.')
  listCases(
    @CurrentUser() principal: Principal,
    @ValidQuery(listCasesQuerySchema) query: ListCasesQuery,
  ): Promise<MicroCasePage> {
    return this.cases.list(principal, query);
  }

  @Roles('firm', ...REVIEWERS)
  @Get(':id')
  @ApiZodResponse(microCaseSchema, 'The case with its photos, review and what the caller may do.')
  getCase(@CurrentUser() principal: Principal, @Param('id') id: string): Promise<MicroCaseView> {
    return this.cases.detail(principal, id);
  }

  /** 修改后重新报送 a returned case. */
  @Roles('firm')
  @Post(':id/revise')
  @HttpCode(200)
  @ApiZodBodyFromPath(reviseCaseSchema, 'caseId')
  @ApiConflictResponse({ description: 'The case is not returned for revision.' })
  @ApiZodResponse(microCaseSchema, 'The case, awaiting review again as its next revision.')
  reviseCase(
    @CurrentUser() principal: Principal,
    @ValidBodyWithPath(reviseCaseSchema, 'caseId') input: ReviseCaseInput,
    @RequestLocale() locale: Locale,
  ): Promise<MicroCaseView> {
    return this.cases.revise(principal, input, locale);
  }

  /** 审核: accept (入围), return with a note, or reject with a note. */
  @Roles(...REVIEWERS)
  @Post(':id/review')
  @HttpCode(200)
  @ApiZodBodyFromPath(reviewCaseSchema, 'caseId')
  @ApiConflictResponse({ description: 'The case is not awaiting review.' })
  @ApiZodResponse(microCaseSchema, 'The reviewed case.')
  reviewCase(
    @CurrentUser() principal: Principal,
    @ValidBodyWithPath(reviewCaseSchema, 'caseId') input: ReviewCaseInput,
  ): Promise<MicroCaseView> {
    return this.cases.review(principal, input);
  }
}

/** 三微案例 issues (期): composed from shortlisted cases, published once. */
@ApiTags('cases')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'Unknown issue (a firm sees published ones only).' })
@Controller('case-issues')
export class CaseIssueController {
  constructor(@Inject(CaseService) private readonly cases: CaseService) {}

  @Roles('firm', ...REVIEWERS)
  @Get()
  @ApiZodResponse(caseIssueListSchema, 'Issues (drafts too, for the working group) and the next free number.')
  listCaseIssues(@CurrentUser() principal: Principal): Promise<CaseIssueList> {
    return this.cases.issues(principal);
  }

  @Roles(...REVIEWERS)
  @Post()
  @ApiZodBody(createCaseIssueSchema)
  @ApiConflictResponse({ description: 'The number is taken.' })
  @ApiZodResponse(caseIssueSchema, 'The draft issue with its cases in order.', 201)
  createCaseIssue(
    @CurrentUser() principal: Principal,
    @ValidBody(createCaseIssueSchema) input: CreateCaseIssueInput,
    @RequestLocale() locale: Locale,
  ): Promise<CaseIssueView> {
    return this.cases.createIssue(principal, input, locale);
  }

  @Roles('firm', ...REVIEWERS)
  @Get(':id')
  @ApiZodResponse(caseIssueSchema, 'The issue with its cases in order.')
  getCaseIssue(@CurrentUser() principal: Principal, @Param('id') id: string): Promise<CaseIssueView> {
    return this.cases.issue(principal, id);
  }

  /** A draft's title, foreword and ordered cases. */
  @Roles(...REVIEWERS)
  @Patch(':id')
  @ApiZodBodyFromPath(updateCaseIssueSchema, 'issueId')
  @ApiConflictResponse({ description: 'The issue is published.' })
  @ApiZodResponse(caseIssueSchema, 'The draft issue.')
  updateCaseIssue(
    @CurrentUser() principal: Principal,
    @ValidBodyWithPath(updateCaseIssueSchema, 'issueId') input: UpdateCaseIssueInput,
    @RequestLocale() locale: Locale,
  ): Promise<CaseIssueView> {
    return this.cases.updateIssue(principal, input, locale);
  }

  /** 发布: once, not empty; its cases become 入选. */
  @Roles(...REVIEWERS)
  @Post(':id/publish')
  @HttpCode(200)
  @ApiZodBodyFromPath(publishCaseIssueSchema, 'issueId')
  @ApiConflictResponse({ description: 'Published already, or empty.' })
  @ApiZodResponse(caseIssueSchema, 'The published issue.')
  publishCaseIssue(
    @CurrentUser() principal: Principal,
    @ValidBodyWithPath(publishCaseIssueSchema, 'issueId') input: PublishCaseIssueInput,
  ): Promise<CaseIssueView> {
    return this.cases.publishIssue(principal, input.issueId);
  }
}

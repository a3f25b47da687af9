import { Controller, Get, Inject, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { reportPostersQuerySchema, type ReportPostersQuery } from '@pilot/domain';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '../platform/auth/decorators.js';
import type { Principal } from '../platform/auth/principal.js';
import { ApiFileResponse, ApiZodResponse } from '../platform/validation/api-response.js';
import { ApiZodQuery } from '../platform/validation/api-schema.js';
import { ValidQuery } from '../platform/validation/valid-input.js';
import { reportLinkSchema, type ReportLink } from './resident-application.dto.js';
import { ReportPosterService } from './report-poster.service.js';
import { sendPdf } from '../printing/send-pdf.js';

/** 扫码报事: a compound's report link and its A4 posters, for coordinators and the community's own units. */
@ApiTags('residents')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'Unknown or inactive compound, or one outside the caller’s community.' })
@Roles('coordinator', 'admin', 'party')
@Controller('compounds')
export class ReportPosterController {
  constructor(@Inject(ReportPosterService) private readonly posters: ReportPosterService) {}

  /** Every active compound of a community, one poster a page, to print at once. */
  @Get('report-posters.pdf')
  @ApiZodQuery(reportPostersQuerySchema)
  @ApiServiceUnavailableResponse({ description: 'No Chinese font on the server (pdf_font_missing).' })
  @ApiFileResponse('application/pdf', 'The posters on A4, one page per compound.')
  async printReportPosters(
    @CurrentUser() principal: Principal,
    @ValidQuery(reportPostersQuerySchema) query: ReportPostersQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return sendPdf(reply, await this.posters.posters(principal, query));
  }

  /** A resident reads their own compound's (the report form names it); the others as above. */
  @Roles('coordinator', 'admin', 'party', 'resident')
  @Get(':id/report-link')
  @ApiZodResponse(reportLinkSchema, 'What the compound’s QR code opens.')
  getReportLink(@CurrentUser() principal: Principal, @Param('id') id: string): Promise<ReportLink> {
    return this.posters.link(principal, id);
  }

  @Get(':id/report-poster.pdf')
  @ApiServiceUnavailableResponse({ description: 'No Chinese font on the server (pdf_font_missing).' })
  @ApiFileResponse('application/pdf', 'The compound’s 扫码报事 poster on A4.')
  async printReportPoster(
    @CurrentUser() principal: Principal,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return sendPdf(reply, await this.posters.poster(principal, id));
  }
}

import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  exportPilotsQuerySchema,
  exportRectificationsQuerySchema,
  type ExportPilotsQuery,
  type ExportRectificationsQuery,
} from '@pilot/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, Roles } from '../platform/auth/decorators.js';
import type { Principal } from '../platform/auth/principal.js';
import { ApiZodQuery } from '../platform/validation/api-schema.js';
import { ApiFileResponse } from '../platform/validation/api-response.js';
import { localeOf } from '../platform/validation/locale.js';
import { ValidQuery } from '../platform/validation/valid-input.js';
import { sendCsv } from '../reporting/csv.js';
import { ExportService } from './export.service.js';

/**
 * 报表导出 for admins and coordinators: CSV in UTF-8 with a BOM (so Excel shows Chinese), headers
 * and labels in the caller's language (Accept-Language).
 */
@ApiTags('exports')
@ApiBearerAuth()
@Roles('admin', 'coordinator')
@Controller('exports')
export class ExportController {
  constructor(@Inject(ExportService) private readonly exports: ExportService) {}

  @Get('pilots.csv')
  @ApiZodQuery(exportPilotsQuerySchema)
  @ApiFileResponse(
    'text/csv',
    'One row per pilot: compound, community, firm, stage, phase, round, score, stars, open rectifications.',
  )
  async exportPilotsCsv(
    @CurrentUser() viewer: Principal,
    @ValidQuery(exportPilotsQuerySchema) query: ExportPilotsQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return sendCsv(reply, await this.exports.pilots(viewer, query, localeOf(request)));
  }

  @Get('rectifications.csv')
  @ApiZodQuery(exportRectificationsQuerySchema)
  @ApiFileResponse('text/csv', 'The rectification ledger (整改台账), one row per item.')
  async exportRectificationsCsv(
    @CurrentUser() viewer: Principal,
    @ValidQuery(exportRectificationsQuerySchema) query: ExportRectificationsQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return sendCsv(reply, await this.exports.rectifications(viewer, query, localeOf(request)));
  }
}

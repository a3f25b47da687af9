import { Controller, Get, Inject, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  exportPilotsQuerySchema,
  exportRectificationsQuerySchema,
  exportTasksQuerySchema,
  type ExportPilotsQuery,
  type ExportRectificationsQuery,
  type ExportTasksQuery,
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
import { ledgerCsv, ledgerXlsx, sendXlsx, XLSX_TYPE } from './ledger.js';

/**
 * 报表导出 for admins and coordinators: each ledger as CSV in UTF-8 with a BOM (so Excel shows
 * Chinese) or as .xlsx (header row frozen and filterable), headers and labels in the caller's
 * language (Accept-Language). The two files of a ledger hold the same rows.
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
    return sendCsv(reply, ledgerCsv(await this.exports.pilots(viewer, query, localeOf(request))));
  }

  @Get('pilots.xlsx')
  @ApiZodQuery(exportPilotsQuerySchema)
  @ApiFileResponse(XLSX_TYPE, 'The pilots as an Excel workbook (the rows of pilots.csv).')
  async exportPilotsXlsx(
    @CurrentUser() viewer: Principal,
    @ValidQuery(exportPilotsQuerySchema) query: ExportPilotsQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return sendXlsx(reply, await ledgerXlsx(await this.exports.pilots(viewer, query, localeOf(request))));
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
    return sendCsv(reply, ledgerCsv(await this.exports.rectifications(viewer, query, localeOf(request))));
  }

  @Get('rectifications.xlsx')
  @ApiZodQuery(exportRectificationsQuerySchema)
  @ApiFileResponse(XLSX_TYPE, 'The rectification ledger (整改台账) as an Excel workbook.')
  async exportRectificationsXlsx(
    @CurrentUser() viewer: Principal,
    @ValidQuery(exportRectificationsQuerySchema) query: ExportRectificationsQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return sendXlsx(
      reply,
      await ledgerXlsx(await this.exports.rectifications(viewer, query, localeOf(request))),
    );
  }

  @Get('tasks.csv')
  @ApiZodQuery(exportTasksQuerySchema)
  @ApiFileResponse('text/csv', 'The inspection task ledger (检查任务), the task list’s filters, every page.')
  async exportTasksCsv(
    @CurrentUser() viewer: Principal,
    @ValidQuery(exportTasksQuerySchema) query: ExportTasksQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return sendCsv(reply, ledgerCsv(await this.exports.tasks(viewer, query, localeOf(request))));
  }

  @Get('tasks.xlsx')
  @ApiZodQuery(exportTasksQuerySchema)
  @ApiFileResponse(XLSX_TYPE, 'The inspection task ledger (检查任务) as an Excel workbook.')
  async exportTasksXlsx(
    @CurrentUser() viewer: Principal,
    @ValidQuery(exportTasksQuerySchema) query: ExportTasksQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return sendXlsx(reply, await ledgerXlsx(await this.exports.tasks(viewer, query, localeOf(request))));
  }
}

import { Controller, Get, Inject, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { printChecklistQuerySchema, type PrintChecklistQuery } from '@pilot/domain';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '../platform/auth/decorators.js';
import type { Principal } from '../platform/auth/principal.js';
import { ApiZodQuery } from '../platform/validation/api-schema.js';
import { ApiFileResponse } from '../platform/validation/api-response.js';
import { ValidQuery } from '../platform/validation/valid-input.js';
import { PrintingService } from './printing.service.js';
import { sendPdf } from './send-pdf.js';

/** 打印: checklists as A4 PDFs, for whoever inspects or is inspected (each within their own scope). */
@ApiTags('printing')
@ApiBearerAuth()
@ApiNotFoundResponse({
  description: 'Unknown compound, task or catalogue version, or one outside the caller’s scope.',
})
@ApiServiceUnavailableResponse({ description: 'No Chinese font on the server (pdf_font_missing).' })
@Roles('admin', 'coordinator', 'inspector', 'firm')
@Controller('printing')
export class PrintingController {
  constructor(@Inject(PrintingService) private readonly printing: PrintingService) {}

  /** 周检查表 (blank), for paper days: of one compound (name printed, 不适用 items marked) or of none. */
  @Get('weekly-checklist.pdf')
  @ApiZodQuery(printChecklistQuerySchema)
  @ApiFileResponse('application/pdf', 'The blank weekly checklist (35 items) on A4.')
  async printWeeklyChecklist(
    @CurrentUser() viewer: Principal,
    @ValidQuery(printChecklistQuerySchema) query: PrintChecklistQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return sendPdf(reply, await this.printing.blankWeeklyChecklist(viewer, query));
  }

  /** A task's checklist: filled from its submitted result, or blank with the task's details before that. */
  @Get('tasks/:id/checklist.pdf')
  @ApiFileResponse('application/pdf', 'The task’s checklist on A4, filled once the inspection is submitted.')
  async printTaskChecklist(
    @CurrentUser() viewer: Principal,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return sendPdf(reply, await this.printing.taskChecklist(viewer, id));
  }
}

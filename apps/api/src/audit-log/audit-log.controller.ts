import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  auditLogTextQuerySchema,
  exportAuditLogQuerySchema,
  searchAuditLogQuerySchema,
  type AuditLogTextQuery,
  type ExportAuditLogQuery,
  type SearchAuditLogQuery,
} from '@pilot/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from '../platform/auth/decorators.js';
import { ApiZodQuery } from '../platform/validation/api-schema.js';
import { ApiFileResponse, ApiZodResponse } from '../platform/validation/api-response.js';
import { localeOf } from '../platform/validation/locale.js';
import { ValidQuery } from '../platform/validation/valid-input.js';
import { sendCsv } from '../reporting/csv.js';
import {
  auditChainCheckSchema,
  auditPageSchema,
  type AuditChainCheck,
  type AuditPage,
} from './audit-log.dto.js';
import { AuditLogService } from './audit-log.service.js';

/** 审计日志: admins search the log, export it, and check that nobody altered it. */
@ApiTags('audit')
@ApiBearerAuth()
@Roles('admin')
@Controller('audit')
export class AuditLogController {
  constructor(@Inject(AuditLogService) private readonly audit: AuditLogService) {}

  /**
   * `q` is free text over the action and entity type, by code or by the words shown for them
   * (e.g. 管控 finds `rectification.control`); it is validated on its own because the filters'
   * schema is shared with the export, which takes it too.
   */
  @Get()
  @ApiZodQuery(searchAuditLogQuerySchema)
  @ApiZodQuery(auditLogTextQuerySchema)
  @ApiZodResponse(auditPageSchema, 'Matching entries, newest first.')
  searchAuditLog(
    @ValidQuery(searchAuditLogQuerySchema) query: SearchAuditLogQuery,
    @ValidQuery(auditLogTextQuerySchema) text: AuditLogTextQuery,
  ): Promise<AuditPage> {
    return this.audit.search(query, text);
  }

  /**
   * Recomputes every stream's keyed chain and the checkpoints, and holds them to the anchors kept
   * outside the database: names the first broken link and the newest anchor that still holds.
   */
  @Get('verify')
  @ApiZodResponse(auditChainCheckSchema, 'Whether the chain is intact.')
  verifyAuditChain(): Promise<AuditChainCheck> {
    return this.audit.verify();
  }

  @Get('export.csv')
  @ApiZodQuery(exportAuditLogQuerySchema)
  @ApiZodQuery(auditLogTextQuerySchema)
  @ApiFileResponse('text/csv', 'The matching entries as CSV (UTF-8 with BOM), oldest first.')
  async exportAuditLogCsv(
    @ValidQuery(exportAuditLogQuerySchema) query: ExportAuditLogQuery,
    @ValidQuery(auditLogTextQuerySchema) text: AuditLogTextQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return sendCsv(reply, await this.audit.exportCsv(query, localeOf(request), text));
  }
}

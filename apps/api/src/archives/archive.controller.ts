import { Controller, Get, Inject, Param, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  exportArchivesQuerySchema,
  listArchivesQuerySchema,
  type ExportArchivesQuery,
  type ListArchivesQuery,
} from '@pilot/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ledgerCsv, ledgerXlsx, sendXlsx, XLSX_TYPE } from '../exports/ledger.js';
import { CurrentUser, Roles } from '../platform/auth/decorators.js';
import type { Principal } from '../platform/auth/principal.js';
import { ApiZodQuery } from '../platform/validation/api-schema.js';
import { ApiFileResponse, ApiZodResponse } from '../platform/validation/api-response.js';
import { ValidQuery } from '../platform/validation/valid-input.js';
import { localeOf } from '../platform/validation/locale.js';
import { contentDisposition, sendCsv } from '../reporting/csv.js';
import {
  archivePageSchema,
  archiveSummarySchema,
  type ArchivePage,
  type ArchiveSummary,
} from './archive.dto.js';
import { ArchiveBookService } from './archive-book.service.js';
import { ArchiveService } from './archive.service.js';

/** 档案: round archives, for whoever may see the pilot (an inspector theirs, a firm its own). */
@ApiTags('archives')
@ApiBearerAuth()
@Roles('admin', 'coordinator', 'inspector', 'firm')
@Controller('archives')
export class ArchiveController {
  constructor(
    @Inject(ArchiveService) private readonly archives: ArchiveService,
    @Inject(ArchiveBookService) private readonly books: ArchiveBookService,
  ) {}

  @Get()
  @ApiZodQuery(listArchivesQuerySchema)
  @ApiZodResponse(archivePageSchema, 'Archives, newest first.')
  listArchives(
    @CurrentUser() viewer: Principal,
    @ValidQuery(listArchivesQuerySchema) query: ListArchivesQuery,
  ): Promise<ArchivePage> {
    return this.archives.list(viewer, query);
  }

  /** 档案目录 as CSV: every archive the filter selects, with the hashes of its JSON file and file book. */
  @Get('index.csv')
  @ApiZodQuery(exportArchivesQuerySchema)
  @ApiFileResponse('text/csv', 'The archive index (档案目录), one row per archived round.')
  async exportArchiveIndexCsv(
    @CurrentUser() viewer: Principal,
    @ValidQuery(exportArchivesQuerySchema) query: ExportArchivesQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return sendCsv(reply, ledgerCsv(await this.archives.index(viewer, query, localeOf(request))));
  }

  @Get('index.xlsx')
  @ApiZodQuery(exportArchivesQuerySchema)
  @ApiFileResponse(XLSX_TYPE, 'The archive index (档案目录) as an Excel workbook.')
  async exportArchiveIndexXlsx(
    @CurrentUser() viewer: Principal,
    @ValidQuery(exportArchivesQuerySchema) query: ExportArchivesQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return sendXlsx(reply, await ledgerXlsx(await this.archives.index(viewer, query, localeOf(request))));
  }

  @Get(':id')
  @ApiZodResponse(archiveSummarySchema, 'One archive and its index.')
  getArchive(@CurrentUser() viewer: Principal, @Param('id') id: string): Promise<ArchiveSummary> {
    return this.archives.get(viewer, id);
  }

  /** The archived JSON document, byte for byte; 409 when the stored file no longer matches its hash. */
  @Get(':id/download')
  @ApiFileResponse('application/json', 'The archive document exactly as it was stored.', {
    type: 'object',
    additionalProperties: true,
    description: 'archive, index, tasks, results, rectifications, evidence',
  })
  async downloadArchive(
    @CurrentUser() viewer: Principal,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const file = await this.archives.download(viewer, id);
    void reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', contentDisposition(file.fileName, file.asciiFileName))
      .header('etag', `"sha256-${file.contentHash}"`)
      .header('x-content-sha256', file.contentHash);
    return Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
  }

  /**
   * 档案册: the round's file book as a PDF to print and sign. Made from the archive on the first
   * download and stored with its sha256; later downloads serve those bytes, refused (409) when the
   * stored file no longer matches.
   */
  @Get(':id/book.pdf')
  @ApiFileResponse('application/pdf', 'The file book (档案册) of the archived round.')
  async downloadArchiveBook(
    @CurrentUser() viewer: Principal,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const book = await this.books.download(viewer, id);
    void reply
      .header('content-disposition', contentDisposition(book.fileName, book.asciiFileName))
      .header('etag', `"sha256-${book.sha256}"`)
      .header('x-content-sha256', book.sha256)
      .header('cache-control', 'private, no-store');
    return new StreamableFile(book.stream, { type: 'application/pdf', length: book.sizeBytes });
  }
}

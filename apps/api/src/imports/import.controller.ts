import { Controller, Get, Inject, Param, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { applyImportSchema, IMPORT_SHEETS, type ApplyImportInput, type Locale } from '@pilot/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, Roles } from '../platform/auth/decorators.js';
import type { Principal } from '../platform/auth/principal.js';
import { InvalidInputError } from '../platform/errors/api-errors.js';
import { MultipartForm, readMultipartForm } from '../platform/multipart/multipart-form.js';
import { ApiFileResponse, ApiZodResponse } from '../platform/validation/api-response.js';
import { ApiZodBody } from '../platform/validation/api-schema.js';
import { RequestLocale } from '../platform/validation/path-input.js';
import { ValidBody } from '../platform/validation/valid-input.js';
import { IMPORT_FORM, importTemplate, XLSX_TYPE } from './import-files.js';
import {
  appliedImportSchema,
  importJobListSchema,
  importJobSchema,
  type AppliedImport,
  type ImportJobView,
} from './import.dto.js';
import { ImportService } from './import.service.js';

/** 批量导入: 小区台账, 物业企业名录 and 账号 from the subdistrict's own spreadsheets (admins). */
@ApiTags('imports')
@ApiBearerAuth()
@Roles('admin')
@Controller('imports')
export class ImportController {
  constructor(@Inject(ImportService) private readonly imports: ImportService) {}

  /** The template: Chinese headers, an example row, drop-down lists and instructions. */
  @Get('templates/:kind')
  @ApiFileResponse(XLSX_TYPE, 'The .xlsx template of compounds, firms or users.')
  async downloadTemplate(
    @Param('kind') kindText: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const kind = this.imports.kindOf(kindText);
    const bytes = await importTemplate(kind);
    void reply.header('cache-control', 'no-store');
    return new StreamableFile(bytes, {
      type: XLSX_TYPE,
      length: bytes.byteLength,
      disposition: `attachment; filename*=UTF-8''${encodeURIComponent(`${IMPORT_SHEETS[kind].title.zh}导入模板.xlsx`)}`,
    });
  }

  @Get()
  @ApiZodResponse(importJobListSchema, 'The 20 latest imports.')
  async listImports(): Promise<{ items: ImportJobView[] }> {
    return { items: await this.imports.list() };
  }

  /** An import's report and, while it is applied, its progress. */
  @Get(':id')
  @ApiZodResponse(importJobSchema, 'The import, its problems and what applying it does or did.')
  getImport(@Param('id') id: string): Promise<ImportJobView> {
    return this.imports.get(id);
  }

  /** The dry run: one file (`file`: .xlsx or .csv), checked in full; nothing but the report is kept. */
  @Post(':kind')
  @MultipartForm(IMPORT_FORM)
  @ApiBody({
    description:
      'One part `file`: an .xlsx workbook or a .csv file (UTF-8 or GB18030) laid out like the template.',
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiZodResponse(
    importJobSchema,
    'The checked sheet: every problem by row and column, and what applying would do.',
    201,
  )
  async checkImport(
    @CurrentUser() actor: Principal,
    @Param('kind') kindText: string,
    @Req() request: FastifyRequest,
    @RequestLocale() locale: Locale,
  ): Promise<ImportJobView> {
    const kind = this.imports.kindOf(kindText);
    const form = await readMultipartForm(request, IMPORT_FORM, locale);
    const file = form.files.find((candidate) => candidate.fieldName === 'file');
    if (!file || form.files.length !== 1) {
      throw new InvalidInputError([
        {
          path: 'file',
          message:
            locale === 'en' ? 'Upload exactly one file in the field "file".' : '请在 file 字段上传一个文件。',
        },
      ]);
    }
    return this.imports.check(actor, kind, { fileName: file.fileName, bytes: file.bytes }, locale);
  }

  /** Applies a checked file; again for the same job answers what it did, changing nothing. */
  @Post(':id/apply')
  @ApiZodBody(applyImportSchema)
  @ApiZodResponse(
    appliedImportSchema,
    'What was created, updated and left alone, and the new accounts’ initial passwords.',
    201,
  )
  applyImport(
    @CurrentUser() actor: Principal,
    @Param('id') id: string,
    @ValidBody(applyImportSchema) input: ApplyImportInput,
    @RequestLocale() locale: Locale,
  ): Promise<AppliedImport> {
    return this.imports.apply(actor, id, input, locale);
  }
}

import { Controller, Get, Inject, Param, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { Locale } from '@pilot/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MAX_UPLOAD_BYTES } from '../platform/upload-limits.js';
import { CurrentUser, Roles } from '../platform/auth/decorators.js';
import type { Principal } from '../platform/auth/principal.js';
import { ApiFileResponse, ApiZodResponse } from '../platform/validation/api-response.js';
import { RequestLocale } from '../platform/validation/path-input.js';
import { MultipartForm } from '../platform/multipart/multipart-form.js';
import { EVIDENCE_FORM, EVIDENCE_TYPES, readUploadForm } from './evidence-files.js';
import { evidenceUploadSchema, type EvidenceUpload } from './evidence.dto.js';
import { EvidenceService } from './evidence.service.js';

/** 佐证材料: photos, records and documents attached to inspections and rectification answers. */
@ApiTags('evidence')
@ApiBearerAuth()
@Roles('coordinator', 'admin', 'inspector', 'firm', 'resident', 'party')
@Controller('evidence')
export class EvidenceController {
  constructor(@Inject(EvidenceService) private readonly evidence: EvidenceService) {}

  /**
   * Upload one or more files for a pilot (`pilotId`), or photos for a matter (`matterId`, or no id
   * for a report being written); 413 above the size limit, 415 for other types.
   */
  @Post()
  @MultipartForm(EVIDENCE_FORM)
  @ApiBody({
    description: `Field \`pilotId\` (a pilot's files), \`matterId\` or neither (a matter's photos: JPEG, PNG, WebP) and up to 10 parts \`file\` (${EVIDENCE_TYPES.join(', ')}; at most ${MAX_UPLOAD_BYTES} bytes each).`,
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        pilotId: { type: 'string' },
        matterId: { type: 'string' },
        file: { type: 'array', items: { type: 'string', format: 'binary' } },
      },
    },
  })
  @ApiZodResponse(evidenceUploadSchema, 'The stored files, with their size and SHA-256.', 201)
  async uploadEvidence(
    @CurrentUser() principal: Principal,
    @Req() request: FastifyRequest,
    @RequestLocale() locale: Locale,
  ): Promise<EvidenceUpload> {
    const form = await readUploadForm(request, locale);
    return this.evidence.upload(principal, form, locale);
  }

  /** The file itself, for its pilot's participants, the people who see its matter, and its uploader. */
  @Get(':id')
  @ApiFileResponse(
    'application/octet-stream',
    'The file, with its own content type (JPEG, PNG, WebP or PDF).',
  )
  async downloadEvidence(
    @CurrentUser() principal: Principal,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const { evidence, bytes } = await this.evidence.download(principal, id);
    // Served from the API's own origin: nothing in an uploaded file may run as a page of it.
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('content-security-policy', "default-src 'none'; sandbox");
    void reply.header('x-evidence-sha256', evidence.sha256);
    return new StreamableFile(Buffer.from(bytes), {
      type: evidence.contentType,
      length: evidence.sizeBytes,
      disposition: `inline; filename*=UTF-8''${encodeURIComponent(evidence.fileName)}`,
    });
  }
}

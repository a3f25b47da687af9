import { Controller, Get, Headers, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  disclosurePreviewQuerySchema,
  listDisclosureSnapshotsQuerySchema,
  publishDisclosureSchema,
  type DisclosurePreviewQuery,
  type ListDisclosureSnapshotsQuery,
  type Locale,
  type PublishDisclosureInput,
} from '@pilot/domain';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Public, Roles } from '../platform/auth/decorators.js';
import type { Principal } from '../platform/auth/principal.js';
import { ApiZodResponse } from '../platform/validation/api-response.js';
import { ApiZodBody, ApiZodQuery } from '../platform/validation/api-schema.js';
import { RequestLocale } from '../platform/validation/path-input.js';
import { ValidBody, ValidQuery } from '../platform/validation/valid-input.js';
import {
  disclosurePreviewSchema,
  disclosureSnapshotListSchema,
  disclosureSnapshotSummarySchema,
  publicDisclosureSchema,
  type DisclosurePreview,
  type DisclosureSnapshotList,
  type DisclosureSnapshotSummary,
} from './disclosure.dto.js';
import { DisclosureService } from './disclosure.service.js';

/** 信息公开 for admins: what would be published, publishing it, and what was. */
@ApiTags('disclosure')
@ApiBearerAuth()
@Roles('admin')
@Controller('disclosure')
export class DisclosureController {
  constructor(@Inject(DisclosureService) private readonly disclosure: DisclosureService) {}

  @Get('preview')
  @ApiZodQuery(disclosurePreviewQuerySchema)
  @ApiZodResponse(disclosurePreviewSchema, 'The content the chosen sections would publish now.')
  previewDisclosure(
    @ValidQuery(disclosurePreviewQuerySchema) query: DisclosurePreviewQuery,
    @RequestLocale() locale: Locale,
  ): Promise<DisclosurePreview> {
    return this.disclosure.preview(query, locale);
  }

  /** 发布: a snapshot of the chosen sections as they stand; the public page serves the newest. */
  @Post('snapshots')
  @ApiZodBody(publishDisclosureSchema)
  @ApiZodResponse(disclosureSnapshotSummarySchema, 'The published snapshot.', 201)
  publishDisclosure(
    @CurrentUser() principal: Principal,
    @ValidBody(publishDisclosureSchema) input: PublishDisclosureInput,
    @RequestLocale() locale: Locale,
  ): Promise<DisclosureSnapshotSummary> {
    return this.disclosure.publish(principal, input, locale);
  }

  @Get('snapshots')
  @ApiZodQuery(listDisclosureSnapshotsQuerySchema)
  @ApiZodResponse(disclosureSnapshotListSchema, 'The snapshots published, newest first (at most 50).')
  listDisclosureSnapshots(
    @ValidQuery(listDisclosureSnapshotsQuerySchema) query: ListDisclosureSnapshotsQuery,
  ): Promise<DisclosureSnapshotList> {
    return this.disclosure.history(query);
  }
}

/** Whether `If-None-Match` names this ETag (a list, `*`, or a weak form of it). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}

/**
 * The public page's data, without logging in: residents open it from a shared link. A snapshot
 * never changes, so its ETag is its content's hash; browsers and proxies keep it a minute and
 * revalidate with a 304 after that.
 */
@ApiTags('public')
@Controller('public')
export class PublicDisclosureController {
  constructor(@Inject(DisclosureService) private readonly disclosure: DisclosureService) {}

  @Public()
  @Get('subdistricts/:name')
  @ApiZodResponse(publicDisclosureSchema, 'The newest snapshot the subdistrict published.')
  @ApiResponse({ status: 304, description: 'Not modified (If-None-Match names the current ETag).' })
  @ApiNotFoundResponse({ description: 'Nothing published for this subdistrict.' })
  async publicDisclosure(
    @Param('name') name: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const served = await this.disclosure.served(name);
    void reply
      .header('etag', served.etag)
      .header('cache-control', 'public, max-age=60, stale-while-revalidate=600')
      .header('vary', 'accept-encoding');
    if (matches(ifNoneMatch, served.etag)) {
      await reply.status(304).send();
      return;
    }
    await reply.status(200).header('content-type', 'application/json; charset=utf-8').send(served.json);
  }
}

import { Controller, Get, HttpCode, Inject, Param, Patch, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  createCatalogueDraftSchema,
  draftCatalogueVersionSchema,
  listCatalogueVersionsQuerySchema,
  publishCatalogueVersionSchema,
  updateCatalogueDraftSchema,
  type CreateCatalogueDraftInput,
  type DraftCatalogueVersionInput,
  type ListCatalogueVersionsQuery,
  type PublishCatalogueVersionInput,
  type UpdateCatalogueDraftInput,
} from '@pilot/domain';
import type { FastifyRequest } from 'fastify';
import { CurrentUser, Roles } from '../platform/auth/decorators.js';
import type { Principal } from '../platform/auth/principal.js';
import { ApiZodBody, ApiZodQuery } from '../platform/validation/api-schema.js';
import { ApiZodResponse } from '../platform/validation/api-response.js';
import { localeOf } from '../platform/validation/locale.js';
import { ValidBody, ValidQuery } from '../platform/validation/valid-input.js';
import {
  catalogueVersionDetailSchema,
  catalogueVersionPageSchema,
  catalogueVersionSummarySchema,
  type CatalogueVersionDetail,
  type CatalogueVersionPage,
  type CatalogueVersionSummary,
} from './catalogue.dto.js';
import { CatalogueService } from './catalogue.service.js';

/**
 * 评价标准目录: the admin owns the catalogue's versions; coordinators, inspectors and firms read
 * the published ones (drafts are invisible to them).
 */
@ApiTags('catalogue')
@ApiBearerAuth()
@Controller('catalogue/versions')
export class CatalogueController {
  constructor(@Inject(CatalogueService) private readonly catalogues: CatalogueService) {}

  @Get()
  @Roles('admin', 'coordinator', 'inspector', 'firm')
  @ApiZodQuery(listCatalogueVersionsQuerySchema)
  @ApiZodResponse(catalogueVersionPageSchema, 'Versions, newest first, without their content.')
  listCatalogueVersions(
    @CurrentUser() viewer: Principal,
    @ValidQuery(listCatalogueVersionsQuerySchema) query: ListCatalogueVersionsQuery,
  ): Promise<CatalogueVersionPage> {
    return this.catalogues.list(viewer, query);
  }

  @Get(':id')
  @Roles('admin', 'coordinator', 'inspector', 'firm')
  @ApiZodResponse(
    catalogueVersionDetailSchema,
    'One version with its categories, standards and weekly checklist.',
  )
  getCatalogueVersion(
    @CurrentUser() viewer: Principal,
    @Param('id') id: string,
  ): Promise<CatalogueVersionDetail> {
    return this.catalogues.get(viewer, id);
  }

  /** 起草: a new draft from a published version plus changes; 400 lists what makes it invalid. */
  @Post()
  @Roles('admin')
  @ApiZodBody(createCatalogueDraftSchema)
  @ApiZodResponse(catalogueVersionDetailSchema, 'The new draft.', 201)
  createCatalogueDraft(
    @CurrentUser() actor: Principal,
    @ValidBody(createCatalogueDraftSchema) input: CreateCatalogueDraftInput,
    @Req() request: FastifyRequest,
  ): Promise<CatalogueVersionDetail> {
    return this.catalogues.createDraft(actor, input, localeOf(request));
  }

  /** Further changes to a draft; 409 once it is published or used. */
  @Patch(':id')
  @Roles('admin')
  @ApiZodBody(updateCatalogueDraftSchema)
  @ApiZodResponse(catalogueVersionDetailSchema, 'The changed draft.')
  updateCatalogueDraft(
    @CurrentUser() actor: Principal,
    @Param('id') id: string,
    @ValidBody(updateCatalogueDraftSchema) input: UpdateCatalogueDraftInput,
    @Req() request: FastifyRequest,
  ): Promise<CatalogueVersionDetail> {
    return this.catalogues.updateDraft(actor, id, input, localeOf(request));
  }

  /** The draft's whole content replaced (an editor that posts the full catalogue); 409 once published or used. */
  @Put(':id')
  @Roles('admin')
  @ApiZodBody(draftCatalogueVersionSchema)
  @ApiZodResponse(catalogueVersionDetailSchema, 'The replaced draft.')
  replaceCatalogueDraft(
    @CurrentUser() actor: Principal,
    @Param('id') id: string,
    @ValidBody(draftCatalogueVersionSchema) input: DraftCatalogueVersionInput,
    @Req() request: FastifyRequest,
  ): Promise<CatalogueVersionDetail> {
    return this.catalogues.replaceDraft(actor, id, input, localeOf(request));
  }

  /** 发布: quote the fingerprint reviewed; 409 when the draft changed since. */
  @Post(':id/publish')
  @HttpCode(200)
  @Roles('admin')
  @ApiZodBody(publishCatalogueVersionSchema)
  @ApiZodResponse(catalogueVersionSummarySchema, 'The published version.')
  publishCatalogueVersion(
    @CurrentUser() actor: Principal,
    @Param('id') id: string,
    @ValidBody(publishCatalogueVersionSchema) input: PublishCatalogueVersionInput,
    @Req() request: FastifyRequest,
  ): Promise<CatalogueVersionSummary> {
    return this.catalogues.publish(actor, id, input, localeOf(request));
  }
}

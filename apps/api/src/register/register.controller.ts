import { Controller, Get, Inject, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  createCommunitySchema,
  createCompoundSchema,
  createFirmSchema,
  listCommunitiesQuerySchema,
  listFirmsQuerySchema,
  updateCommunitySchema,
  updateCompoundSchema,
  updateFirmSchema,
  type CreateCommunityInput,
  type CreateCompoundInput,
  type CreateFirmInput,
  type ListCommunitiesQuery,
  type ListFirmsQuery,
  type Locale,
  type UpdateCommunityInput,
  type UpdateCompoundInput,
  type UpdateFirmInput,
} from '@pilot/domain';
import { CurrentUser, Roles } from '../platform/auth/decorators.js';
import type { Principal } from '../platform/auth/principal.js';
import { ApiZodResponse } from '../platform/validation/api-response.js';
import { ApiZodBody, ApiZodQuery } from '../platform/validation/api-schema.js';
import { RequestLocale } from '../platform/validation/path-input.js';
import { ValidBody, ValidQuery } from '../platform/validation/valid-input.js';
import {
  communityPageSchema,
  communityViewSchema,
  compoundRecordSchema,
  firmPageSchema,
  firmViewSchema,
  type CommunityPage,
  type CommunityView,
  type CompoundRecord,
  type FirmPage,
  type FirmView,
} from './register.dto.js';
import { RegisterService } from './register.service.js';

/** 社区: the subdistrict's communities. Coordinators read them; admins keep them. */
@ApiTags('register')
@ApiBearerAuth()
@Controller('communities')
export class CommunityController {
  constructor(@Inject(RegisterService) private readonly register: RegisterService) {}

  @Roles('admin', 'coordinator')
  @Get()
  @ApiZodQuery(listCommunitiesQuerySchema)
  @ApiZodResponse(communityPageSchema, 'Communities, with how many compounds each has.')
  listCommunities(
    @ValidQuery(listCommunitiesQuerySchema) query: ListCommunitiesQuery,
  ): Promise<CommunityPage> {
    return this.register.listCommunities(query);
  }

  @Roles('admin')
  @Post()
  @ApiZodBody(createCommunitySchema)
  @ApiZodResponse(communityViewSchema, 'The created community.', 201)
  createCommunity(
    @CurrentUser() actor: Principal,
    @ValidBody(createCommunitySchema) input: CreateCommunityInput,
    @RequestLocale() locale: Locale,
  ): Promise<CommunityView> {
    return this.register.createCommunity(actor, input, locale);
  }

  /** Edit, or deactivate (`active: false`) once no active compound belongs to it. */
  @Roles('admin')
  @Patch(':id')
  @ApiZodBody(updateCommunitySchema)
  @ApiZodResponse(communityViewSchema, 'The community as changed.')
  updateCommunity(
    @CurrentUser() actor: Principal,
    @Param('id') id: string,
    @ValidBody(updateCommunitySchema) patch: UpdateCommunityInput,
    @RequestLocale() locale: Locale,
  ): Promise<CommunityView> {
    return this.register.updateCommunity(actor, id, patch, locale);
  }
}

/** 物业企业名录: the firms serving the subdistrict, with their credit code and contacts. */
@ApiTags('register')
@ApiBearerAuth()
@Controller('firms')
export class FirmController {
  constructor(@Inject(RegisterService) private readonly register: RegisterService) {}

  @Roles('admin', 'coordinator')
  @Get()
  @ApiZodQuery(listFirmsQuerySchema)
  @ApiZodResponse(firmPageSchema, 'Firms, with how many compounds and accounts each has.')
  listFirms(@ValidQuery(listFirmsQuerySchema) query: ListFirmsQuery): Promise<FirmPage> {
    return this.register.listFirms(query);
  }

  @Roles('admin', 'coordinator')
  @Get(':id')
  @ApiZodResponse(firmViewSchema, 'One firm.')
  getFirm(@Param('id') id: string): Promise<FirmView> {
    return this.register.firm(id);
  }

  @Roles('admin')
  @Post()
  @ApiZodBody(createFirmSchema)
  @ApiZodResponse(firmViewSchema, 'The created firm.', 201)
  createFirm(
    @CurrentUser() actor: Principal,
    @ValidBody(createFirmSchema) input: CreateFirmInput,
    @RequestLocale() locale: Locale,
  ): Promise<FirmView> {
    return this.register.createFirm(actor, input, locale);
  }

  /** Edit, or deactivate once it serves no active compound and runs no pilot. */
  @Roles('admin')
  @Patch(':id')
  @ApiZodBody(updateFirmSchema)
  @ApiZodResponse(firmViewSchema, 'The firm as changed.')
  updateFirm(
    @CurrentUser() actor: Principal,
    @Param('id') id: string,
    @ValidBody(updateFirmSchema) patch: UpdateFirmInput,
    @RequestLocale() locale: Locale,
  ): Promise<FirmView> {
    return this.register.updateFirm(actor, id, patch, locale);
  }
}

/** 小区台账: a compound's register record (the list with pilots is GET /compounds). */
@ApiTags('register')
@ApiBearerAuth()
@Controller('compounds')
export class CompoundRegisterController {
  constructor(@Inject(RegisterService) private readonly register: RegisterService) {}

  @Roles('admin', 'coordinator')
  @Get(':id/record')
  @ApiZodResponse(compoundRecordSchema, 'The compound’s register record.')
  getCompoundRecord(@Param('id') id: string): Promise<CompoundRecord> {
    return this.register.compound(id);
  }

  @Roles('admin')
  @Post()
  @ApiZodBody(createCompoundSchema)
  @ApiZodResponse(compoundRecordSchema, 'The created compound.', 201)
  createCompound(
    @CurrentUser() actor: Principal,
    @ValidBody(createCompoundSchema) input: CreateCompoundInput,
    @RequestLocale() locale: Locale,
  ): Promise<CompoundRecord> {
    return this.register.createCompound(actor, input, locale);
  }

  /** Edit, hand over to another firm, or deactivate — the last two not while its pilot runs. */
  @Roles('admin')
  @Patch(':id')
  @ApiZodBody(updateCompoundSchema)
  @ApiZodResponse(compoundRecordSchema, 'The compound as changed.')
  updateCompound(
    @CurrentUser() actor: Principal,
    @Param('id') id: string,
    @ValidBody(updateCompoundSchema) patch: UpdateCompoundInput,
    @RequestLocale() locale: Locale,
  ): Promise<CompoundRecord> {
    return this.register.updateCompound(actor, id, patch, locale);
  }
}

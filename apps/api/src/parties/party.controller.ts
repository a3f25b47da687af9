import { Controller, Get, Inject, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  createPartySchema,
  updatePartySchema,
  type CreatePartyInput,
  type Locale,
  type UpdatePartyInput,
} from '@pilot/domain';
import { CurrentUser, Roles } from '../platform/auth/decorators.js';
import type { Principal } from '../platform/auth/principal.js';
import { ApiZodResponse } from '../platform/validation/api-response.js';
import { ApiZodBody } from '../platform/validation/api-schema.js';
import { RequestLocale } from '../platform/validation/path-input.js';
import { ValidBody } from '../platform/validation/valid-input.js';
import { partyListSchema, partyViewSchema, type PartyList, type PartyView } from './party.dto.js';
import { PartyService } from './party.service.js';

/** 1+4+N 联动单位: the pickers of 分类定责 and 联动 read them; admins keep them. */
@ApiTags('parties')
@ApiBearerAuth()
@Controller('parties')
export class PartyController {
  constructor(@Inject(PartyService) private readonly parties: PartyService) {}

  /** Active units for the pickers; an admin also sees the deactivated ones. */
  @Roles('coordinator', 'admin', 'firm', 'party')
  @Get()
  @ApiZodResponse(partyListSchema, 'Partner units, by kind and code.')
  listParties(@CurrentUser() principal: Principal): Promise<PartyList> {
    return this.parties.list(principal.role === 'admin');
  }

  @Roles('admin')
  @Post()
  @ApiZodBody(createPartySchema)
  @ApiZodResponse(partyViewSchema, 'The created unit.', 201)
  createParty(
    @CurrentUser() actor: Principal,
    @ValidBody(createPartySchema) input: CreatePartyInput,
    @RequestLocale() locale: Locale,
  ): Promise<PartyView> {
    return this.parties.create(actor, input, locale);
  }

  /** Edit, or deactivate (`active: false`): matters already with it keep it. */
  @Roles('admin')
  @Patch(':id')
  @ApiZodBody(updatePartySchema)
  @ApiZodResponse(partyViewSchema, 'The unit as changed.')
  updateParty(
    @CurrentUser() actor: Principal,
    @Param('id') id: string,
    @ValidBody(updatePartySchema) patch: UpdatePartyInput,
    @RequestLocale() locale: Locale,
  ): Promise<PartyView> {
    return this.parties.update(actor, id, patch, locale);
  }
}

import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { listCompoundsQuerySchema, type ListCompoundsQuery } from '@pilot/domain';
import { CurrentUser, Roles } from '../platform/auth/decorators.js';
import type { Principal } from '../platform/auth/principal.js';
import { ApiZodResponse } from '../platform/validation/api-response.js';
import { ApiZodQuery } from '../platform/validation/api-schema.js';
import { ValidQuery } from '../platform/validation/valid-input.js';
import { compoundPageSchema, type CompoundPage } from './compound.dto.js';
import { CompoundService } from './compound.service.js';

/** 小区: a firm user's own compounds (coordinators and admins may list and filter all). */
@ApiTags('compounds')
@ApiBearerAuth()
@Controller('compounds')
export class CompoundController {
  constructor(@Inject(CompoundService) private readonly compounds: CompoundService) {}

  @Roles('firm', 'coordinator', 'admin')
  @Get()
  @ApiZodQuery(listCompoundsQuerySchema)
  @ApiZodResponse(compoundPageSchema, 'Compounds with their pilot, score and open items.')
  listCompounds(
    @CurrentUser() principal: Principal,
    @ValidQuery(listCompoundsQuerySchema) query: ListCompoundsQuery,
  ): Promise<CompoundPage> {
    return this.compounds.list(principal, query);
  }
}

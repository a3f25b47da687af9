import { Controller, Get, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { publishMatterRulesSchema, type PublishMatterRulesInput } from '@pilot/domain';
import { CurrentUser, Roles } from '../platform/auth/decorators.js';
import type { Principal } from '../platform/auth/principal.js';
import { ApiZodResponse } from '../platform/validation/api-response.js';
import { ApiZodBody } from '../platform/validation/api-schema.js';
import { ValidBody } from '../platform/validation/valid-input.js';
import {
  matterRuleSetListSchema,
  matterRuleSetSchema,
  type MatterRuleSetList,
  type MatterRuleSetView,
} from './matter-rules.dto.js';
import { MatterRulesService } from './matter-rules.service.js';

/** 办理规则: the limits, reminders and rating thresholds of the matter loop, as versioned sets. */
@ApiTags('matters')
@ApiBearerAuth()
@Controller('matter-rules')
export class MatterRulesController {
  constructor(@Inject(MatterRulesService) private readonly rules: MatterRulesService) {}

  @Roles('admin', 'coordinator')
  @Get()
  @ApiZodResponse(matterRuleSetListSchema, 'The set new matters follow, and every set, newest first.')
  listMatterRules(): Promise<MatterRuleSetList> {
    return this.rules.list();
  }

  /** 发布: the next set as a whole; 409 when another was published since `basedOn`. */
  @Roles('admin')
  @Post()
  @ApiZodBody(publishMatterRulesSchema)
  @ApiConflictResponse({ description: 'Another set was published since the one this changes.' })
  @ApiZodResponse(matterRuleSetSchema, 'The published set.', 201)
  publishMatterRules(
    @CurrentUser() actor: Principal,
    @ValidBody(publishMatterRulesSchema) input: PublishMatterRulesInput,
  ): Promise<MatterRuleSetView> {
    return this.rules.publish(actor, input);
  }
}

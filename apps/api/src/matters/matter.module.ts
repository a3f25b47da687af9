import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendars/calendar.module.js';
import { MatterInputBuilder } from './matter-input.js';
import { MatterRulesController } from './matter-rules.controller.js';
import { MatterRulesService } from './matter-rules.service.js';
import { MatterWorkflowGateway } from './matter-workflow.gateway.js';
import { MatterController } from './matter.controller.js';
import { MatterRepository } from './matter.repository.js';
import { MatterService } from './matter.service.js';

/**
 * 事项 (the governance closed loop); the calendar module says which working calendar new matters
 * count in. Patrols and meetings collect matters too: they make them with the same builder and start
 * them through the same gateway.
 */
@Module({
  imports: [CalendarModule],
  controllers: [MatterController, MatterRulesController],
  providers: [MatterService, MatterRulesService, MatterRepository, MatterWorkflowGateway, MatterInputBuilder],
  exports: [MatterRepository, MatterWorkflowGateway, MatterInputBuilder],
})
export class MatterModule {}

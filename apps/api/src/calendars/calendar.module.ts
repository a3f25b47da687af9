import { Module } from '@nestjs/common';
import { PilotWorkflowModule } from '../pilots/pilot-workflow.module.js';
import { CalendarController } from './calendar.controller.js';
import { CalendarRepository } from './calendar.repository.js';
import { CalendarService } from './calendar.service.js';

/**
 * 工作日历 releases and their adoption by running pilots. Exports the service the pilot routes ask
 * which release a new pilot follows and which one a pilot follows.
 */
@Module({
  imports: [PilotWorkflowModule],
  controllers: [CalendarController],
  providers: [CalendarService, CalendarRepository],
  exports: [CalendarService],
})
export class CalendarModule {}

import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendars/calendar.module.js';
import { PilotWorkflowModule } from './pilot-workflow.module.js';
import { PilotController } from './pilot.controller.js';
import { PilotRepository } from './pilot.repository.js';
import { PilotService } from './pilot.service.js';

/** Pilots (enrollments); exports the workflow gateway the task and rectification routes write through. */
@Module({
  imports: [PilotWorkflowModule, CalendarModule],
  controllers: [PilotController],
  providers: [PilotService, PilotRepository],
  exports: [PilotWorkflowModule],
})
export class PilotModule {}

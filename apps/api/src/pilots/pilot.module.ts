import { Module } from '@nestjs/common';
import { PilotWorkflowGateway } from './pilot-workflow.gateway.js';
import { PilotController } from './pilot.controller.js';
import { PilotRepository } from './pilot.repository.js';
import { PilotService } from './pilot.service.js';

/** Pilots (enrollments); exports the workflow gateway the task and rectification routes write through. */
@Module({
  controllers: [PilotController],
  providers: [PilotService, PilotRepository, PilotWorkflowGateway],
  exports: [PilotWorkflowGateway],
})
export class PilotModule {}

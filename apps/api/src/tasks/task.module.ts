import { Module } from '@nestjs/common';
import { EvidenceModule } from '../evidence/evidence.module.js';
import { PilotModule } from '../pilots/pilot.module.js';
import { TraceModule } from '../traces/trace.module.js';
import { SelfInspectionController, TaskController } from './task.controller.js';
import { TaskRepository } from './task.repository.js';
import { TaskService } from './task.service.js';

@Module({
  imports: [PilotModule, EvidenceModule, TraceModule],
  controllers: [TaskController, SelfInspectionController],
  providers: [TaskService, TaskRepository],
})
export class TaskModule {}

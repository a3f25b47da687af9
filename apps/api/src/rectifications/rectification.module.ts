import { Module } from '@nestjs/common';
import { EvidenceModule } from '../evidence/evidence.module.js';
import { PilotModule } from '../pilots/pilot.module.js';
import { RectificationController } from './rectification.controller.js';
import { RectificationRepository } from './rectification.repository.js';
import { RectificationService } from './rectification.service.js';

@Module({
  imports: [PilotModule, EvidenceModule],
  controllers: [RectificationController],
  providers: [RectificationService, RectificationRepository],
})
export class RectificationModule {}

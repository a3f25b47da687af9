import { Module } from '@nestjs/common';
import { MatterModule } from '../matters/matter.module.js';
import { MeetingWorkflowGateway } from './meeting-workflow.gateway.js';
import { MeetingController } from './meeting.controller.js';
import { MeetingService } from './meeting.service.js';

/** 四方联席 meetings; their resolutions are matters made by the matters' builder. */
@Module({
  imports: [MatterModule],
  controllers: [MeetingController],
  providers: [MeetingService, MeetingWorkflowGateway],
})
export class MeetingModule {}

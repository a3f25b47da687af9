import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendars/calendar.module.js';
import { CampaignController } from './campaign.controller.js';
import { CampaignService } from './campaign.service.js';

/** 全面推广: rollout campaigns from origin pilots to the invited 拟达标 firms' compounds. */
@Module({
  imports: [CalendarModule],
  controllers: [CampaignController],
  providers: [CampaignService],
})
export class CampaignModule {}

import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendars/calendar.module.js';
import { MatterModule } from '../matters/matter.module.js';
import { PatrolController } from './patrol.controller.js';
import { PatrolService } from './patrol.service.js';

/** 常态化巡查: plans over the month's working days, visits, and their findings as matters. */
@Module({
  imports: [CalendarModule, MatterModule],
  controllers: [PatrolController],
  providers: [PatrolService],
})
export class PatrolModule {}

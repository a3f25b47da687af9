import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendars/calendar.module.js';
import { LogbookService } from './logbook.service.js';
import { RecordKeepingService } from './record-keeping.service.js';
import { TraceController } from './trace.controller.js';
import { TraceFactsReader } from './trace-facts.js';
import { TraceLabelService } from './trace-labels.service.js';
import { TraceRegisterService } from './trace-register.service.js';
import { UpkeepGateway } from './upkeep.gateway.js';

/** 痕迹化管理: the register, logbooks, routes, stewards, and the traces inspectors read. */
@Module({
  imports: [CalendarModule],
  controllers: [TraceController],
  providers: [
    TraceRegisterService,
    LogbookService,
    TraceLabelService,
    TraceFactsReader,
    RecordKeepingService,
    UpkeepGateway,
  ],
  exports: [TraceFactsReader, RecordKeepingService],
})
export class TraceModule {}

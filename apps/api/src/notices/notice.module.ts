import { Module } from '@nestjs/common';
import { NoticeController, NoticeDeliveryController, NoticeSettingsController } from './notice.controller.js';
import { NoticeRepository } from './notice.repository.js';
import { NoticeService } from './notice.service.js';

@Module({
  controllers: [NoticeController, NoticeSettingsController, NoticeDeliveryController],
  providers: [NoticeService, NoticeRepository],
})
export class NoticeModule {}

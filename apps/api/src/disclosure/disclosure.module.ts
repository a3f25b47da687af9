import { Module } from '@nestjs/common';
import { DisclosureController, PublicDisclosureController } from './disclosure.controller.js';
import { DisclosureService } from './disclosure.service.js';

/** 信息公开: the admin's snapshots and the public page's route. */
@Module({
  controllers: [DisclosureController, PublicDisclosureController],
  providers: [DisclosureService],
})
export class DisclosureModule {}

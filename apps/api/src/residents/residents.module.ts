import { Module } from '@nestjs/common';
import { ReportPosterController } from './report-poster.controller.js';
import { ReportPosterService } from './report-poster.service.js';
import { ResidentApplicationController } from './resident-application.controller.js';
import { ResidentApplicationRepository } from './resident-application.repository.js';
import { ResidentApplicationService } from './resident-application.service.js';
import { ResidentScope } from './resident-scope.js';

/** 居民注册 and the 扫码报事 posters that bring residents to it. */
@Module({
  controllers: [ResidentApplicationController, ReportPosterController],
  providers: [ResidentApplicationService, ResidentApplicationRepository, ResidentScope, ReportPosterService],
})
export class ResidentsModule {}

import { Module } from '@nestjs/common';
import { CaseController, CaseIssueController } from './case.controller.js';
import { CaseService } from './case.service.js';

/** 三微案例: cases, their review and the numbered issues. */
@Module({
  controllers: [CaseController, CaseIssueController],
  providers: [CaseService],
})
export class CaseModule {}

import { Module } from '@nestjs/common';
import { EvaluationController, FirmListController } from './evaluation.controller.js';
import { EvaluationService } from './evaluation.service.js';

/** 激励评价: firm evaluation per period, rankings, 红榜/黑榜. */
@Module({
  controllers: [EvaluationController, FirmListController],
  providers: [EvaluationService],
})
export class EvaluationModule {}

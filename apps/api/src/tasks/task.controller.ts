import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import {
  listTasksQuerySchema,
  submitInspectionSchema,
  submitSelfInspectionSchema,
  type ListTasksQuery,
  type Locale,
  type SubmitInspectionInput,
  type SubmitSelfInspectionInput,
  submitInspectionResultSchema,
  type SubmitInspectionResultView,
} from '@pilot/domain';
import { CurrentUser, Roles } from '../platform/auth/decorators.js';
import type { Principal } from '../platform/auth/principal.js';
import { IdempotencyKey } from '../platform/idempotency/idempotency-key.decorator.js';
import { ApiZodResponse } from '../platform/validation/api-response.js';
import { ApiZodQuery } from '../platform/validation/api-schema.js';
import { ApiZodBodyFromPath, RequestLocale, ValidBodyWithPath } from '../platform/validation/path-input.js';
import { ValidQuery } from '../platform/validation/valid-input.js';
import { taskDetailSchema, taskPageSchema, type TaskDetail, type TaskPage } from './task.dto.js';
import { TaskService } from './task.service.js';

/**
 * 检查任务: the scheduled inspections. An inspector sees and submits the tasks assigned to them; a
 * firm user sees and submits its compounds' self-inspections (自查) here too, or through
 * `POST /pilots/:id/self-inspection` without knowing the task id.
 */
@ApiTags('tasks')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'Unknown task, or one outside the caller’s scope.' })
@Controller('tasks')
export class TaskController {
  constructor(@Inject(TaskService) private readonly tasks: TaskService) {}

  /** My tasks (status upcoming / open / done / missed); coordinators and admins may filter by assignee. */
  @Roles('inspector', 'firm', 'coordinator', 'admin')
  @Get()
  @ApiZodQuery(listTasksQuerySchema)
  @ApiZodResponse(taskPageSchema, 'Tasks in the caller’s scope, by due time.')
  listTasks(
    @CurrentUser() principal: Principal,
    @ValidQuery(listTasksQuerySchema) query: ListTasksQuery,
  ): Promise<TaskPage> {
    return this.tasks.list(principal, query);
  }

  /** The task with its checklist, grouped by category, and its result once submitted. */
  @Roles('inspector', 'firm', 'coordinator', 'admin')
  @Get(':id')
  @ApiZodResponse(taskDetailSchema, 'The task, its checklist and its result.')
  getTask(@CurrentUser() principal: Principal, @Param('id') id: string): Promise<TaskDetail> {
    return this.tasks.detail(principal, id);
  }

  /** Every checklist item with its outcome; failed items open rectification orders (整改). */
  @Roles('inspector', 'firm')
  @Post(':id/submit')
  @HttpCode(200)
  @ApiZodBodyFromPath(submitInspectionSchema, 'taskId')
  @ApiConflictResponse({
    description: 'Refused by the pilot (not open, not yours, checklist incomplete, …).',
  })
  @ApiZodResponse(submitInspectionResultSchema, 'The recorded result and the rectification orders it opened.')
  submitInspection(
    @CurrentUser() principal: Principal,
    @Param('id') id: string,
    @ValidBodyWithPath(submitInspectionSchema, 'taskId') input: SubmitInspectionInput,
    @RequestLocale() locale: Locale,
    @IdempotencyKey() key: string | undefined,
  ): Promise<SubmitInspectionResultView> {
    return this.tasks.submit(principal, id, input, locale, key);
  }
}

/** 自查自纠 addressed by pilot, for the firm (the same Update as submitting its self-inspection task). */
@ApiTags('tasks')
@ApiBearerAuth()
@Controller('pilots')
export class SelfInspectionController {
  constructor(@Inject(TaskService) private readonly tasks: TaskService) {}

  @Roles('firm')
  @Post(':id/self-inspection')
  @HttpCode(200)
  @ApiZodBodyFromPath(submitSelfInspectionSchema, 'pilotId')
  @ApiNotFoundResponse({ description: 'Unknown pilot, or not one of the firm’s.' })
  @ApiConflictResponse({
    description: 'Refused by the pilot (self-inspection closed, checklist incomplete, …).',
  })
  @ApiZodResponse(submitInspectionResultSchema, 'The recorded self-inspection.')
  submitSelfInspection(
    @CurrentUser() principal: Principal,
    @ValidBodyWithPath(submitSelfInspectionSchema, 'pilotId') input: SubmitSelfInspectionInput,
    @RequestLocale() locale: Locale,
    @IdempotencyKey() key: string | undefined,
  ): Promise<SubmitInspectionResultView> {
    return this.tasks.submitSelf(principal, input, locale, key);
  }
}

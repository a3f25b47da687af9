import { Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { reason, type MeetingInput, type MeetingUpdateResult } from '@pilot/domain';
import { refusalOf, startMeeting } from '@pilot/workflows/client';
import {
  matterRecordedUpdate,
  matterWorkflowId,
  meetingRecordedUpdate,
  meetingWorkflowId,
} from '@pilot/workflows/messages';
import {
  Client,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type UpdateDefinition,
} from '@temporalio/client';
import type { ApiConfig } from '../config.js';
import { RefusedError } from '../platform/errors/api-errors.js';
import { API_CONFIG, TASK_QUEUE, TEMPORAL_CLIENT } from '../platform/tokens.js';

const closed = reason('meeting_closed', '该会议已结束，不能再办理。', 'This meeting is closed.');

/**
 * The API's door to the 四方联席 meeting workflows, like the matters' gateway: start (and wait until
 * the row exists) and Update; refusals become 409 with the rule's reasons, an unreachable Temporal 503.
 */
@Injectable()
export class MeetingWorkflowGateway {
  private readonly logger = new Logger('MeetingWorkflow');
  private readonly updateTimeoutMs: number;

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(TASK_QUEUE) private readonly taskQueue: string,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    this.updateTimeoutMs = config.workflowUpdateTimeoutMs;
  }

  private withUpdateDeadline<T>(run: () => Promise<T>): Promise<T> {
    return this.client.withDeadline(Date.now() + this.updateTimeoutMs, run);
  }

  async start(input: MeetingInput): Promise<MeetingUpdateResult> {
    try {
      const handle = await startMeeting(this.client, this.taskQueue, input);
      return await this.withUpdateDeadline(() => handle.executeUpdate(meetingRecordedUpdate, { args: [] }));
    } catch (error) {
      throw this.unavailable(error) ?? error;
    }
  }

  async update<Req>(
    meetingId: string,
    definition: UpdateDefinition<MeetingUpdateResult, [Req]>,
    request: Req,
    updateId: string | undefined,
  ): Promise<MeetingUpdateResult> {
    const handle = this.client.workflow.getHandle(meetingWorkflowId(meetingId));
    try {
      return await this.withUpdateDeadline(() =>
        handle.executeUpdate(definition, { args: [request], ...(updateId ? { updateId } : {}) }),
      );
    } catch (error) {
      const reasons = refusalOf(error);
      if (reasons) throw new RefusedError(reasons);
      // A meeting whose feedback is out has finished: its records stay, it takes no more steps.
      if (error instanceof WorkflowNotFoundError) throw new RefusedError([closed]);
      throw this.unavailable(error) ?? error;
    }
  }

  /** Waits until a resolution's matter (started by the meeting) has written its row. */
  async matterRecorded(matterId: string): Promise<void> {
    const handle = this.client.workflow.getHandle(matterWorkflowId(matterId));
    try {
      await this.withUpdateDeadline(() => handle.executeUpdate(matterRecordedUpdate, { args: [] }));
    } catch (error) {
      throw this.unavailable(error) ?? error;
    }
  }

  private unavailable(error: unknown): ServiceUnavailableException | null {
    if (error instanceof ServiceError || error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
      this.logger.warn({ message: 'temporal unavailable', error: String(error) });
      return new ServiceUnavailableException('the workflow service is not reachable; try again shortly');
    }
    return null;
  }
}

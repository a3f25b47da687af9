import { Inject, Injectable } from '@nestjs/common';
import { reason, type MeetingInput, type MeetingUpdateResult } from '@pilot/domain';
import { startMeeting } from '@pilot/workflows/client';
import {
  matterRecordedUpdate,
  matterWorkflowId,
  meetingRecordedUpdate,
  meetingWorkflowId,
} from '@pilot/workflows/messages';
import { Client, type UpdateDefinition } from '@temporalio/client';
import type { ApiConfig } from '../config.js';
import { API_CONFIG, TASK_QUEUE, TEMPORAL_CLIENT } from '../platform/tokens.js';
import { WorkflowCalls } from '../platform/workflows/workflow-calls.js';

const closed = reason('meeting_closed', '该会议已结束，不能再办理。', 'This meeting is closed.');

/**
 * The API's door to the 四方联席 meeting workflows, like the matters' gateway: start (and wait until
 * the row exists) and Update; refusals become 409 with the rule's reasons, an unreachable Temporal 503.
 */
@Injectable()
export class MeetingWorkflowGateway {
  private readonly calls: WorkflowCalls;

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(TASK_QUEUE) private readonly taskQueue: string,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    this.calls = new WorkflowCalls(client, config.workflowUpdateTimeoutMs, 'MeetingWorkflow');
  }

  start(input: MeetingInput): Promise<MeetingUpdateResult> {
    return this.calls.reach(async () => {
      const handle = await startMeeting(this.client, this.taskQueue, input);
      return this.calls.withUpdateDeadline(() => handle.executeUpdate(meetingRecordedUpdate, { args: [] }));
    });
  }

  update<Req>(
    meetingId: string,
    definition: UpdateDefinition<MeetingUpdateResult, [Req]>,
    request: Req,
    updateId: string | undefined,
  ): Promise<MeetingUpdateResult> {
    // A meeting whose feedback is out has finished: its records stay, it takes no more steps.
    return this.calls.update(meetingWorkflowId(meetingId), definition, request, updateId, closed);
  }

  /** Waits until a resolution's matter (started by the meeting) has written its row. */
  async matterRecorded(matterId: string): Promise<void> {
    const handle = this.client.workflow.getHandle(matterWorkflowId(matterId));
    await this.calls.reach(() =>
      this.calls.withUpdateDeadline(() => handle.executeUpdate(matterRecordedUpdate, { args: [] })),
    );
  }
}

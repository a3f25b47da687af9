import { Inject, Injectable } from '@nestjs/common';
import { reason, type Actor, type MatterRecorded, type MatterWorkflowInput } from '@pilot/domain';
import { startMatter } from '@pilot/workflows/client';
import { matterRecordedUpdate } from '@pilot/workflows/messages';
import { Client, type UpdateDefinition } from '@temporalio/client';
import type { ApiConfig } from '../config.js';
import type { Principal } from '../platform/auth/principal.js';
import { API_CONFIG, TASK_QUEUE, TEMPORAL_CLIENT } from '../platform/tokens.js';
import { WorkflowCalls } from '../platform/workflows/workflow-calls.js';

const closed = reason('matter_closed', '该事项已销号，不能再办理。', 'This matter is closed.');

/**
 * The workflow's view of who asks on a matter. Every signed-in role may reach a matter route (the
 * guard decides which); the firm and the unit travel along so the rules can tell whose it is.
 */
export function matterActorOf(principal: Principal): Actor {
  return {
    userId: principal.userId,
    role: principal.role,
    firmId: principal.firmId,
    partyId: principal.partyId,
    requestId: principal.requestId,
  };
}

/**
 * The API's door to the matter workflows: start (and wait until the record exists) and Update.
 * Refusals become 409 with the rule's reasons; an unreachable Temporal 503.
 */
@Injectable()
export class MatterWorkflowGateway {
  private readonly calls: WorkflowCalls;

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(TASK_QUEUE) private readonly taskQueue: string,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    this.calls = new WorkflowCalls(client, config.workflowUpdateTimeoutMs, 'MatterWorkflow');
  }

  /** Starts the matter's workflow and answers once it has written the matter and its first event. */
  start(input: MatterWorkflowInput): Promise<MatterRecorded> {
    return this.calls.reach(async () => {
      const handle = await startMatter(this.client, this.taskQueue, input);
      return this.calls.withUpdateDeadline(() => handle.executeUpdate(matterRecordedUpdate, { args: [] }));
    });
  }

  update<Ret, Req>(
    workflowId: string,
    definition: UpdateDefinition<Ret, [Req]>,
    request: Req,
    updateId: string | undefined,
  ): Promise<Ret> {
    // A closed matter's workflow has finished: its records stay, it takes no more steps.
    return this.calls.update(workflowId, definition, request, updateId, closed);
  }
}

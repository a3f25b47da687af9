import { Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { reason, type Actor, type MatterRecorded, type MatterWorkflowInput } from '@pilot/domain';
import { refusalOf, startMatter } from '@pilot/workflows/client';
import { matterRecordedUpdate } from '@pilot/workflows/messages';
import {
  Client,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type UpdateDefinition,
} from '@temporalio/client';
import type { ApiConfig } from '../config.js';
import type { Principal } from '../platform/auth/principal.js';
import { RefusedError } from '../platform/errors/api-errors.js';
import { API_CONFIG, TASK_QUEUE, TEMPORAL_CLIENT } from '../platform/tokens.js';

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
  private readonly logger = new Logger('MatterWorkflow');
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

  /** Starts the matter's workflow and answers once it has written the matter and its first event. */
  async start(input: MatterWorkflowInput): Promise<MatterRecorded> {
    try {
      const handle = await startMatter(this.client, this.taskQueue, input);
      return await this.withUpdateDeadline(() => handle.executeUpdate(matterRecordedUpdate, { args: [] }));
    } catch (error) {
      throw this.unavailable(error) ?? error;
    }
  }

  async update<Ret, Req>(
    workflowId: string,
    definition: UpdateDefinition<Ret, [Req]>,
    request: Req,
    updateId: string | undefined,
  ): Promise<Ret> {
    const handle = this.client.workflow.getHandle(workflowId);
    try {
      return await this.withUpdateDeadline(() =>
        handle.executeUpdate(definition, { args: [request], ...(updateId ? { updateId } : {}) }),
      );
    } catch (error) {
      const reasons = refusalOf(error);
      if (reasons) throw new RefusedError(reasons);
      // A closed matter's workflow has finished: its records stay, it takes no more steps.
      if (error instanceof WorkflowNotFoundError) throw new RefusedError([closed]);
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

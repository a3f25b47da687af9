import { Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { reason } from '@pilot/domain';
import { refusalOf, startPilot } from '@pilot/workflows/client';
import {
  snapshotQuery,
  type Actor,
  type ActorRole,
  type PilotInput,
  type PilotSnapshot,
} from '@pilot/workflows/messages';
import {
  Client,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type UpdateDefinition,
} from '@temporalio/client';
import type { Principal } from '../platform/auth/principal.js';
import { RefusedError } from '../platform/errors/api-errors.js';
import { TASK_QUEUE, TEMPORAL_CLIENT } from '../platform/tokens.js';

/** A live snapshot is a nicety on top of the records; the page must not wait long for it. */
const SNAPSHOT_DEADLINE_MS = 3_000;

const closed = reason(
  'pilot_closed',
  '该试点的流程已结束，不能再办理。',
  "The pilot's process has ended; nothing more can be done in it.",
);

const ACTOR_ROLES: readonly ActorRole[] = ['admin', 'coordinator', 'inspector', 'firm'];

/** The workflow's view of who asks, built from the authenticated caller. */
export function actorOf(principal: Principal): Actor {
  // Routes that reach a workflow admit only these roles (the guard checks); a resident never gets here.
  if (!(ACTOR_ROLES as readonly string[]).includes(principal.role)) {
    throw new Error(`role ${principal.role} cannot act on a pilot`);
  }
  return {
    userId: principal.userId,
    role: principal.role as ActorRole,
    firmId: principal.firmId,
    requestId: principal.requestId,
  };
}

/** The Update id for a request: stable per user and Idempotency-Key, so a retry is applied once. */
export function updateIdFor(principal: Principal, idempotencyKey: string | undefined): string | undefined {
  return idempotencyKey ? `${principal.userId}:${idempotencyKey}` : undefined;
}

/**
 * The API's only door to the pilot workflows: start, Update, query. Refusals of the process become
 * 409 with the rule's reasons; an unreachable Temporal becomes 503, never a bare 500.
 */
@Injectable()
export class PilotWorkflowGateway {
  private readonly logger = new Logger('PilotWorkflow');

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(TASK_QUEUE) private readonly taskQueue: string,
  ) {}

  async start(
    request: Omit<PilotInput, 'enrollmentId'>,
  ): Promise<{ enrollmentId: string; workflowId: string; alreadyEnrolled: boolean }> {
    try {
      const started = await startPilot(this.client, this.taskQueue, request);
      return {
        enrollmentId: started.enrollmentId,
        workflowId: started.workflowId,
        alreadyEnrolled: started.alreadyEnrolled,
      };
    } catch (error) {
      throw this.unavailable(error) ?? error;
    }
  }

  /** Runs one Update and answers its result; the validator's refusal becomes a RefusedError. */
  async update<Ret, Req>(
    workflowId: string,
    definition: UpdateDefinition<Ret, [Req]>,
    request: Req,
    updateId: string | undefined,
  ): Promise<Ret> {
    const handle = this.client.workflow.getHandle(workflowId);
    try {
      return await handle.executeUpdate(definition, {
        args: [request],
        ...(updateId ? { updateId } : {}),
      });
    } catch (error) {
      const reasons = refusalOf(error);
      if (reasons) throw new RefusedError(reasons);
      // A finished workflow (withdrawn pilot) keeps its records but takes no more requests.
      if (error instanceof WorkflowNotFoundError) throw new RefusedError([closed]);
      throw this.unavailable(error) ?? error;
    }
  }

  /** The live state, or null when the workflow cannot answer right now (just started, no worker). */
  async snapshot(workflowId: string): Promise<PilotSnapshot | null> {
    try {
      return await this.client.withDeadline(Date.now() + SNAPSHOT_DEADLINE_MS, () =>
        this.client.workflow.getHandle(workflowId).query(snapshotQuery),
      );
    } catch (error) {
      this.logger.debug({ message: 'snapshot unavailable', workflowId, error: String(error) });
      return null;
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

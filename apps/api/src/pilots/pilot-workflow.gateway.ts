import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  allowedActionSchema,
  pilotSnapshotSchema,
  reason,
  type Actor,
  type ActorRole,
  type AllowedAction,
  type EnrolledPilot,
  type EnrollmentRecorded,
  type PilotInput,
  type PilotSnapshotView,
} from '@pilot/domain';
import { startPilot } from '@pilot/workflows/client';
import { allowedActionsQuery, enrollmentRecordedUpdate, snapshotQuery } from '@pilot/workflows/messages';
import { Client, WorkflowNotFoundError, type UpdateDefinition } from '@temporalio/client';
import type { ApiConfig } from '../config.js';
import type { Principal } from '../platform/auth/principal.js';
import { API_CONFIG, TASK_QUEUE, TEMPORAL_CLIENT } from '../platform/tokens.js';
import { WorkflowCalls } from '../platform/workflows/workflow-calls.js';

/** A live snapshot is a nicety on top of the records; the page must not wait long for it. */
const SNAPSHOT_DEADLINE_MS = 3_000;

const closed = reason(
  'pilot_closed',
  '该试点的流程已结束，不能再办理。',
  "The pilot's process has ended; nothing more can be done in it.",
);

function isActorRole(role: string): role is Exclude<ActorRole, 'system'> {
  return role === 'admin' || role === 'coordinator' || role === 'inspector' || role === 'firm';
}

/** The workflow's view of who asks, built from the authenticated caller. */
export function actorOf(principal: Principal): Actor {
  // Routes that reach a workflow admit only these roles (the guard checks); a resident never gets here.
  const role = principal.role;
  if (!isActorRole(role)) throw new Error(`role ${role} cannot act on a pilot`);
  return { userId: principal.userId, role, firmId: principal.firmId, requestId: principal.requestId };
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
  private readonly calls: WorkflowCalls;

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(TASK_QUEUE) private readonly taskQueue: string,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    this.calls = new WorkflowCalls(client, config.workflowUpdateTimeoutMs, 'PilotWorkflow');
  }

  /**
   * Starts the compound's pilot (or finds the running one) and waits, through an Update, until the
   * workflow has written its records: the answer comes from the workflow, not from polling.
   */
  enroll(
    request: Omit<PilotInput, 'enrollmentId'>,
  ): Promise<Omit<EnrolledPilot, 'compoundId'> & { recorded: EnrollmentRecorded | null }> {
    return this.calls.reach(async () => {
      const started = await startPilot(this.client, this.taskQueue, request);
      const recorded = await this.calls
        .withUpdateDeadline(() => started.handle.executeUpdate(enrollmentRecordedUpdate, { args: [] }))
        // A pilot that has finished (withdrawn) takes no Update; its records exist already.
        .catch((error: unknown) => {
          if (started.alreadyEnrolled && error instanceof WorkflowNotFoundError) return null;
          throw error;
        });
      return {
        enrollmentId: started.enrollmentId,
        workflowId: started.workflowId,
        alreadyEnrolled: started.alreadyEnrolled,
        recorded,
      };
    });
  }

  /** Runs one Update and answers its result; the validator's refusal becomes a RefusedError. */
  update<Ret, Req>(
    workflowId: string,
    definition: UpdateDefinition<Ret, [Req]>,
    request: Req,
    updateId: string | undefined,
  ): Promise<Ret> {
    return this.calls.update(workflowId, definition, request, updateId, closed);
  }

  /** The live state, or null when the workflow cannot answer right now (just started, no worker). */
  async snapshot(workflowId: string): Promise<PilotSnapshotView | null> {
    const live = await this.query(workflowId, (handle) => handle.query(snapshotQuery));
    return live === null ? null : pilotSnapshotSchema.decode(live);
  }

  /** What `principal` may do on the pilot now, by its own rules; [] when it cannot answer. */
  async allowedActions(workflowId: string, principal: Principal): Promise<AllowedAction[]> {
    if (!isActorRole(principal.role)) return [];
    const actor = actorOf(principal);
    const live = await this.query(workflowId, (handle) => handle.query(allowedActionsQuery, actor));
    return live === null ? [] : allowedActionSchema.array().parse(live);
  }

  /** A query with a short deadline: a live view is a nicety on top of the records. */
  private async query<T>(
    workflowId: string,
    ask: (handle: ReturnType<Client['workflow']['getHandle']>) => Promise<T>,
  ): Promise<T | null> {
    try {
      return await this.client.withDeadline(Date.now() + SNAPSHOT_DEADLINE_MS, () =>
        ask(this.client.workflow.getHandle(workflowId)),
      );
    } catch (error) {
      this.logger.debug({ message: 'query unavailable', workflowId, error: String(error) });
      return null;
    }
  }
}

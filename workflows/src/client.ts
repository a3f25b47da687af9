// Node-side helpers for clients of the pilot workflow (API, worker composition, tests). Not part of
// the workflow bundle.
import {
  reasonSchema,
  upkeepWorkflowInputSchema,
  type AuditAnchor,
  type CampaignRetryRequest,
  type CampaignWorkflowInput,
  type MatterWorkflowInput,
  type MeetingInput,
  type PilotInput,
  type Reason,
  type UpkeepWorkflowInput,
} from '@pilot/domain';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  type Client,
  type WorkflowHandle,
  type WorkflowHandleWithFirstExecutionRunId,
} from '@temporalio/client';
import {
  AUDIT_ANCHOR_WORKFLOW_ID,
  anchorsQuery,
  campaignWorkflowId,
  enrollmentIdFor,
  enrollmentRecordedUpdate,
  matterWorkflowId,
  meetingWorkflowId,
  noticeDeliveryWorkflowId,
  pilotWorkflowId,
  retryCampaignSignal,
  searchAttributes,
  upkeepRegisterChangedSignal,
  upkeepWorkflowId,
} from './messages.js';
import type { NoticeDeliveryStarter, PilotStarter } from '@pilot/activities';
import { ApplicationFailure } from '@temporalio/common';
import type { auditAnchorWorkflow } from './audit/audit-anchor.workflow.js';
import type { campaignWorkflow } from './campaigns/campaign.workflow.js';
import type { pilotWorkflow } from './pilot/pilot.workflow.js';
import type { matterWorkflow } from './matters/matter.workflow.js';
import type { meetingWorkflow } from './meetings/meeting.workflow.js';
import type { noticeDeliveryWorkflow } from './notices/notice-delivery.workflow.js';
import type { upkeepWorkflow } from './upkeep/upkeep.workflow.js';

export interface StartedPilot {
  enrollmentId: string;
  workflowId: string;
  alreadyEnrolled: boolean;
  handle: WorkflowHandle<typeof pilotWorkflow>;
}

/**
 * Starts the pilot of one compound, or finds the one already running: the workflow id is derived
 * from the compound, so a second enrollment can never start a second pilot.
 */
export async function startPilot(
  client: Client,
  taskQueue: string,
  request: Omit<PilotInput, 'enrollmentId'>,
): Promise<StartedPilot> {
  const workflowId = pilotWorkflowId(request.compoundId);
  const enrollmentId = enrollmentIdFor(request.compoundId);
  try {
    const handle = await client.workflow.start<typeof pilotWorkflow>('pilotWorkflow', {
      taskQueue,
      workflowId,
      args: [{ input: { ...request, enrollmentId } }],
      // A compound is piloted once; its finished (e.g. withdrawn) pilot keeps the id for the records.
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      workflowIdConflictPolicy: 'FAIL',
      typedSearchAttributes: [
        { key: searchAttributes.stage, value: 'improvement' },
        { key: searchAttributes.compoundId, value: request.compoundId },
        { key: searchAttributes.firmId, value: request.firmId },
      ],
    });
    return { enrollmentId, workflowId, alreadyEnrolled: false, handle };
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    return {
      enrollmentId,
      workflowId,
      alreadyEnrolled: true,
      handle: client.workflow.getHandle<typeof pilotWorkflow>(workflowId),
    };
  }
}

/** The starter the rollout activity is given: enrolls a further compound through the same path as the API. */
export function pilotStarter(client: Client, taskQueue: string): PilotStarter {
  return async (request, options) => {
    const started = await startPilot(client, taskQueue, {
      compoundId: request.compoundId,
      firmId: request.firmId,
      startDate: request.startDate,
      catalogueVersionId: request.catalogueVersionId,
      inspectorAssignments: request.inspectorAssignments,
      ...(request.planOverrides ? { planOverrides: request.planOverrides } : {}),
      originEnrollmentId: request.originEnrollmentId,
      enrolledBy: request.enrolledBy,
      ...(request.calendar ? { calendar: request.calendar } : {}),
    });
    if (options?.awaitRecorded) {
      const wait = () => started.handle.executeUpdate(enrollmentRecordedUpdate, { args: [] });
      await (options.signal ? client.withAbortSignal(options.signal, wait) : wait()).catch(
        (error: unknown) => {
          // A pilot that has finished (withdrawn) takes no Update; its records exist already.
          if (started.alreadyEnrolled && error instanceof WorkflowNotFoundError) return;
          throw error;
        },
      );
    }
    return {
      enrollmentId: started.enrollmentId,
      workflowId: started.workflowId,
      alreadyEnrolled: started.alreadyEnrolled,
    };
  };
}

/**
 * The starter the pilots' notice activity is given: a notice's delivery workflow, by its dedupeKey,
 * started once — a repeat (a retried activity, another worker) finds it running or done and leaves it.
 */
export function noticeDeliveryStarter(client: Client, taskQueue: string): NoticeDeliveryStarter {
  return async ({ notificationId, dedupeKey }) => {
    try {
      await client.workflow.start<typeof noticeDeliveryWorkflow>('noticeDeliveryWorkflow', {
        taskQueue,
        workflowId: noticeDeliveryWorkflowId(dedupeKey),
        args: [{ notificationId }],
        // Sent is sent: a finished delivery workflow keeps the id for as long as Temporal keeps it,
        // and the rows say `sent` after that.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        workflowIdConflictPolicy: 'FAIL',
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  };
}

/**
 * The reasons a pilot refused an update (its validator, or an activity that found a rule broken),
 * or null when the error is something else: the API answers the former with 409/422 and the reasons.
 */
export function refusalOf(error: unknown): Reason[] | null {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof ApplicationFailure && current.type === 'PilotRefusal') {
      const reasons = reasonSchema.array().safeParse(current.details?.[0]);
      return reasons.success ? reasons.data : [];
    }
    current = current instanceof Error ? current.cause : undefined;
  }
  return null;
}

/**
 * Starts the deployment's audit anchor unless it runs already (every worker calls this on start;
 * the first wins, the others find it).
 */
export async function ensureAuditAnchor(
  client: Client,
  taskQueue: string,
  intervalMinutes = 10,
): Promise<void> {
  await client.workflow.start<typeof auditAnchorWorkflow>('auditAnchorWorkflow', {
    taskQueue,
    workflowId: AUDIT_ANCHOR_WORKFLOW_ID,
    args: [{ intervalMinutes }],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
}

/** The anchors recorded outside the database, oldest first; empty when the anchor cannot answer. */
export async function auditAnchors(client: Client, deadlineMs = 3_000): Promise<AuditAnchor[] | null> {
  try {
    return await client.withDeadline(Date.now() + deadlineMs, () =>
      client.workflow.getHandle(AUDIT_ANCHOR_WORKFLOW_ID).query(anchorsQuery),
    );
  } catch {
    return null;
  }
}

/**
 * Keeps trying to start the audit anchor until Temporal answers (a worker may come up before it);
 * resolves once the anchor runs. `stop` ends the attempts (shutdown).
 */
export async function ensureAuditAnchorSoon(
  client: Client,
  taskQueue: string,
  options: {
    intervalMinutes?: number;
    retryMs?: number;
    signal?: AbortSignal;
    onError?: (error: unknown) => void;
  } = {},
): Promise<void> {
  for (;;) {
    if (options.signal?.aborted) return;
    try {
      await ensureAuditAnchor(client, taskQueue, options.intervalMinutes);
      return;
    } catch (error) {
      options.onError?.(error);
      await new Promise((resolve) => setTimeout(resolve, options.retryMs ?? 30_000));
    }
  }
}

/**
 * Starts the workflow of one matter; its id is derived from the matter's, so a retried start (the
 * same matter id) finds the running one instead of a second.
 */
export async function startMatter(
  client: Client,
  taskQueue: string,
  input: MatterWorkflowInput,
): Promise<WorkflowHandle<typeof matterWorkflow>> {
  const workflowId = matterWorkflowId(input.matterId);
  try {
    return await client.workflow.start<typeof matterWorkflow>('matterWorkflow', {
      taskQueue,
      workflowId,
      args: [{ input }],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      workflowIdConflictPolicy: 'FAIL',
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    return client.workflow.getHandle<typeof matterWorkflow>(workflowId);
  }
}

/** Starts one 四方联席 meeting's workflow (or finds it, for a retried start of the same meeting). */
export async function startMeeting(
  client: Client,
  taskQueue: string,
  input: MeetingInput,
): Promise<WorkflowHandle<typeof meetingWorkflow>> {
  const workflowId = meetingWorkflowId(input.meetingId);
  try {
    return await client.workflow.start<typeof meetingWorkflow>('meetingWorkflow', {
      taskQueue,
      workflowId,
      args: [input],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      workflowIdConflictPolicy: 'FAIL',
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    return client.workflow.getHandle<typeof meetingWorkflow>(workflowId);
  }
}

// ─── 全面推广 campaigns ───

/** Starts a confirmed campaign's workflow, or finds the one running (a repeated confirmation). */
export async function startCampaign(
  client: Client,
  taskQueue: string,
  input: CampaignWorkflowInput,
): Promise<WorkflowHandleWithFirstExecutionRunId<typeof campaignWorkflow>> {
  return client.workflow.start<typeof campaignWorkflow>('campaignWorkflow', {
    taskQueue,
    workflowId: campaignWorkflowId(input.campaignId),
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
}

/**
 * Retries failed compounds: a signal to the running campaign, or a new run of it (same id) when the
 * previous one had finished; the new run answers the compounds already started from their records.
 */
export async function retryCampaign(
  client: Client,
  taskQueue: string,
  input: CampaignWorkflowInput,
  request: CampaignRetryRequest,
): Promise<void> {
  await client.workflow.signalWithStart<typeof campaignWorkflow, [CampaignRetryRequest]>('campaignWorkflow', {
    taskQueue,
    workflowId: campaignWorkflowId(input.campaignId),
    args: [{ ...input, retry: request.compoundIds }],
    signal: retryCampaignSignal,
    signalArgs: [request],
  });
}

// ─── 痕迹化管理 ───

/**
 * Tells a compound's upkeep workflow that its register or a logbook changed (an item created or
 * changed, a maintenance or visitor entry recorded), starting the workflow if it is not running:
 * one signalWithStart, so the caller never needs to know which. Sending it twice only makes the
 * workflow plan twice from the same records, which writes nothing the first did not.
 */
export async function signalUpkeep(
  client: Client,
  taskQueue: string,
  input: UpkeepWorkflowInput,
): Promise<void> {
  const { compoundId, firmId } = upkeepWorkflowInputSchema.parse(input);
  await client.workflow.signalWithStart<typeof upkeepWorkflow, []>('upkeepWorkflow', {
    taskQueue,
    workflowId: upkeepWorkflowId(compoundId),
    args: [{ compoundId, ...(firmId ? { firmId } : {}) }],
    signal: upkeepRegisterChangedSignal,
    signalArgs: [],
    // The workflow never finishes on its own; a terminated one (an operator's doing) starts again.
    workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    typedSearchAttributes: [
      { key: searchAttributes.compoundId, value: compoundId },
      ...(firmId ? [{ key: searchAttributes.firmId, value: firmId }] : []),
    ],
  });
}

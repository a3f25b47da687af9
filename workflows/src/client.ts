// Node-side helpers for clients of the pilot workflow (API, worker composition, tests). Not part of
// the workflow bundle.
import type { Actor, InspectorAssignment, PilotInput } from '@pilot/domain';
import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { enrollmentIdFor, pilotWorkflowId, searchAttributes } from './messages.js';
import type { PilotStarter } from '@pilot/activities';
import type { PlanOverrides, Reason } from '@pilot/domain';
import { ApplicationFailure } from '@temporalio/common';
import type { pilotWorkflow } from './pilot/pilot.workflow.js';

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
  return async (request) => {
    const started = await startPilot(client, taskQueue, {
      compoundId: request.compoundId,
      firmId: request.firmId,
      startDate: request.startDate,
      catalogueVersionId: request.catalogueVersionId,
      inspectorAssignments: request.inspectorAssignments as InspectorAssignment[],
      ...(request.planOverrides ? { planOverrides: request.planOverrides as PlanOverrides } : {}),
      originEnrollmentId: request.originEnrollmentId,
      enrolledBy: { ...request.enrolledBy, role: request.enrolledBy.role as Actor['role'] },
    });
    return {
      enrollmentId: started.enrollmentId,
      workflowId: started.workflowId,
      alreadyEnrolled: started.alreadyEnrolled,
    };
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
      const reasons = current.details?.[0];
      return Array.isArray(reasons) ? (reasons as Reason[]) : [];
    }
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

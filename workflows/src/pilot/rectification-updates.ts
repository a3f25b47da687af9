// The rectification loop (整改): the firm answers with evidence, an inspector accepts (销号) or
// rejects it, and a rejected item earns a new deadline.
import { patched } from '@temporalio/workflow';
import {
  auditActor,
  controlRectificationRequestSchema,
  rectificationDeadline,
  respondRectificationRequestSchema,
  verifyRectificationRequestSchema,
  workingDayDeadline,
} from '@pilot/domain';
import {
  controlRectificationUpdate,
  respondRectificationUpdate,
  verifyRectificationUpdate,
} from '../messages.js';
import { dbForUpdate } from './activities.js';
import { afterKeyPartRectificationClosed } from './key-part-rechecks.js';
import { PATCH_REJECT_FULL_PERIOD } from './patches.js';
import { refuseControl, refuseRespond, refuseVerify } from './refusals.js';
import type { RunContext } from './run-context.js';
import { onUpdate } from './update-registry.js';

export function registerRectificationUpdates(ctx: RunContext): void {
  const { state } = ctx;
  const itemOf = (id: string) => state.rectifications.find((r) => r.id === id)!;

  onUpdate(ctx, {
    definition: respondRectificationUpdate,
    schema: respondRectificationRequestSchema,
    validate: (request) => refuseRespond(state, ctx.who, request),
    handler: async (request) => {
      const item = itemOf(request.rectificationId);
      item.busy = true;
      const now = Date.now();
      try {
        await dbForUpdate.recordRectificationResponse({
          rectificationId: item.id,
          responseId: `${item.id}:response:${item.responses + 1}`,
          text: request.text,
          evidenceIds: request.evidenceIds,
          at: now,
          fromStatus: item.status,
          actor: auditActor(request.actor),
        });
      } finally {
        item.busy = false;
      }
      item.responses += 1;
      item.status = 'responded';
      return { rectificationId: item.id, status: item.status, deadline: item.deadline };
    },
  });

  onUpdate(ctx, {
    definition: controlRectificationUpdate,
    schema: controlRectificationRequestSchema,
    needsCatalogue: true,
    validate: (request) => refuseControl(state, ctx.who, ctx.catalogue, request),
    handler: async (request) => {
      const item = itemOf(request.rectificationId);
      item.busy = true;
      const now = Date.now();
      // Control stops the critical clock; the fix itself gets the plan's longer period from now.
      const deadline = workingDayDeadline(state.plan, now, state.plan.controlledFixWorkingDays).dueAt;
      try {
        await dbForUpdate.recordRectificationControl({
          rectificationId: item.id,
          controlId: `${item.id}:control:${item.rejections}`,
          text: request.text,
          evidenceIds: request.evidenceIds,
          at: now,
          fromStatus: item.status,
          newDeadline: deadline,
          actor: auditActor(request.actor),
        });
      } finally {
        item.busy = false;
      }
      item.status = 'controlled';
      item.controlledAt = now;
      item.deadline = deadline;
      return { rectificationId: item.id, status: item.status, deadline: item.deadline };
    },
  });

  onUpdate(ctx, {
    definition: verifyRectificationUpdate,
    schema: verifyRectificationRequestSchema,
    validate: (request) => refuseVerify(state, request),
    handler: async (request) => {
      const item = itemOf(request.rectificationId);
      item.busy = true;
      const now = Date.now();
      const accepted = request.decision === 'accept';
      // A rejected answer earns the severity's full period again, counted from the later of now
      // and the old deadline: counted from now alone, a same-day rejection kept the same deadline.
      const reopenedFrom = patched(PATCH_REJECT_FULL_PERIOD) ? Math.max(now, item.deadline) : now;
      const deadline = accepted
        ? item.deadline
        : rectificationDeadline(state.plan, reopenedFrom, item.severity).dueAt;
      // A controlled hazard stays controlled while its fix is done again.
      const reopenAs = item.controlledAt != null ? 'controlled' : 'reopened';
      try {
        await dbForUpdate.recordRectificationVerification({
          rectificationId: item.id,
          verificationId: `${item.id}:verification:${item.responses}`,
          verdict: request.decision,
          reason: request.reason ?? null,
          newDeadline: accepted ? null : deadline,
          ...(accepted || reopenAs === 'reopened' ? {} : { reopenAs }),
          at: now,
          actor: auditActor(request.actor),
        });
      } finally {
        item.busy = false;
      }
      if (accepted) {
        item.status = 'closed';
        state.closedRectifications += 1;
      } else {
        item.status = reopenAs;
        item.rejections += 1;
        item.deadline = deadline;
      }
      const result = { rectificationId: item.id, status: item.status, deadline: item.deadline };
      if (accepted) {
        state.rectifications = state.rectifications.filter((r) => r.id !== item.id);
        if (item.keyPart) await afterKeyPartRectificationClosed(ctx, item, now);
      }
      return result;
    },
  });
}

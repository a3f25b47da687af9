// The matter's Updates: each checked by its schema and the rules (refusals change nothing), run once
// per update id, and applied as one step.
import {
  acceptMatterRequestSchema,
  accept,
  answer,
  assign,
  assignMatterRequestSchema,
  cancel,
  cancelMatterRequestSchema,
  confirm,
  confirmMatterRequestSchema,
  join,
  joinMatterRequestSchema,
  matterProgressRequestSchema,
  progress,
  rate,
  rateMatterRequestSchema,
  refuseAccept,
  refuseAnswer,
  refuseAssign,
  refuseCancel,
  refuseConfirm,
  refuseJoin,
  refuseProgress,
  refuseRate,
  refuseReturn,
  returnMatterRequestSchema,
  returnToQueue,
} from '@pilot/domain';
import {
  acceptMatterUpdate,
  answerMatterUpdate,
  assignMatterUpdate,
  cancelMatterUpdate,
  confirmMatterUpdate,
  joinMatterUpdate,
  matterProgressUpdate,
  rateMatterUpdate,
  returnMatterUpdate,
} from '../messages.js';
import { onUpdate } from '../pilot/update-registry.js';
import type { MatterContext } from './matter-context.js';
import { applyStep } from './matter-steps.js';

export function registerMatterUpdates(ctx: MatterContext): void {
  const now = () => Date.now();
  onUpdate(ctx, {
    definition: assignMatterUpdate,
    schema: assignMatterRequestSchema,
    validate: (request) => refuseAssign(ctx.state, request),
    handler: (request) => applyStep(ctx, assign(ctx.state, ctx.facts, ctx.isWorking, request, now())),
  });
  onUpdate(ctx, {
    definition: acceptMatterUpdate,
    schema: acceptMatterRequestSchema,
    validate: (request) => refuseAccept(ctx.state, request.actor),
    handler: (request) => applyStep(ctx, accept(ctx.state, request, now())),
  });
  onUpdate(ctx, {
    definition: returnMatterUpdate,
    schema: returnMatterRequestSchema,
    validate: (request) => refuseReturn(ctx.state, request.actor),
    handler: (request) => applyStep(ctx, returnToQueue(ctx.state, ctx.facts, request, now())),
  });
  onUpdate(ctx, {
    definition: joinMatterUpdate,
    schema: joinMatterRequestSchema,
    validate: (request) => refuseJoin(ctx.state, request),
    handler: (request) => applyStep(ctx, join(ctx.state, ctx.facts, request, now())),
  });
  onUpdate(ctx, {
    definition: matterProgressUpdate,
    schema: matterProgressRequestSchema,
    validate: (request) => refuseProgress(ctx.state, request.actor),
    handler: (request) => applyStep(ctx, progress(ctx.state, request, now())),
  });
  onUpdate(ctx, {
    definition: answerMatterUpdate,
    schema: matterProgressRequestSchema,
    validate: (request) => refuseAnswer(ctx.state, request.actor),
    handler: (request) => applyStep(ctx, answer(ctx.state, ctx.facts, ctx.isWorking, request, now())),
  });
  onUpdate(ctx, {
    definition: rateMatterUpdate,
    schema: rateMatterRequestSchema,
    validate: (request) => refuseRate(ctx.state, ctx.facts, request.actor),
    handler: (request) =>
      applyStep(ctx, rate(ctx.state, ctx.facts, ctx.isWorking, request, now()), request.comment ?? null),
  });
  onUpdate(ctx, {
    definition: confirmMatterUpdate,
    schema: confirmMatterRequestSchema,
    validate: (request) => refuseConfirm(ctx.state, ctx.facts, request.actor),
    handler: (request) => applyStep(ctx, confirm(ctx.state, ctx.facts, ctx.isWorking, request, now())),
  });
  onUpdate(ctx, {
    definition: cancelMatterUpdate,
    schema: cancelMatterRequestSchema,
    validate: (request) => refuseCancel(ctx.state, request.actor),
    handler: (request) => applyStep(ctx, cancel(ctx.state, ctx.facts, request, now())),
  });
}

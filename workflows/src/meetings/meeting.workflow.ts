// One 四方联席 meeting: 会前 opinions until the window closes (then the community's open matters join
// the agenda), 会上 the record of who came, the minutes and the resolutions — each started as its own
// matter workflow, which outlives the meeting — and 会后 the resolutions followed to closure and the
// feedback published to the residents. The rules live in @pilot/domain.
import {
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { PilotActivities } from '@pilot/activities';
import {
  addOpinionRequestSchema,
  auditActor,
  holdMeetingRequestSchema,
  publishFeedbackRequestSchema,
  reason,
  refuseFeedback,
  refuseHold,
  refuseOpinion,
  SYSTEM_ACTOR,
  type MeetingInput,
  type MeetingState,
  type MeetingUpdateResult,
} from '@pilot/domain';
import {
  addOpinionUpdate,
  holdMeetingUpdate,
  matterWorkflowId,
  meetingRecordedUpdate,
  meetingStateQuery,
  publishFeedbackUpdate,
} from '../messages.js';
import type { matterWorkflow } from '../matters/matter.workflow.js';
import { onUpdate, type UpdateHost } from '../pilot/update-registry.js';

const records = proxyActivities<PilotActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '30 seconds', backoffCoefficient: 2 },
});

interface MeetingContext extends UpdateHost {
  state: MeetingState;
}

const STARTING = reason(
  'meeting_starting',
  '会议正在登记，请稍后再试。',
  'The meeting is being recorded; try again shortly.',
);

export async function meetingWorkflow(input: MeetingInput): Promise<MeetingUpdateResult> {
  const ctx: MeetingContext = {
    state: {
      phase: 'opinions',
      opinions: 0,
      heldAt: null,
      resolutions: [],
      feedbackAt: null,
      appliedUpdates: [],
    },
    recorded: false,
    dirty: false,
    starting: STARTING,
  };
  const result = (): MeetingUpdateResult => ({
    meetingId: input.meetingId,
    phase: ctx.state.phase,
    resolutions: ctx.state.resolutions.length,
    openResolutions: ctx.state.resolutions.filter((r) => !r.closed).length,
  });
  setHandler(meetingStateQuery, () => ctx.state);
  setHandler(meetingRecordedUpdate, async () => {
    await condition(() => ctx.recorded);
    return result();
  });

  onUpdate(ctx, {
    definition: addOpinionUpdate,
    schema: addOpinionRequestSchema,
    validate: (request) => refuseOpinion(ctx.state, input, request, Date.now()),
    handler: async (request) => {
      ctx.state.opinions += 1;
      await records.recordMeetingOpinion({
        meetingId: input.meetingId,
        opinionId: request.opinionId,
        source: request.source,
        text: request.text,
        actor: auditActor(request.actor),
        at: Date.now(),
      });
      return result();
    },
  });

  onUpdate(ctx, {
    definition: holdMeetingUpdate,
    schema: holdMeetingRequestSchema,
    validate: (request) => refuseHold(ctx.state, request),
    handler: async (request) => {
      const heldAt = Date.now();
      ctx.state.phase = 'follow_up';
      ctx.state.heldAt = heldAt;
      ctx.state.resolutions = request.resolutions.map((r, seq) => ({
        seq,
        matterId: r.matter.matterId,
        closed: false,
      }));
      await records.recordMeetingPhase({
        meetingId: input.meetingId,
        phase: 'follow_up',
        at: heldAt,
        actor: auditActor(request.actor),
        held: {
          attendance: request.attendance,
          minutes: request.minutes,
          resolutions: request.resolutions.map((r, seq) => ({
            seq,
            text: r.text,
            matterId: r.matter.matterId,
            dueOn: r.dueOn,
          })),
        },
      });
      // Each resolution is a matter of its own: it keeps running (and is rated, reopened …) after
      // the meeting's feedback is out, so the meeting only follows it.
      for (const [seq, resolution] of request.resolutions.entries()) {
        const child = await startChild<typeof matterWorkflow>('matterWorkflow', {
          workflowId: matterWorkflowId(resolution.matter.matterId),
          args: [{ input: resolution.matter }],
          parentClosePolicy: ParentClosePolicy.ABANDON,
        });
        void child.result().then(
          () => {
            ctx.state.resolutions[seq]!.closed = true;
            ctx.dirty = true;
          },
          () => undefined,
        );
      }
      return result();
    },
  });

  onUpdate(ctx, {
    definition: publishFeedbackUpdate,
    schema: publishFeedbackRequestSchema,
    validate: (request) => refuseFeedback(ctx.state, request),
    handler: async (request) => {
      const at = Date.now();
      ctx.state.phase = 'closed';
      ctx.state.feedbackAt = at;
      await records.recordMeetingPhase({
        meetingId: input.meetingId,
        phase: 'closed',
        at,
        actor: auditActor(request.actor),
        feedback: request.feedback,
      });
      return result();
    },
  });

  await records.recordMeetingCreated({ input, workflowId: workflowInfo().workflowId, at: Date.now() });
  ctx.recorded = true;

  // 会前: the window closes at its time (or when the meeting is held early).
  await condition(() => ctx.state.phase !== 'opinions', Math.max(1, input.opinionsUntil - Date.now()));
  if (ctx.state.phase === 'opinions') {
    ctx.state.phase = 'meeting';
    await records.recordMeetingPhase({
      meetingId: input.meetingId,
      phase: 'meeting',
      at: Date.now(),
      actor: SYSTEM_ACTOR,
      gatherAgenda: true,
    });
  }
  // 会后: the working group hears when every resolution is closed, and the feedback ends it.
  await condition(
    () =>
      ctx.state.phase === 'closed' ||
      (ctx.state.phase === 'follow_up' && ctx.state.resolutions.every((r) => r.closed)),
  );
  if (ctx.state.phase === 'follow_up') {
    await records.noteMeetingResolutionsClosed({ meetingId: input.meetingId, at: Date.now() });
    await condition(() => ctx.state.phase === 'closed');
  }
  await condition(allHandlersFinished);
  return result();
}

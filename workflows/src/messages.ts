// Names shared by workflow code and its clients (API, tests). Kept free of I/O so both sides import it.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  AddOpinionRequest,
  HoldMeetingRequest,
  MeetingState,
  MeetingUpdateResult,
  PublishFeedbackRequest,
  AcceptMatterRequest,
  Actor,
  AssignMatterRequest,
  CancelMatterRequest,
  ConfirmMatterRequest,
  JoinMatterRequest,
  MatterAction,
  MatterProgressRequest,
  MatterRecorded,
  MatterState,
  MatterUpdateResult,
  RateMatterRequest,
  ReturnMatterRequest,
  AdoptCalendarRequest,
  AdoptCalendarResult,
  AuditAnchor,
  AllowedAction,
  EnrollmentRecorded,
  ExtendDeadlineRequest,
  ExtendResult,
  PauseRequest,
  PilotSnapshot,
  PilotStateChange,
  PromoteRequest,
  ReassignInspectorRequest,
  ReassignResult,
  RectificationUpdateResult,
  RespondRectificationRequest,
  ResumeRequest,
  RolloutResult,
  StartRolloutRequest,
  SubmitInspectionRequest,
  SubmitInspectionResult,
  VerifyRectificationRequest,
  WithdrawRequest,
} from '@pilot/domain';

export const TASK_QUEUE = 'pilot';
/**
 * Where a pilot's timer-driven writes go (tasks opening, reminders, 漏检 marks): a queue of their
 * own, rate-limited by its workers, so a burst of wake-ups never holds up the writes behind a
 * person's request, which stay on the pilot's own queue.
 */
export const scheduledWorkQueue = (taskQueue: string): string => `${taskQueue}.scheduled`;
/**
 * Where notice deliveries are sent from (SMTP, group robots): activity-only workers with a few
 * slots of their own, so a channel that hangs never holds up a pilot's activities.
 */
export const noticeDeliveryQueue = (taskQueue: string): string => `${taskQueue}.notices`;
/** One delivery workflow per notice, by its dedupeKey: a second start finds the first. */
export const noticeDeliveryWorkflowId = (dedupeKey: string): string => `notice:${dedupeKey}`;

/** Typed search attributes, so pilots can be listed and filtered in the Temporal Web UI. */
export const searchAttributes = {
  stage: defineSearchAttributeKey('PilotStage', SearchAttributeType.KEYWORD),
  compoundId: defineSearchAttributeKey('PilotCompoundId', SearchAttributeType.KEYWORD),
  firmId: defineSearchAttributeKey('PilotFirmId', SearchAttributeType.KEYWORD),
} as const;

/** One pilot per compound: a second enrollment of the same compound finds the running one. */
export const pilotWorkflowId = (compoundId: string): string => `pilot:${compoundId}`;
export const enrollmentIdFor = (compoundId: string): string => `enr-${compoundId}`;

export const engineProbeWorkflowId = (probeId: string): string => `engine-probe:${probeId}`;

export const submitInspectionUpdate = defineUpdate<SubmitInspectionResult, [SubmitInspectionRequest]>(
  'submitInspection',
);
export const respondRectificationUpdate = defineUpdate<
  RectificationUpdateResult,
  [RespondRectificationRequest]
>('respondRectification');
/** 已管控: the firm reports a critical hazard contained; its critical clock stops. */
export const controlRectificationUpdate = defineUpdate<
  RectificationUpdateResult,
  [RespondRectificationRequest]
>('controlRectification');
export const verifyRectificationUpdate = defineUpdate<
  RectificationUpdateResult,
  [VerifyRectificationRequest]
>('verifyRectification');
export const pauseUpdate = defineUpdate<PilotStateChange, [PauseRequest]>('pause');
export const resumeUpdate = defineUpdate<PilotStateChange, [ResumeRequest]>('resume');
export const extendDeadlineUpdate = defineUpdate<ExtendResult, [ExtendDeadlineRequest]>('extendDeadline');
export const reassignInspectorUpdate = defineUpdate<ReassignResult, [ReassignInspectorRequest]>(
  'reassignInspector',
);
export const withdrawUpdate = defineUpdate<PilotStateChange, [WithdrawRequest]>('withdraw');
export const promoteUpdate = defineUpdate<PilotStateChange, [PromoteRequest]>('promoteToDemonstration');
/** Answers once the pilot's records exist, with where it stands: what an enrollment returns. */
export const enrollmentRecordedUpdate = defineUpdate<EnrollmentRecorded, []>('enrollmentRecorded');
export const startRolloutUpdate = defineUpdate<RolloutResult, [StartRolloutRequest]>('startRollout');
/**
 * 应用新版工作日历 (admin): the pilot follows a newer published calendar release; work not yet
 * open moves off its holidays, open and submitted work stays. Refused when it would change nothing.
 */
export const adoptCalendarUpdate = defineUpdate<AdoptCalendarResult, [AdoptCalendarRequest]>('adoptCalendar');

export const snapshotQuery = defineQuery<PilotSnapshot>('snapshot');
/** The steering actions `actor` may take now, each with the rule's reasons when not. */
export const allowedActionsQuery = defineQuery<AllowedAction[], [Actor]>('allowedActions');

// ─── the audit anchor ────────────────────────────────────────────────────────────────────────

/** One anchor for the deployment: its checkpoints chain, so there is one writer. */
export const AUDIT_ANCHOR_WORKFLOW_ID = 'audit-anchor';

export interface AuditAnchorArgs {
  /** Minutes between checkpoints. */
  intervalMinutes: number;
  /** Carried across continue-as-new. */
  anchors?: AuditAnchor[];
}

/** The anchors the workflow holds, oldest first. */
export const anchorsQuery = defineQuery<AuditAnchor[]>('anchors');
/** Checkpoints now (an admin before an export, a test); null when nothing moved. */
export const checkpointNowUpdate = defineUpdate<AuditAnchor | null, []>('checkpointNow');

// ─── matters (事项) ──────────────────────────────────────────────────────────────────────────

/** One workflow per matter: its one writer from collection to 销号. */
export const matterWorkflowId = (matterId: string): string => `matter:${matterId}`;

/** Answers once the matter's record exists, with its number (事项编号). */
export const matterRecordedUpdate = defineUpdate<MatterRecorded, []>('matterRecorded');
export const assignMatterUpdate = defineUpdate<MatterUpdateResult, [AssignMatterRequest]>('assignMatter');
export const acceptMatterUpdate = defineUpdate<MatterUpdateResult, [AcceptMatterRequest]>('acceptMatter');
export const returnMatterUpdate = defineUpdate<MatterUpdateResult, [ReturnMatterRequest]>('returnMatter');
export const joinMatterUpdate = defineUpdate<MatterUpdateResult, [JoinMatterRequest]>('joinMatter');
export const matterProgressUpdate = defineUpdate<MatterUpdateResult, [MatterProgressRequest]>(
  'matterProgress',
);
export const answerMatterUpdate = defineUpdate<MatterUpdateResult, [MatterProgressRequest]>('answerMatter');
export const rateMatterUpdate = defineUpdate<MatterUpdateResult, [RateMatterRequest]>('rateMatter');
export const confirmMatterUpdate = defineUpdate<MatterUpdateResult, [ConfirmMatterRequest]>('confirmMatter');
export const cancelMatterUpdate = defineUpdate<MatterUpdateResult, [CancelMatterRequest]>('cancelMatter');

export const matterStateQuery = defineQuery<MatterState>('matterState');
export const matterActionsQuery = defineQuery<MatterAction[], [Actor]>('matterActions');

// ─── 四方联席 meetings ──────────────────────────────────────────────────────────────────────────

export const meetingWorkflowId = (meetingId: string): string => `meeting:${meetingId}`;

export const meetingRecordedUpdate = defineUpdate<MeetingUpdateResult, []>('meetingRecorded');
export const addOpinionUpdate = defineUpdate<MeetingUpdateResult, [AddOpinionRequest]>('addOpinion');
export const holdMeetingUpdate = defineUpdate<MeetingUpdateResult, [HoldMeetingRequest]>('holdMeeting');
export const publishFeedbackUpdate = defineUpdate<MeetingUpdateResult, [PublishFeedbackRequest]>(
  'publishFeedback',
);
export const meetingStateQuery = defineQuery<MeetingState>('meetingState');

// 全面推广 campaigns
export * from './campaigns/campaign-messages.js';

// 痕迹化管理: a compound's upkeep
export * from './upkeep/upkeep-messages.js';

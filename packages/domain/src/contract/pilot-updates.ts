// Each Update of the pilot workflow: what the API sends (built by one mapping function per request
// from the validated HTTP body), and what the workflow answers. Instants in answers are epoch ms on
// the workflow's side and ISO 8601 in responses (see `epochInstant`).
import * as z from 'zod';
import { calendarReleaseRefSchema } from '../calendar/calendar-release.js';
import { planOverridesSchema } from '../plan/pilot-plan.js';
import type {
  ControlRectificationInput,
  ExtendDeadlineInput,
  PausePilotInput,
  PromoteCompoundInput,
  ReassignInspectorInput,
  RespondRectificationInput,
  ResumePilotInput,
  SubmitInspectionInput,
  VerifyRectificationInput,
  WithdrawPilotInput,
} from '../schemas/commands.js';
import { inspectorAssignmentSchema, inspectorKindSchema } from '../schemas/common.js';
import { inspectionKindSchema, itemOutcomeSchema, severitySchema } from '../schemas/enums.js';
import { PHASES, STAGES } from '../stages/types.js';
import { actorSchema, type Actor } from './actor.js';
import { epochInstant } from './instant.js';
import { rectificationStatusSchema } from './pilot-state.js';

// ─── inspections ─────────────────────────────────────────────────────────────────────────────

export const submittedItemSchema = z.object({
  code: z.string(),
  /** The key part the item was checked at, on key-part checks. */
  keyPart: z.string().optional(),
  outcome: itemOutcomeSchema,
  score: z.number().optional(),
  note: z.string().optional(),
  evidenceIds: z.array(z.string()).optional(),
});
export type SubmittedItem = z.infer<typeof submittedItemSchema>;

export const submitInspectionRequestSchema = z.object({
  actor: actorSchema,
  taskId: z.string(),
  items: z.array(submittedItemSchema),
  notes: z.string().optional(),
  /** Photos and documents of the inspection as a whole. */
  evidenceIds: z.array(z.string()).optional(),
});
export type SubmitInspectionRequest = z.infer<typeof submitInspectionRequestSchema>;

/** The body's evidence references are upload ids: here they become the request's evidence ids. */
export function submitInspectionRequest(
  actor: Actor,
  taskId: string,
  body: Pick<SubmitInspectionInput, 'items' | 'notes' | 'evidenceRefs'>,
): SubmitInspectionRequest {
  return {
    actor,
    taskId,
    items: body.items.map((item) => ({
      code: item.code,
      ...(item.keyPart !== undefined ? { keyPart: item.keyPart } : {}),
      outcome: item.outcome,
      ...(item.score !== undefined ? { score: item.score } : {}),
      ...(item.note !== undefined ? { note: item.note } : {}),
      ...(item.evidenceRefs?.length ? { evidenceIds: item.evidenceRefs } : {}),
    })),
    ...(body.notes ? { notes: body.notes } : {}),
    ...(body.evidenceRefs.length > 0 ? { evidenceIds: body.evidenceRefs } : {}),
  };
}

export const openedRectificationSchema = z.object({
  id: z.string(),
  standardCode: z.string(),
  keyPart: z.string().nullable(),
  severity: severitySchema,
  deadline: epochInstant,
});

export const submitInspectionResultSchema = z.object({
  resultId: z.string(),
  score: z.number().nullable(),
  /** 合格率 over every applicable item. */
  complianceRate: z.number().nullable(),
  /** 规范操作执行率 over the items that check staff operation. */
  operationRate: z.number().nullable(),
  /** The rectification orders the failed items opened, with their deadlines. */
  rectifications: z.array(openedRectificationSchema),
});
export type SubmitInspectionResult = z.input<typeof submitInspectionResultSchema>;
export type SubmitInspectionResultView = z.output<typeof submitInspectionResultSchema>;

// ─── rectifications ──────────────────────────────────────────────────────────────────────────

export const respondRectificationRequestSchema = z.object({
  actor: actorSchema,
  rectificationId: z.string(),
  text: z.string(),
  evidenceIds: z.array(z.string()),
});
export type RespondRectificationRequest = z.infer<typeof respondRectificationRequestSchema>;

export function respondRectificationRequest(
  actor: Actor,
  body: Pick<RespondRectificationInput, 'rectificationId' | 'response' | 'evidenceRefs'>,
): RespondRectificationRequest {
  return {
    actor,
    rectificationId: body.rectificationId,
    text: body.response,
    evidenceIds: body.evidenceRefs,
  };
}

/** 已管控: the firm reports how a critical hazard is contained, with evidence (a signed stop notice). */
export const controlRectificationRequestSchema = respondRectificationRequestSchema;
export type ControlRectificationRequest = RespondRectificationRequest;

export function controlRectificationRequest(
  actor: Actor,
  body: Pick<ControlRectificationInput, 'rectificationId' | 'measures' | 'evidenceRefs'>,
): ControlRectificationRequest {
  return {
    actor,
    rectificationId: body.rectificationId,
    text: body.measures,
    evidenceIds: body.evidenceRefs,
  };
}

export const verifyRectificationRequestSchema = z.object({
  actor: actorSchema,
  rectificationId: z.string(),
  decision: z.enum(['accept', 'reject']),
  reason: z.string().optional(),
});
export type VerifyRectificationRequest = z.infer<typeof verifyRectificationRequestSchema>;

/** The workflow keeps one text per verdict: the reason of a rejection, or the note on an acceptance. */
export function verifyRectificationRequest(
  actor: Actor,
  body: Pick<VerifyRectificationInput, 'rectificationId' | 'decision' | 'reason' | 'note'>,
): VerifyRectificationRequest {
  const text = body.reason ?? body.note;
  return {
    actor,
    rectificationId: body.rectificationId,
    decision: body.decision,
    ...(text ? { reason: text } : {}),
  };
}

export const rectificationUpdateResultSchema = z.object({
  rectificationId: z.string(),
  status: rectificationStatusSchema,
  deadline: epochInstant,
});
export type RectificationUpdateResult = z.input<typeof rectificationUpdateResultSchema>;
export type RectificationUpdateResultView = z.output<typeof rectificationUpdateResultSchema>;

// ─── steering ────────────────────────────────────────────────────────────────────────────────

export const pauseRequestSchema = z.object({ actor: actorSchema, reason: z.string() });
export type PauseRequest = z.infer<typeof pauseRequestSchema>;
export const pauseRequest = (actor: Actor, body: Pick<PausePilotInput, 'reason'>): PauseRequest => ({
  actor,
  reason: body.reason,
});

export const resumeRequestSchema = z.object({ actor: actorSchema, note: z.string().optional() });
export type ResumeRequest = z.infer<typeof resumeRequestSchema>;
export const resumeRequest = (actor: Actor, body: Pick<ResumePilotInput, 'note'>): ResumeRequest => ({
  actor,
  ...(body.note ? { note: body.note } : {}),
});

export const extendDeadlineRequestSchema = z.object({
  actor: actorSchema,
  targetType: z.enum(['task', 'rectification']),
  targetId: z.string(),
  days: z.number().int(),
  reason: z.string(),
});
export type ExtendDeadlineRequest = z.infer<typeof extendDeadlineRequestSchema>;
export const extendDeadlineRequest = (actor: Actor, body: ExtendDeadlineInput): ExtendDeadlineRequest => ({
  actor,
  targetType: body.targetType,
  targetId: body.targetId,
  days: body.days,
  reason: body.reason,
});

export const extendResultSchema = z.object({ targetId: z.string(), deadline: epochInstant });
export type ExtendResult = z.input<typeof extendResultSchema>;
export type ExtendResultView = z.output<typeof extendResultSchema>;

export const reassignInspectorRequestSchema = z.object({
  actor: actorSchema,
  fromInspectorId: z.string(),
  toInspectorId: z.string(),
  kinds: z.array(inspectorKindSchema).optional(),
  reason: z.string().optional(),
});
export type ReassignInspectorRequest = z.infer<typeof reassignInspectorRequestSchema>;
export const reassignInspectorRequest = (
  actor: Actor,
  body: ReassignInspectorInput,
): ReassignInspectorRequest => ({
  actor,
  fromInspectorId: body.fromInspectorId,
  toInspectorId: body.toInspectorId,
  ...(body.kinds ? { kinds: body.kinds } : {}),
  ...(body.reason ? { reason: body.reason } : {}),
});

export const reassignResultSchema = z.object({ reassignedTasks: z.array(z.string()) });
export type ReassignResult = z.infer<typeof reassignResultSchema>;

export const withdrawRequestSchema = z.object({ actor: actorSchema, reason: z.string() });
export type WithdrawRequest = z.infer<typeof withdrawRequestSchema>;
export const withdrawRequest = (actor: Actor, body: Pick<WithdrawPilotInput, 'reason'>): WithdrawRequest => ({
  actor,
  reason: body.reason,
});

export const promoteRequestSchema = z.object({ actor: actorSchema, note: z.string().optional() });
export type PromoteRequest = z.infer<typeof promoteRequestSchema>;
export const promoteRequest = (actor: Actor, body: Pick<PromoteCompoundInput, 'note'>): PromoteRequest => ({
  actor,
  ...(body.note ? { note: body.note } : {}),
});

export const rolloutTargetSchema = z.object({ compoundId: z.string(), firmId: z.string() });
export type RolloutTarget = z.infer<typeof rolloutTargetSchema>;

export const startRolloutRequestSchema = z.object({
  actor: actorSchema,
  startDate: z.iso.date(),
  catalogueVersionId: z.string(),
  targets: z.array(rolloutTargetSchema),
  inspectorAssignments: z.array(inspectorAssignmentSchema),
  planOverrides: planOverridesSchema.optional(),
});
export type StartRolloutRequest = z.infer<typeof startRolloutRequestSchema>;

export const enrolledPilotSchema = z.object({
  compoundId: z.string(),
  enrollmentId: z.string(),
  workflowId: z.string(),
  /** True when the compound was enrolled already: that pilot is the answer, no second one started. */
  alreadyEnrolled: z.boolean(),
});
export type EnrolledPilot = z.infer<typeof enrolledPilotSchema>;

export const rolloutResultSchema = z.object({ enrolled: z.array(enrolledPilotSchema) });
export type RolloutResult = z.infer<typeof rolloutResultSchema>;

export const pilotStateChangeSchema = z.object({
  stage: z.enum(STAGES),
  phase: z.enum(PHASES),
  paused: z.boolean(),
});
export type PilotStateChange = z.infer<typeof pilotStateChangeSchema>;

/**
 * The answer of the enrollment Update: the workflow has written its records (so the API can read
 * the new pilot once, without polling) and says where it stands.
 */
export const enrollmentRecordedSchema = pilotStateChangeSchema.extend({
  enrollmentId: z.string(),
  round: z.number().int(),
  tasks: z.number().int(),
  firstDueAt: epochInstant.nullable(),
});
export type EnrollmentRecorded = z.input<typeof enrollmentRecordedSchema>;

// ─── the working calendar ────────────────────────────────────────────────────────────────────

/** 应用新版工作日历: the release to adopt, by reference when the code ships its data. */
export const adoptCalendarRequestSchema = z.object({
  actor: actorSchema,
  release: calendarReleaseRefSchema,
});
export type AdoptCalendarRequest = z.infer<typeof adoptCalendarRequestSchema>;

export const adoptCalendarResultSchema = z.object({
  /** The release the pilot follows now, and the one it followed (null: its plan's own days). */
  version: z.number().int(),
  previousVersion: z.number().int().nullable(),
  firstYear: z.number().int(),
  lastYear: z.number().int(),
  /** Tasks not yet open that the new calendar moved. */
  moved: z.array(
    z.object({
      taskId: z.string(),
      key: z.string(),
      kind: inspectionKindSchema,
      fromDueAt: epochInstant,
      toDueAt: epochInstant,
      /** The new due date on the real calendar. */
      calendarDueDate: z.iso.date(),
    }),
  ),
  /** Tasks not yet open whose times stayed. */
  kept: z.number().int(),
});
export type AdoptCalendarResult = z.input<typeof adoptCalendarResultSchema>;
export type AdoptCalendarResultView = z.output<typeof adoptCalendarResultSchema>;

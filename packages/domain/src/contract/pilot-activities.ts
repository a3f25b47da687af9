// Inputs of the pilot activities. The workflow builds them; every id in them was made by the
// workflow, so a retried activity writes the same rows again, i.e. nothing new. Instants are epoch
// milliseconds of workflow time, so records follow the pilot's clock (also under time skipping).
import * as z from 'zod';
import { calendarReleaseRefSchema } from '../calendar/calendar-release.js';
import { pilotPlanSchema, planOverridesSchema } from '../plan/pilot-plan.js';
import { roundStageSchema } from '../scoring/stage-assessment.js';
import { inspectorAssignmentSchema } from '../schemas/common.js';
import {
  categoryCodeSchema,
  inspectionKindSchema,
  itemOutcomeSchema,
  severitySchema,
} from '../schemas/enums.js';
import { reasonSchema } from '../shared/reason.js';
import { PHASES, STAGES } from '../stages/types.js';
import { USER_ROLES } from '../schemas/commands.js';
import { NOTICE_ENTITY_TYPES } from '../schemas/notices.js';
import { actorSchema, auditActorSchema } from './actor.js';
import {
  PUBLIC_TASK_STATUSES,
  keyPartStateSchema,
  rectificationStatusSchema,
  roundOutcomeSchema,
  taskScopeSchema,
} from './pilot-state.js';

const epochMs = z.number().int();

export const auditNoteSchema = z.object({
  actor: auditActorSchema,
  action: z.string(),
  entityType: z.string().optional(),
  entityId: z.string().optional(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
export type AuditNote = z.infer<typeof auditNoteSchema>;

export const ENROLLMENT_STATUSES = ['active', 'paused', 'withdrawn', 'completed'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

export const recordEnrollmentInputSchema = z.object({
  enrollmentId: z.string(),
  workflowId: z.string(),
  compoundId: z.string(),
  firmId: z.string(),
  catalogueVersionId: z.string(),
  startDate: epochMs,
  plan: pilotPlanSchema,
  originEnrollmentId: z.string().nullable(),
  stage: z.enum(STAGES),
  phase: z.enum(PHASES),
  assignments: z.array(inspectorAssignmentSchema),
  actor: auditActorSchema,
  at: epochMs.optional(),
  /** The calendar release the pilot follows; null (or absent) when its plan carries its own days. */
  calendarVersion: z.number().int().nullable().optional(),
});
export type RecordEnrollmentInput = z.infer<typeof recordEnrollmentInputSchema>;

export const syncEnrollmentInputSchema = z.object({
  enrollmentId: z.string(),
  stage: z.enum(STAGES),
  phase: z.enum(PHASES),
  status: z.enum(ENROLLMENT_STATUSES),
  currentRound: z.number().int(),
  latestScore: z.number().nullable(),
  starRating: z.number().int().nullable(),
  at: epochMs.optional(),
  audit: auditNoteSchema.optional(),
});
export type SyncEnrollmentInput = z.infer<typeof syncEnrollmentInputSchema>;

/** A task as the records keep it: the workflow's lock is written as `open`. */
export const taskRowSchema = z.object({
  id: z.string(),
  key: z.string(),
  kind: inspectionKindSchema,
  round: z.number().int(),
  opensAt: epochMs,
  dueAt: epochMs,
  remindAt: epochMs,
  missedAt: epochMs,
  assigneeId: z.string().nullable(),
  status: z.enum(PUBLIC_TASK_STATUSES),
  scope: taskScopeSchema.optional(),
});
export type TaskRow = z.infer<typeof taskRowSchema>;

export const scheduleRoundInputSchema = z.object({
  enrollmentId: z.string(),
  round: z.object({
    id: z.string(),
    number: z.number().int(),
    kind: roundStageSchema,
    startsAt: epochMs,
    endsAt: epochMs,
    focusCategories: z.array(categoryCodeSchema),
    keyParts: z.array(keyPartStateSchema).optional(),
  }),
  tasks: z.array(taskRowSchema),
});
export type ScheduleRoundInput = z.infer<typeof scheduleRoundInputSchema>;

export const taskChangeSchema = z.object({
  taskId: z.string(),
  status: z.enum(PUBLIC_TASK_STATUSES).optional(),
  opensAt: epochMs.optional(),
  remindAt: epochMs.optional(),
  dueAt: epochMs.optional(),
  missedAt: epochMs.optional(),
  remindedAt: epochMs.nullable().optional(),
  escalatedAt: epochMs.nullable().optional(),
});
export type TaskChange = z.infer<typeof taskChangeSchema>;

export const rectificationChangeSchema = z.object({
  id: z.string(),
  status: rectificationStatusSchema.optional(),
  deadline: epochMs.optional(),
  escalatedAt: epochMs.optional(),
});
export type RectificationChange = z.infer<typeof rectificationChangeSchema>;

export const NOTIFICATION_KINDS = [
  'reminder',
  'escalation',
  'missed',
  'overdue',
  'stage_change',
  'info',
] as const;

export const notificationInputSchema = z.object({
  dedupeKey: z.string(),
  userId: z.string().nullable(),
  role: z.enum(USER_ROLES).nullable(),
  kind: z.enum(NOTIFICATION_KINDS),
  title: z.string(),
  body: z.string(),
  /** What the notice is about, for the inbox's link. Absent in notices of runs started before it existed. */
  entityType: z.enum(NOTICE_ENTITY_TYPES).optional(),
  entityId: z.string().optional(),
});
export type NotificationInput = z.infer<typeof notificationInputSchema>;

export const applyTaskChangesInputSchema = z.object({
  enrollmentId: z.string(),
  changes: z.array(taskChangeSchema),
  notifications: z.array(notificationInputSchema),
  rectifications: z.array(rectificationChangeSchema),
  /** New tasks made during a round (a key part's re-check). */
  newTasks: z.array(taskRowSchema).optional(),
  round: z
    .object({ id: z.string(), endsAt: epochMs.optional(), keyParts: z.array(keyPartStateSchema).optional() })
    .optional(),
  at: epochMs,
  audit: z.array(auditNoteSchema).optional(),
});
export type ApplyTaskChangesInput = z.infer<typeof applyTaskChangesInputSchema>;

export const recordedItemSchema = z.object({
  code: z.string(),
  keyPart: z.string().optional(),
  outcome: itemOutcomeSchema,
  score: z.number().optional(),
  note: z.string().optional(),
  evidenceIds: z.array(z.string()),
});

export const recordInspectionInputSchema = z.object({
  enrollmentId: z.string(),
  resultId: z.string(),
  taskId: z.string(),
  catalogueVersionId: z.string(),
  submittedAt: epochMs,
  score: z.number().nullable(),
  complianceRate: z.number().nullable(),
  operationRate: z.number().nullable().optional(),
  categoryScores: z.array(z.object({ category: categoryCodeSchema, score: z.number().nullable() })),
  notes: z.string().nullable(),
  evidenceIds: z.array(z.string()).optional(),
  items: z.array(recordedItemSchema),
  rectifications: z.array(
    z.object({
      id: z.string(),
      roundId: z.string().nullable(),
      standardCode: z.string(),
      keyPart: z.string().optional(),
      finding: z.string(),
      severity: severitySchema,
      critical: z.boolean(),
      deadline: epochMs,
    }),
  ),
  /** The round's key parts after this check, when it was a key-part check. */
  keyParts: z.array(keyPartStateSchema).optional(),
  actor: auditActorSchema,
});
export type RecordInspectionInput = z.infer<typeof recordInspectionInputSchema>;

export const recordResponseInputSchema = z.object({
  rectificationId: z.string(),
  responseId: z.string(),
  text: z.string(),
  evidenceIds: z.array(z.string()),
  at: epochMs,
  fromStatus: rectificationStatusSchema,
  actor: auditActorSchema,
});
export type RecordResponseInput = z.infer<typeof recordResponseInputSchema>;

/** 已管控: how the hazard is contained, and the fix's own deadline from now on. */
export const recordControlInputSchema = z.object({
  rectificationId: z.string(),
  controlId: z.string(),
  text: z.string(),
  evidenceIds: z.array(z.string()),
  at: epochMs,
  fromStatus: rectificationStatusSchema,
  newDeadline: epochMs,
  actor: auditActorSchema,
});
export type RecordControlInput = z.infer<typeof recordControlInputSchema>;

export const recordVerificationInputSchema = z.object({
  rectificationId: z.string(),
  verificationId: z.string(),
  verdict: z.enum(['accept', 'reject']),
  reason: z.string().nullable(),
  newDeadline: epochMs.nullable(),
  /** The status a rejected item goes back to (已管控 items stay controlled). */
  reopenAs: rectificationStatusSchema.optional(),
  at: epochMs,
  actor: auditActorSchema,
});
export type RecordVerificationInput = z.infer<typeof recordVerificationInputSchema>;

export const recordRoundEvaluationInputSchema = z.object({
  enrollmentId: z.string(),
  roundId: z.string(),
  outcome: roundOutcomeSchema,
});
export type RecordRoundEvaluationInput = z.infer<typeof recordRoundEvaluationInputSchema>;

export const archiveRoundInputSchema = z.object({
  enrollmentId: z.string(),
  roundId: z.string(),
  archiveId: z.string(),
  createdAt: epochMs,
});
export type ArchiveRoundInput = z.infer<typeof archiveRoundInputSchema>;

export const reassignInputSchema = z.object({
  enrollmentId: z.string(),
  assignments: z.array(inspectorAssignmentSchema),
  taskIds: z.array(z.string()),
  fromInspectorId: z.string(),
  toInspectorId: z.string(),
  reason: z.string().nullable(),
  actor: auditActorSchema,
  at: epochMs.optional(),
});
export type ReassignInput = z.infer<typeof reassignInputSchema>;

export const promoteInputSchema = z.object({
  enrollmentId: z.string(),
  compoundId: z.string(),
  at: epochMs,
  reasons: z.array(reasonSchema),
  note: z.string().nullable(),
  actor: auditActorSchema,
});
export type PromoteInput = z.infer<typeof promoteInputSchema>;

export const experienceSummaryInputSchema = z.object({
  enrollmentId: z.string(),
  at: epochMs,
  rounds: z.array(roundOutcomeSchema),
});
export type ExperienceSummaryInput = z.infer<typeof experienceSummaryInputSchema>;

export const rolloutInputSchema = z.object({
  originEnrollmentId: z.string(),
  startDate: z.iso.date(),
  catalogueVersionId: z.string(),
  targets: z.array(z.object({ compoundId: z.string(), firmId: z.string() })),
  inspectorAssignments: z.array(inspectorAssignmentSchema),
  planOverrides: planOverridesSchema.nullable(),
  actor: auditActorSchema,
});
export type RolloutInput = z.infer<typeof rolloutInputSchema>;

/** What the rollout activity asks of the composition root to start one pilot (see PilotStarter). */
export const startPilotRequestSchema = z.object({
  compoundId: z.string(),
  firmId: z.string(),
  startDate: z.iso.date(),
  catalogueVersionId: z.string(),
  inspectorAssignments: z.array(inspectorAssignmentSchema),
  planOverrides: planOverridesSchema.nullable(),
  originEnrollmentId: z.string().nullable(),
  enrolledBy: actorSchema,
  /** The published calendar release the new pilot follows (the latest one when the rollout ran). */
  calendar: calendarReleaseRefSchema.nullable().optional(),
});
export type StartPilotRequest = z.infer<typeof startPilotRequestSchema>;

const taskTimesSchema = z.object({ opensAt: epochMs, remindAt: epochMs, dueAt: epochMs, missedAt: epochMs });

/**
 * A pilot adopted a newer calendar release: its plan (with the new calendar), the release it
 * follows now, and the tasks not yet open that moved, with their times before and after.
 */
export const recordCalendarAdoptionInputSchema = z.object({
  enrollmentId: z.string(),
  calendarVersion: z.number().int(),
  previousVersion: z.number().int().nullable(),
  firstYear: z.number().int(),
  lastYear: z.number().int(),
  plan: pilotPlanSchema,
  tasks: z.array(
    z.object({ taskId: z.string(), key: z.string(), before: taskTimesSchema, after: taskTimesSchema }),
  ),
  actor: auditActorSchema,
  at: epochMs,
});
export type RecordCalendarAdoptionInput = z.infer<typeof recordCalendarAdoptionInputSchema>;

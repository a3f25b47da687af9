// The pilot workflow's own state and input: plain JSON (epoch milliseconds, arrays, records), as
// Temporal carries it across continue-as-new. Fields added after pilots were already running are
// optional, because carried state from earlier runs lacks them.
import * as z from 'zod';
import { calendarReleaseRefSchema } from '../calendar/calendar-release.js';
import { followedCalendarSchema } from '../plan/calendar-plan.js';
import { pilotPlanSchema, planOverridesSchema } from '../plan/pilot-plan.js';
import { roundStageSchema } from '../scoring/stage-assessment.js';
import { inspectionScoreSchema } from '../scoring/types.js';
import { inspectorAssignmentSchema } from '../schemas/common.js';
import {
  categoryCodeSchema,
  inspectionKindSchema,
  localizedSchema,
  severitySchema,
} from '../schemas/enums.js';
import { reasonSchema } from '../shared/reason.js';
import { PHASES, STAGES, stageStateSchema } from '../stages/types.js';
import { actorSchema } from './actor.js';

const epochMs = z.number().int();

export type InspectorAssignment = z.infer<typeof inspectorAssignmentSchema>;

export const pilotInputSchema = z.object({
  enrollmentId: z.string(),
  compoundId: z.string(),
  firmId: z.string(),
  /** Local date (Asia/Shanghai) the pilot starts, YYYY-MM-DD. */
  startDate: z.iso.date(),
  inspectorAssignments: z.array(inspectorAssignmentSchema),
  catalogueVersionId: z.string(),
  planOverrides: planOverridesSchema.optional(),
  /** The pilot whose rollout (全面推广) enrolled this one. */
  originEnrollmentId: z.string().nullable().optional(),
  enrolledBy: actorSchema,
  /**
   * The published working calendar the pilot follows (by reference when the code ships its data);
   * without it, the release the code ships (the default plan's calendar).
   */
  calendar: calendarReleaseRefSchema.optional(),
});
export type PilotInput = z.infer<typeof pilotInputSchema>;

/**
 * `submitting` is the workflow's own lock while an inspection is being persisted; the records and
 * every public view know only the other five.
 */
export const TASK_STATUSES = ['scheduled', 'open', 'submitting', 'submitted', 'missed', 'cancelled'] as const;
export const PUBLIC_TASK_STATUSES = ['scheduled', 'open', 'submitted', 'missed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export type PublicTaskStatus = (typeof PUBLIC_TASK_STATUSES)[number];

/** What a key-part check covers: the key parts (by code) whose standards it works through. */
export const taskScopeSchema = z.object({ keyParts: z.array(z.string()) });
export type TaskScope = z.infer<typeof taskScopeSchema>;

export const taskStateSchema = z.object({
  id: z.string(),
  key: z.string(),
  kind: inspectionKindSchema,
  round: z.number().int(),
  opensAt: epochMs,
  dueAt: epochMs,
  remindAt: epochMs,
  missedAt: epochMs,
  /** Inspector for the working group's inspections; null for the firm's self-inspection. */
  assigneeId: z.string().nullable(),
  status: z.enum(TASK_STATUSES),
  remindedAt: epochMs.nullable(),
  escalatedAt: epochMs.nullable(),
  submittedAt: epochMs.nullable(),
  /** Present on key-part checks and re-checks. */
  scope: taskScopeSchema.optional(),
});
export type TaskState = z.infer<typeof taskStateSchema>;

/**
 * 已管控 (`controlled`): a critical hazard that cannot be fixed in a day is contained (the lift stopped
 * and signed off); that stops the critical deadline, and the fix gets its own period.
 */
export const RECTIFICATION_STATUSES = [
  'open',
  'controlled',
  'responded',
  'reopened',
  'closed',
  'cancelled',
] as const;
export const rectificationStatusSchema = z.enum(RECTIFICATION_STATUSES);
export type RectificationStatus = z.infer<typeof rectificationStatusSchema>;

/** Statuses in which the firm still owes work and the deadline runs. */
export const RUNNING_RECTIFICATION_STATUSES: readonly RectificationStatus[] = [
  'open',
  'reopened',
  'controlled',
];

export const rectificationStateSchema = z.object({
  id: z.string(),
  taskId: z.string(),
  round: z.number().int(),
  standardCode: z.string(),
  /** The key part the finding was made at, for key-part checks. */
  keyPart: z.string().optional(),
  severity: severitySchema,
  critical: z.boolean(),
  deadline: epochMs,
  status: rectificationStatusSchema,
  /** Set while an update on this item is being persisted, so a second one is refused. */
  busy: z.boolean(),
  /** The deadline an overdue escalation was sent for (one per deadline). */
  escalatedFor: epochMs.nullable(),
  responses: z.number().int(),
  rejections: z.number().int(),
  /** When the hazard was controlled (已管控), if it was. */
  controlledAt: epochMs.nullable().optional(),
});
export type RectificationState = z.infer<typeof rectificationStateSchema>;

export const inspectionSummarySchema = z.object({
  taskId: z.string(),
  kind: inspectionKindSchema,
  round: z.number().int(),
  submittedAt: epochMs,
  score: inspectionScoreSchema,
});
export type InspectionSummary = z.infer<typeof inspectionSummarySchema>;

/** One check of a key part: its score there, and how many items failed. */
export const keyPartCheckSchema = z.object({
  taskId: z.string(),
  kind: z.enum(['consolidation', 'recheck']),
  at: epochMs,
  score: z.number().nullable(),
  failed: z.number().int(),
});

/**
 * 重点部位 of a consolidation round: a place of the compound with the standards checked there, and
 * its 检查 → 整改 → 提升 loop: every check, the rectifications still open, the re-check to come.
 */
export const keyPartStateSchema = z.object({
  code: z.string(),
  name: localizedSchema,
  standards: z.array(z.string()),
  /** Part of a weak category of the previous round: checked first. */
  focus: z.boolean(),
  checks: z.array(keyPartCheckSchema),
  /** Open rectifications found at this part; when the last closes, a re-check is scheduled. */
  openRectifications: z.array(z.string()),
  recheckTaskId: z.string().nullable(),
});
export type KeyPartState = z.infer<typeof keyPartStateSchema>;

export const roundStateSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  stage: roundStageSchema,
  startsAt: epochMs,
  endsAt: epochMs,
  /** The weak categories of the previous round (before key parts were places, the whole focus). */
  focusCategories: z.array(categoryCodeSchema),
  tasks: z.array(taskStateSchema),
  inspections: z.array(inspectionSummarySchema),
  /** Present on consolidation rounds that check key parts as places. */
  keyParts: z.array(keyPartStateSchema).optional(),
});
export type RoundState = z.infer<typeof roundStateSchema>;

/** A key part's improvement over a round: its first failing (or first) score, and its last re-check. */
export const keyPartOutcomeSchema = z.object({
  code: z.string(),
  name: localizedSchema,
  before: z.number().nullable(),
  after: z.number().nullable(),
  /** after − before, when both exist. */
  improvement: z.number().nullable(),
  rechecks: z.number().int(),
});
export type KeyPartOutcome = z.infer<typeof keyPartOutcomeSchema>;

export const roundOutcomeSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  stage: roundStageSchema,
  score: z.number().nullable(),
  stars: z.number().int().nullable(),
  /** 合格率 over every applicable item of the round's inspections. */
  complianceRate: z.number().nullable(),
  /** 规范操作执行率 over the items that check staff operation (absent for rounds evaluated before). */
  operationRate: z.number().nullable().optional(),
  categoryScores: z.array(z.object({ category: categoryCodeSchema, score: z.number().nullable() })),
  /** The weakest categories, which weight the next round's key parts. */
  keyAreas: z.array(categoryCodeSchema),
  keyParts: z.array(keyPartOutcomeSchema).optional(),
  passed: z.boolean(),
  reasons: z.array(reasonSchema),
  completed: z.number().int(),
  missed: z.number().int(),
  evaluatedAt: epochMs,
  archiveId: z.string().nullable(),
});
export type RoundOutcome = z.infer<typeof roundOutcomeSchema>;

/** Everything the workflow carries across continue-as-new. */
export const pilotStateSchema = z.object({
  stage: stageStateSchema,
  plan: pilotPlanSchema,
  startMs: epochMs,
  round: roundStateSchema.nullable(),
  rounds: z.array(roundOutcomeSchema),
  rectifications: z.array(rectificationStateSchema),
  closedRectifications: z.number().int(),
  assignments: z.array(inspectorAssignmentSchema),
  pausedAt: epochMs.nullable(),
  pausedMsTotal: z.number(),
  promotedAt: epochMs.nullable(),
  experienceSummarizedAt: epochMs.nullable(),
  rollouts: z.array(z.string()),
  withdrawnAt: epochMs.nullable(),
  /** Update ids already applied, so a retried request repeats nothing even after continue-as-new. */
  appliedUpdates: z.array(z.object({ id: z.string(), result: z.unknown() })),
  /**
   * The calendar release the plan's calendar comes from, with the pilot's local adjustments.
   * Absent for pilots enrolled before calendars were releases: their plan carries its own days.
   */
  calendar: followedCalendarSchema.optional(),
});
export type PilotState = z.infer<typeof pilotStateSchema>;

export const pilotWorkflowArgsSchema = z.object({
  input: pilotInputSchema,
  /** Present after continue-as-new. */
  carried: pilotStateSchema.optional(),
});
export type PilotWorkflowArgs = z.infer<typeof pilotWorkflowArgsSchema>;

export const pilotOutcomeSchema = z.object({
  enrollmentId: z.string(),
  stage: z.enum(STAGES),
  phase: z.enum(PHASES),
  rounds: z.array(roundOutcomeSchema),
});
export type PilotOutcome = z.infer<typeof pilotOutcomeSchema>;

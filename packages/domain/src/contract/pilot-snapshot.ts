// What the pilot workflow shows of itself through its queries: the live snapshot and what a user
// may do now. The workflow's locks (`busy`, `submitting`) stay inside it: one projection function
// per shape below turns its state into the public view.
import * as z from 'zod';
import {
  categoryCodeSchema,
  inspectionKindSchema,
  localizedSchema,
  severitySchema,
} from '../schemas/enums.js';
import { compoundFeatureSchema } from '../compound/features.js';
import { inspectorAssignmentSchema } from '../schemas/common.js';
import { roundStageSchema } from '../scoring/stage-assessment.js';
import { reasonSchema } from '../shared/reason.js';
import { PHASES, STAGES } from '../stages/types.js';
import { epochInstant } from './instant.js';
import {
  PUBLIC_TASK_STATUSES,
  keyPartOutcomeSchema,
  rectificationStatusSchema,
  taskScopeSchema,
  type RectificationState,
  type RoundOutcome,
  type TaskState,
} from './pilot-state.js';

export const snapshotTaskSchema = z.object({
  id: z.string(),
  key: z.string(),
  kind: inspectionKindSchema,
  round: z.number().int(),
  status: z.enum(PUBLIC_TASK_STATUSES),
  opensAt: epochInstant,
  dueAt: epochInstant,
  remindAt: epochInstant,
  missedAt: epochInstant,
  assigneeId: z.string().nullable(),
  remindedAt: epochInstant.nullable(),
  escalatedAt: epochInstant.nullable(),
  submittedAt: epochInstant.nullable(),
  scope: taskScopeSchema.nullable(),
});
export type SnapshotTask = z.input<typeof snapshotTaskSchema>;

export function snapshotTask(task: TaskState): SnapshotTask {
  return {
    id: task.id,
    key: task.key,
    kind: task.kind,
    round: task.round,
    // Being persisted right now is, to everyone outside, still open.
    status: task.status === 'submitting' ? 'open' : task.status,
    opensAt: task.opensAt,
    dueAt: task.dueAt,
    remindAt: task.remindAt,
    missedAt: task.missedAt,
    assigneeId: task.assigneeId,
    remindedAt: task.remindedAt,
    escalatedAt: task.escalatedAt,
    submittedAt: task.submittedAt,
    scope: task.scope ?? null,
  };
}

export const snapshotRectificationSchema = z.object({
  id: z.string(),
  taskId: z.string(),
  round: z.number().int(),
  standardCode: z.string(),
  keyPart: z.string().nullable(),
  severity: severitySchema,
  critical: z.boolean(),
  deadline: epochInstant,
  status: rectificationStatusSchema,
  controlledAt: epochInstant.nullable(),
  /** The deadline the coordinators were told was missed, if one was. */
  escalatedFor: epochInstant.nullable(),
  responses: z.number().int(),
  rejections: z.number().int(),
});
export type SnapshotRectification = z.input<typeof snapshotRectificationSchema>;

export function snapshotRectification(item: RectificationState): SnapshotRectification {
  return {
    id: item.id,
    taskId: item.taskId,
    round: item.round,
    standardCode: item.standardCode,
    keyPart: item.keyPart ?? null,
    severity: item.severity,
    critical: item.critical,
    deadline: item.deadline,
    status: item.status,
    controlledAt: item.controlledAt ?? null,
    escalatedFor: item.escalatedFor,
    responses: item.responses,
    rejections: item.rejections,
  };
}

export const snapshotRoundSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  stage: roundStageSchema,
  score: z.number().nullable(),
  stars: z.number().int().nullable(),
  complianceRate: z.number().nullable(),
  operationRate: z.number().nullable(),
  categoryScores: z.array(z.object({ category: categoryCodeSchema, score: z.number().nullable() })),
  keyAreas: z.array(categoryCodeSchema),
  keyParts: z.array(keyPartOutcomeSchema),
  passed: z.boolean(),
  reasons: z.array(reasonSchema),
  completed: z.number().int(),
  missed: z.number().int(),
  evaluatedAt: epochInstant,
  archiveId: z.string().nullable(),
});
export type SnapshotRound = z.input<typeof snapshotRoundSchema>;

export function snapshotRound(outcome: RoundOutcome): SnapshotRound {
  return { ...outcome, operationRate: outcome.operationRate ?? null, keyParts: outcome.keyParts ?? [] };
}

/** A key part of the running round and where its 检查 → 整改 → 提升 loop stands. */
export const snapshotKeyPartSchema = z.object({
  code: z.string(),
  name: localizedSchema,
  standards: z.array(z.string()),
  focus: z.boolean(),
  status: z.enum(['unchecked', 'passed', 'rectifying', 'awaiting_recheck', 'improved']),
  before: z.number().nullable(),
  after: z.number().nullable(),
  openRectifications: z.number().int(),
  recheckTaskId: z.string().nullable(),
});
export type SnapshotKeyPart = z.input<typeof snapshotKeyPartSchema>;

/** The workflow's live state: what is open, what comes next, what it waits for. */
export const pilotSnapshotSchema = z.object({
  enrollmentId: z.string(),
  compoundId: z.string(),
  firmId: z.string(),
  stage: z.enum(STAGES),
  phase: z.enum(PHASES),
  stageLabel: localizedSchema,
  phaseLabel: localizedSchema,
  paused: z.boolean(),
  pausedAt: epochInstant.nullable(),
  currentRound: z
    .object({
      id: z.string(),
      number: z.number().int(),
      stage: roundStageSchema,
      startsAt: epochInstant,
      endsAt: epochInstant,
      focusCategories: z.array(categoryCodeSchema),
      keyParts: z.array(snapshotKeyPartSchema),
    })
    .nullable(),
  openTasks: z.array(snapshotTaskSchema),
  upcomingTasks: z.array(snapshotTaskSchema),
  openRectifications: z.array(snapshotRectificationSchema),
  rounds: z.array(snapshotRoundSchema),
  latestScore: z.number().nullable(),
  latestStars: z.number().int().nullable(),
  assignments: z.array(inspectorAssignmentSchema),
  promotedAt: epochInstant.nullable(),
  rollouts: z.array(z.string()),
  /** The compound's features the pilot applies its catalogue with (null: not known to this run). */
  features: z.array(compoundFeatureSchema).nullable(),
  /** What the pilot waits for next, in words. */
  next: localizedSchema,
  /** Workflow time at which the snapshot was taken. */
  asOf: epochInstant,
  /**
   * How long after a due time this pilot acts on it (错峰: reminders, 漏检 marks, overdue notices
   * come this much later; the due times themselves hold). 0 in runs from before the spread.
   */
  wakeOffsetMs: z.number().int().nonnegative(),
});
export type PilotSnapshot = z.input<typeof pilotSnapshotSchema>;
export type PilotSnapshotView = z.output<typeof pilotSnapshotSchema>;

// ─── what a user may do ──────────────────────────────────────────────────────────────────────

/** Steering actions on a pilot as a whole; the item-level ones (answer, verify) live on their items. */
export const PILOT_ACTIONS = [
  'pause',
  'resume',
  'extend',
  'reassign',
  'withdraw',
  'promote',
  'rollout',
] as const;
export type PilotAction = (typeof PILOT_ACTIONS)[number];

export const allowedActionSchema = z.object({
  action: z.enum(PILOT_ACTIONS),
  allowed: z.boolean(),
  /** Why not, in the rule's words; empty when allowed. */
  reasons: z.array(reasonSchema),
  /** Conditions already met (promotion shows every one of them). */
  met: z.array(reasonSchema),
});
export type AllowedAction = z.infer<typeof allowedActionSchema>;

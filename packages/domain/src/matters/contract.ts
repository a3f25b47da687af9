// The matter workflow's contract: its input, its state, its Updates and what its activities write.
// Instants are epoch milliseconds of workflow time (also under time skipping).
import * as z from 'zod';
import { workingCalendarSchema } from '../calendar/working-days.js';
import { actorSchema, auditActorSchema } from '../contract/actor.js';
import { epochInstant } from '../contract/instant.js';
import { matterRulesSchema } from './rules.js';
import {
  assigneeSchema,
  matterCategorySchema,
  matterEventKindSchema,
  matterSourceSchema,
  matterStatusSchema,
  matterUrgencySchema,
  MATTER_CLOSE_KINDS,
} from './vocabulary.js';

const epochMs = z.number().int();
const text = (max: number) => z.string().trim().min(1).max(max);
const evidenceIds = z.array(z.string().min(1)).max(20);

export const matterWorkflowInputSchema = z.object({
  matterId: z.string().min(1),
  /** 事项编号, allocated by the API from a sequence before the workflow starts. */
  number: z.string().min(1),
  source: matterSourceSchema,
  compoundId: z.string().nullable(),
  communityId: z.string().min(1),
  /** The compound's firm when collected (null for a community-wide matter). */
  firmId: z.string().nullable(),
  category: matterCategorySchema,
  urgency: matterUrgencySchema,
  location: text(200),
  description: text(2000),
  evidenceIds,
  reporterId: z.string().nullable(),
  callerName: z.string().max(50).nullable(),
  callerPhone: z.string().max(30).nullable(),
  patrolVisitId: z.string().nullable(),
  meetingId: z.string().nullable(),
  /**
   * 向管家反映: the firm's steward the resident chose; the matter goes to the firm and the steward is
   * told. Absent in inputs written before stewards existed.
   */
  steward: z
    .object({ assignmentId: z.string().min(1), userId: z.string().min(1), name: z.string() })
    .nullish(),
  /**
   * A patrol finding or a report to the steward goes to the compound's firm, a meeting resolution
   * to its responsible party.
   */
  assignee: assigneeSchema.nullable(),
  /** A meeting's deadline for its resolution (end of that day), instead of the rules' limit. */
  resolveBy: epochMs.nullable(),
  rules: matterRulesSchema,
  calendar: workingCalendarSchema,
  createdBy: auditActorSchema,
});
export type MatterWorkflowInput = z.infer<typeof matterWorkflowInputSchema>;

export const matterStateSchema = z.object({
  status: matterStatusSchema,
  category: matterCategorySchema,
  urgency: matterUrgencySchema,
  assignee: assigneeSchema.nullable(),
  joint: z.array(z.string()),
  collectedAt: epochMs,
  assignedAt: epochMs.nullable(),
  acceptBy: epochMs.nullable(),
  acceptedAt: epochMs.nullable(),
  resolveFrom: epochMs.nullable(),
  resolveBy: epochMs.nullable(),
  answeredAt: epochMs.nullable(),
  confirmBy: epochMs.nullable(),
  /** Reminders and escalations already sent for the current limits (reset when a limit restarts). */
  reminded: z.object({ accept: z.boolean(), resolve: z.boolean() }),
  escalated: z.object({ accept: z.boolean(), resolve: z.boolean() }),
  /** Whether the first acceptance and the first answer came within their limits (响应率, 解决率). */
  acceptedInTime: z.boolean().nullable(),
  resolvedInTime: z.boolean().nullable(),
  reopenCount: z.number().int(),
  returnCount: z.number().int(),
  rating: z.number().int().nullable(),
  solved: z.boolean().nullable(),
  closedAt: epochMs.nullable(),
  closeKind: z.enum(MATTER_CLOSE_KINDS).nullable(),
  /** Steps written so far: the next event's number. */
  seq: z.number().int(),
  appliedUpdates: z.array(z.object({ id: z.string(), result: z.unknown() })),
});
export type MatterState = z.infer<typeof matterStateSchema>;

// ─── Updates ─────────────────────────────────────────────────────────────────────────────────

/** 分类定责 (coordinator): classify and assign, or re-assign before it is accepted. */
export const assignMatterRequestSchema = z.object({
  actor: actorSchema,
  category: matterCategorySchema,
  urgency: matterUrgencySchema,
  assignee: assigneeSchema,
  /** The assignee's name as people read it in the timeline. */
  assigneeName: text(100),
  note: z.string().trim().max(500).optional(),
});
export type AssignMatterRequest = z.infer<typeof assignMatterRequestSchema>;

/** The assignee's staff accept, or return it with a reason (退回, for re-assignment). */
export const acceptMatterRequestSchema = z.object({ actor: actorSchema, unitName: text(100) });
export type AcceptMatterRequest = z.infer<typeof acceptMatterRequestSchema>;

export const returnMatterRequestSchema = z.object({
  actor: actorSchema,
  unitName: text(100),
  reason: z.string().trim().min(2).max(500),
});
export type ReturnMatterRequest = z.infer<typeof returnMatterRequestSchema>;

/** 联动: the assignee (or the coordinator) asks other units to join. */
export const joinMatterRequestSchema = z.object({
  actor: actorSchema,
  unitName: text(100),
  parties: z
    .array(z.object({ partyId: z.string().min(1), name: text(100) }))
    .min(1)
    .max(10),
  note: z.string().trim().max(500).optional(),
});
export type JoinMatterRequest = z.infer<typeof joinMatterRequestSchema>;

/** 处置进展 (assignee or a joined unit) and 办理答复 (assignee): text and photos the reporter sees. */
export const matterProgressRequestSchema = z.object({
  actor: actorSchema,
  unitName: text(100),
  note: z.string().trim().min(2).max(2000),
  evidenceIds,
});
export type MatterProgressRequest = z.infer<typeof matterProgressRequestSchema>;

/** 反馈评价 (the reporter): solved or not, 1–5 stars, a comment. */
export const rateMatterRequestSchema = z.object({
  actor: actorSchema,
  solved: z.boolean(),
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().max(500).optional(),
});
export type RateMatterRequest = z.infer<typeof rateMatterRequestSchema>;

/** 回访 (coordinator) of a matter nobody can rate online: a caller's answer, a patrol's re-check. */
export const confirmMatterRequestSchema = z.object({
  actor: actorSchema,
  solved: z.boolean(),
  rating: z.number().int().min(1).max(5).nullable(),
  note: z.string().trim().min(2).max(500),
});
export type ConfirmMatterRequest = z.infer<typeof confirmMatterRequestSchema>;

/** 撤销 (coordinator): not a matter (a duplicate of another, out of scope), before it is accepted. */
export const cancelMatterRequestSchema = z.object({
  actor: actorSchema,
  reason: z.string().trim().min(2).max(500),
  duplicateOf: z.string().nullable().optional(),
});
export type CancelMatterRequest = z.infer<typeof cancelMatterRequestSchema>;

export const matterUpdateResultSchema = z.object({
  matterId: z.string(),
  status: matterStatusSchema,
  acceptBy: epochInstant.nullable(),
  resolveBy: epochInstant.nullable(),
  confirmBy: epochInstant.nullable(),
  closeKind: z.enum(MATTER_CLOSE_KINDS).nullable(),
});
export type MatterUpdateResult = z.input<typeof matterUpdateResultSchema>;
export type MatterUpdateResultView = z.output<typeof matterUpdateResultSchema>;

// ─── what the activities write ───────────────────────────────────────────────────────────────

/** Whom a step tells: a firm's or a unit's staff, one user, or the working group (coordinators). */
export const matterNoticeTargetSchema = z.discriminatedUnion('to', [
  z.object({ to: z.literal('firm'), firmId: z.string() }),
  z.object({ to: z.literal('party'), partyId: z.string() }),
  z.object({ to: z.literal('user'), userId: z.string() }),
  z.object({ to: z.literal('coordinators') }),
]);
export type MatterNoticeTarget = z.infer<typeof matterNoticeTargetSchema>;

export const matterNoticeSchema = z.object({
  target: matterNoticeTargetSchema,
  kind: z.enum(['reminder', 'escalation', 'overdue', 'info']),
  title: z.string(),
  body: z.string(),
});
export type MatterNotice = z.infer<typeof matterNoticeSchema>;

/** The matter row's fields a step sets (the read model of the state). */
export const matterRowPatchSchema = z.object({
  status: matterStatusSchema,
  category: matterCategorySchema,
  urgency: matterUrgencySchema,
  assigneeKind: z.enum(['firm', 'party']).nullable(),
  assigneeFirmId: z.string().nullable(),
  assigneePartyId: z.string().nullable(),
  jointPartyIds: z.array(z.string()),
  assignedAt: epochMs.nullable(),
  acceptBy: epochMs.nullable(),
  acceptedAt: epochMs.nullable(),
  acceptedInTime: z.boolean().nullable(),
  resolveBy: epochMs.nullable(),
  answeredAt: epochMs.nullable(),
  resolvedInTime: z.boolean().nullable(),
  confirmBy: epochMs.nullable(),
  closedAt: epochMs.nullable(),
  closeKind: z.enum(MATTER_CLOSE_KINDS).nullable(),
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable().optional(),
  solved: z.boolean().nullable(),
  reopenCount: z.number().int(),
  returnCount: z.number().int(),
  overdue: z.boolean(),
  escalatedAt: epochMs.nullable().optional(),
});
export type MatterRowPatch = z.infer<typeof matterRowPatchSchema>;

export const matterStepSchema = z.object({
  seq: z.number().int(),
  kind: matterEventKindSchema,
  at: epochMs,
  actor: auditActorSchema,
  /** The unit the actor spoke for (a firm's or a partner unit's name). */
  unit: z.string().nullable(),
  note: z.string().nullable(),
  evidenceIds: z.array(z.string()),
  /** Shown to the reporter (a return's reason and escalations are internal). */
  public: z.boolean(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type MatterStep = z.infer<typeof matterStepSchema>;

export const recordMatterStepInputSchema = z.object({
  matterId: z.string(),
  step: matterStepSchema,
  row: matterRowPatchSchema,
  notices: z.array(matterNoticeSchema),
});
export type RecordMatterStepInput = z.infer<typeof recordMatterStepInputSchema>;

/** The first step writes the matter itself. */
export const recordMatterCollectedInputSchema = z.object({
  input: matterWorkflowInputSchema,
  workflowId: z.string(),
  step: matterStepSchema,
  row: matterRowPatchSchema,
  notices: z.array(matterNoticeSchema),
});
export type RecordMatterCollectedInput = z.infer<typeof recordMatterCollectedInputSchema>;

/** Carried across continue-as-new (a long-argued matter); the input never changes. */
export interface MatterWorkflowArgs {
  input: MatterWorkflowInput;
  carried?: MatterState;
}

export const matterOutcomeSchema = z.object({
  matterId: z.string(),
  closeKind: z.enum(MATTER_CLOSE_KINDS).nullable(),
  rating: z.number().int().nullable(),
});
export type MatterOutcome = z.infer<typeof matterOutcomeSchema>;

export const matterRecordedSchema = z.object({ matterId: z.string(), number: z.string() });
export type MatterRecorded = z.infer<typeof matterRecordedSchema>;

import * as z from 'zod';
import { attendanceSchema, MEETING_PHASES, OPINION_SOURCES } from '../governance/meetings.js';
import { PATROL_VISIT_STATUSES } from '../governance/patrols.js';
import { assigneeSchema, MATTER_CATEGORIES, MATTER_STATUSES, PATROL_TOPICS } from '../matters/vocabulary.js';
import { evidenceRefSchema, idSchema, listOf, localDateSchema } from './common.js';
import { matching } from './contact.js';
import { localizedParams } from './custom-issue.js';

/*
 * The HTTP inputs of 常态化巡查 (patrols) and 四方联席 meetings: what the working group plans and
 * records, and what residents send before a meeting. The workflows' request schemas (in
 * governance/meetings.ts) add the actor and the matters the API builds; these are what people type.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
const flag = z.stringbool();
const page = z.coerce.number().int().min(1).max(10_000).default(1);
const pageSize = z.coerce.number().int().min(1).max(100).default(20);

/** A calendar month, `YYYY-MM`. */
export const yearMonthSchema = matching(
  /^20\d{2}-(0[1-9]|1[0-2])$/,
  '应为 YYYY-MM 格式的月份（如 2026-12）',
  'must be a month as YYYY-MM (e.g. 2026-12)',
);

const rangeInOrder = (
  query: { from?: string | undefined; to?: string | undefined },
  ctx: z.RefinementCtx,
) => {
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      params: localizedParams('截止日期不能早于起始日期。', 'The end date is before the start date.'),
    });
  }
};

// ─── 常态化巡查 ──────────────────────────────────────────────────────────────────────────────

/** A month's plan over every active compound; the same month and title again is the same plan. */
export const createPatrolPlanSchema = z.object({
  month: yearMonthSchema,
  title: z.string().trim().min(2).max(100).optional(),
});

export const listPatrolPlansQuerySchema = z.object({ month: yearMonthSchema.optional() });

/** The visits of a day (the phone page: today's), or of a range of days. */
export const listPatrolVisitsQuerySchema = z
  .object({
    date: localDateSchema.optional(),
    from: localDateSchema.optional(),
    to: localDateSchema.optional(),
    status: listOf(PATROL_VISIT_STATUSES).optional(),
    compoundId: idSchema.optional(),
    planId: idSchema.optional(),
  })
  .superRefine((query, ctx) => {
    rangeInOrder(query, ctx);
    if (query.date !== undefined && (query.from !== undefined || query.to !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['date'],
        params: localizedParams('请选择某一天，或一个日期范围。', 'Give one day, or a range of days.'),
      });
    }
  });

/** One problem found on a patrol: it becomes a matter for the compound's firm. */
export const patrolFindingSchema = z.object({
  topic: z.enum(PATROL_TOPICS),
  location: text(200),
  description: z.string().trim().min(5).max(2000),
  evidenceRefs: z.array(evidenceRefSchema).max(9).default([]),
});

/** 巡查完成: who went, and what they found (nothing found is a finding too: an empty list). */
export const completePatrolVisitSchema = z.object({
  visitId: idSchema,
  patrollers: z.array(text(50)).min(1).max(10),
  note: z.string().trim().max(500).optional(),
  findings: z.array(patrolFindingSchema).max(30),
});

/** 巡查工作台账: every patrol finding, filtered. */
export const patrolLedgerQuerySchema = z
  .object({
    compoundId: idSchema.optional(),
    communityId: idSchema.optional(),
    firmId: idSchema.optional(),
    topic: z.enum(PATROL_TOPICS).optional(),
    status: listOf(MATTER_STATUSES).optional(),
    /** Not closed yet (未销号). */
    open: flag.optional(),
    /** Found at least this many days ago. */
    minAgeDays: z.coerce.number().int().min(0).max(3650).optional(),
    /** 事项编号, the place or the description. */
    q: z.string().trim().min(1).max(100).optional(),
    from: localDateSchema.optional(),
    to: localDateSchema.optional(),
    page,
    pageSize,
  })
  .superRefine(rangeInOrder);

// ─── 四方联席 ────────────────────────────────────────────────────────────────────────────────

/** An instant as ISO 8601 with its offset, or a date (read as the end of that local day). */
const instantOrDate = z.union([z.iso.datetime({ offset: true }), localDateSchema]);

export const createMeetingSchema = z.object({
  /** null: a subdistrict-wide meeting. */
  communityId: idSchema.nullable(),
  month: yearMonthSchema,
  title: z.string().trim().min(2).max(100).optional(),
  /** 会前征集 closes at this time. */
  opinionsUntil: instantOrDate,
  scheduledAt: z.iso.datetime({ offset: true }),
});

export const listMeetingsQuerySchema = z.object({
  communityId: idSchema.optional(),
  month: yearMonthSchema.optional(),
  phase: z.enum(MEETING_PHASES).optional(),
  page,
  pageSize,
});

/** 会前征集: a resident's own opinion, or a grid visit's or a reception day's recorded by the working group. */
export const addMeetingOpinionSchema = z.object({
  meetingId: idSchema,
  source: z.enum(OPINION_SOURCES).exclude(['open_matter']),
  text: z.string().trim().min(2).max(1000),
});

/** 会上议定: one resolution with its responsible party and its deadline; it becomes a matter. */
export const meetingResolutionSchema = z.object({
  text: z.string().trim().min(2).max(500),
  category: z.enum(MATTER_CATEGORIES),
  /** null: the community's (or, for a subdistrict-wide meeting, required) compound. */
  compoundId: idSchema.nullable().default(null),
  assignee: assigneeSchema,
  dueOn: localDateSchema,
});

/** 会上: who came for each of the four sides, the minutes and the resolutions. */
export const holdMeetingSchema = z.object({
  meetingId: idSchema,
  attendance: attendanceSchema,
  minutes: z.string().trim().min(10).max(10_000),
  resolutions: z.array(meetingResolutionSchema).max(30),
});

/** 会后反馈 to the residents. */
export const publishMeetingFeedbackSchema = z.object({
  meetingId: idSchema,
  feedback: z.string().trim().min(10).max(5000),
});

export type CreatePatrolPlanInput = z.infer<typeof createPatrolPlanSchema>;
export type ListPatrolPlansQuery = z.infer<typeof listPatrolPlansQuerySchema>;
export type ListPatrolVisitsQuery = z.infer<typeof listPatrolVisitsQuerySchema>;
export type PatrolFindingInput = z.infer<typeof patrolFindingSchema>;
export type CompletePatrolVisitInput = z.infer<typeof completePatrolVisitSchema>;
export type PatrolLedgerQuery = z.infer<typeof patrolLedgerQuerySchema>;
export type CreateMeetingInput = z.infer<typeof createMeetingSchema>;
export type ListMeetingsQuery = z.infer<typeof listMeetingsQuerySchema>;
export type AddMeetingOpinionInput = z.infer<typeof addMeetingOpinionSchema>;
export type MeetingResolutionInput = z.infer<typeof meetingResolutionSchema>;
export type HoldMeetingInput = z.infer<typeof holdMeetingSchema>;
export type PublishMeetingFeedbackInput = z.infer<typeof publishMeetingFeedbackSchema>;

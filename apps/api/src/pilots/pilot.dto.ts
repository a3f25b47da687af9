import {
  DAY_SHIFTS,
  ENROLLMENT_STATUSES,
  INSPECTION_KINDS,
  STAGES,
  WORK_STEPS,
  allowedActionSchema,
  compoundFeatureSchema,
  instantSchema,
  keyPartOutcomeSchema,
  localizedSchema,
  pilotPlanSchema,
  pilotSnapshotSchema,
  reasonSchema,
  roundStageSchema,
} from '@pilot/domain';
import * as z from 'zod';
import { pilotCalendarSchema } from '../calendars/calendar.dto.js';

/*
 * Response shapes of the pilot routes. The views are typed as `z.infer` of these schemas and the
 * OpenAPI document is rendered from them, so the typed client sees exactly what is sent.
 */

export { localizedSchema };

/** A code with its zh/en label, as lists and details show a status or a kind. */
export const codedSchema = <T extends readonly [string, ...string[]]>(values: T) =>
  z.object({ code: z.enum(values), label: localizedSchema });
export const refSchema = z.object({ id: z.string(), name: z.string() });
const instant = instantSchema;

/** `{ items, total, page, pageSize }` of one item schema. */
export function pageSchemaOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

/**
 * A page of a long list, which pages by keyset too: `nextCursor` continues after the last item
 * (send it back as `cursor`), null on the last page. `page` echoes the request's (1 with a cursor).
 */
export function keysetPageSchemaOf<T extends z.ZodType>(item: T) {
  return pageSchemaOf(item).extend({ nextCursor: z.string().nullable() });
}

export const pilotSummarySchema = z.object({
  id: z.string(),
  workflowId: z.string(),
  compound: z.object({
    id: z.string(),
    name: z.string(),
    isDemonstration: z.boolean(),
    community: refSchema,
  }),
  firm: refSchema,
  stage: z.enum(STAGES),
  phase: z.string(),
  stageLabel: localizedSchema,
  phaseLabel: localizedSchema.nullable(),
  status: z.enum(ENROLLMENT_STATUSES),
  paused: z.boolean(),
  /** Local date (Asia/Shanghai) the pilot started. */
  startDate: z.iso.date(),
  currentRound: z.number().int(),
  latestScore: z.number().nullable(),
  starRating: z.number().int().nullable(),
  catalogueVersionId: z.string(),
  originEnrollmentId: z.string().nullable(),
  /** The pilot this one was rolled out from, with its compound's name (由 玫瑰家园 推广). */
  origin: z.object({ enrollmentId: z.string(), compoundName: z.string() }).nullable(),
  /** The 全面推广 campaign that enrolled it. */
  campaign: refSchema.nullable(),
  inspectors: z.array(z.object({ id: z.string(), displayName: z.string(), lead: z.boolean() })),
  /** Rectification items not yet closed (awaiting the firm or an inspector). */
  openRectifications: z.number().int(),
  createdAt: instant,
  updatedAt: instant,
});

export const pilotPageSchema = keysetPageSchemaOf(pilotSummarySchema);

/**
 * One audit entry of a pilot: what happened, to what, by whom, when, with the words for its codes.
 * What changed (before / after, sometimes the whole list of an inspection's findings) stays in the
 * audit log (GET /audit?entityId=…), so a page of the timeline weighs the same whatever happened.
 */
export const timelineAuditEntrySchema = z.object({
  seq: z.string(),
  at: instant,
  actor: z.object({ id: z.string(), displayName: z.string().nullable() }).nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  actionLabel: localizedSchema,
  entityType: z.string(),
  entityLabel: localizedSchema,
  entityId: z.string(),
});

/**
 * A page of the pilot's audit entries, newest first. `nextCursor` continues with older ones at
 * GET /pilots/:id/timeline?cursor=…; null when this page reaches the first entry.
 */
export const timelineAuditPageSchema = z.object({
  items: z.array(timelineAuditEntrySchema),
  nextCursor: z.string().nullable(),
});

/**
 * What happened in the pilot. Rounds and archives (a few per year) come whole; the audit entries,
 * which grow with every inspection and item, a page at a time. Tasks and rectification items are
 * the pilot's lists at GET /tasks?pilotId= and GET /rectifications?pilotId=, paged and filtered.
 */
export const timelineSchema = z.object({
  rounds: z.array(
    z.object({
      id: z.string(),
      number: z.number().int(),
      kind: roundStageSchema,
      status: z.enum(['scheduled', 'running', 'evaluated', 'archived']),
      startsAt: instant,
      endsAt: instant,
      focusCategories: z.array(z.string()),
      score: z.number().nullable(),
      starRating: z.number().int().nullable(),
      /** 合格率: pass rate over every applicable item. */
      complianceRate: z.number().nullable(),
      /** 规范操作执行率: pass rate over the items that check staff operation. */
      operationRate: z.number().nullable(),
      categoryScores: z.array(z.object({ category: z.string(), score: z.number().nullable() })),
      keyAreas: z.array(z.string()),
      keyParts: z.array(keyPartOutcomeSchema),
      passed: z.boolean().nullable(),
      assessment: z
        .object({ reasons: z.array(reasonSchema), completed: z.number().int(), missed: z.number().int() })
        .nullable(),
      evaluatedAt: instant.nullable(),
    }),
  ),
  archives: z.array(
    z.object({
      id: z.string(),
      roundId: z.string(),
      contentHash: z.string(),
      itemCount: z.number().int(),
      createdAt: instant,
    }),
  ),
  /** The newest audit entries; older ones by cursor. */
  audit: timelineAuditPageSchema,
});

export const pilotDetailSchema = pilotSummarySchema.extend({
  plan: pilotPlanSchema,
  /** The working-calendar release the pilot follows, and whether a newer one is published. */
  calendar: pilotCalendarSchema,
  /** The compound's features, which decide the standards that apply and its key parts. */
  features: z.array(compoundFeatureSchema),
  experienceSummary: z.unknown(),
  timeline: timelineSchema,
  /** The workflow's live state; null when it could not answer (then the records are all there is). */
  snapshot: pilotSnapshotSchema.nullable(),
  live: z.boolean(),
  /**
   * The steering actions the caller may take now, by the workflow's own rules (each with reasons
   * when not); empty when the workflow could not answer.
   */
  actions: z.array(allowedActionSchema),
});

export const enrollResultSchema = z.object({
  enrollmentId: z.string(),
  workflowId: z.string(),
  /** True when the compound was enrolled already: the answer is that pilot, no second one was started. */
  alreadyEnrolled: z.boolean(),
  pilot: pilotSummarySchema,
  /** The calendar release the pilot follows. */
  calendar: pilotCalendarSchema,
  /**
   * What the coordinator should know (zh-CN and en): e.g. the plan runs into a year the calendar
   * has no holidays for (code `calendar_years_missing`).
   */
  warnings: z.array(reasonSchema),
});

const batchCompoundSchema = z.object({ id: z.string(), name: z.string() });

/**
 * One form of a bulk enrollment, by its position in the request: started (created), found running
 * (alreadyEnrolled: that pilot, nothing started), or refused — the registry contradicts the form
 * (issues name its fields as `enrollments.<index>.…`) or the workflow service did not take it
 * (reasons). A refused form started nothing.
 */
export const bulkEnrollItemSchema = z.discriminatedUnion('outcome', [
  z.object({
    index: z.number().int(),
    outcome: z.literal('created'),
    enrollmentId: z.string(),
    workflowId: z.string(),
    compound: batchCompoundSchema,
  }),
  z.object({
    index: z.number().int(),
    outcome: z.literal('already_enrolled'),
    enrollmentId: z.string(),
    workflowId: z.string(),
    compound: batchCompoundSchema,
  }),
  z.object({
    index: z.number().int(),
    outcome: z.literal('refused'),
    /** The compound when the form named one the registry knows. */
    compound: batchCompoundSchema.nullable(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })),
    reasons: z.array(reasonSchema),
  }),
]);

export const bulkEnrollResultSchema = z.object({
  requested: z.number().int(),
  created: z.number().int(),
  alreadyEnrolled: z.number().int(),
  refused: z.number().int(),
  /** One per form, in the request's order. */
  items: z.array(bulkEnrollItemSchema),
});

export const schedulePreviewSchema = z.object({
  firm: refSchema,
  compound: z.object({ id: z.string(), name: z.string(), community: refSchema }),
  startDate: z.iso.date(),
  catalogueVersionId: z.string(),
  timeScale: z.number(),
  /** The compound's pilot if it has one: enrolling would answer that pilot. */
  existingPilotId: z.string().nullable(),
  /** The working-calendar release the schedule was computed on (the one a new pilot follows). */
  calendar: z.object({
    version: z.number().int(),
    firstYear: z.number().int(),
    lastYear: z.number().int(),
    source: z.string(),
  }),
  /**
   * What the coordinator should know before confirming (zh-CN and en), e.g. the plan runs past the
   * last year the calendar has holidays for (code `calendar_years_missing`).
   */
  warnings: z.array(reasonSchema),
  rounds: z.array(
    z.object({
      round: z.number().int(),
      stage: roundStageSchema,
      startsAt: instant,
      endsAt: instant,
      /** The round's work in the article's order: 自查自纠 → 集中检查 → 周、月、季专项检查. */
      steps: z.array(
        z.object({
          order: z.number().int(),
          step: z.enum(WORK_STEPS),
          label: localizedSchema,
          kinds: z.array(z.enum(INSPECTION_KINDS)),
          opensAt: instant,
          dueAt: instant,
          tasks: z.number().int(),
        }),
      ),
      tasks: z.array(
        z.object({
          key: z.string(),
          kind: z.enum(INSPECTION_KINDS),
          kindLabel: localizedSchema,
          opensAt: instant,
          dueAt: instant,
          missedAt: instant,
          /** Local due date on the real calendar (before any time compression). */
          calendarDueDate: z.iso.date(),
          dueShift: z.enum(DAY_SHIFTS),
          assignee: z.object({ id: z.string(), displayName: z.string() }).nullable(),
        }),
      ),
    }),
  ),
});

export type PilotSummary = z.infer<typeof pilotSummarySchema>;
export type PilotPage = z.infer<typeof pilotPageSchema>;
export type PilotDetail = z.infer<typeof pilotDetailSchema>;
export type Timeline = z.infer<typeof timelineSchema>;
export type TimelineAuditPage = z.infer<typeof timelineAuditPageSchema>;
export type EnrollResult = z.infer<typeof enrollResultSchema>;
export type BulkEnrollItem = z.infer<typeof bulkEnrollItemSchema>;
export type BulkEnrollResult = z.infer<typeof bulkEnrollResultSchema>;
export type SchedulePreview = z.infer<typeof schedulePreviewSchema>;

import { INSPECTION_KINDS, PHASES, STAGES } from '@pilot/domain';
import * as z from 'zod';

/*
 * Response shapes of the pilot routes. The views are typed as `z.infer` of these schemas and the
 * OpenAPI document is rendered from them, so the typed client sees exactly what is sent.
 */

export const localizedSchema = z.object({ zh: z.string(), en: z.string() });
export const refSchema = z.object({ id: z.string(), name: z.string() });
const instant = z.iso.datetime();

/** `{ items, total, page, pageSize }` of one item schema. */
export function pageSchemaOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
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
  status: z.enum(['active', 'paused', 'withdrawn', 'completed']),
  paused: z.boolean(),
  /** Local date (Asia/Shanghai) the pilot started. */
  startDate: z.iso.date(),
  currentRound: z.number().int(),
  latestScore: z.number().nullable(),
  starRating: z.number().int().nullable(),
  catalogueVersionId: z.string(),
  originEnrollmentId: z.string().nullable(),
  inspectors: z.array(z.object({ id: z.string(), displayName: z.string(), lead: z.boolean() })),
  /** Rectification items not yet closed (awaiting the firm or an inspector). */
  openRectifications: z.number().int(),
  createdAt: instant,
  updatedAt: instant,
});

export const pilotPageSchema = pageSchemaOf(pilotSummarySchema);

const taskStateSchema = z.object({
  id: z.string(),
  key: z.string(),
  kind: z.enum(INSPECTION_KINDS),
  round: z.number().int(),
  opensAt: z.number(),
  dueAt: z.number(),
  remindAt: z.number(),
  missedAt: z.number(),
  assigneeId: z.string().nullable(),
  status: z.enum(['scheduled', 'open', 'submitting', 'submitted', 'missed', 'cancelled']),
  remindedAt: z.number().nullable(),
  escalatedAt: z.number().nullable(),
  submittedAt: z.number().nullable(),
});

const rectificationStateSchema = z.object({
  id: z.string(),
  taskId: z.string(),
  round: z.number().int(),
  standardCode: z.string(),
  severity: z.enum(['minor', 'major', 'critical']),
  critical: z.boolean(),
  deadline: z.number(),
  status: z.enum(['open', 'responded', 'reopened', 'closed', 'cancelled']),
  busy: z.boolean(),
  escalatedFor: z.number().nullable(),
  responses: z.number().int(),
  rejections: z.number().int(),
});

const roundStageSchema = z.enum(['improvement', 'consolidation']);

const roundOutcomeSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  stage: roundStageSchema,
  score: z.number().nullable(),
  stars: z.number().nullable(),
  complianceRate: z.number().nullable(),
  categoryScores: z.array(z.object({ category: z.string(), score: z.number().nullable() })),
  keyAreas: z.array(z.string()),
  passed: z.boolean(),
  reasons: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })),
  completed: z.number().int(),
  missed: z.number().int(),
  evaluatedAt: z.number(),
  archiveId: z.string().nullable(),
});

/** The workflow's live state (epoch milliseconds): what is open, what comes next, what it waits for. */
export const pilotSnapshotSchema = z.object({
  enrollmentId: z.string(),
  compoundId: z.string(),
  firmId: z.string(),
  stage: z.enum(STAGES),
  phase: z.enum(PHASES),
  stageLabel: localizedSchema,
  phaseLabel: localizedSchema,
  paused: z.boolean(),
  pausedAt: z.number().nullable(),
  currentRound: z
    .object({
      id: z.string(),
      number: z.number().int(),
      stage: roundStageSchema,
      startsAt: z.number(),
      endsAt: z.number(),
      focusCategories: z.array(z.string()),
    })
    .nullable(),
  openTasks: z.array(taskStateSchema),
  upcomingTasks: z.array(taskStateSchema),
  openRectifications: z.array(rectificationStateSchema),
  rounds: z.array(roundOutcomeSchema),
  latestScore: z.number().nullable(),
  latestStars: z.number().nullable(),
  assignments: z.array(z.object({ inspectorId: z.string(), kinds: z.array(z.enum(INSPECTION_KINDS)) })),
  promotedAt: z.number().nullable(),
  rollouts: z.array(z.string()),
  /** What the pilot waits for next, in words. */
  next: localizedSchema,
  /** Workflow time at which the snapshot was taken. */
  asOf: z.number(),
});

const eventSchema = z.object({
  from: z.string().nullable(),
  to: z.string(),
  at: instant,
  actorId: z.string().nullable(),
  note: z.string().nullable(),
});

export const timelineSchema = z.object({
  rounds: z.array(
    z.object({
      id: z.string(),
      number: z.number().int(),
      kind: z.enum(['improvement', 'consolidation']),
      status: z.enum(['scheduled', 'running', 'evaluated', 'archived']),
      startsAt: instant,
      endsAt: instant,
      focusCategories: z.array(z.string()),
      score: z.number().nullable(),
      starRating: z.number().int().nullable(),
      complianceRate: z.number().nullable(),
      categoryScores: z.unknown(),
      keyAreas: z.array(z.string()),
      passed: z.boolean().nullable(),
      assessment: z.unknown(),
      evaluatedAt: instant.nullable(),
    }),
  ),
  tasks: z.array(
    z.object({
      id: z.string(),
      key: z.string(),
      kind: z.enum(INSPECTION_KINDS),
      kindLabel: localizedSchema,
      round: z.number().int().nullable(),
      status: z.enum(['scheduled', 'open', 'submitted', 'missed', 'cancelled']),
      opensAt: instant,
      dueAt: instant,
      missedAt: instant.nullable(),
      assignee: z.object({ id: z.string(), displayName: z.string() }).nullable(),
      submittedAt: instant.nullable(),
      result: z
        .object({
          id: z.string(),
          score: z.number().nullable(),
          complianceRate: z.number().nullable(),
          submittedById: z.string(),
        })
        .nullable(),
    }),
  ),
  rectifications: z.array(
    z.object({
      id: z.string(),
      taskId: z.string(),
      standardCode: z.string(),
      category: z.object({ code: z.string(), name: localizedSchema.nullable() }),
      finding: z.string(),
      severity: z.enum(['minor', 'major', 'critical']),
      critical: z.boolean(),
      status: z.enum(['open', 'responded', 'reopened', 'closed', 'cancelled']),
      deadline: instant,
      openedAt: instant,
      closedAt: instant.nullable(),
      responses: z.number().int(),
      rejections: z.number().int(),
      events: z.array(eventSchema),
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
  /** Audit entries of this pilot, oldest first (the newest 500). */
  audit: z.array(
    z.object({
      seq: z.string(),
      at: instant,
      actor: z.object({ id: z.string(), displayName: z.string().nullable() }).nullable(),
      actorRole: z.string().nullable(),
      action: z.string(),
      entityType: z.string(),
      entityId: z.string(),
      before: z.unknown(),
      after: z.unknown(),
    }),
  ),
});

export const pilotDetailSchema = pilotSummarySchema.extend({
  plan: z.unknown(),
  experienceSummary: z.unknown(),
  timeline: timelineSchema,
  /** The workflow's live state; null when it could not answer (then the records are all there is). */
  snapshot: pilotSnapshotSchema.nullable(),
  live: z.boolean(),
});

export const enrollResultSchema = z.object({
  enrollmentId: z.string(),
  workflowId: z.string(),
  /** True when the compound was enrolled already: the answer is that pilot, no second one was started. */
  alreadyEnrolled: z.boolean(),
  /** Null only if the workflow has not written its record yet (e.g. no worker is running). */
  pilot: pilotSummarySchema.nullable(),
});

export const schedulePreviewSchema = z.object({
  firm: refSchema,
  compound: z.object({ id: z.string(), name: z.string(), community: refSchema }),
  startDate: z.iso.date(),
  catalogueVersionId: z.string(),
  timeScale: z.number(),
  /** The compound's pilot if it has one: enrolling would answer that pilot. */
  existingPilotId: z.string().nullable(),
  rounds: z.array(
    z.object({
      round: z.number().int(),
      stage: z.enum(['improvement', 'consolidation']),
      startsAt: instant,
      endsAt: instant,
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
          dueShift: z.unknown(),
          assignee: z.object({ id: z.string(), displayName: z.string() }).nullable(),
        }),
      ),
    }),
  ),
});

export const stateChangeSchema = z.object({
  stage: z.enum(STAGES),
  phase: z.enum(PHASES),
  paused: z.boolean(),
});
export const extendResultSchema = z.object({ targetId: z.string(), deadline: z.number() });
export const reassignResultSchema = z.object({ reassignedTasks: z.array(z.string()) });
export const rolloutResultSchema = z.object({
  enrolled: z.array(
    z.object({
      compoundId: z.string(),
      enrollmentId: z.string(),
      workflowId: z.string(),
      alreadyEnrolled: z.boolean(),
    }),
  ),
});

export type PilotSummary = z.infer<typeof pilotSummarySchema>;
export type PilotPage = z.infer<typeof pilotPageSchema>;
export type PilotDetail = z.infer<typeof pilotDetailSchema>;
export type Timeline = z.infer<typeof timelineSchema>;
export type EnrollResult = z.infer<typeof enrollResultSchema>;
export type SchedulePreview = z.infer<typeof schedulePreviewSchema>;

import {
  INSPECTION_KINDS,
  ITEM_OUTCOMES,
  PUBLIC_TASK_STATUSES,
  RECTIFICATION_STATUSES,
  compoundFeatureSchema,
  instantSchema,
  severitySchema,
  standardSchema,
  taskScopeSchema,
  standardTracesSchema,
} from '@pilot/domain';
import * as z from 'zod';
import { keysetPageSchemaOf, localizedSchema, refSchema } from '../pilots/pilot.dto.js';

/* Response shapes of the task routes; the services return `z.infer` of them. */

const instant = instantSchema;

export const taskSummarySchema = z.object({
  id: z.string(),
  key: z.string(),
  kind: z.enum(INSPECTION_KINDS),
  kindLabel: localizedSchema,
  status: z.enum(PUBLIC_TASK_STATUSES),
  /** What a key-part check (or re-check) covers. */
  scope: taskScopeSchema.nullable(),
  /** Open and past its due time (still submittable until it is marked missed). */
  overdue: z.boolean(),
  round: z.number().int().nullable(),
  opensAt: instant,
  dueAt: instant,
  missedAt: instant.nullable(),
  pilot: z.object({ id: z.string(), compound: refSchema, firm: refSchema }),
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
});

export const taskPageSchema = keysetPageSchemaOf(taskSummarySchema);

/** A standard as the form shows it, with its rules (applicability, 规范操作, 已管控). */
const checklistStandardSchema = standardSchema.extend({
  /** Counts towards 规范操作执行率. */
  staffOperation: z.boolean(),
});

export const taskDetailSchema = taskSummarySchema.extend({
  notes: z.string().nullable(),
  checklist: z.object({
    catalogueVersionId: z.string(),
    catalogueTitle: z.string().nullable(),
    /** The previous round's weak categories, which order a consolidation round's key parts. */
    focusCategories: z.array(z.string()),
    /** Answers the form must give (a standard asked at two key parts counts twice). */
    itemCount: z.number().int(),
    /** Whole-compound checks: the standards by category. Empty on key-part checks. */
    categories: z.array(
      z.object({ code: z.string(), name: localizedSchema, standards: z.array(checklistStandardSchema) }),
    ),
    /** 重点部位 checks: each place with the standards asked there (items carry its code). */
    keyParts: z.array(
      z.object({ code: z.string(), name: localizedSchema, standards: z.array(checklistStandardSchema) }),
    ),
    /** Standards of the kind that do not apply to this compound, and what it lacks (不适用). */
    notApplicable: z.array(
      z.object({
        code: z.string(),
        title: localizedSchema,
        missing: z.array(compoundFeatureSchema),
        reason: localizedSchema,
      }),
    ),
  }),
  /** Photos and documents of the inspection as a whole. */
  evidenceIds: z.array(z.string()),
  /** The submitted answers, once the task is done. */
  items: z.array(
    z.object({
      code: z.string(),
      keyPart: z.string().nullable(),
      outcome: z.enum(ITEM_OUTCOMES),
      score: z.number().nullable(),
      note: z.string().nullable(),
      evidenceIds: z.array(z.string()),
    }),
  ),
  rectifications: z.array(
    z.object({
      id: z.string(),
      standardCode: z.string(),
      keyPart: z.string().nullable(),
      severity: severitySchema,
      status: z.enum(RECTIFICATION_STATUSES),
      deadline: instant,
    }),
  ),
  /**
   * 痕迹化管理: under each standard that checks records, the compound's logbooks for the period the
   * inspection looks back over (counts, gaps, the latest entries, which an item may cite as
   * `trace:<entryId>` among its evidence). The window ends at the submission, or now while open.
   */
  traces: z.object({
    from: instant,
    until: instant,
    standards: z.array(standardTracesSchema),
  }),
});

export type TaskSummary = z.infer<typeof taskSummarySchema>;
export type TaskPage = z.infer<typeof taskPageSchema>;
export type TaskDetail = z.infer<typeof taskDetailSchema>;

import { EVIDENCE_KINDS, INSPECTION_KINDS } from '@pilot/domain';
import * as z from 'zod';
import { localizedSchema, pageSchemaOf, refSchema } from '../pilots/pilot.dto.js';

/* Response shapes of the task routes; the services return `z.infer` of them. */

const instant = z.iso.datetime();

export const taskSummarySchema = z.object({
  id: z.string(),
  key: z.string(),
  kind: z.enum(INSPECTION_KINDS),
  kindLabel: localizedSchema,
  status: z.enum(['scheduled', 'open', 'submitted', 'missed', 'cancelled']),
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

export const taskPageSchema = pageSchemaOf(taskSummarySchema);

const standardSchema = z.object({
  code: z.string(),
  title: localizedSchema,
  /** What the firm must meet (zh). */
  requirement: z.string(),
  /** What the inspector looks at and how (zh). */
  method: z.string(),
  weight: z.number(),
  evidence: z.array(z.enum(EVIDENCE_KINDS)),
  critical: z.boolean(),
  scoring: z.union([
    z.object({ mode: z.literal('binary') }),
    z.object({ mode: z.literal('graded'), max: z.number() }),
  ]),
  topics: z.array(z.string()),
});

export const taskDetailSchema = taskSummarySchema.extend({
  notes: z.string().nullable(),
  checklist: z.object({
    catalogueVersionId: z.string(),
    catalogueTitle: z.string().nullable(),
    /** Key areas (重点部位) a consolidation check is limited to. */
    focusCategories: z.array(z.string()),
    itemCount: z.number().int(),
    categories: z.array(
      z.object({ code: z.string(), name: localizedSchema, standards: z.array(standardSchema) }),
    ),
  }),
  /** The submitted answers, once the task is done. */
  items: z.array(
    z.object({
      code: z.string(),
      outcome: z.enum(['pass', 'fail', 'na']),
      score: z.number().nullable(),
      note: z.string().nullable(),
      evidenceIds: z.array(z.string()),
    }),
  ),
  rectifications: z.array(
    z.object({
      id: z.string(),
      standardCode: z.string(),
      severity: z.enum(['minor', 'major', 'critical']),
      status: z.enum(['open', 'responded', 'reopened', 'closed', 'cancelled']),
      deadline: instant,
    }),
  ),
});

export const submitResultSchema = z.object({
  resultId: z.string(),
  score: z.number().nullable(),
  complianceRate: z.number().nullable(),
  /** The rectification orders the failed items opened, with their deadlines (epoch ms). */
  rectifications: z.array(
    z.object({
      id: z.string(),
      standardCode: z.string(),
      severity: z.enum(['minor', 'major', 'critical']),
      deadline: z.number(),
    }),
  ),
});

export type TaskSummary = z.infer<typeof taskSummarySchema>;
export type TaskPage = z.infer<typeof taskPageSchema>;
export type TaskDetail = z.infer<typeof taskDetailSchema>;

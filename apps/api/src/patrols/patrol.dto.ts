import {
  MATTER_CATEGORIES,
  MATTER_STATUSES,
  PATROL_VISIT_STATUSES,
  instantSchema,
  localDateSchema,
} from '@pilot/domain';
import * as z from 'zod';
import { codedSchema, refSchema } from '../pilots/pilot.dto.js';

/* Response shapes of the patrol routes; the service returns `z.infer` of them. */

export const patrolVisitSchema = z.object({
  id: z.string(),
  planId: z.string(),
  compound: refSchema,
  community: refSchema,
  firm: refSchema,
  /** The visit's (irregular) working day, `YYYY-MM-DD`. */
  plannedOn: localDateSchema,
  status: codedSchema(PATROL_VISIT_STATUSES),
  /** Still planned and its day has passed. */
  late: z.boolean(),
  patrollers: z.array(z.string()),
  note: z.string().nullable(),
  doneAt: instantSchema.nullable(),
  findingCount: z.number().int(),
  /** Findings of this visit whose matter is not closed yet. */
  openFindings: z.number().int(),
});

export const patrolVisitListSchema = z.object({ items: z.array(patrolVisitSchema) });

export const patrolPlanItemSchema = z.object({
  id: z.string(),
  /** `YYYY-MM`. */
  month: z.string(),
  title: z.string(),
  createdAt: instantSchema,
  visits: z.number().int(),
  done: z.number().int(),
  late: z.number().int(),
  findings: z.number().int(),
  openFindings: z.number().int(),
});

export const patrolPlanListSchema = z.object({ items: z.array(patrolPlanItemSchema) });

export const patrolPlanDetailSchema = patrolPlanItemSchema.extend({
  /** The month's working days the visits were spread over. */
  workingDays: z.number().int(),
  visits: z.array(patrolVisitSchema),
});

/** One patrol finding on the ledger (巡查工作台账): its matter, where it was found and how it stands. */
export const patrolFindingSchema = z.object({
  /** The matter's id (GET /matters/:id has its timeline). */
  id: z.string(),
  number: z.string(),
  topic: codedSchema(MATTER_CATEGORIES),
  status: codedSchema(MATTER_STATUSES),
  compound: refSchema.nullable(),
  community: refSchema,
  /** Who answers for it (the compound's firm unless re-assigned). */
  assignee: z.object({ kind: z.enum(['firm', 'party']), id: z.string(), name: z.string() }).nullable(),
  location: z.string(),
  description: z.string(),
  createdAt: instantSchema,
  resolveBy: instantSchema.nullable(),
  closedAt: instantSchema.nullable(),
  /** Whole days from found to closed (to now while open). */
  ageDays: z.number().int(),
  visit: z
    .object({ id: z.string(), plannedOn: localDateSchema, doneAt: instantSchema.nullable() })
    .nullable(),
});

export const patrolVisitDoneSchema = patrolVisitSchema.extend({ findings: z.array(patrolFindingSchema) });

export const patrolLedgerSchema = z.object({
  items: z.array(patrolFindingSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Over the same place filters (not the status ones): the ledger's header figures. */
  totals: z.object({
    /** 巡查次数: visits done. */
    patrols: z.number().int(),
    /** 发现问题. */
    findings: z.number().int(),
    /** 已整改销号. */
    rectified: z.number().int(),
    /** 未销号. */
    open: z.number().int(),
  }),
});

export type PatrolVisit = z.infer<typeof patrolVisitSchema>;
export type PatrolVisitList = z.infer<typeof patrolVisitListSchema>;
export type PatrolPlanItem = z.infer<typeof patrolPlanItemSchema>;
export type PatrolPlanList = z.infer<typeof patrolPlanListSchema>;
export type PatrolPlanDetail = z.infer<typeof patrolPlanDetailSchema>;
export type PatrolFinding = z.infer<typeof patrolFindingSchema>;
export type PatrolVisitDone = z.infer<typeof patrolVisitDoneSchema>;
export type PatrolLedger = z.infer<typeof patrolLedgerSchema>;

import {
  MATTER_ACTIONS,
  MATTER_CATEGORIES,
  MATTER_CLOSE_KINDS,
  MATTER_EVENT_KINDS,
  MATTER_SOURCES,
  MATTER_STATS_GROUPS,
  MATTER_STATUSES,
  MATTER_URGENCIES,
  instantSchema,
} from '@pilot/domain';
import * as z from 'zod';
import { codedSchema, keysetPageSchemaOf, refSchema } from '../pilots/pilot.dto.js';

/* Response shapes of the matter routes; the services return `z.infer` of them. */

const instant = instantSchema;

/** A word of the loop's vocabulary with its label in both languages. */
export const matterItemSchema = z.object({
  id: z.string(),
  /** 事项编号, e.g. SX2026-00007. */
  number: z.string(),
  source: codedSchema(MATTER_SOURCES),
  category: codedSchema(MATTER_CATEGORIES),
  urgency: codedSchema(MATTER_URGENCIES),
  status: codedSchema(MATTER_STATUSES),
  /** Null for a matter of a whole community. */
  compound: refSchema.nullable(),
  community: refSchema,
  /** Who answers for it now: the firm or the partner unit; null while it awaits 分类定责. */
  assignee: z.object({ kind: z.enum(['firm', 'party']), id: z.string(), name: z.string() }).nullable(),
  location: z.string(),
  acceptBy: instant.nullable(),
  resolveBy: instant.nullable(),
  confirmBy: instant.nullable(),
  /** Past its acceptance or resolution limit and not yet done (超时). */
  overdue: z.boolean(),
  reopenCount: z.number().int(),
  closeKind: codedSchema(MATTER_CLOSE_KINDS).nullable(),
  rating: z.number().int().nullable(),
  createdAt: instant,
  /** Whole days since it was collected. */
  ageDays: z.number().int(),
});

export const matterPageSchema = keysetPageSchemaOf(matterItemSchema);

export const matterEventSchema = z.object({
  seq: z.number().int(),
  kind: codedSchema(MATTER_EVENT_KINDS),
  at: instant,
  /** Who did it; null for the system's steps, and for other people's steps in the reporter's view. */
  actorName: z.string().nullable(),
  /** The firm or unit the actor spoke for. */
  unit: z.string().nullable(),
  note: z.string().nullable(),
  evidenceIds: z.array(z.string()),
});

export const matterDetailSchema = matterItemSchema.extend({
  description: z.string(),
  /** A caller's name and number; never shown to the reporter or to partner units. */
  callerName: z.string().nullable(),
  callerPhone: z.string().nullable(),
  /** Whether the caller is the resident who reported it. */
  mine: z.boolean(),
  solved: z.boolean().nullable(),
  ratingComment: z.string().nullable(),
  closedAt: instant.nullable(),
  /** Units asked to join (联动). */
  jointParties: z.array(refSchema),
  /** 向管家反映: the steward the resident told, and how to reach them. */
  steward: z.object({ name: z.string(), phone: z.string() }).nullable(),
  /** The photos collected with it (download each from GET /evidence/:id). */
  evidence: z.array(z.object({ id: z.string(), fileName: z.string(), contentType: z.string() })),
  /** 进度: the steps so far, oldest first (the reporter sees only the public ones). */
  events: z.array(matterEventSchema),
  /** What the caller may do now. */
  actions: z.array(z.enum(MATTER_ACTIONS)),
});

const percent = z.number().nullable();

export const matterFiguresSchema = z.object({
  collected: z.number().int(),
  solved: z.number().int(),
  acceptDue: z.number().int(),
  acceptedInTime: z.number().int(),
  resolveDue: z.number().int(),
  resolvedInTime: z.number().int(),
  rated: z.number().int(),
  satisfied: z.number().int(),
  /** 响应率, percent; null when nothing was due. */
  responseRate: percent,
  /** 解决率. */
  resolutionRate: percent,
  /** 满意率. */
  satisfactionRate: percent,
});

export const matterStatsSchema = z.object({
  groupBy: z.enum(MATTER_STATS_GROUPS),
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** One line per firm, unit, community or month (YYYY-MM); `key` null for matters without one. */
  groups: z.array(matterFiguresSchema.extend({ key: z.string().nullable(), name: z.string() })),
  total: matterFiguresSchema,
});

export type MatterItem = z.infer<typeof matterItemSchema>;
export type MatterPage = z.infer<typeof matterPageSchema>;
export type MatterDetail = z.infer<typeof matterDetailSchema>;
export type MatterEventView = z.infer<typeof matterEventSchema>;
export type MatterFigures = z.infer<typeof matterFiguresSchema>;
export type MatterStats = z.infer<typeof matterStatsSchema>;

import * as z from 'zod';
import { CATALOGUE_SHAPE } from '../catalogue/validate-catalogue.js';
import { CATEGORY_CODES } from '../catalogue/types.js';
import { SEVERITIES } from '../calendar/rectification-deadline.js';
import { PHASES, STAGES } from '../stages/types.js';
import { categorySchema, standardSchema } from './catalogue-version.js';
import { keyPartSchema } from '../catalogue/schema.js';
import { catalogueVersionIdSchema, idSchema, localDateSchema, standardCodeSchema } from './common.js';
import { localizedParams } from './custom-issue.js';
import { listUsersQuerySchema } from './queries.js';
import { auditCursorKeySchema, cursorParam } from './cursor.js';
import { rectificationStatusSchema } from '../contract/pilot-state.js';

/*
 * Inputs of the admin side: drafting catalogue versions from a published one, dashboards, the audit
 * log, exports and archives. Paging and flags follow the list queries (query strings are coerced).
 */
const { page, pageSize } = listUsersQuerySchema.shape;
const flag = z.stringbool();
const text = (max: number) => z.string().trim().min(1).max(max);

/** A calendar month, `YYYY-MM`, read in Asia/Shanghai. */
export const localMonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/**
 * What a draft changes relative to the version it starts from: categories and standards replace the
 * ones with the same code (a new code adds a standard), `removeStandards` drops codes, and a given
 * `weeklyChecklist` replaces the whole list (its order is the printed form's order).
 */
export const catalogueChangesSchema = z.object({
  categories: z.array(categorySchema).max(CATALOGUE_SHAPE.categories).optional(),
  standards: z.array(standardSchema).max(300).optional(),
  removeStandards: z.array(standardCodeSchema).max(300).optional(),
  weeklyChecklist: z.array(standardCodeSchema).max(100).optional(),
  /** 重点部位: replaces the version's places (and the standards checked at each) as a whole. */
  keyParts: z.array(keyPartSchema).max(40).optional(),
});

/** 起草新版本: a new draft copied from a published version, with changes applied. */
export const createCatalogueDraftSchema = z.object({
  version: catalogueVersionIdSchema,
  basedOn: catalogueVersionIdSchema,
  title: text(200).optional(),
  effectiveFrom: z.number().int().min(0).optional(),
  changes: catalogueChangesSchema.optional(),
});

/** 修改草稿: further changes to a draft that is neither published nor used. */
export const updateCatalogueDraftSchema = z.object({
  title: text(200).optional(),
  effectiveFrom: z.number().int().min(0).optional(),
  changes: catalogueChangesSchema.optional(),
});

export const dashboardQuerySchema = z.object({
  /** How many months the trends cover, ending with `until`. */
  months: z.coerce.number().int().min(1).max(36).default(12),
  /** The last month of the trends; the current month when absent. */
  until: localMonthSchema.optional(),
  pilotId: idSchema.optional(),
  firmId: idSchema.optional(),
  communityId: idSchema.optional(),
});

const auditFilter = {
  actorId: idSchema.optional(),
  /** An action (`catalogue.publish`) or its prefix (`catalogue`). */
  action: z.string().trim().min(1).max(100).optional(),
  entityType: z.string().trim().min(1).max(64).optional(),
  entityId: z.string().trim().min(1).max(200).optional(),
  from: localDateSchema.optional(),
  to: localDateSchema.optional(),
};

function fromBeforeTo(query: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx) {
  // ISO dates compare correctly as strings.
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      params: localizedParams('截止日期不能早于起始日期。', 'The end date is before the start date.'),
    });
  }
}

/** Newest first; `cursor` (a previous answer's `nextCursor`) continues below that entry, `page` is then not read. */
export const searchAuditLogQuerySchema = z
  .object({ ...auditFilter, page, pageSize, cursor: cursorParam(auditCursorKeySchema).optional() })
  .superRefine(fromBeforeTo);
export const exportAuditLogQuerySchema = z.object(auditFilter).superRefine(fromBeforeTo);

export const exportPilotsQuerySchema = z.object({
  stage: z.enum(STAGES).optional(),
  phase: z.enum(PHASES).optional(),
  firmId: idSchema.optional(),
  communityId: idSchema.optional(),
});

export const exportRectificationsQuerySchema = z.object({
  pilotId: idSchema.optional(),
  status: rectificationStatusSchema.optional(),
  severity: z.enum(SEVERITIES).optional(),
  category: z.enum(CATEGORY_CODES).optional(),
  overdue: flag.optional(),
});

export const listArchivesQuerySchema = z.object({
  pilotId: idSchema.optional(),
  compoundId: idSchema.optional(),
  page,
  pageSize,
});

export type CatalogueChanges = z.infer<typeof catalogueChangesSchema>;
export type CreateCatalogueDraftInput = z.infer<typeof createCatalogueDraftSchema>;
export type UpdateCatalogueDraftInput = z.infer<typeof updateCatalogueDraftSchema>;
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;
export type SearchAuditLogQuery = z.infer<typeof searchAuditLogQuerySchema>;
export type ExportAuditLogQuery = z.infer<typeof exportAuditLogQuerySchema>;
export type ExportPilotsQuery = z.infer<typeof exportPilotsQuerySchema>;
export type ExportRectificationsQuery = z.infer<typeof exportRectificationsQuerySchema>;
export type ListArchivesQuery = z.infer<typeof listArchivesQuerySchema>;

import * as z from 'zod';
import { CATEGORY_CODES } from '../catalogue/types.js';
import { SEVERITIES } from '../calendar/rectification-deadline.js';
import { PHASES, STAGES } from '../stages/types.js';
import { idSchema, inspectionKindSchema, localDateSchema } from './common.js';
import { localizedParams } from './custom-issue.js';
import { rectificationStatusSchema } from '../contract/pilot-state.js';
import { USER_ROLES } from './commands.js';

/*
 * List filters arrive as URL query strings, so numbers are coerced and booleans read from
 * "true"/"false"; the same schemas parse already-typed values from the UI.
 */
const page = z.coerce.number().int().min(1).max(10_000).default(1);
const pageSize = z.coerce.number().int().min(1).max(100).default(20);
const sortOrder = z.enum(['asc', 'desc']).default('asc');
const flag = z.stringbool();
const searchText = z.string().trim().min(1).max(100);

/** How a task list groups tasks for a person: not open yet, to do now, done, missed. */
export const TASK_LIST_STATUSES = ['upcoming', 'open', 'done', 'missed'] as const;
export const CATALOGUE_STATUSES = ['draft', 'published'] as const;

export const listPilotsQuerySchema = z.object({
  stage: z.enum(STAGES).optional(),
  phase: z.enum(PHASES).optional(),
  firmId: idSchema.optional(),
  compoundId: idSchema.optional(),
  inspectorId: idSchema.optional(),
  communityId: idSchema.optional(),
  /** Star rating of the latest evaluated round (星级). */
  stars: z.coerce.number().int().min(1).max(5).optional(),
  paused: flag.optional(),
  q: searchText.optional(),
  sortBy: z.enum(['startDate', 'score', 'name']).default('startDate'),
  sortOrder,
  page,
  pageSize,
});

export const listTasksQuerySchema = z
  .object({
    pilotId: idSchema.optional(),
    kind: inspectionKindSchema.optional(),
    status: z.enum(TASK_LIST_STATUSES).optional(),
    assigneeId: idSchema.optional(),
    round: z.coerce.number().int().min(1).max(100).optional(),
    dueFrom: localDateSchema.optional(),
    dueTo: localDateSchema.optional(),
    sortOrder,
    page,
    pageSize,
  })
  .superRefine((query, ctx) => {
    // ISO dates compare correctly as strings.
    if (query.dueFrom !== undefined && query.dueTo !== undefined && query.dueFrom > query.dueTo) {
      ctx.addIssue({
        code: 'custom',
        path: ['dueTo'],
        params: localizedParams(
          '截止日期止不能早于截止日期起。',
          'The end of the due range is before its start.',
        ),
      });
    }
  });

export const listRectificationsQuerySchema = z.object({
  pilotId: idSchema.optional(),
  /** The record's own status words (台账), e.g. `closed` for 销号. */
  status: rectificationStatusSchema.optional(),
  severity: z.enum(SEVERITIES).optional(),
  category: z.enum(CATEGORY_CODES).optional(),
  overdue: flag.optional(),
  sortOrder,
  page,
  pageSize,
});

/** 小区 list: a firm user sees its own compounds; coordinators and admins may filter. */
export const listCompoundsQuerySchema = z.object({
  firmId: idSchema.optional(),
  communityId: idSchema.optional(),
  /** Only compounds with (true) or without (false) a pilot. */
  enrolled: flag.optional(),
  q: searchText.optional(),
  page,
  pageSize,
});

export const listUsersQuerySchema = z.object({
  role: z.enum(USER_ROLES).optional(),
  firmId: idSchema.optional(),
  q: searchText.optional(),
  page,
  pageSize,
});

export const listCatalogueVersionsQuerySchema = z.object({
  status: z.enum(CATALOGUE_STATUSES).optional(),
  page,
  pageSize,
});

export type ListPilotsQuery = z.infer<typeof listPilotsQuerySchema>;
export type ListTasksQuery = z.infer<typeof listTasksQuerySchema>;
export type ListRectificationsQuery = z.infer<typeof listRectificationsQuerySchema>;
export type ListCompoundsQuery = z.infer<typeof listCompoundsQuerySchema>;
export type ListUsersQuery = z.infer<typeof listUsersQuerySchema>;
export type ListCatalogueVersionsQuery = z.infer<typeof listCatalogueVersionsQuerySchema>;

import * as z from 'zod';
import { CATEGORY_CODES, KEY_PART_CODE_PATTERN } from '../catalogue/types.js';
import { SEVERITIES } from '../calendar/rectification-deadline.js';
import { PHASES, STAGES } from '../stages/types.js';
import { idSchema, inspectionKindSchema, localDateSchema } from './common.js';
import { localizedParams } from './custom-issue.js';
import { rectificationStatusSchema } from '../contract/pilot-state.js';
import { USER_ROLES } from './commands.js';
import {
  auditCursorKeySchema,
  cursorParam,
  dueCursorKeySchema,
  pilotListCursorKeySchema,
  refuseCursorOfOtherSort,
} from './cursor.js';

/*
 * List filters arrive as URL query strings, so numbers are coerced and booleans read from
 * "true"/"false"; the same schemas parse already-typed values from the UI.
 */
const page = z.coerce.number().int().min(1).max(10_000).default(1);
const pageSize = z.coerce.number().int().min(1).max(100).default(20);
const sortOrder = z.enum(['asc', 'desc']).default('asc');
const flag = z.stringbool();
const searchText = z.string().trim().min(1).max(100);
const keyPartCode = z.string().trim().max(40).regex(KEY_PART_CODE_PATTERN);

/**
 * Where a field worker's lists can be narrowed to: a community, a firm, a compound. They only ever
 * narrow the caller's scope (a firm asking for another firm sees nothing).
 */
const placeFilters = {
  communityId: idSchema.optional(),
  firmId: idSchema.optional(),
  compoundId: idSchema.optional(),
};

/** How a task list groups tasks for a person: not open yet, to do now, done, missed. */
export const TASK_LIST_STATUSES = ['upcoming', 'open', 'done', 'missed'] as const;
export const CATALOGUE_STATUSES = ['draft', 'published'] as const;

/**
 * The long lists page by keyset as well as by number: `cursor` (the list's last answer's
 * `nextCursor`) continues after the item it names, whatever was added meanwhile, and costs the same
 * on page 500 as on page 1; `page` is then not read.
 */
const pilotCursor = cursorParam(pilotListCursorKeySchema).optional();
const dueCursor = cursorParam(dueCursorKeySchema).optional();

export const listPilotsQuerySchema = z
  .object({
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
    cursor: pilotCursor,
  })
  .superRefine(refuseCursorOfOtherSort);

export const listTasksQuerySchema = z
  .object({
    pilotId: idSchema.optional(),
    ...placeFilters,
    /** Compound name, firm name, task key or the kind's name (e.g. 周检查). */
    q: searchText.optional(),
    kind: inspectionKindSchema.optional(),
    status: z.enum(TASK_LIST_STATUSES).optional(),
    /** Open and past its due time (true), or anything else (false). */
    overdue: flag.optional(),
    assigneeId: idSchema.optional(),
    round: z.coerce.number().int().min(1).max(100).optional(),
    dueFrom: localDateSchema.optional(),
    dueTo: localDateSchema.optional(),
    /** By due time; tasks due at the same time keep the order of their ids. */
    sortOrder,
    page,
    pageSize,
    cursor: dueCursor,
  })
  .superRefine(refuseCursorOfOtherSort)
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

export const listRectificationsQuerySchema = z
  .object({
    pilotId: idSchema.optional(),
    ...placeFilters,
    /** Compound name, firm name, standard code or the finding's text. */
    q: searchText.optional(),
    /** The record's own status words (台账): open, controlled (已管控), responded, reopened, closed (销号), cancelled. */
    status: rectificationStatusSchema.optional(),
    severity: z.enum(SEVERITIES).optional(),
    category: z.enum(CATEGORY_CODES).optional(),
    /** The kind of the inspection that found the problem. */
    kind: inspectionKindSchema.optional(),
    /** The key part (重点部位) the finding was made at, e.g. `fire_control_room`. */
    keyPart: keyPartCode.optional(),
    /** Still owing work (open, controlled, reopened) and past the deadline (true), or anything else (false). */
    overdue: flag.optional(),
    /** By deadline; items with the same deadline keep the order of their ids. */
    sortOrder,
    page,
    pageSize,
    cursor: dueCursor,
  })
  .superRefine(refuseCursorOfOtherSort);

/** A pilot's timeline after the first page (GET /pilots/:id/timeline): newest first, by cursor. */
export const pilotTimelineQuerySchema = z.object({
  cursor: cursorParam(auditCursorKeySchema).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/**
 * Free text of the audit search (审计日志): matches the action's code or its words in either
 * language (e.g. 管控 finds `rectification.control`), and the entity type's words.
 */
export const auditLogTextQuerySchema = z.object({ q: searchText.optional() });

/** 小区 list: a firm user sees its own compounds; coordinators and admins may filter. */
export const listCompoundsQuerySchema = z.object({
  firmId: idSchema.optional(),
  communityId: idSchema.optional(),
  /** Only compounds with (true) or without (false) a pilot. */
  enrolled: flag.optional(),
  /** Only active (true) or deactivated (false) compounds; both when absent. */
  active: flag.optional(),
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
export type AuditLogTextQuery = z.infer<typeof auditLogTextQuerySchema>;
export type ListCompoundsQuery = z.infer<typeof listCompoundsQuerySchema>;
export type ListUsersQuery = z.infer<typeof listUsersQuerySchema>;
export type ListCatalogueVersionsQuery = z.infer<typeof listCatalogueVersionsQuerySchema>;
export type PilotTimelineQuery = z.infer<typeof pilotTimelineQuerySchema>;

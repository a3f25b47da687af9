import * as z from 'zod';
import { catalogueVersionIdSchema, idSchema } from './common.js';
import { localizedParams } from './custom-issue.js';
import { listTasksQuerySchema } from './queries.js';

/*
 * Inputs of printed paper and spreadsheets: the blank weekly checklist (周检查表) and the inspection
 * task ledger (检查任务) as a file. The ledger takes the task list's filters; it is every matching
 * task, so it has no paging.
 */

/** A blank checklist, for one compound (its name printed, what does not apply to it marked 不适用) or none. */
export const printChecklistQuerySchema = z.object({
  compoundId: idSchema.optional(),
  /** A published catalogue version; by default the compound's pilot's, else the newest published. */
  catalogueVersionId: catalogueVersionIdSchema.optional(),
});

const {
  page: _page,
  pageSize: _pageSize,
  cursor: _cursor,
  sortOrder: _sortOrder,
  ...taskFilters
} = listTasksQuerySchema.shape;

export const exportTasksQuerySchema = z.object(taskFilters).superRefine((query, ctx) => {
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

/** The archive index (档案目录) as a file: the archive list's filters, every archive. */
export const exportArchivesQuerySchema = z.object({
  pilotId: idSchema.optional(),
  compoundId: idSchema.optional(),
});

export type PrintChecklistQuery = z.infer<typeof printChecklistQuerySchema>;
export type ExportTasksQuery = z.infer<typeof exportTasksQuerySchema>;
export type ExportArchivesQuery = z.infer<typeof exportArchivesQuerySchema>;

import { IMPORT_KINDS, instantSchema } from '@pilot/domain';
import * as z from 'zod';
import { localizedSchema } from '../pilots/pilot.dto.js';

/* Shapes of the import routes: a checked (or applied) sheet and what applying it did. */

export const importCountsSchema = z.object({
  create: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  /** Rows with a problem: not applied (or, knowingly, skipped). */
  invalid: z.number().int(),
});

export const importJobSchema = z.object({
  id: z.string(),
  kind: z.enum(IMPORT_KINDS),
  fileName: z.string(),
  fileHash: z.string(),
  status: z.enum(['checked', 'applied']),
  rowCount: z.number().int(),
  /** Every problem, by the row and column the spreadsheet shows. */
  problems: z.array(
    z.object({
      row: z.number().int(),
      column: z.string().nullable(),
      code: z.string(),
      message: localizedSchema,
    }),
  ),
  /** What applying it does (checked) or did (applied). */
  counts: importCountsSchema,
  /** Rows applied so far while an apply runs. */
  progress: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  /** The first rows and what applying does to each. */
  rows: z.array(
    z.object({ row: z.number().int(), action: z.enum(['create', 'update', 'unchanged']), label: z.string() }),
  ),
  createdAt: instantSchema,
  appliedAt: instantSchema.nullable(),
});

export const appliedImportSchema = importJobSchema.extend({
  /** Initial passwords of the accounts this apply created, shown once: each must be changed at first log-in. */
  credentials: z.array(z.object({ username: z.string(), displayName: z.string(), password: z.string() })),
});

export const importJobListSchema = z.object({ items: z.array(importJobSchema) });

export type ImportCounts = z.infer<typeof importCountsSchema>;
export type ImportJobView = z.infer<typeof importJobSchema>;
export type AppliedImport = z.infer<typeof appliedImportSchema>;

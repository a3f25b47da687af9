import * as z from 'zod';
import { INSPECTION_KIND_LABELS } from '../catalogue/types.js';
import { STANDARD_CODE_PATTERN } from '../catalogue/validate-catalogue.js';

import { ITEM_OUTCOMES } from './enums.js';
import { localizedParams } from './custom-issue.js';

/** Opaque identifier issued by the API (database id, UUID, …). */
export const idSchema = z.string().trim().min(1).max(64);

/** Reference to an uploaded photo / record / document (storage key or URL). */
export const evidenceRefSchema = z.string().trim().min(1).max(300);

/** A calendar date as typed in a form, `YYYY-MM-DD`, read as an Asia/Shanghai local date. */
export const localDateSchema = z.iso.date();

export const catalogueVersionIdSchema = z
  .string()
  .trim()
  .regex(/^\d{4}\.\d{1,3}$/);

export const standardCodeSchema = z.string().trim().regex(STANDARD_CODE_PATTERN);

export {
  categoryCodeSchema,
  inspectionKindSchema,
  itemOutcomeSchema,
  localizedSchema,
  severitySchema,
} from './enums.js';

/** Kinds an inspector can be assigned to; the self-inspection belongs to the firm. */
export const INSPECTOR_KINDS = ['concentrated', 'weekly', 'monthly', 'quarterly', 'consolidation'] as const;
export const inspectorKindSchema = z.enum(INSPECTOR_KINDS);

/** Photos a record takes: ids POST /evidence answered, at most `max`, none twice. */
export function photoIdListSchema(max: number) {
  return z
    .array(idSchema)
    .max(max)
    .default([])
    .superRefine((ids, ctx) => {
      const seen = new Set<string>();
      ids.forEach((id, index) => {
        if (seen.has(id))
          ctx.addIssue({
            code: 'custom',
            path: [index],
            params: localizedParams('同一张照片只能添加一次。', 'The same photo is added twice.'),
          });
        seen.add(id);
      });
    });
}

export const reasonTextSchema = z.string().trim().min(2).max(500);
export const noteSchema = z.string().trim().max(500);

export const itemResultSchema = z
  .object({
    code: standardCodeSchema,
    /** On a key-part check: the key part (重点部位) the standard was checked at. */
    keyPart: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]{1,39}$/)
      .optional(),
    outcome: z.enum(ITEM_OUTCOMES),
    score: z.number().min(0).max(100).optional(),
    note: noteSchema.optional(),
    evidenceRefs: z.array(evidenceRefSchema).max(20).optional(),
  })
  .superRefine((item, ctx) => {
    // A failed item without a description cannot be turned into a rectification order.
    if (item.outcome === 'fail' && (item.note === undefined || item.note.length === 0)) {
      ctx.addIssue({
        code: 'custom',
        path: ['note'],
        params: localizedParams(
          '不合格项必须说明发现的问题。',
          'A failed item must describe the problem found.',
        ),
      });
    }
  });

export const itemResultsSchema = z
  .array(itemResultSchema)
  .min(1)
  .max(200)
  .superRefine((items, ctx) => {
    // A key-part check asks one standard at several places; a place asks it once.
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const key = `${item.keyPart ?? ''}\u0000${item.code}`;
      if (seen.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'code'],
          params: localizedParams(`标准 ${item.code} 重复填写。`, `Standard ${item.code} is listed twice.`),
        });
      }
      seen.add(key);
    });
  });

export const firmRefSchema = z.object({
  id: idSchema.optional(),
  name: z.string().trim().min(2).max(100),
});

export const compoundRefSchema = z.object({
  id: idSchema.optional(),
  name: z.string().trim().min(2).max(100),
  community: z.string().trim().min(2).max(100),
  address: z.string().trim().max(200).optional(),
  households: z.number().int().min(1).max(100000).optional(),
});

export const inspectorAssignmentSchema = z.object({
  inspectorId: idSchema,
  kinds: z.array(inspectorKindSchema).min(1),
});

/**
 * Every kind of inspection the schedule creates needs somebody to do it, and one inspector appears
 * once (with all their kinds) so reassignment has a single row to change.
 */
export const inspectorAssignmentsSchema = z
  .array(inspectorAssignmentSchema)
  .min(1)
  .max(20)
  .superRefine((assignments, ctx) => {
    const seen = new Set<string>();
    assignments.forEach((assignment, index) => {
      if (seen.has(assignment.inspectorId)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'inspectorId'],
          params: localizedParams('同一检查员只能出现一次。', 'Each inspector may appear only once.'),
        });
      }
      seen.add(assignment.inspectorId);
    });
    const covered = new Set(assignments.flatMap((assignment) => assignment.kinds));
    const missing = INSPECTOR_KINDS.filter((kind) => !covered.has(kind));
    if (missing.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        // People read the kinds' names, not their codes (周检查, not `weekly`).
        params: localizedParams(
          `以下检查类型尚未分配检查员：${missing.map((kind) => INSPECTION_KIND_LABELS[kind].zh).join('、')}。`,
          `No inspector is assigned to: ${missing.map((kind) => INSPECTION_KIND_LABELS[kind].en.toLowerCase()).join(', ')}.`,
        ),
      });
    }
  });

/** A query's list of codes: `status=a,b` or `status=a&status=b`. */
export const listOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? value.split(',').filter((s) => s !== '') : value),
    z.array(z.enum(values)).min(1).max(values.length),
  );

import * as z from 'zod';
import { validateCatalogue } from '../catalogue/validate-catalogue.js';
import { CATEGORY_CODES, EVIDENCE_KINDS, INSPECTION_KINDS, STANDARD_TOPICS } from '../catalogue/types.js';
import { catalogueVersionIdSchema, standardCodeSchema } from './common.js';
import { localizedParams, pathSegments } from './custom-issue.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const localizedTextSchema = z.object({ zh: text(200), en: text(200) });

export const categorySchema = z.object({
  code: z.enum(CATEGORY_CODES),
  name: localizedTextSchema,
  scope: text(500),
});

export const standardSchema = z.object({
  code: standardCodeSchema,
  category: z.enum(CATEGORY_CODES),
  title: localizedTextSchema,
  requirement: text(1000),
  method: text(1000),
  weight: z.number().int().min(1).max(100),
  kinds: z.array(z.enum(INSPECTION_KINDS)).min(1),
  evidence: z.array(z.enum(EVIDENCE_KINDS)).min(1),
  critical: z.boolean(),
  scoring: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('binary') }),
    z.object({ mode: z.literal('graded'), max: z.number().int().min(1).max(100) }),
  ]),
  topics: z.array(z.enum(STANDARD_TOPICS)),
});

/**
 * A catalogue version as an admin drafts it (起草). Shape errors come from the field schemas;
 * structural rules (8 / 107 / 35, codes, weekly marks) from validateCatalogue, mapped onto fields.
 */
export const draftCatalogueVersionSchema = z
  .object({
    version: catalogueVersionIdSchema,
    title: text(200),
    effectiveFrom: z.number().int().min(0),
    basedOn: catalogueVersionIdSchema.optional(),
    categories: z.array(categorySchema),
    standards: z.array(standardSchema),
    weeklyChecklist: z.array(standardCodeSchema),
  })
  .superRefine((draft, ctx) => {
    const reported = new Set(ctx.issues.map((issue) => (issue.path ?? []).map(String).join('.')));
    for (const found of validateCatalogue(draft)) {
      if (reported.has(found.path)) continue;
      ctx.addIssue({
        code: 'custom',
        path: pathSegments(found.path),
        params: localizedParams(found.zh, found.en),
      });
    }
  });

/**
 * Publishing (发布) names the fingerprint the admin reviewed, so a draft edited after review cannot
 * be published by accident.
 */
export const publishCatalogueVersionSchema = z.object({
  version: catalogueVersionIdSchema,
  fingerprint: z
    .string()
    .trim()
    .regex(/^fnv1a64:[0-9a-f]{16}$/),
});

export type DraftCatalogueVersionInput = z.infer<typeof draftCatalogueVersionSchema>;
export type PublishCatalogueVersionInput = z.infer<typeof publishCatalogueVersionSchema>;

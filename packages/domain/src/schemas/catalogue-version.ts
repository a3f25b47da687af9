import * as z from 'zod';
import { catalogueVersionSchema } from '../catalogue/schema.js';
import { validateCatalogue } from '../catalogue/validate-catalogue.js';
import { catalogueVersionIdSchema } from './common.js';
import { localizedParams, pathSegments } from './custom-issue.js';

// The field schemas live with the catalogue they describe; the input schemas here build on them.
export { categorySchema, standardSchema } from '../catalogue/schema.js';

/**
 * A catalogue version as an admin drafts it (起草). Shape errors come from the field schemas;
 * structural rules (8 / 107 / 35, codes, weekly marks, key parts, applicability) from
 * validateCatalogue, mapped onto fields.
 */
export const draftCatalogueVersionSchema = catalogueVersionSchema
  .extend({ basedOn: catalogueVersionIdSchema.optional() })
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

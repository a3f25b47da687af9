import { categorySchema, keyPartSchema, standardSchema } from '@pilot/domain';
import * as z from 'zod';
import { labelSchema } from '../reporting/charts.js';

export const catalogueVersionSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(['draft', 'published', 'retired']),
  /** What a publish request must quote: the content the admin reviewed. */
  fingerprint: z.string(),
  /** Epoch milliseconds from which the version applies. */
  effectiveFrom: z.number(),
  createdAt: z.string(),
  createdById: z.string().nullable(),
  publishedAt: z.string().nullable(),
  /** Set when an inspection first scored against this version; from then on it never changes. */
  firstUsedAt: z.string().nullable(),
  /** True only for a draft no inspection has used: the one state in which content may change. */
  editable: z.boolean(),
  counts: z.object({
    categories: z.number().int(),
    standards: z.number().int(),
    weeklyItems: z.number().int(),
    /** Key parts the version declares; 0 for a version from before key parts were data (2024.1). */
    keyParts: z.number().int(),
  }),
});

export const catalogueVersionDetailSchema = catalogueVersionSummarySchema.extend({
  categories: z.array(categorySchema.extend({ standardCount: z.number().int() })),
  /** As stored: `requires`, `staffOperation` and `interimControl` appear where the version has them. */
  standards: z.array(standardSchema),
  /** 《周检查表》 in printed order, each item resolved to its standard. */
  weeklyChecklist: z.array(
    z.object({
      position: z.number().int(),
      code: z.string(),
      category: z.string(),
      title: labelSchema,
    }),
  ),
  /**
   * 重点部位 with the standard codes checked at each, as the version declares them. Absent on a
   * version from before key parts were data (2024.1); the domain's keyPartsOf supplies its places.
   */
  keyParts: z.array(keyPartSchema).optional(),
});

export const catalogueVersionPageSchema = z.object({
  items: z.array(catalogueVersionSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export type CatalogueVersionSummary = z.infer<typeof catalogueVersionSummarySchema>;
export type CatalogueVersionDetail = z.infer<typeof catalogueVersionDetailSchema>;
export type CatalogueVersionPage = z.infer<typeof catalogueVersionPageSchema>;

import { DISCLOSURE_SECTIONS, disclosureContentSchema, instantSchema } from '@pilot/domain';
import * as z from 'zod';

/* Response shapes of 信息公开: the admin's preview and history, and the public page's snapshot. */

export const disclosureSnapshotSummarySchema = z.object({
  id: z.string(),
  subdistrict: z.string(),
  sections: z.array(z.enum(DISCLOSURE_SECTIONS)),
  publishedAt: instantSchema,
  /** The admin who published it (the history is for admins only; the public page has no names). */
  publishedBy: z.string().nullable(),
});

export const disclosureSnapshotListSchema = z.object({ items: z.array(disclosureSnapshotSummarySchema) });

export const disclosurePreviewSchema = z.object({
  sections: z.array(z.enum(DISCLOSURE_SECTIONS)),
  content: disclosureContentSchema,
});

/** What anyone reads: the newest snapshot, as published. */
export const publicDisclosureSchema = z.object({
  id: z.string(),
  subdistrict: z.string(),
  sections: z.array(z.enum(DISCLOSURE_SECTIONS)),
  publishedAt: instantSchema,
  content: disclosureContentSchema,
});

export type DisclosureSnapshotSummary = z.infer<typeof disclosureSnapshotSummarySchema>;
export type DisclosureSnapshotList = z.infer<typeof disclosureSnapshotListSchema>;
export type DisclosurePreview = z.infer<typeof disclosurePreviewSchema>;
export type PublicDisclosure = z.infer<typeof publicDisclosureSchema>;

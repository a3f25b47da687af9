import { instantSchema } from '@pilot/domain';
import * as z from 'zod';

/* Response shapes of the evidence routes. */

export const evidenceSchema = z.object({
  id: z.string(),
  pilotId: z.string().nullable(),
  /** The matter a photo belongs to; null for a pilot's file or a report not sent yet. */
  matterId: z.string().nullable(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedById: z.string(),
  uploadedAt: instantSchema,
});

export const evidenceUploadSchema = z.object({ items: z.array(evidenceSchema) });

export type EvidenceView = z.infer<typeof evidenceSchema>;
export type EvidenceUpload = z.infer<typeof evidenceUploadSchema>;

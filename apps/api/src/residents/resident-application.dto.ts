import { instantSchema, RESIDENT_APPLICATION_STATUSES } from '@pilot/domain';
import * as z from 'zod';
import { pageSchemaOf, refSchema } from '../pilots/pilot.dto.js';

/* Response shapes of 居民注册 and the 扫码报事 posters; the services return `z.infer` of them. */

/** What the applicant is told: their application waits for the community. Never the password hash. */
export const registrationReceiptSchema = z.object({
  id: z.string(),
  status: z.literal('pending'),
  compoundName: z.string(),
});

export const residentApplicationSchema = z.object({
  id: z.string(),
  status: z.enum(RESIDENT_APPLICATION_STATUSES),
  compound: refSchema,
  community: refSchema,
  displayName: z.string(),
  phone: z.string(),
  residence: z.string(),
  username: z.string(),
  /** Why it was not approved; null otherwise. */
  reason: z.string().nullable(),
  createdAt: instantSchema,
  decidedAt: instantSchema.nullable(),
  decidedById: z.string().nullable(),
  /** The resident account made on approval. */
  userId: z.string().nullable(),
});

export const residentApplicationPageSchema = pageSchemaOf(residentApplicationSchema);

export const reportLinkSchema = z.object({
  /** What the poster's QR code holds: the admin UI's report page for this compound. */
  url: z.string(),
  compoundName: z.string(),
});

export type RegistrationReceipt = z.infer<typeof registrationReceiptSchema>;
export type ResidentApplicationView = z.infer<typeof residentApplicationSchema>;
export type ResidentApplicationPage = z.infer<typeof residentApplicationPageSchema>;
export type ReportLink = z.infer<typeof reportLinkSchema>;

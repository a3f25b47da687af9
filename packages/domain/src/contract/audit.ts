import * as z from 'zod';

/**
 * An audit anchor, kept outside the application database (the anchor workflow's history, an
 * optional file): which checkpoint, and its MAC, so the checkpoint can be proven unchanged.
 */
export const auditAnchorSchema = z.object({
  checkpointId: z.number().int().min(1),
  mac: z.string(),
  /** When the checkpoint was made, ISO 8601. */
  at: z.string(),
  streamCount: z.number().int(),
  entryCount: z.number().int(),
});
export type AuditAnchor = z.infer<typeof auditAnchorSchema>;

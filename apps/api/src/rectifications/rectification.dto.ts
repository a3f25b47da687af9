import * as z from 'zod';
import { localizedSchema, pageSchemaOf, refSchema } from '../pilots/pilot.dto.js';

/* Response shapes of the rectification routes; the services return `z.infer` of them. */

const instant = z.iso.datetime();
const statusSchema = z.enum(['open', 'responded', 'reopened', 'closed', 'cancelled']);

export const rectificationSchema = z.object({
  id: z.string(),
  pilot: z.object({ id: z.string(), compound: refSchema, firm: refSchema }),
  taskId: z.string(),
  roundId: z.string().nullable(),
  standardCode: z.string(),
  category: z.object({ code: z.string(), name: localizedSchema.nullable() }),
  finding: z.string(),
  severity: z.enum(['minor', 'major', 'critical']),
  critical: z.boolean(),
  status: statusSchema,
  deadline: instant,
  /** Waiting for the firm's answer and past its deadline. */
  overdue: z.boolean(),
  openedAt: instant,
  closedAt: instant.nullable(),
  responses: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      evidenceIds: z.array(z.string()),
      responderId: z.string(),
      respondedAt: instant,
    }),
  ),
  verifications: z.array(
    z.object({
      id: z.string(),
      verdict: z.enum(['accept', 'reject']),
      reason: z.string().nullable(),
      newDeadline: instant.nullable(),
      verifierId: z.string(),
      verifiedAt: instant,
    }),
  ),
  /** 台账: every status change with who and when. */
  events: z.array(
    z.object({
      from: statusSchema.nullable(),
      to: statusSchema,
      at: instant,
      actorId: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
});

export const rectificationPageSchema = pageSchemaOf(rectificationSchema);

export const rectificationUpdateSchema = z.object({
  rectificationId: z.string(),
  status: statusSchema,
  /** Epoch ms; a rejection sets a new one. */
  deadline: z.number(),
});

export type RectificationView = z.infer<typeof rectificationSchema>;
export type RectificationPage = z.infer<typeof rectificationPageSchema>;

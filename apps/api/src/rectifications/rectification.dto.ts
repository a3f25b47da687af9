import { RECTIFICATION_STATUSES, instantSchema, severitySchema } from '@pilot/domain';
import * as z from 'zod';
import { keysetPageSchemaOf, localizedSchema, refSchema } from '../pilots/pilot.dto.js';

/* Response shapes of the rectification routes; the services return `z.infer` of them. */

const instant = instantSchema;
const statusSchema = z.enum(RECTIFICATION_STATUSES);

export const rectificationSchema = z.object({
  id: z.string(),
  pilot: z.object({ id: z.string(), compound: refSchema, firm: refSchema }),
  taskId: z.string(),
  roundId: z.string().nullable(),
  standardCode: z.string(),
  category: z.object({ code: z.string(), name: localizedSchema.nullable() }),
  finding: z.string(),
  /** The key part (重点部位) the finding was made at, on key-part checks. */
  keyPart: z.string().nullable(),
  severity: severitySchema,
  critical: z.boolean(),
  status: statusSchema,
  deadline: instant,
  /** Waiting for the firm's work and past its deadline. */
  overdue: z.boolean(),
  openedAt: instant,
  /** 已管控: when the hazard was contained (the critical clock stopped there). */
  controlledAt: instant.nullable(),
  /**
   * What counts as controlling the hazard (已管控) while it is being fixed, from the pilot's
   * catalogue version; null when the item may not be controlled (not critical, or its standard
   * names no interim control). While the item is open or reopened, the firm may report control.
   */
  interimControl: localizedSchema.nullable(),
  /**
   * 销号: when the item was closed, from the record or else its ledger; null when neither says
   * (an item imported without its history), never a made-up time.
   */
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
      evidenceIds: z.array(z.string()),
    }),
  ),
});

export const rectificationPageSchema = keysetPageSchemaOf(rectificationSchema);

export type RectificationView = z.infer<typeof rectificationSchema>;
export type RectificationPage = z.infer<typeof rectificationPageSchema>;

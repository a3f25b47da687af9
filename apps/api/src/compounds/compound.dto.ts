import { compoundFeatureSchema, instantSchema, STAGES } from '@pilot/domain';
import * as z from 'zod';
import { localizedSchema, pageSchemaOf, refSchema } from '../pilots/pilot.dto.js';

/* Response shapes of the compound routes. */

export const compoundSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  households: z.number().int().nullable(),
  buildings: z.number().int().nullable(),
  yearBuilt: z.number().int().nullable(),
  liftCount: z.number().int(),
  /** What the compound has that decides which standards apply and which key parts it has. */
  features: z.array(compoundFeatureSchema),
  /** False once deactivated: kept for its records, no longer enrolled. */
  active: z.boolean(),
  /** 示范小区. */
  isDemonstration: z.boolean(),
  demonstrationAt: instantSchema.nullable(),
  community: refSchema,
  firm: refSchema,
  /** The compound's pilot, or null when it is not in the pilot. */
  pilot: z
    .object({
      id: z.string(),
      stage: z.enum(STAGES),
      phase: z.string(),
      stageLabel: localizedSchema,
      phaseLabel: localizedSchema.nullable(),
      status: z.enum(['active', 'paused', 'withdrawn', 'completed']),
      paused: z.boolean(),
      startDate: z.iso.date(),
      currentRound: z.number().int(),
      latestScore: z.number().nullable(),
      starRating: z.number().int().nullable(),
    })
    .nullable(),
  /** Open rectification items of the pilot: awaiting the firm, awaiting an inspector, overdue. */
  rectifications: z
    .object({
      awaitingAnswer: z.number().int(),
      awaitingVerification: z.number().int(),
      overdue: z.number().int(),
    })
    .nullable(),
});

export const compoundPageSchema = pageSchemaOf(compoundSchema);

export type CompoundView = z.infer<typeof compoundSchema>;
export type CompoundPage = z.infer<typeof compoundPageSchema>;

import { instantSchema, matterRulesSchema } from '@pilot/domain';
import * as z from 'zod';
import { refSchema } from '../pilots/pilot.dto.js';

/** One published rule set of the matter loop; rule set 1 ships with the code (`builtIn`, no row). */
export const matterRuleSetSchema = z.object({
  version: z.number().int(),
  rules: matterRulesSchema,
  builtIn: z.boolean(),
  publishedAt: instantSchema.nullable(),
  publishedBy: refSchema.nullable(),
});

export const matterRuleSetListSchema = z.object({
  /** The set new matters follow. */
  current: matterRuleSetSchema,
  /** Every set, newest first (running matters may follow any of them). */
  versions: z.array(matterRuleSetSchema),
});

export type MatterRuleSetView = z.infer<typeof matterRuleSetSchema>;
export type MatterRuleSetList = z.infer<typeof matterRuleSetListSchema>;

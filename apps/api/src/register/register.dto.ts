import { compoundFeatureSchema, instantSchema } from '@pilot/domain';
import * as z from 'zod';
import { pageSchemaOf, refSchema } from '../pilots/pilot.dto.js';

/* Response shapes of the register routes: 社区, 物业企业 and a compound's register record. */

export const communityViewSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  subdistrict: z.string(),
  active: z.boolean(),
  compoundCount: z.number().int(),
});

export const firmViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  creditCode: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  address: z.string().nullable(),
  active: z.boolean(),
  listStatus: z.enum(['none', 'red', 'black']),
  compoundCount: z.number().int(),
  userCount: z.number().int(),
  createdAt: instantSchema,
});

export const compoundRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  community: refSchema,
  firm: refSchema,
  address: z.string().nullable(),
  households: z.number().int().nullable(),
  buildings: z.number().int().nullable(),
  yearBuilt: z.number().int().nullable(),
  liftCount: z.number().int(),
  hasFireControlRoom: z.boolean(),
  hasSecondaryWaterSupply: z.boolean(),
  hasUndergroundGarage: z.boolean(),
  hasEvChargingArea: z.boolean(),
  hasSepticTank: z.boolean(),
  features: z.array(compoundFeatureSchema),
  active: z.boolean(),
});

export const communityPageSchema = pageSchemaOf(communityViewSchema);
export const firmPageSchema = pageSchemaOf(firmViewSchema);

export type CommunityView = z.infer<typeof communityViewSchema>;
export type FirmView = z.infer<typeof firmViewSchema>;
export type CompoundRecord = z.infer<typeof compoundRecordSchema>;
export type CommunityPage = z.infer<typeof communityPageSchema>;
export type FirmPage = z.infer<typeof firmPageSchema>;

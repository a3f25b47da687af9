import * as z from 'zod';
import { idSchema } from './common.js';
import { localizedParams } from './custom-issue.js';
import { contactPhoneSchema, emailSchema, matching } from './contact.js';
import { creditCodeSchema } from './firm.js';
import { listUsersQuerySchema } from './queries.js';

/*
 * A subdistrict's own register (台账): its communities, the property firms serving it and their
 * compounds, as an admin or coordinator enters them in the UI or imports them from a workbook. The
 * import reads its cells into these same shapes, so a rule holds whichever way a record arrives.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
/** Leaves a cleared text field as null (stored), and an absent one as absent (unchanged). */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .optional();

/** An optional field a form or sheet may leave blank: blank is stored as null. */
const optionalOf = <T extends z.ZodType>(schema: T) =>
  z
    .union([z.literal('').transform(() => null), schema])
    .nullable()
    .optional();

/** 社区编码: short, stable, as the subdistrict numbers its communities. */
export const communityCodeSchema = matching(
  /^[A-Za-z0-9-]{2,32}$/,
  '应为 2–32 位字母、数字或连字符',
  'must be 2–32 letters, digits or hyphens',
);

export const createCommunitySchema = z.object({
  communityCode: communityCodeSchema,
  name: text(50),
  subdistrict: text(50),
});
export const updateCommunitySchema = z
  .object({
    communityCode: communityCodeSchema.optional(),
    name: text(50).optional(),
    subdistrict: text(50).optional(),
    active: z.boolean().optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, {
    params: localizedParams('请至少修改一项。', 'Change at least one field.'),
  });

export const createFirmSchema = z.object({
  name: text(100),
  creditCode: creditCodeSchema,
  contactName: optionalText(50),
  contactPhone: optionalOf(contactPhoneSchema),
  contactEmail: optionalOf(emailSchema),
  address: optionalText(200),
});
export const updateFirmSchema = z
  .object({
    name: text(100).optional(),
    creditCode: creditCodeSchema.optional(),
    contactName: optionalText(50),
    contactPhone: optionalOf(contactPhoneSchema),
    contactEmail: optionalOf(emailSchema),
    address: optionalText(200),
    active: z.boolean().optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, {
    params: localizedParams('请至少修改一项。', 'Change at least one field.'),
  });

/** The oldest and newest years a compound can have been built in (the register's plausible range). */
export const YEAR_BUILT_RANGE = { min: 1949, max: 2100 } as const;

/** What the register says about a compound besides where it is and who serves it. */
const compoundFacts = {
  address: optionalText(200),
  households: z.number().int().min(0).max(100_000).nullable().optional(),
  buildings: z.number().int().min(0).max(2_000).nullable().optional(),
  yearBuilt: z.number().int().min(YEAR_BUILT_RANGE.min).max(YEAR_BUILT_RANGE.max).nullable().optional(),
  liftCount: z.number().int().min(0).max(500),
  hasFireControlRoom: z.boolean(),
  hasSecondaryWaterSupply: z.boolean(),
  hasUndergroundGarage: z.boolean(),
  hasEvChargingArea: z.boolean(),
  hasSepticTank: z.boolean(),
};

export const createCompoundSchema = z.object({
  name: text(100),
  communityId: idSchema,
  firmId: idSchema,
  ...compoundFacts,
});
export const updateCompoundSchema = z
  .object({
    name: text(100).optional(),
    communityId: idSchema.optional(),
    firmId: idSchema.optional(),
    ...compoundFacts,
    liftCount: compoundFacts.liftCount.optional(),
    hasFireControlRoom: z.boolean().optional(),
    hasSecondaryWaterSupply: z.boolean().optional(),
    hasUndergroundGarage: z.boolean().optional(),
    hasEvChargingArea: z.boolean().optional(),
    hasSepticTank: z.boolean().optional(),
    active: z.boolean().optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, {
    params: localizedParams('请至少修改一项。', 'Change at least one field.'),
  });

const flag = z.stringbool();
const searchText = z.string().trim().min(1).max(100);
const { page, pageSize } = listUsersQuerySchema.shape;

export const listCommunitiesQuerySchema = z.object({
  active: flag.optional(),
  q: searchText.optional(),
  page,
  pageSize,
});
export const listFirmsQuerySchema = z.object({
  active: flag.optional(),
  q: searchText.optional(),
  page,
  pageSize,
});

/** 导入: applying a checked sheet. */
export const applyImportSchema = z.object({
  /** Apply the valid rows although others have problems (they are skipped and stay listed). */
  acceptValidRows: z.boolean().default(false),
});

export type ApplyImportInput = z.infer<typeof applyImportSchema>;
export type CreateCommunityInput = z.infer<typeof createCommunitySchema>;
export type UpdateCommunityInput = z.infer<typeof updateCommunitySchema>;
export type CreateFirmInput = z.infer<typeof createFirmSchema>;
export type UpdateFirmInput = z.infer<typeof updateFirmSchema>;
export type CreateCompoundInput = z.infer<typeof createCompoundSchema>;
export type UpdateCompoundInput = z.infer<typeof updateCompoundSchema>;
export type ListCommunitiesQuery = z.infer<typeof listCommunitiesQuerySchema>;
export type ListFirmsQuery = z.infer<typeof listFirmsQuerySchema>;

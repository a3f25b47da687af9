import * as z from 'zod';
import { createUserSchema } from './commands.js';
import { idSchema, reasonTextSchema } from './common.js';
import { matching } from './contact.js';
import { newPasswordSchema, PASSWORD_HAS_USERNAME, passwordContainsUsername } from './password-policy.js';

/*
 * 居民注册: a resident asks for an account bound to their compound, and the community's staff
 * decide. The account's name and password follow the same rules as an account an admin creates.
 */

export const RESIDENT_APPLICATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ResidentApplicationStatus = (typeof RESIDENT_APPLICATION_STATUSES)[number];

/** The same mainland mobile rule as an account's phone, with words a resident understands. */
const mobileSchema = matching(/^1\d{10}$/, '应为 11 位手机号码', 'must be an 11-digit mobile number');

export const registerResidentSchema = z
  .object({
    compoundId: idSchema,
    displayName: z.string().trim().min(1).max(50),
    phone: mobileSchema,
    /** The room, e.g. 5号楼2单元301; the community checks it before approving. */
    residence: z.string().trim().min(2).max(100),
    username: createUserSchema.shape.username,
    password: newPasswordSchema,
  })
  .superRefine((input, ctx) => {
    if (passwordContainsUsername(input.password, input.username)) {
      ctx.addIssue({ code: 'custom', path: ['password'], params: PASSWORD_HAS_USERNAME });
    }
  });

export const listResidentApplicationsQuerySchema = z.object({
  status: z.enum(RESIDENT_APPLICATION_STATUSES).optional(),
  compoundId: idSchema.optional(),
  communityId: idSchema.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** 不予通过: the applicant reads the reason when they ask the community. */
export const rejectResidentApplicationSchema = z.object({ reason: reasonTextSchema });

/** 扫码报事 posters of a community's active compounds, one page each. */
export const reportPostersQuerySchema = z.object({ communityId: idSchema });

export type RegisterResidentInput = z.infer<typeof registerResidentSchema>;
export type ListResidentApplicationsQuery = z.infer<typeof listResidentApplicationsQuerySchema>;
export type RejectResidentApplicationInput = z.infer<typeof rejectResidentApplicationSchema>;
export type ReportPostersQuery = z.infer<typeof reportPostersQuerySchema>;

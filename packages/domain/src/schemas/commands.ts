import * as z from 'zod';
import {
  catalogueVersionIdSchema,
  compoundRefSchema,
  evidenceRefSchema,
  firmRefSchema,
  idSchema,
  inspectorAssignmentsSchema,
  inspectorKindSchema,
  itemResultsSchema,
  localDateSchema,
  noteSchema,
  reasonTextSchema,
} from './common.js';
import { newPasswordSchema, PASSWORD_HAS_USERNAME, passwordContainsUsername } from './password-policy.js';
import { localizedParams } from './custom-issue.js';
import { planOptionsSchema } from './plan-options.js';
import { emailSchema } from './contact.js';

export const USER_ROLES = ['admin', 'coordinator', 'inspector', 'firm', 'resident', 'party'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const loginSchema = z.object({
  username: z.string().trim().min(1).max(32),
  password: z.string().min(1).max(128),
});

export const createUserSchema = z
  .object({
    username: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_.-]{3,32}$/),
    displayName: z.string().trim().min(1).max(50),
    role: z.enum(USER_ROLES),
    password: newPasswordSchema,
    /** Mainland mobile number. */
    phone: z
      .string()
      .trim()
      .regex(/^1\d{10}$/)
      .optional(),
    firmId: idSchema.optional(),
    /** Community (社区) staff are bound to their community. */
    communityId: idSchema.optional(),
    email: emailSchema.optional(),
  })
  .superRefine((user, ctx) => {
    if (passwordContainsUsername(user.password, user.username)) {
      ctx.addIssue({ code: 'custom', path: ['password'], params: PASSWORD_HAS_USERNAME });
    }
    // A firm account only sees its own firm's pilots, so it must be tied to one.
    if (user.role === 'firm' && user.firmId === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['firmId'],
        params: localizedParams(
          '物业企业账号必须关联一家物业企业。',
          'A firm account must belong to a firm.',
        ),
      });
    }
  });

/** An admin's change to an account; the role and firm are fixed at creation (a new account is clearer). */
export const updateUserSchema = z
  .object({
    displayName: z.string().trim().min(1).max(50).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^1\d{10}$/)
      .optional(),
    /** Empty clears it. */
    email: z.union([z.literal('').transform(() => null), emailSchema]).optional(),
    communityId: idSchema.nullable().optional(),
    active: z.boolean().optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, {
    params: localizedParams('请至少修改一项。', 'Change at least one field.'),
  });

/** An admin's reset; the user must change it at the next log-in. */
export const resetPasswordSchema = z.object({
  newPassword: newPasswordSchema,
});

export const enrollPilotSchema = z.object({
  firm: firmRefSchema,
  compound: compoundRefSchema,
  startDate: localDateSchema,
  inspectorAssignments: inspectorAssignmentsSchema,
  catalogueVersion: catalogueVersionIdSchema,
  planOptions: planOptionsSchema.optional(),
});

/** How many enrollment forms one bulk request may carry: a subdistrict's compounds, with room. */
export const BULK_ENROLL_MAX = 200;

/**
 * 批量纳入试点: several enrollment forms at once, each the form of a single enrollment. A malformed
 * form is named by its position (`enrollments.3.startDate`) and nothing is started.
 */
export const bulkEnrollPilotsSchema = z.object({
  enrollments: z.array(enrollPilotSchema).min(1).max(BULK_ENROLL_MAX),
});

export const submitInspectionSchema = z.object({
  taskId: idSchema,
  items: itemResultsSchema,
  notes: z.string().trim().max(2000).optional(),
  evidenceRefs: z.array(evidenceRefSchema).max(50).default([]),
});

/** 自查自纠: the firm scores itself against the full catalogue before the concentrated inspection. */
export const submitSelfInspectionSchema = z.object({
  pilotId: idSchema,
  items: itemResultsSchema,
  notes: z.string().trim().max(2000).optional(),
  evidenceRefs: z.array(evidenceRefSchema).max(50).default([]),
});

/** The form fields of an evidence upload (the files travel as multipart parts beside them). */
export const uploadEvidenceSchema = z.object({
  pilotId: idSchema,
});

export const respondRectificationSchema = z.object({
  rectificationId: idSchema,
  response: z.string().trim().min(5).max(2000),
  evidenceRefs: z.array(evidenceRefSchema).min(1).max(20),
});

/**
 * 已管控: how a critical hazard that cannot be fixed in a day is contained meanwhile (e.g. the lift
 * stopped, a notice posted and signed), with the photos or signed notice as evidence.
 */
export const controlRectificationSchema = z.object({
  rectificationId: idSchema,
  measures: z.string().trim().min(5).max(2000),
  evidenceRefs: z.array(evidenceRefSchema).min(1).max(20),
});

export const verifyRectificationSchema = z
  .object({
    rectificationId: idSchema,
    decision: z.enum(['accept', 'reject']),
    reason: z.string().trim().max(500).optional(),
    note: noteSchema.optional(),
  })
  .superRefine((input, ctx) => {
    if (input.decision === 'reject' && (input.reason === undefined || input.reason.length < 2)) {
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        params: localizedParams('退回整改必须说明原因。', 'Rejecting a rectification needs a reason.'),
      });
    }
  });

export const promoteCompoundSchema = z.object({
  pilotId: idSchema,
  note: noteSchema.optional(),
});

export const pausePilotSchema = z.object({
  pilotId: idSchema,
  reason: reasonTextSchema,
});

export const resumePilotSchema = z.object({
  pilotId: idSchema,
  note: noteSchema.optional(),
});

export const extendDeadlineSchema = z.object({
  targetType: z.enum(['task', 'rectification']),
  targetId: idSchema,
  days: z.number().int().min(1).max(60),
  reason: reasonTextSchema,
});

export const reassignInspectorSchema = z
  .object({
    pilotId: idSchema,
    fromInspectorId: idSchema,
    toInspectorId: idSchema,
    /** Omitted: hand over every kind the current inspector holds. */
    kinds: z.array(inspectorKindSchema).min(1).optional(),
    reason: reasonTextSchema.optional(),
  })
  .superRefine((input, ctx) => {
    if (input.fromInspectorId === input.toInspectorId) {
      ctx.addIssue({
        code: 'custom',
        path: ['toInspectorId'],
        params: localizedParams(
          '新检查员不能与原检查员相同。',
          'The new inspector must differ from the current one.',
        ),
      });
    }
  });

export const withdrawPilotSchema = z.object({
  pilotId: idSchema,
  reason: z.string().trim().min(5).max(1000),
});

const rolloutTargetSchema = z.object({
  firm: firmRefSchema,
  compound: compoundRefSchema,
});

/** 全面推广: the pilot's experience is rolled out to firms that aim to reach the standard. */
export const startRolloutSchema = z.object({
  sourcePilotId: idSchema,
  startDate: localDateSchema,
  catalogueVersion: catalogueVersionIdSchema,
  targets: z
    .array(rolloutTargetSchema)
    .min(1)
    .max(50)
    .superRefine((targets, ctx) => {
      const seen = new Set<string>();
      targets.forEach((target, index) => {
        const key = `${target.compound.community}\u0000${target.compound.name}`;
        if (seen.has(key)) {
          ctx.addIssue({
            code: 'custom',
            path: [index, 'compound', 'name'],
            params: localizedParams(
              '同一社区的小区重复。',
              'This compound of the same community is listed twice.',
            ),
          });
        }
        seen.add(key);
      });
    }),
  inspectorAssignments: inspectorAssignmentsSchema,
  planOptions: planOptionsSchema.optional(),
});

export type LoginInput = z.infer<typeof loginSchema>;
export type CreateUserInput = z.infer<typeof createUserSchema>;
export type UpdateUserInput = z.infer<typeof updateUserSchema>;
export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;
export type EnrollPilotInput = z.infer<typeof enrollPilotSchema>;
export type BulkEnrollPilotsInput = z.infer<typeof bulkEnrollPilotsSchema>;
export type SubmitInspectionInput = z.infer<typeof submitInspectionSchema>;
export type SubmitSelfInspectionInput = z.infer<typeof submitSelfInspectionSchema>;
export type UploadEvidenceInput = z.infer<typeof uploadEvidenceSchema>;
export type RespondRectificationInput = z.infer<typeof respondRectificationSchema>;
export type ControlRectificationInput = z.infer<typeof controlRectificationSchema>;
export type VerifyRectificationInput = z.infer<typeof verifyRectificationSchema>;
export type PromoteCompoundInput = z.infer<typeof promoteCompoundSchema>;
export type PausePilotInput = z.infer<typeof pausePilotSchema>;
export type ResumePilotInput = z.infer<typeof resumePilotSchema>;
export type ExtendDeadlineInput = z.infer<typeof extendDeadlineSchema>;
export type ReassignInspectorInput = z.infer<typeof reassignInspectorSchema>;
export type WithdrawPilotInput = z.infer<typeof withdrawPilotSchema>;
export type StartRolloutInput = z.infer<typeof startRolloutSchema>;

import * as z from 'zod';
import { checkEvaluationRules, evaluationRulesFields } from '../incentives/evaluation.js';
import { periodIdSchema } from '../incentives/periods.js';
import { localDateSchema, reasonTextSchema } from './common.js';
import { localizedParams } from './custom-issue.js';

/*
 * The HTTP inputs of 激励评价 (firm evaluation, periods, 红榜/黑榜). The rule set's own shape lives in
 * incentives/evaluation.ts; these are what an admin sends.
 */

const { version: _version, ...ruleFields } = evaluationRulesFields;

/**
 * 起草评价规则: the next rule set as a whole, against the published version it changes (`basedOn`),
 * so two admins drafting at once cannot overwrite each other; the API numbers it `basedOn + 1`.
 */
export const draftEvaluationRulesSchema = z
  .object({
    ...ruleFields,
    basedOn: z.number().int().min(1),
    note: z.string().trim().max(500).optional(),
  })
  .superRefine(checkEvaluationRules);
export type DraftEvaluationRulesInput = z.infer<typeof draftEvaluationRulesSchema>;

/** 发布评价规则: the draft's version (what the admin reviewed), published as is. */
export const publishEvaluationRulesSchema = z.object({ version: z.number().int().min(2) });
export type PublishEvaluationRulesInput = z.infer<typeof publishEvaluationRulesSchema>;

/** 计算评价周期: a month or quarter that is over; computing again replaces the draft. */
export const computeEvaluationPeriodSchema = z.object({ period: periodIdSchema });
export type ComputeEvaluationPeriodInput = z.infer<typeof computeEvaluationPeriodSchema>;

/** 确认上榜: why, and from when (until when, or until an admin ends it). */
export const confirmListEntrySchema = z
  .object({
    reason: reasonTextSchema,
    effectiveFrom: localDateSchema,
    effectiveUntil: localDateSchema.optional(),
  })
  .superRefine((input, ctx) => {
    if (input.effectiveUntil !== undefined && input.effectiveUntil < input.effectiveFrom) {
      ctx.addIssue({
        code: 'custom',
        path: ['effectiveUntil'],
        params: localizedParams(
          '截止日期不能早于生效日期。',
          'The end date must not be before the start date.',
        ),
      });
    }
  });
export type ConfirmListEntryInput = z.infer<typeof confirmListEntrySchema>;

/** 不予上榜 / 撤榜: the reason is required either way. */
export const listEntryReasonSchema = z.object({ reason: reasonTextSchema });
export type ListEntryReasonInput = z.infer<typeof listEntryReasonSchema>;

export const listFirmListEntriesQuerySchema = z.object({
  list: z.enum(['red', 'black']).optional(),
  status: z.enum(['candidate', 'listed', 'ended', 'dismissed']).optional(),
  firmId: z.string().trim().min(1).max(64).optional(),
});
export type ListFirmListEntriesQuery = z.infer<typeof listFirmListEntriesQuerySchema>;

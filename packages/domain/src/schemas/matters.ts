import * as z from 'zod';
import {
  MATTER_CATEGORIES,
  MATTER_SOURCES,
  MATTER_STATUSES,
  MATTER_URGENCIES,
  PARTY_KINDS,
  RECORDED_SOURCES,
} from '../matters/vocabulary.js';
import { matterRulesSchema } from '../matters/rules.js';
import { evidenceRefSchema, idSchema, localDateSchema } from './common.js';
import { contactPhoneSchema, matching } from './contact.js';
import { localizedParams } from './custom-issue.js';
import { cursorParam, dueCursorKeySchema } from './cursor.js';

/*
 * The HTTP inputs of the governance closed loop (事项): what a resident reports, what a coordinator
 * records for a caller, and each step of the loop. The workflow's own request schemas (in
 * matters/contract.ts) add the actor and the names the API looks up; these are what people type.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
const category = z.enum(MATTER_CATEGORIES);
const urgency = z.enum(MATTER_URGENCIES);
/** Photos of a matter: the caller's own uploads (POST /evidence without a pilot). */
const photos = z.array(evidenceRefSchema).max(9);
const flag = z.stringbool();

/**
 * 问题收集. A resident reports for the compound on their account (source, urgency and place fields
 * are the coordinator's); a coordinator records a 12345 ticket, a call or a reception-day visit for
 * a compound or a whole community. `confirmNotDuplicate` answers the API's "same problem?" question.
 */
export const createMatterSchema = z
  .object({
    source: z.enum(MATTER_SOURCES).optional(),
    compoundId: idSchema.optional(),
    communityId: idSchema.optional(),
    callerName: z.string().trim().max(50).optional(),
    callerPhone: contactPhoneSchema.optional(),
    category,
    urgency: urgency.optional(),
    location: text(200),
    description: z.string().trim().min(5).max(2000),
    evidenceRefs: photos.default([]),
    confirmNotDuplicate: z.boolean().default(false),
    /** 向管家反映: one of the resident's 物业管家 (GET /traces/my-stewards); the firm answers. */
    stewardId: idSchema.optional(),
  })
  .superRefine((input, ctx) => {
    if (
      input.stewardId !== undefined &&
      (RECORDED_SOURCES as readonly string[]).includes(input.source ?? '')
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['stewardId'],
        params: localizedParams(
          '向管家反映由居民本人提交，登记来电等事项时不能选择管家。',
          'Only a resident reports to their steward; a recorded call cannot name one.',
        ),
      });
    }
    if (input.source !== undefined && input.source !== 'resident') {
      if (!(RECORDED_SOURCES as readonly string[]).includes(input.source)) {
        ctx.addIssue({
          code: 'custom',
          path: ['source'],
          params: localizedParams(
            '只能登记 12345 热线、来电或接待日反映的事项。',
            'Only hotline, phone and reception-day matters are recorded here.',
          ),
        });
      }
      if (input.compoundId === undefined && input.communityId === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['compoundId'],
          params: localizedParams('请选择小区或社区。', 'Choose a compound or a community.'),
        });
      }
    }
  });

/** 分类定责: classify and give it to the compound's firm or a 1+4+N unit. */
export const assignMatterSchema = z.object({
  matterId: idSchema,
  category,
  urgency,
  assignee: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('firm'), firmId: idSchema }),
    z.object({ kind: z.literal('party'), partyId: idSchema }),
  ]),
  note: z.string().trim().max(500).optional(),
});

export const acceptMatterSchema = z.object({ matterId: idSchema });

/** 退回: not ours, with the reason the coordinator re-assigns by. */
export const returnMatterSchema = z.object({
  matterId: idSchema,
  reason: z.string().trim().min(2).max(500),
});

/** 联动: ask other units to join. */
export const joinMatterSchema = z.object({
  matterId: idSchema,
  partyIds: z.array(idSchema).min(1).max(10),
  note: z.string().trim().max(500).optional(),
});

/** 处置进展 and 办理答复: what was done, with photos the reporter sees. */
export const matterProgressSchema = z.object({
  matterId: idSchema,
  note: z.string().trim().min(2).max(2000),
  evidenceRefs: photos.default([]),
});

/** 反馈评价 by the reporter. */
export const rateMatterSchema = z.object({
  matterId: idSchema,
  solved: z.boolean(),
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().max(500).optional(),
});

/** 回访确认 by the coordinator, of a matter nobody rates online. */
export const confirmMatterSchema = z.object({
  matterId: idSchema,
  solved: z.boolean(),
  rating: z.number().int().min(1).max(5).nullable().optional(),
  note: z.string().trim().min(2).max(500),
});

/** 撤销: not a matter (a duplicate of another, out of scope). */
export const cancelMatterSchema = z.object({
  matterId: idSchema,
  reason: z.string().trim().min(2).max(500),
  duplicateOf: idSchema.optional(),
});

/** `status=reported,assigned` or `status=reported&status=assigned`. */
const statusList = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(',').filter((s) => s !== '') : value),
  z.array(z.enum(MATTER_STATUSES)).min(1).max(MATTER_STATUSES.length),
);

export const MATTER_LIST_SORTS = ['queue', 'newest'] as const;

/**
 * 事项台账 and the dispatch queue. `queue` is the coordinator's order (unassigned first, then
 * overdue, then reopened, then oldest); `newest` pages by cursor as well as by number.
 */
export const listMattersQuerySchema = z
  .object({
    status: statusList.optional(),
    /** Not closed yet (on the ledger). */
    open: flag.optional(),
    source: z.enum(MATTER_SOURCES).optional(),
    category: category.optional(),
    compoundId: idSchema.optional(),
    communityId: idSchema.optional(),
    firmId: idSchema.optional(),
    partyId: idSchema.optional(),
    overdue: flag.optional(),
    /** 事项编号, the place or the description. */
    q: z.string().trim().min(1).max(100).optional(),
    from: localDateSchema.optional(),
    to: localDateSchema.optional(),
    sort: z.enum(MATTER_LIST_SORTS).default('queue'),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
    cursor: cursorParam(dueCursorKeySchema).optional(),
  })
  .superRefine((query, ctx) => {
    if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        params: localizedParams('截止日期不能早于起始日期。', 'The end date is before the start date.'),
      });
    }
    // Only the newest-first list has a cursor; the queue's order moves as matters change.
    if (query.cursor !== undefined && query.sort !== 'newest') {
      ctx.addIssue({
        code: 'custom',
        path: ['cursor'],
        params: localizedParams(
          '分页游标只适用于按最新排序的列表。',
          'A cursor continues only the newest-first list.',
        ),
      });
    }
  });

export const MATTER_STATS_GROUPS = ['party', 'firm', 'community', 'month'] as const;

/** 响应率、解决率、满意率 of the matters collected between two dates, grouped. */
export const matterStatsQuerySchema = z
  .object({
    from: localDateSchema.optional(),
    to: localDateSchema.optional(),
    groupBy: z.enum(MATTER_STATS_GROUPS).default('month'),
  })
  .superRefine((query, ctx) => {
    if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        params: localizedParams('截止日期不能早于起始日期。', 'The end date is before the start date.'),
      });
    }
  });

/** 单位编码 of a 1+4+N partner unit. */
export const partyCodeSchema = matching(
  /^[A-Za-z0-9-]{2,32}$/,
  '应为 2–32 位字母、数字或连字符',
  'must be 2–32 letters, digits or hyphens',
);

/** Blank is stored as null; absent leaves it unchanged. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .optional();

export const createPartySchema = z.object({
  code: partyCodeSchema,
  name: text(100),
  kind: z.enum(PARTY_KINDS),
  communityId: idSchema.nullable().optional(),
  contactName: optionalText(50),
  contactPhone: z
    .union([z.literal('').transform(() => null), contactPhoneSchema])
    .nullable()
    .optional(),
});

export const updatePartySchema = z
  .object({
    code: partyCodeSchema.optional(),
    name: text(100).optional(),
    kind: z.enum(PARTY_KINDS).optional(),
    communityId: idSchema.nullable().optional(),
    contactName: optionalText(50),
    contactPhone: z
      .union([z.literal('').transform(() => null), contactPhoneSchema])
      .nullable()
      .optional(),
    active: z.boolean().optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, {
    params: localizedParams('请至少修改一项。', 'Change at least one field.'),
  });

export const uploadMatterEvidenceSchema = z.object({ matterId: idSchema.optional() });

export type CreateMatterInput = z.infer<typeof createMatterSchema>;
export type AssignMatterInput = z.infer<typeof assignMatterSchema>;
export type AcceptMatterInput = z.infer<typeof acceptMatterSchema>;
export type ReturnMatterInput = z.infer<typeof returnMatterSchema>;
export type JoinMatterInput = z.infer<typeof joinMatterSchema>;
export type MatterProgressInput = z.infer<typeof matterProgressSchema>;
export type RateMatterInput = z.infer<typeof rateMatterSchema>;
export type ConfirmMatterInput = z.infer<typeof confirmMatterSchema>;
export type CancelMatterInput = z.infer<typeof cancelMatterSchema>;
export type ListMattersQuery = z.infer<typeof listMattersQuerySchema>;
export type MatterStatsQuery = z.infer<typeof matterStatsQuerySchema>;
export type CreatePartyInput = z.infer<typeof createPartySchema>;
export type UpdatePartyInput = z.infer<typeof updatePartySchema>;

/**
 * 发布办理规则: the next rule set, as a whole, with the version it replaces (`basedOn`) so two admins
 * publishing at once cannot overwrite each other; the API numbers it `basedOn + 1`. New matters
 * follow it from then; running ones keep the set they were collected under.
 */
export const publishMatterRulesSchema = matterRulesSchema
  .omit({ version: true })
  .extend({ basedOn: z.number().int().min(1) })
  .superRefine((rules, ctx) => {
    if (rules.satisfiedFrom < rules.reopenBelow) {
      ctx.addIssue({
        code: 'custom',
        path: ['satisfiedFrom'],
        params: localizedParams(
          '不能低于“重新办理”的评分线：一个评分不能既满意又要重新办理。',
          'Must not be below the reopening threshold: no rating can be satisfied and reopen the matter.',
        ),
      });
    }
  });
export type PublishMatterRulesInput = z.infer<typeof publishMatterRulesSchema>;

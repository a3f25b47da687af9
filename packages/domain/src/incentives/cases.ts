// 三微案例 (微创新 · 微服务 · 微实事): firms submit cases weekly, the working group reviews them (入围,
// returned with a note, or not taken), composes numbered issues (期) from the shortlisted ones and
// publishes them; and the subdistrict's public page (信息公开), whose sections an admin chooses. The
// shapes here are the one definition the API validates with and the admin UI's forms check against;
// the rules (who may do what to a case in which state) are pure so both read the same answer.
import * as z from 'zod';
import type { LocalizedText } from '../catalogue/types.js';
import { localizedParams } from '../schemas/custom-issue.js';
import { idSchema, listOf, photoIdListSchema } from '../schemas/common.js';
import type { UserRole } from '../schemas/commands.js';
import { deepFreeze } from '../shared/deep-freeze.js';

export const MICRO_CASE_TYPES = ['innovation', 'service', 'project'] as const;
export type MicroCaseType = (typeof MICRO_CASE_TYPES)[number];

export const MICRO_CASE_TYPE_LABELS: Readonly<Record<MicroCaseType, LocalizedText>> = deepFreeze({
  innovation: { zh: '微创新', en: 'Small innovation' },
  service: { zh: '微服务', en: 'Small service' },
  project: { zh: '微实事', en: 'Small practical deed' },
});

export const MICRO_CASE_STATUSES = ['submitted', 'returned', 'rejected', 'shortlisted', 'selected'] as const;
export type MicroCaseStatus = (typeof MICRO_CASE_STATUSES)[number];

export const MICRO_CASE_STATUS_LABELS: Readonly<Record<MicroCaseStatus, LocalizedText>> = deepFreeze({
  submitted: { zh: '待审核', en: 'Awaiting review' },
  returned: { zh: '已退回修改', en: 'Returned for revision' },
  rejected: { zh: '未采用', en: 'Not taken' },
  shortlisted: { zh: '入围', en: 'Shortlisted' },
  selected: { zh: '入选', en: 'Selected' },
});

export const CASE_ISSUE_STATUSES = ['draft', 'published'] as const;
export type CaseIssueStatus = (typeof CASE_ISSUE_STATUSES)[number];

/** Photos one case may carry: a phone's share sheet gives up to nine, the column shows at most that. */
export const MAX_CASE_PHOTOS = 9;
/** Cases one issue may hold; the article's issues ran three to five, a long one stays readable. */
export const MAX_ISSUE_CASES = 12;

export const CASE_REVIEW_DECISIONS = ['accept', 'return', 'reject'] as const;
export type CaseReviewDecision = (typeof CASE_REVIEW_DECISIONS)[number];

/** What the caller may do to a case now, as the API enforces it and the UI offers it. */
export const MICRO_CASE_ACTIONS = ['revise', 'accept', 'return', 'reject'] as const;
export type MicroCaseAction = (typeof MICRO_CASE_ACTIONS)[number];

export interface CaseViewer {
  role: UserRole;
  firmId: string | null;
}

/**
 * A returned case is the firm's to revise (its own only); a submitted one is the working group's to
 * review. Shortlisted, selected and rejected cases are settled: nobody edits them here.
 */
export function microCaseActions(
  viewer: CaseViewer,
  item: { status: MicroCaseStatus; firmId: string },
): MicroCaseAction[] {
  if (viewer.role === 'firm')
    return viewer.firmId !== null && viewer.firmId === item.firmId && item.status === 'returned'
      ? ['revise']
      : [];
  if (viewer.role === 'coordinator' || viewer.role === 'admin')
    return item.status === 'submitted' ? ['accept', 'return', 'reject'] : [];
  return [];
}

/** The state a review decision leads to. */
export function reviewedStatus(decision: CaseReviewDecision): MicroCaseStatus {
  return decision === 'accept' ? 'shortlisted' : decision === 'return' ? 'returned' : 'rejected';
}

const text = (min: number, max: number) => z.string().trim().min(min).max(max);

/** The photos of a case: ids POST /evidence answered for uploads made without a pilot. */
const photoIdsSchema = photoIdListSchema(MAX_CASE_PHOTOS);

/** 报送案例: what a firm's staff type on the phone. */
export const submitCaseSchema = z.object({
  type: z.enum(MICRO_CASE_TYPES),
  title: text(4, 60),
  /** One of the firm's own compounds. */
  compoundId: idSchema,
  body: text(20, 4000),
  photoIds: photoIdsSchema,
});

/** 修改后重新报送 a returned case: the same fields again, the case from the path. */
export const reviseCaseSchema = submitCaseSchema.extend({ caseId: idSchema });

/** 审核: accept (入围), return with a note, or reject with a note. */
export const reviewCaseSchema = z
  .object({
    caseId: idSchema,
    verdict: z.enum(CASE_REVIEW_DECISIONS),
    note: z.string().trim().max(500).optional(),
  })
  .superRefine((input, ctx) => {
    // The firm reads the note to know what to change, or why the case was not taken.
    if (input.verdict !== 'accept' && (input.note === undefined || input.note.length < 2))
      ctx.addIssue({
        code: 'custom',
        path: ['note'],
        params: localizedParams(
          '退回或不采用时请写明原因（至少 2 个字）。',
          'Say why when returning or not taking a case (at least 2 characters).',
        ),
      });
  });

export const listCasesQuerySchema = z.object({
  status: listOf(MICRO_CASE_STATUSES).optional(),
  type: z.enum(MICRO_CASE_TYPES).optional(),
  firmId: idSchema.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const caseIdsSchema = z
  .array(idSchema)
  .max(MAX_ISSUE_CASES)
  .superRefine((ids, ctx) => {
    const seen = new Set<string>();
    ids.forEach((id, index) => {
      if (seen.has(id))
        ctx.addIssue({
          code: 'custom',
          path: [index],
          params: localizedParams('同一案例只能编入一次。', 'The same case is listed twice.'),
        });
      seen.add(id);
    });
  });

/** 新建一期: its number, title and the shortlisted cases in the order the issue shows them. */
export const createCaseIssueSchema = z.object({
  number: z.coerce.number().int().min(1).max(9999),
  title: text(2, 60),
  foreword: z.string().trim().max(1000).optional(),
  caseIds: caseIdsSchema.default([]),
});

/** 编辑草稿期: the whole list again (order included); what is left out goes back to 入围. */
export const updateCaseIssueSchema = z.object({
  issueId: idSchema,
  title: text(2, 60).optional(),
  foreword: z.string().trim().max(1000).optional(),
  caseIds: caseIdsSchema.optional(),
});

export const publishCaseIssueSchema = z.object({ issueId: idSchema });

// ─── 信息公开 ────────────────────────────────────────────────────────────────────────────────

/** The sections an admin may put on the public page. */
export const DISCLOSURE_SECTIONS = ['compounds', 'ranking', 'lists', 'cases', 'matters'] as const;
export type DisclosureSection = (typeof DISCLOSURE_SECTIONS)[number];

export const DISCLOSURE_SECTION_LABELS: Readonly<Record<DisclosureSection, LocalizedText>> = deepFreeze({
  compounds: { zh: '示范小区与试点小区', en: 'Demonstration and pilot compounds' },
  ranking: { zh: '物业企业评价排名', en: 'Firm ranking and grades' },
  lists: { zh: '红黑榜', en: 'Red and black lists' },
  cases: { zh: '三微案例', en: 'Case column' },
  matters: { zh: '群众诉求办理', en: 'Residents’ matters' },
});

const sectionsSchema = z
  .array(z.enum(DISCLOSURE_SECTIONS))
  .min(1)
  .max(DISCLOSURE_SECTIONS.length)
  .superRefine((sections, ctx) => {
    if (new Set(sections).size !== sections.length)
      ctx.addIssue({
        code: 'custom',
        params: localizedParams('栏目不能重复。', 'A section is chosen twice.'),
      });
  });

/** A subdistrict's name as the public address carries it (锦水街道). */
export const subdistrictNameSchema = text(2, 40);

export const publishDisclosureSchema = z.object({
  subdistrict: subdistrictNameSchema,
  sections: sectionsSchema,
});

/** `sections=a,b` in a query (the preview of what would be published). */
export const disclosurePreviewQuerySchema = z.object({
  subdistrict: subdistrictNameSchema,
  sections: z.preprocess(
    (value) => (typeof value === 'string' ? value.split(',').filter((s) => s !== '') : value),
    sectionsSchema,
  ),
});

export const listDisclosureSnapshotsQuerySchema = z.object({
  subdistrict: subdistrictNameSchema.optional(),
});

/*
 * The published content. Names of firms and compounds only: no person, no phone number, no
 * address finer than the compound. The snapshot is stored as this shape and served as it is.
 */
const ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const percent = z.number().nullable();

export const disclosureContentSchema = z.object({
  subdistrict: z.string(),
  /** When the figures were read (ISO instant). */
  asOf: z.string(),
  compounds: z
    .object({
      demonstration: z.array(
        z.object({ name: z.string(), community: z.string(), firm: z.string(), since: ymd.nullable() }),
      ),
      pilots: z.array(
        z.object({
          name: z.string(),
          community: z.string(),
          firm: z.string(),
          /** 星级 1–5; null until a round is rated. */
          stars: z.number().int().min(1).max(5).nullable(),
          stage: z.string(),
        }),
      ),
    })
    .optional(),
  ranking: z
    .object({
      /** Null when no period has been published yet. */
      period: z
        .object({ kind: z.string(), startsOn: ymd, endsOn: ymd, publishedAt: z.string().nullable() })
        .nullable(),
      firms: z.array(
        z.object({
          firm: z.string(),
          rank: z.number().int(),
          previousRank: z.number().int().nullable(),
          score: z.number(),
          grade: z.string(),
        }),
      ),
    })
    .optional(),
  lists: z
    .object({
      red: z.array(z.object({ firm: z.string(), since: ymd, reason: z.string().nullable() })),
      black: z.array(z.object({ firm: z.string(), since: ymd, reason: z.string().nullable() })),
    })
    .optional(),
  cases: z
    .object({
      shortlisted: z.number().int(),
      selected: z.number().int(),
      issues: z.array(
        z.object({
          number: z.number().int(),
          title: z.string(),
          foreword: z.string().nullable(),
          publishedAt: z.string(),
          cases: z.array(
            z.object({
              type: z.enum(MICRO_CASE_TYPES),
              title: z.string(),
              body: z.string(),
              firm: z.string(),
              compound: z.string().nullable(),
            }),
          ),
        }),
      ),
    })
    .optional(),
  matters: z
    .object({
      collected: z.number().int(),
      solved: z.number().int(),
      rated: z.number().int(),
      resolutionRate: percent,
      satisfactionRate: percent,
      /** Collected per month, YYYY-MM, oldest first (the page's small chart). */
      byMonth: z.array(
        z.object({ month: z.string(), collected: z.number().int(), solved: z.number().int() }),
      ),
    })
    .optional(),
});

export type SubmitCaseInput = z.infer<typeof submitCaseSchema>;
export type ReviseCaseInput = z.infer<typeof reviseCaseSchema>;
export type ReviewCaseInput = z.infer<typeof reviewCaseSchema>;
export type ListCasesQuery = z.infer<typeof listCasesQuerySchema>;
export type CreateCaseIssueInput = z.infer<typeof createCaseIssueSchema>;
export type UpdateCaseIssueInput = z.infer<typeof updateCaseIssueSchema>;
export type PublishCaseIssueInput = z.infer<typeof publishCaseIssueSchema>;
export type PublishDisclosureInput = z.infer<typeof publishDisclosureSchema>;
export type DisclosurePreviewQuery = z.infer<typeof disclosurePreviewQuerySchema>;
export type ListDisclosureSnapshotsQuery = z.infer<typeof listDisclosureSnapshotsQuerySchema>;
export type DisclosureContent = z.infer<typeof disclosureContentSchema>;

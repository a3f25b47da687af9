import {
  CASE_ISSUE_STATUSES,
  MICRO_CASE_ACTIONS,
  MICRO_CASE_STATUSES,
  MICRO_CASE_TYPES,
  instantSchema,
} from '@pilot/domain';
import * as z from 'zod';
import { codedSchema, pageSchemaOf, refSchema } from '../pilots/pilot.dto.js';

/* Response shapes of the 三微案例 routes; the service returns `z.infer` of them. */

export const caseIssueRefSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  title: z.string(),
  status: z.enum(CASE_ISSUE_STATUSES),
});

export const microCaseSchema = z.object({
  id: z.string(),
  type: codedSchema(MICRO_CASE_TYPES),
  status: codedSchema(MICRO_CASE_STATUSES),
  title: z.string(),
  body: z.string(),
  firm: refSchema,
  compound: refSchema.nullable(),
  /** In order; download each from GET /evidence/:id. */
  photos: z.array(z.object({ id: z.string(), fileName: z.string(), contentType: z.string() })),
  /** 1 for the first submission, one more each time a returned case comes back. */
  revision: z.number().int(),
  submittedAt: instantSchema,
  /** The reviewer's note (why returned or not taken; a word of praise on acceptance). */
  reviewNote: z.string().nullable(),
  reviewedAt: instantSchema.nullable(),
  issue: caseIssueRefSchema.nullable(),
  position: z.number().int().nullable(),
  /** What the caller may do now. */
  actions: z.array(z.enum(MICRO_CASE_ACTIONS)),
});

export const microCasePageSchema = pageSchemaOf(microCaseSchema).extend({
  /** Per status, in the caller's scope (the tabs' counts), whatever the filter. */
  counts: z.record(z.enum(MICRO_CASE_STATUSES), z.number().int()),
});

export const caseIssueSchema = caseIssueRefSchema.extend({
  foreword: z.string().nullable(),
  createdAt: instantSchema,
  publishedAt: instantSchema.nullable(),
  cases: z.array(microCaseSchema),
});

export const caseIssueListSchema = z.object({
  items: z.array(
    caseIssueRefSchema.extend({ publishedAt: instantSchema.nullable(), caseCount: z.number().int() }),
  ),
  /** The number the next issue would take. */
  nextNumber: z.number().int(),
});

export type MicroCaseView = z.infer<typeof microCaseSchema>;
export type MicroCasePage = z.infer<typeof microCasePageSchema>;
export type CaseIssueView = z.infer<typeof caseIssueSchema>;
export type CaseIssueList = z.infer<typeof caseIssueListSchema>;

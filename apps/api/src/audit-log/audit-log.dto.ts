import { localizedSchema } from '@pilot/domain';
import * as z from 'zod';

export const auditEntrySchema = z.object({
  /** Position in the hash chain; a string because it is a 64-bit integer. */
  seq: z.string(),
  at: z.string(),
  actor: z.object({
    id: z.string().nullable(),
    role: z.string().nullable(),
    /** The user's display name, when the entry names a user that exists. */
    displayName: z.string().nullable(),
  }),
  action: z.string(),
  /** The action in words (e.g. 提交自查结果); an unknown code reads 其他操作（code）. */
  actionLabel: localizedSchema,
  entityType: z.string(),
  /** What the entry is about in words (e.g. 检查任务). */
  entityLabel: localizedSchema,
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  hash: z.string(),
});

export const auditPageSchema = z.object({
  items: z.array(auditEntrySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const auditChainCheckSchema = z.object({
  ok: z.boolean(),
  /** Entries verified before the first broken one (all of them when ok). */
  checked: z.number().int(),
  /** Sequence number of the first entry whose link or content does not match. */
  brokenAt: z.string().nullable(),
  verifiedAt: z.string(),
});

export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type AuditPage = z.infer<typeof auditPageSchema>;
export type AuditChainCheck = z.infer<typeof auditChainCheckSchema>;

import { AUDIT_BREAK_KINDS, auditAnchorSchema, localizedSchema } from '@pilot/domain';
import * as z from 'zod';
import { keysetPageSchemaOf } from '../pilots/pilot.dto.js';

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

export const auditPageSchema = keysetPageSchemaOf(auditEntrySchema);

export const auditChainCheckSchema = z.object({
  ok: z.boolean(),
  /** Entries checked, in every stream. */
  checked: z.number().int(),
  streams: z.number().int(),
  /** Entries from before the log was keyed (plain SHA-256 chain): weaker evidence. */
  legacyEntries: z.number().int(),
  checkpoints: z.number().int(),
  /** Sequence number of the first entry whose link or content does not match (null: none, or not an entry). */
  brokenAt: z.string().nullable(),
  /** The first broken link: which stream (or checkpoint), where, and what is wrong, in words. */
  firstBreak: z
    .object({
      kind: z.enum(AUDIT_BREAK_KINDS),
      label: localizedSchema,
      stream: z.string(),
      position: z.number().int(),
      seq: z.string().nullable(),
    })
    .nullable(),
  /** The newest anchor (kept outside the database) whose checkpoint and streams still hold. */
  lastGoodAnchor: auditAnchorSchema.nullable(),
  /** Anchors the anchor workflow gave; null when it could not be asked (then only the chains count). */
  anchorsChecked: z.number().int().nullable(),
  verifiedAt: z.string(),
});

export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type AuditPage = z.infer<typeof auditPageSchema>;
export type AuditChainCheck = z.infer<typeof auditChainCheckSchema>;

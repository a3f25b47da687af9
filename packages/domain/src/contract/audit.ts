import * as z from 'zod';

/**
 * An audit anchor, kept outside the application database (the anchor workflow's history, an
 * optional file): which checkpoint, and its MAC, so the checkpoint can be proven unchanged.
 */
export const auditAnchorSchema = z.object({
  checkpointId: z.number().int().min(1),
  mac: z.string(),
  /** When the checkpoint was made, ISO 8601. */
  at: z.string(),
  streamCount: z.number().int(),
  entryCount: z.number().int(),
});
export type AuditAnchor = z.infer<typeof auditAnchorSchema>;

/** What the verifier can find wrong, each said in words. */
export const AUDIT_BREAK_KINDS = [
  'sequence_gap',
  'link_broken',
  'hash_mismatch',
  'unknown_key',
  'stream_truncated',
  'stream_rewritten',
  'checkpoint_broken',
  'checkpoint_missing',
] as const;
export type AuditBreakKind = (typeof AUDIT_BREAK_KINDS)[number];

export const AUDIT_BREAK_LABELS: Readonly<Record<AuditBreakKind, { zh: string; en: string }>> = {
  sequence_gap: {
    zh: '审计流编号不连续（有记录被删除或插入）',
    en: 'A gap in the stream’s numbering (an entry removed or inserted)',
  },
  link_broken: { zh: '与上一条记录的链接断开', en: 'The link to the previous entry is broken' },
  hash_mismatch: {
    zh: '记录内容与其密钥校验值不符（被改动）',
    en: 'The entry does not match its keyed hash (altered)',
  },
  unknown_key: { zh: '记录由未知密钥签署', en: 'The entry was signed with an unknown key' },
  stream_truncated: {
    zh: '锚定后的记录缺失（末尾被删除）',
    en: 'Entries anchored earlier are missing (the tail was removed)',
  },
  stream_rewritten: { zh: '锚定后的记录被替换', en: 'Entries anchored earlier were replaced' },
  checkpoint_broken: { zh: '审计检查点被改动', en: 'An audit checkpoint was altered' },
  checkpoint_missing: {
    zh: '已锚定的检查点在数据库中缺失',
    en: 'An anchored checkpoint is missing from the database',
  },
};

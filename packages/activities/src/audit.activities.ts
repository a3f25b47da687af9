import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { anchorOf, checkpointAudit, type AuditSigner, type PrismaClient } from '@pilot/db';
import type { AuditAnchor } from '@pilot/domain';

/**
 * The audit anchor's one side effect: a checkpoint of the streams that moved. Its result lands in
 * the anchor workflow's history — outside the application database — and, when configured, in
 * an append-only file as well (AUDIT_ANCHOR_FILE, e.g. on write-once storage).
 */
export function auditActivities(prisma: PrismaClient, signer: AuditSigner, anchorFile?: string) {
  return {
    async checkpointAudit(): Promise<AuditAnchor | null> {
      const checkpoint = await checkpointAudit(prisma, signer);
      if (!checkpoint) return null;
      const anchor = anchorOf(checkpoint);
      if (anchorFile) {
        await mkdir(path.dirname(anchorFile), { recursive: true });
        await appendFile(anchorFile, `${JSON.stringify(anchor)}\n`, { mode: 0o600 });
      }
      return anchor;
    },
  };
}

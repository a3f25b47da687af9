import { Context } from '@temporalio/activity';
import { appendAudit, type Prisma } from '@pilot/db';
import type { AuditActor, AuditNote } from '@pilot/domain';

/**
 * Appends audit entries for the running activity. The dedupe key is the workflow run, the activity
 * id and the entry's index: stable across retries of one activity, so a retry appends nothing twice.
 */
export async function auditFromActivity(
  tx: Prisma.TransactionClient,
  notes: Array<AuditNote & { entityType: string; entityId: string }>,
  at: Date,
): Promise<void> {
  const info = Context.current().info;
  let index = 0;
  for (const note of notes) {
    await appendAudit(tx, {
      actorId: note.actor.userId,
      actorRole: note.actor.role,
      requestId: note.actor.requestId ?? null,
      action: note.action,
      entityType: note.entityType,
      entityId: note.entityId,
      before: note.before,
      after: note.after,
      at,
      dedupeKey: `${info.workflowExecution?.runId ?? info.activityId}:${info.activityId}:${index++}`,
    });
  }
}

export function systemActor(): AuditActor {
  return { userId: null, role: 'system' };
}

import { Context } from '@temporalio/activity';
import { appendAudit, type AuditSigner, type Prisma } from '@pilot/db';
import type { AuditActor, AuditNote } from '@pilot/domain';

/** A pilot's audit stream: everything that happens in one enrollment is one chain. */
export function pilotStream(enrollmentId: string): string {
  return `enrollment:${enrollmentId}`;
}

export interface ActivityAudit {
  /**
   * Appends entries for the running activity to `stream`, inside the activity's transaction. The
   * dedupe key is the workflow run, the activity id and the entry's index: stable across retries
   * of one activity, so a retry appends nothing twice.
   */
  append(
    tx: Prisma.TransactionClient,
    stream: string,
    notes: Array<AuditNote & { entityType: string; entityId: string }>,
    at: Date,
  ): Promise<void>;
}

export function activityAudit(signer: AuditSigner): ActivityAudit {
  return {
    async append(tx, stream, notes, at) {
      const info = Context.current().info;
      let index = 0;
      for (const note of notes) {
        await appendAudit(tx, signer, {
          stream,
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
    },
  };
}

export function systemActor(): AuditActor {
  return { userId: null, role: 'system' };
}

// The matter's records: the row (its read model), its timeline and its notices, written by the
// matter workflow only. Every write is keyed by the step's number, so a retried activity adds
// nothing; each step is also an entry in the matter's audit stream.
import type { PrismaClient } from '@pilot/db';
import {
  configuredChannels,
  type MatterRowPatch,
  type MatterStep,
  type RecordMatterCollectedInput,
  type RecordMatterStepInput,
} from '@pilot/domain';
import type { Prisma } from '@pilot/db';
import type { ActivityAudit } from '../pilot/audit-context.js';
import { noticesWithPendingDeliveries } from '../notices/record-notices.js';
import type { NoticeDependencies } from '../notices/types.js';
import { recordMatterNotices } from './matter-notices.js';

/** A matter's audit stream: its steps are one chain. */
export function matterStream(matterId: string): string {
  return `matter:${matterId}`;
}

const date = (ms: number | null) => (ms === null ? null : new Date(ms));

function rowData(row: MatterRowPatch, at: Date) {
  return {
    status: row.status,
    category: row.category,
    urgency: row.urgency,
    assigneeKind: row.assigneeKind,
    assigneeFirmId: row.assigneeFirmId,
    assigneePartyId: row.assigneePartyId,
    jointPartyIds: row.jointPartyIds,
    assignedAt: date(row.assignedAt),
    acceptBy: date(row.acceptBy),
    acceptedAt: date(row.acceptedAt),
    acceptedInTime: row.acceptedInTime,
    resolveBy: date(row.resolveBy),
    answeredAt: date(row.answeredAt),
    resolvedInTime: row.resolvedInTime,
    confirmBy: date(row.confirmBy),
    closedAt: date(row.closedAt),
    closeKind: row.closeKind,
    rating: row.rating,
    ...(row.ratingComment !== undefined ? { ratingComment: row.ratingComment } : {}),
    solved: row.solved,
    reopenCount: row.reopenCount,
    returnCount: row.returnCount,
    overdue: row.overdue,
    ...(row.escalatedAt !== undefined ? { escalatedAt: date(row.escalatedAt) } : {}),
    updatedAt: at,
  };
}

function eventData(matterId: string, step: MatterStep) {
  return {
    id: `${matterId}:${step.seq}`,
    matterId,
    seq: step.seq,
    kind: step.kind,
    at: new Date(step.at),
    actorId: step.actor.userId,
    actorRole: step.actor.role,
    actorUnit: step.unit,
    note: step.note,
    evidenceIds: step.evidenceIds,
    public: step.public,
    // A JSON object from the contract; Prisma's JSON input type cannot say so.
    detail: (step.detail ?? undefined) as Prisma.InputJsonValue | undefined,
  };
}

export function matterActivities(
  prisma: PrismaClient,
  audit: ActivityAudit,
  notices: NoticeDependencies | undefined,
) {
  const channels = notices ? configuredChannels(notices.settings) : [];

  async function writeStep(
    tx: Prisma.TransactionClient,
    matterId: string,
    step: MatterStep,
    input: Pick<RecordMatterStepInput, 'notices'>,
    at: Date,
  ): Promise<string[]> {
    const created = await tx.matterEvent.createMany({
      data: [eventData(matterId, step)],
      skipDuplicates: true,
    });
    if (created.count > 0 && step.evidenceIds.length > 0) {
      await tx.evidence.updateMany({
        where: { id: { in: step.evidenceIds }, matterId: null },
        data: { matterId },
      });
    }
    const pending = await recordMatterNotices(tx, {
      entityId: matterId,
      stepKey: `${matterId}:${step.seq}`,
      notices: input.notices,
      at,
      channels,
    });
    if (created.count > 0) {
      await audit.append(
        tx,
        matterStream(matterId),
        [
          {
            actor: step.actor,
            action: `matter.${step.kind}`,
            entityType: 'matter',
            entityId: matterId,
            after: { seq: step.seq, note: step.note, unit: step.unit, detail: step.detail },
          },
        ],
        at,
      );
    }
    return pending;
  }

  async function startDeliveries(ids: string[]): Promise<void> {
    if (!notices || channels.length === 0 || ids.length === 0) return;
    // After the commit, so a delivery workflow never looks for rows that are not there yet.
    const pending = await noticesWithPendingDeliveries(prisma, ids);
    await Promise.all(pending.map((id) => notices.startDelivery({ notificationId: id, dedupeKey: id })));
  }

  return {
    /** The matter's row and its first step (问题收集), once. */
    async recordMatterCollected(input: RecordMatterCollectedInput): Promise<void> {
      const { input: matter, step } = input;
      const at = new Date(step.at);
      const pending = await prisma.$transaction(async (tx) => {
        await tx.matter.createMany({
          data: [
            {
              id: matter.matterId,
              number: matter.number,
              workflowId: input.workflowId,
              source: matter.source,
              patrolVisitId: matter.patrolVisitId,
              stewardId: matter.steward?.assignmentId ?? null,
              meetingId: matter.meetingId,
              compoundId: matter.compoundId,
              communityId: matter.communityId,
              firmId: matter.firmId,
              location: matter.location,
              description: matter.description,
              reporterId: matter.reporterId,
              callerName: matter.callerName,
              callerPhone: matter.callerPhone,
              ruleVersion: matter.rules.version,
              evidenceIds: matter.evidenceIds,
              createdById: matter.createdBy.userId,
              createdAt: at,
              ...rowData(input.row, at),
            },
          ],
          skipDuplicates: true,
        });
        return writeStep(tx, matter.matterId, step, input, at);
      });
      await startDeliveries(pending);
    },

    /** One step: its event, the row's new state and its notices, in one transaction. */
    async recordMatterStep(input: RecordMatterStepInput): Promise<void> {
      const at = new Date(input.step.at);
      const pending = await prisma.$transaction(async (tx) => {
        const written = await writeStep(tx, input.matterId, input.step, input, at);
        await tx.matter.update({
          where: { id: input.matterId },
          data: {
            ...rowData(input.row, at),
            ...(input.step.kind === 'escalated' ? { escalatedAt: at } : {}),
          },
        });
        return written;
      });
      await startDeliveries(pending);
    },
  };
}

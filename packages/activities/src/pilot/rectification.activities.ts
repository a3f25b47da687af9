import type { PrismaClient } from '@pilot/db';
import type { RecordControlInput, RecordResponseInput, RecordVerificationInput } from '@pilot/domain';
import { pilotStream, type ActivityAudit } from './audit-context.js';

export function rectificationActivities(prisma: PrismaClient, audit: ActivityAudit) {
  return {
    /** The firm's answer with evidence: the item waits for the inspector's verification. */
    async recordRectificationResponse(input: RecordResponseInput): Promise<void> {
      const at = new Date(input.at);
      await prisma.$transaction(async (tx) => {
        const existing = await tx.rectificationResponse.findUnique({
          where: { id: input.responseId },
          select: { id: true },
        });
        if (existing) return;
        await tx.rectificationResponse.create({
          data: {
            id: input.responseId,
            rectificationId: input.rectificationId,
            text: input.text,
            evidenceIds: input.evidenceIds,
            responderId: input.actor.userId ?? 'system',
            respondedAt: at,
          },
        });
        const { enrollmentId } = await tx.rectification.update({
          where: { id: input.rectificationId },
          data: { status: 'responded' },
          select: { enrollmentId: true },
        });
        await tx.rectificationEvent.create({
          data: {
            id: `${input.responseId}:event`,
            rectificationId: input.rectificationId,
            fromStatus: input.fromStatus,
            toStatus: 'responded',
            at,
            actorId: input.actor.userId,
            evidenceIds: input.evidenceIds,
          },
        });
        await audit.append(
          tx,
          pilotStream(enrollmentId),
          [
            {
              actor: input.actor,
              action: 'rectification.respond',
              entityType: 'rectification',
              entityId: input.rectificationId,
              before: { status: input.fromStatus },
              after: { status: 'responded', evidenceIds: input.evidenceIds },
            },
          ],
          at,
        );
      });
    },

    /**
     * 已管控: the firm reports how a critical hazard is contained (a lift stopped and signed off)
     * while the real fix takes longer; the item gets the fix's own deadline.
     */
    async recordRectificationControl(input: RecordControlInput): Promise<void> {
      const at = new Date(input.at);
      await prisma.$transaction(async (tx) => {
        const existing = await tx.rectificationEvent.findUnique({
          where: { id: input.controlId },
          select: { id: true },
        });
        if (existing) return;
        const { enrollmentId } = await tx.rectification.update({
          where: { id: input.rectificationId },
          data: { status: 'controlled', controlledAt: at, deadline: new Date(input.newDeadline) },
          select: { enrollmentId: true },
        });
        await tx.rectificationEvent.create({
          data: {
            id: input.controlId,
            rectificationId: input.rectificationId,
            fromStatus: input.fromStatus,
            toStatus: 'controlled',
            at,
            actorId: input.actor.userId,
            note: input.text,
            evidenceIds: input.evidenceIds,
          },
        });
        await audit.append(
          tx,
          pilotStream(enrollmentId),
          [
            {
              actor: input.actor,
              action: 'rectification.control',
              entityType: 'rectification',
              entityId: input.rectificationId,
              before: { status: input.fromStatus },
              after: {
                status: 'controlled',
                text: input.text,
                evidenceIds: input.evidenceIds,
                newDeadline: input.newDeadline,
              },
            },
          ],
          at,
        );
      });
    },

    /** The inspector's verdict: accepted items are closed (销号), rejected ones reopen with a new deadline. */
    async recordRectificationVerification(input: RecordVerificationInput): Promise<void> {
      const at = new Date(input.at);
      const toStatus = input.verdict === 'accept' ? 'closed' : (input.reopenAs ?? 'reopened');
      await prisma.$transaction(async (tx) => {
        const existing = await tx.rectificationVerification.findUnique({
          where: { id: input.verificationId },
          select: { id: true },
        });
        if (existing) return;
        await tx.rectificationVerification.create({
          data: {
            id: input.verificationId,
            rectificationId: input.rectificationId,
            verdict: input.verdict,
            reason: input.reason,
            newDeadline: input.newDeadline === null ? null : new Date(input.newDeadline),
            verifierId: input.actor.userId ?? 'system',
            verifiedAt: at,
          },
        });
        const { enrollmentId } = await tx.rectification.update({
          where: { id: input.rectificationId },
          select: { enrollmentId: true },
          data: {
            status: toStatus,
            ...(toStatus === 'closed' ? { closedAt: at } : {}),
            ...(input.newDeadline !== null ? { deadline: new Date(input.newDeadline) } : {}),
          },
        });
        await tx.rectificationEvent.create({
          data: {
            id: `${input.verificationId}:event`,
            rectificationId: input.rectificationId,
            fromStatus: 'responded',
            toStatus,
            evidenceIds: [],
            at,
            actorId: input.actor.userId,
            note: input.reason,
          },
        });
        await audit.append(
          tx,
          pilotStream(enrollmentId),
          [
            {
              actor: input.actor,
              action: `rectification.${input.verdict}`,
              entityType: 'rectification',
              entityId: input.rectificationId,
              before: { status: 'responded' },
              after: { status: toStatus, reason: input.reason, newDeadline: input.newDeadline },
            },
          ],
          at,
        );
      });
    },
  };
}

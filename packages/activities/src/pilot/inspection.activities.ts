import type { Prisma, PrismaClient } from '@pilot/db';
import { auditFromActivity } from './audit-context.js';
import type { RecordInspectionInput, RoundOutcomeRecord } from './types.js';

export function inspectionActivities(prisma: PrismaClient) {
  return {
    /**
     * One submitted inspection in one transaction: the result and its items, the task closed,
     * a rectification item for every failure, the catalogue version marked as used, the audit entry.
     */
    async recordInspection(input: RecordInspectionInput): Promise<void> {
      const at = new Date(input.submittedAt);
      await prisma.$transaction(async (tx) => {
        const existing = await tx.inspectionResult.findUnique({
          where: { id: input.resultId },
          select: { id: true },
        });
        if (existing) return;
        await tx.inspectionResult.create({
          data: {
            id: input.resultId,
            taskId: input.taskId,
            enrollmentId: input.enrollmentId,
            submittedById: input.actor.userId ?? 'system',
            catalogueVersionId: input.catalogueVersionId,
            score: input.score,
            complianceRate: input.complianceRate,
            categoryScores: input.categoryScores as Prisma.InputJsonValue,
            notes: input.notes,
            submittedAt: at,
            items: {
              createMany: {
                data: input.items.map((item) => ({
                  standardCode: item.code,
                  outcome: item.outcome,
                  score: item.score ?? null,
                  note: item.note ?? null,
                  evidenceIds: item.evidenceIds,
                })),
              },
            },
          },
        });
        await tx.inspectionTask.update({
          where: { id: input.taskId },
          data: { status: 'submitted', submittedAt: at },
        });
        for (const r of input.rectifications) {
          await tx.rectification.create({
            data: {
              id: r.id,
              enrollmentId: input.enrollmentId,
              roundId: r.roundId,
              taskId: input.taskId,
              standardCode: r.standardCode,
              finding: r.finding,
              severity: r.severity,
              critical: r.critical,
              deadline: new Date(r.deadline),
              status: 'open',
              openedAt: at,
              events: { create: { id: `${r.id}:opened`, toStatus: 'open', at, actorId: input.actor.userId } },
            },
          });
        }
        await tx.catalogueVersion.updateMany({
          where: { id: input.catalogueVersionId, firstUsedAt: null },
          data: { firstUsedAt: at },
        });
        await auditFromActivity(
          tx,
          [
            {
              actor: input.actor,
              action: 'inspection.submit',
              entityType: 'inspection_task',
              entityId: input.taskId,
              after: {
                resultId: input.resultId,
                score: input.score,
                failed: input.items.filter((i) => i.outcome === 'fail').map((i) => i.code),
                rectifications: input.rectifications.map((r) => r.id),
              },
            },
          ],
          at,
        );
      });
    },

    async recordRoundEvaluation(input: {
      enrollmentId: string;
      roundId: string;
      outcome: RoundOutcomeRecord;
    }): Promise<void> {
      const { outcome } = input;
      await prisma.$transaction(async (tx) => {
        await tx.round.update({
          where: { id: input.roundId },
          data: {
            status: 'evaluated',
            score: outcome.score,
            starRating: outcome.stars,
            complianceRate: outcome.complianceRate,
            categoryScores: outcome.categoryScores as Prisma.InputJsonValue,
            keyAreas: outcome.keyAreas,
            passed: outcome.passed,
            assessment: {
              reasons: outcome.reasons,
              completed: outcome.completed,
              missed: outcome.missed,
            } as Prisma.InputJsonValue,
            evaluatedAt: new Date(outcome.evaluatedAt),
          },
        });
        await tx.enrollment.update({
          where: { id: input.enrollmentId },
          data: { latestScore: outcome.score, starRating: outcome.stars },
        });
        await auditFromActivity(
          tx,
          [
            {
              actor: { userId: null, role: 'system' },
              action: 'round.evaluate',
              entityType: 'round',
              entityId: input.roundId,
              after: {
                score: outcome.score,
                stars: outcome.stars,
                passed: outcome.passed,
                keyAreas: outcome.keyAreas,
              },
            },
          ],
          new Date(outcome.evaluatedAt),
        );
      });
    },
  };
}

import { jsonValue, type PrismaClient } from '@pilot/db';
import type { RecordInspectionInput, RecordRoundEvaluationInput } from '@pilot/domain';
import { pilotStream, systemActor, type ActivityAudit } from './audit-context.js';

export function inspectionActivities(prisma: PrismaClient, audit: ActivityAudit) {
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
            categoryScores: jsonValue(input.categoryScores),
            operationRate: input.operationRate ?? null,
            notes: input.notes,
            evidenceIds: input.evidenceIds ?? [],
            submittedAt: at,
            items: {
              createMany: {
                data: input.items.map((item) => ({
                  standardCode: item.code,
                  keyPart: item.keyPart ?? '',
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
        if (input.rectifications.length > 0) {
          await tx.rectification.createMany({
            data: input.rectifications.map((r) => ({
              id: r.id,
              enrollmentId: input.enrollmentId,
              roundId: r.roundId,
              taskId: input.taskId,
              standardCode: r.standardCode,
              keyPart: r.keyPart ?? null,
              finding: r.finding,
              severity: r.severity,
              critical: r.critical,
              deadline: new Date(r.deadline),
              status: 'open' as const,
              openedAt: at,
            })),
          });
          await tx.rectificationEvent.createMany({
            data: input.rectifications.map((r) => ({
              id: `${r.id}:opened`,
              rectificationId: r.id,
              toStatus: 'open' as const,
              at,
              actorId: input.actor.userId,
            })),
          });
        }
        if (input.keyParts) {
          const task = await tx.inspectionTask.findUniqueOrThrow({
            where: { id: input.taskId },
            select: { roundId: true },
          });
          if (task.roundId) {
            await tx.round.update({
              where: { id: task.roundId },
              data: { keyParts: jsonValue(input.keyParts) },
            });
          }
        }
        await tx.catalogueVersion.updateMany({
          where: { id: input.catalogueVersionId, firstUsedAt: null },
          data: { firstUsedAt: at },
        });
        await audit.append(
          tx,
          pilotStream(input.enrollmentId),
          [
            {
              actor: input.actor,
              action: 'inspection.submit',
              entityType: 'inspection_task',
              entityId: input.taskId,
              after: {
                resultId: input.resultId,
                score: input.score,
                failed: input.items
                  .filter((i) => i.outcome === 'fail')
                  .map((i) => (i.keyPart ? `${i.keyPart}:${i.code}` : i.code)),
                rectifications: input.rectifications.map((r) => r.id),
              },
            },
          ],
          at,
        );
      });
    },

    async recordRoundEvaluation(input: RecordRoundEvaluationInput): Promise<void> {
      const { outcome } = input;
      await prisma.$transaction(async (tx) => {
        await tx.round.update({
          where: { id: input.roundId },
          data: {
            status: 'evaluated',
            score: outcome.score,
            starRating: outcome.stars,
            complianceRate: outcome.complianceRate,
            categoryScores: jsonValue(outcome.categoryScores),
            operationRate: outcome.operationRate ?? null,
            keyAreas: outcome.keyAreas,
            passed: outcome.passed,
            assessment: jsonValue({
              reasons: outcome.reasons,
              completed: outcome.completed,
              missed: outcome.missed,
            }),
            evaluatedAt: new Date(outcome.evaluatedAt),
          },
        });
        await tx.enrollment.update({
          where: { id: input.enrollmentId },
          data: { latestScore: outcome.score, starRating: outcome.stars },
        });
        await audit.append(
          tx,
          pilotStream(input.enrollmentId),
          [
            {
              actor: systemActor(),
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

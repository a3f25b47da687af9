import { ApplicationFailure } from '@temporalio/activity';
import { jsonValue, type PrismaClient } from '@pilot/db';
import type {
  ExperienceSummaryInput,
  Reason,
  PromoteInput,
  ReassignInput,
  RecordEnrollmentInput,
  RolloutInput,
  RolloutResult,
  SyncEnrollmentInput,
} from '@pilot/domain';
import { pilotStream, systemActor, type ActivityAudit } from './audit-context.js';
import { latestCalendarReleaseRef } from './calendar.activities.js';
import type { PilotStarter } from './types.js';

export function enrollmentActivities(
  prisma: PrismaClient,
  audit: ActivityAudit,
  startPilot: PilotStarter | undefined,
) {
  return {
    /** Creates the enrollment record the first time; a retry finds it and does nothing. */
    async recordEnrollment(input: RecordEnrollmentInput): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const existing = await tx.enrollment.findUnique({
          where: { id: input.enrollmentId },
          select: { id: true },
        });
        if (existing) return;
        const at = new Date(input.at ?? Date.now());
        await tx.enrollment.create({
          data: {
            id: input.enrollmentId,
            workflowId: input.workflowId,
            compoundId: input.compoundId,
            firmId: input.firmId,
            catalogueVersionId: input.catalogueVersionId,
            stage: input.stage,
            phase: input.phase,
            startDate: new Date(input.startDate),
            plan: jsonValue(input.plan),
            calendarVersion: input.calendarVersion ?? null,
            originEnrollmentId: input.originEnrollmentId,
            enrolledById: input.actor.userId,
            assignments: {
              create: input.assignments.map((a, index) => ({ userId: a.inspectorId, lead: index === 0 })),
            },
          },
        });
        await audit.append(
          tx,
          pilotStream(input.enrollmentId),
          [
            {
              actor: input.actor,
              action: 'enrollment.create',
              entityType: 'enrollment',
              entityId: input.enrollmentId,
              after: {
                compoundId: input.compoundId,
                firmId: input.firmId,
                startDate: input.startDate,
                assignments: input.assignments,
                originEnrollmentId: input.originEnrollmentId,
              },
            },
          ],
          at,
        );
      });
    },

    /** Mirrors the workflow's stage and status into the read model, with an audit entry when asked. */
    async syncEnrollment(input: SyncEnrollmentInput): Promise<void> {
      await prisma.$transaction(async (tx) => {
        await tx.enrollment.update({
          where: { id: input.enrollmentId },
          data: {
            stage: input.stage,
            phase: input.phase,
            status: input.status,
            currentRound: input.currentRound,
            latestScore: input.latestScore,
            starRating: input.starRating,
          },
        });
        if (input.audit) {
          await audit.append(
            tx,
            pilotStream(input.enrollmentId),
            [{ ...input.audit, entityType: 'enrollment', entityId: input.enrollmentId }],
            new Date(input.at ?? Date.now()),
          );
        }
      });
    },

    async reassignInspector(input: ReassignInput): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const keep = input.assignments.map((a) => a.inspectorId);
        await tx.inspectorAssignment.deleteMany({
          where: { enrollmentId: input.enrollmentId, userId: { notIn: keep } },
        });
        for (const assignment of input.assignments) {
          await tx.inspectorAssignment.upsert({
            where: {
              enrollmentId_userId: { enrollmentId: input.enrollmentId, userId: assignment.inspectorId },
            },
            create: { enrollmentId: input.enrollmentId, userId: assignment.inspectorId },
            update: {},
          });
        }
        await tx.inspectionTask.updateMany({
          where: { id: { in: input.taskIds } },
          data: { assigneeId: input.toInspectorId },
        });
        await audit.append(
          tx,
          pilotStream(input.enrollmentId),
          [
            {
              actor: input.actor,
              action: 'enrollment.reassign_inspector',
              entityType: 'enrollment',
              entityId: input.enrollmentId,
              before: { inspectorId: input.fromInspectorId },
              after: { inspectorId: input.toInspectorId, tasks: input.taskIds, reason: input.reason },
            },
          ],
          new Date(input.at ?? Date.now()),
        );
      });
    },

    async promoteCompound(input: PromoteInput): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const compound = await tx.compound.findUniqueOrThrow({ where: { id: input.compoundId } });
        if (compound.isDemonstration) return;
        await tx.compound.update({
          where: { id: input.compoundId },
          data: { isDemonstration: true, demonstrationAt: new Date(input.at) },
        });
        await audit.append(
          tx,
          pilotStream(input.enrollmentId),
          [
            {
              actor: input.actor,
              action: 'compound.promote_demonstration',
              entityType: 'compound',
              entityId: input.compoundId,
              before: { isDemonstration: false },
              after: {
                isDemonstration: true,
                enrollmentId: input.enrollmentId,
                reasons: input.reasons,
                note: input.note,
              },
            },
          ],
          new Date(input.at),
        );
      });
    },

    /** 梳理经验做法: what the rounds showed, kept on the enrollment for the rollout meeting. */
    async recordExperienceSummary(input: ExperienceSummaryInput): Promise<void> {
      const first = input.rounds[0];
      const last = input.rounds.at(-1);
      const rectifications = await prisma.rectification.groupBy({
        by: ['status'],
        where: { enrollmentId: input.enrollmentId },
        _count: { _all: true },
      });
      const improvements = (last?.categoryScores ?? []).map((category) => {
        const before = first?.categoryScores.find((c) => c.category === category.category)?.score ?? null;
        return {
          category: category.category,
          first: before,
          last: category.score,
          change:
            before === null || category.score === null
              ? null
              : Math.round((category.score - before) * 100) / 100,
        };
      });
      const summary = {
        writtenAt: input.at,
        rounds: input.rounds.map((r) => ({
          number: r.number,
          stage: r.stage,
          score: r.score,
          stars: r.stars,
          passed: r.passed,
        })),
        scoreChange:
          first?.score != null && last?.score != null
            ? Math.round((last.score - first.score) * 100) / 100
            : null,
        complianceRate: { first: first?.complianceRate ?? null, last: last?.complianceRate ?? null },
        categoryImprovements: improvements,
        rectifications: Object.fromEntries(rectifications.map((r) => [r.status, r._count._all])),
      };
      await prisma.$transaction(async (tx) => {
        await tx.enrollment.update({
          where: { id: input.enrollmentId },
          data: { experienceSummary: jsonValue(summary) },
        });
        await audit.append(
          tx,
          pilotStream(input.enrollmentId),
          [
            {
              actor: systemActor(),
              action: 'enrollment.experience_summary',
              entityType: 'enrollment',
              entityId: input.enrollmentId,
              after: summary,
            },
          ],
          new Date(input.at),
        );
      });
    },

    /** 全面推广: enrolls further firms' compounds as new pilots whose origin is this one. */
    async enrollRollout(input: RolloutInput): Promise<RolloutResult> {
      if (!startPilot)
        throw ApplicationFailure.nonRetryable('this worker cannot start pilots', 'Misconfigured');
      const refusals: Reason[] = [];
      for (const target of input.targets) {
        const compound = await prisma.compound.findUnique({ where: { id: target.compoundId } });
        if (!compound) {
          refusals.push({
            code: 'compound_not_found',
            zh: `小区 ${target.compoundId} 不存在。`,
            en: `Compound ${target.compoundId} does not exist.`,
          });
        } else if (compound.firmId !== target.firmId) {
          refusals.push({
            code: 'firm_does_not_serve_compound',
            zh: `${compound.name} 不由该企业服务。`,
            en: `${compound.name} is not served by that firm.`,
          });
        }
      }
      if (refusals.length > 0) {
        throw ApplicationFailure.create({
          type: 'PilotRefusal',
          message: refusals.map((r) => r.en).join(' '),
          details: [refusals],
          nonRetryable: true,
        });
      }
      const enrolled: RolloutResult['enrolled'] = [];
      // Rolled-out pilots follow the newest published calendar, as one enrolled through the API.
      const calendar = await latestCalendarReleaseRef(prisma);
      for (const target of input.targets) {
        enrolled.push({
          compoundId: target.compoundId,
          ...(await startPilot({
            compoundId: target.compoundId,
            firmId: target.firmId,
            startDate: input.startDate,
            catalogueVersionId: input.catalogueVersionId,
            inspectorAssignments: input.inspectorAssignments,
            planOverrides: input.planOverrides,
            originEnrollmentId: input.originEnrollmentId,
            enrolledBy: input.actor,
            calendar,
          })),
        });
      }
      return { enrolled };
    },
  };
}

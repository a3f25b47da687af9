import { createHash } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { jsonValue, type BlobStorage, type PrismaClient } from '@pilot/db';
import type { ArchiveRoundInput } from '@pilot/domain';
import { pilotStream, systemActor, type ActivityAudit } from './audit-context.js';

interface ArchiveSection {
  name: string;
  title: string;
  count: number;
}

/** JSON with sorted keys and ISO dates, so the same records always produce the same bytes and hash. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return v.toString();
    if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)) {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
      );
    }
    return v;
  });
}

export function archiveActivities(prisma: PrismaClient, storage: BlobStorage, audit: ActivityAudit) {
  return {
    /**
     * 建档建册: gathers every record of a round into one immutable archive document with an index,
     * stores it, and records its content hash. Reports progress by heartbeat; a retry after a crash
     * finds the finished archive and returns it.
     */
    async archiveRound(
      input: ArchiveRoundInput,
    ): Promise<{ archiveId: string; itemCount: number; contentHash: string }> {
      const done = await prisma.archive.findUnique({ where: { roundId: input.roundId } });
      if (done) return { archiveId: done.id, itemCount: done.itemCount, contentHash: done.contentHash };

      const context = Context.current();
      const steps = ['round', 'tasks', 'results', 'rectifications', 'evidence', 'write'] as const;
      const progress = (step: (typeof steps)[number]) =>
        context.heartbeat({ step, done: steps.indexOf(step), total: steps.length });

      progress('round');
      const round = await prisma.round.findUniqueOrThrow({
        where: { id: input.roundId },
        include: { enrollment: { include: { compound: true, firm: true } } },
      });
      progress('tasks');
      const tasks = await prisma.inspectionTask.findMany({
        where: { roundId: input.roundId },
        orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
      });
      progress('results');
      const results = await prisma.inspectionResult.findMany({
        where: { taskId: { in: tasks.map((t) => t.id) } },
        include: { items: { orderBy: [{ keyPart: 'asc' }, { standardCode: 'asc' }] } },
        orderBy: { submittedAt: 'asc' },
      });
      progress('rectifications');
      const rectifications = await prisma.rectification.findMany({
        where: { roundId: input.roundId },
        include: {
          responses: { orderBy: { respondedAt: 'asc' } },
          verifications: { orderBy: { verifiedAt: 'asc' } },
          events: { orderBy: { at: 'asc' } },
        },
        orderBy: { openedAt: 'asc' },
      });
      progress('evidence');
      const evidenceIds = [
        ...results.flatMap((r) => [...r.evidenceIds, ...r.items.flatMap((i) => i.evidenceIds)]),
        ...rectifications.flatMap((r) => r.responses.flatMap((x) => x.evidenceIds)),
      ];
      const evidence = await prisma.evidence.findMany({
        where: { id: { in: evidenceIds } },
        orderBy: { id: 'asc' },
      });

      const sections: ArchiveSection[] = [
        { name: 'tasks', title: '检查任务台账', count: tasks.length },
        { name: 'results', title: '检查记录', count: results.length },
        { name: 'rectifications', title: '整改台账（含答复、核验、状态记录）', count: rectifications.length },
        { name: 'evidence', title: '佐证材料目录', count: evidence.length },
      ];
      const document = {
        archive: {
          id: input.archiveId,
          title: `${round.enrollment.compound.name} 第${round.number}轮档案`,
          compound: round.enrollment.compound.name,
          firm: round.enrollment.firm.name,
          round: {
            number: round.number,
            kind: round.kind,
            startsAt: round.startsAt,
            endsAt: round.endsAt,
            score: round.score,
            starRating: round.starRating,
          },
          createdAt: new Date(input.createdAt),
        },
        index: sections,
        tasks,
        results,
        rectifications,
        evidence,
      };
      progress('write');
      const bytes = new TextEncoder().encode(stableJson(document));
      const contentHash = createHash('sha256').update(bytes).digest('hex');
      const storageKey = `archives/${input.enrollmentId}/${input.roundId.replaceAll(':', '_')}.json`;
      await storage.put(storageKey, bytes);
      const itemCount = sections.reduce((sum, s) => sum + s.count, 0);
      await prisma.$transaction(async (tx) => {
        await tx.archive.create({
          data: {
            id: input.archiveId,
            enrollmentId: input.enrollmentId,
            roundId: input.roundId,
            storageKey,
            contentHash,
            index: jsonValue(sections),
            itemCount,
            createdAt: new Date(input.createdAt),
          },
        });
        await tx.round.update({ where: { id: input.roundId }, data: { status: 'archived' } });
        await audit.append(
          tx,
          pilotStream(input.enrollmentId),
          [
            {
              actor: systemActor(),
              action: 'round.archive',
              entityType: 'archive',
              entityId: input.archiveId,
              after: { storageKey, contentHash, itemCount },
            },
          ],
          new Date(input.createdAt),
        );
      });
      return { archiveId: input.archiveId, itemCount, contentHash };
    },
  };
}

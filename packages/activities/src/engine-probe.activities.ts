import type { PrismaClient } from '@pilot/db';

/** Idempotent: a retried attempt finds the row its earlier attempt wrote and returns the same answer. */
export function engineProbeActivities(prisma: PrismaClient) {
  return {
    async recordEngineProbe(input: { id: string; note: string }): Promise<{ recordedAt: number }> {
      const row = await prisma.engineProbe.upsert({
        where: { id: input.id },
        create: { id: input.id, note: input.note },
        update: {},
      });
      return { recordedAt: row.createdAt.getTime() };
    },
  };
}

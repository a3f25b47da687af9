import { ApplicationFailure } from '@temporalio/activity';
import { featuresOf, type CompoundFeature } from '@pilot/domain';
import type { PrismaClient } from '@pilot/db';

export function compoundActivities(prisma: PrismaClient) {
  return {
    /**
     * What the compound has (lifts, fire-control room, …) as its register says now: it decides which
     * standards apply and which key parts it has. Read at the start of every run, so a corrected
     * register reaches the pilot at the next round.
     */
    async loadCompoundFeatures(compoundId: string): Promise<CompoundFeature[]> {
      const row = await prisma.compound.findUnique({ where: { id: compoundId } });
      if (!row) throw ApplicationFailure.nonRetryable(`compound ${compoundId} does not exist`, 'NotFound');
      return featuresOf(row);
    },
  };
}

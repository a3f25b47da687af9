import type { PrismaClient } from '@pilot/db';
import { engineProbeActivities } from './engine-probe.activities.js';

export interface ActivityDependencies {
  prisma: PrismaClient;
}

/** Every activity the workflows may call, bound to their I/O dependencies. */
export function createActivities(deps: ActivityDependencies) {
  return {
    ...engineProbeActivities(deps.prisma),
  };
}

/** The contract workflow code imports (as a type only) through proxyActivities. */
export type PilotActivities = ReturnType<typeof createActivities>;

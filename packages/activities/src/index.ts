import type { BlobStorage, PrismaClient } from '@pilot/db';
import { engineProbeActivities } from './engine-probe.activities.js';
import { archiveActivities } from './pilot/archive.activities.js';
import { catalogueActivities } from './pilot/catalogue.activities.js';
import { compoundActivities } from './pilot/compound.activities.js';
import { enrollmentActivities } from './pilot/enrollment.activities.js';
import { inspectionActivities } from './pilot/inspection.activities.js';
import { rectificationActivities } from './pilot/rectification.activities.js';
import { scheduleActivities } from './pilot/schedule.activities.js';
import type { PilotStarter } from './pilot/types.js';

export interface ActivityDependencies {
  prisma: PrismaClient;
  storage: BlobStorage;
  /** Starts pilot workflows for rollouts; the composition root passes the workflow package's starter. */
  startPilot?: PilotStarter;
}

/** Every activity the workflows may call, bound to their I/O dependencies. */
export function createActivities(deps: ActivityDependencies) {
  return {
    ...engineProbeActivities(deps.prisma),
    ...catalogueActivities(deps.prisma),
    ...compoundActivities(deps.prisma),
    ...enrollmentActivities(deps.prisma, deps.startPilot),
    ...scheduleActivities(deps.prisma),
    ...inspectionActivities(deps.prisma),
    ...rectificationActivities(deps.prisma),
    ...archiveActivities(deps.prisma, deps.storage),
  };
}

/** The contract workflow code imports (as a type only) through proxyActivities. */
export type PilotActivities = ReturnType<typeof createActivities>;
export type * from './pilot/types.js';

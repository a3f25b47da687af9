import type { AuditSigner, BlobStorage, PrismaClient } from '@pilot/db';
import { activityAudit } from './pilot/audit-context.js';
import { auditActivities } from './audit.activities.js';
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
  /** Signs audit entries (the key lives outside the database). */
  audit: AuditSigner;
  /** A file each audit anchor is also appended to (AUDIT_ANCHOR_FILE), besides the workflow history. */
  auditAnchorFile?: string;
  /** Starts pilot workflows for rollouts; the composition root passes the workflow package's starter. */
  startPilot?: PilotStarter;
}

/** Every activity the workflows may call, bound to their I/O dependencies. */
export function createActivities(deps: ActivityDependencies) {
  const audit = activityAudit(deps.audit);
  return {
    ...engineProbeActivities(deps.prisma),
    ...auditActivities(deps.prisma, deps.audit, deps.auditAnchorFile),
    ...catalogueActivities(deps.prisma),
    ...compoundActivities(deps.prisma),
    ...enrollmentActivities(deps.prisma, audit, deps.startPilot),
    ...scheduleActivities(deps.prisma, audit),
    ...inspectionActivities(deps.prisma, audit),
    ...rectificationActivities(deps.prisma, audit),
    ...archiveActivities(deps.prisma, deps.storage, audit),
  };
}

/** The contract workflow code imports (as a type only) through proxyActivities. */
export type PilotActivities = ReturnType<typeof createActivities>;
export type * from './pilot/types.js';

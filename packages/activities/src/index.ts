import type { AuditSigner, BlobStorage, PrismaClient } from '@pilot/db';
import { NO_NOTICE_CHANNELS } from '@pilot/domain';
import { activityAudit } from './pilot/audit-context.js';
import { auditActivities } from './audit.activities.js';
import { engineProbeActivities } from './engine-probe.activities.js';
import { noticeDeliveryActivities } from './notices/delivery.activities.js';
import { createNoticeTransports } from './notices/transports.js';
import type { NoticeDependencies } from './notices/types.js';
import { archiveActivities } from './pilot/archive.activities.js';
import { matterActivities } from './matters/matter.activities.js';
import { meetingActivities } from './meetings/meeting.activities.js';
import { upkeepActivities } from './traces/upkeep.activities.js';
import { calendarActivities } from './pilot/calendar.activities.js';
import { catalogueActivities } from './pilot/catalogue.activities.js';
import { compoundActivities } from './pilot/compound.activities.js';
import { enrollmentActivities } from './pilot/enrollment.activities.js';
import { campaignActivities } from './campaigns/campaign.activities.js';
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
  /**
   * Channels besides the inbox (e-mail, group robots) and the starter of their delivery workflow;
   * without it (or with no channel configured) notices stay in the inbox and no delivery is made.
   */
  notices?: NoticeDependencies;
}

/** Every activity the workflows may call, bound to their I/O dependencies. */
export function createActivities(deps: ActivityDependencies) {
  const audit = activityAudit(deps.audit);
  const noticeSettings = deps.notices?.settings ?? NO_NOTICE_CHANNELS;
  return {
    ...engineProbeActivities(deps.prisma),
    ...auditActivities(deps.prisma, deps.audit, deps.auditAnchorFile),
    ...catalogueActivities(deps.prisma),
    ...compoundActivities(deps.prisma),
    ...enrollmentActivities(deps.prisma, audit, deps.startPilot),
    ...campaignActivities(deps.prisma, audit, deps.startPilot),
    ...calendarActivities(deps.prisma, audit),
    ...scheduleActivities(deps.prisma, audit, deps.notices),
    ...inspectionActivities(deps.prisma, audit),
    ...rectificationActivities(deps.prisma, audit),
    ...archiveActivities(deps.prisma, deps.storage, audit),
    ...matterActivities(deps.prisma, audit, deps.notices),
    ...meetingActivities(deps.prisma, audit),
    ...upkeepActivities(deps.prisma, audit, deps.notices),
    ...noticeDeliveryActivities(deps.prisma, noticeSettings, createNoticeTransports(noticeSettings)),
  };
}

/** The contract workflow code imports (as a type only) through proxyActivities. */
export type PilotActivities = ReturnType<typeof createActivities>;
export type * from './pilot/types.js';
export type * from './notices/types.js';

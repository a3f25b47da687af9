import { Inject, Injectable } from '@nestjs/common';
import type { Prisma, PrismaClient } from '@pilot/db';
import type { ExportPilotsQuery, ExportRectificationsQuery, ExportTasksQuery } from '@pilot/domain';
import { taskScope } from '../platform/auth/scope.js';
import type { Principal } from '../platform/auth/principal.js';
import { PRISMA } from '../platform/tokens.js';
import { listFilters } from '../tasks/task.repository.js';
import { enrollmentWhere, type Viewer } from '../reporting/scope.js';

/** Rectification states the firm or an inspector still has to act on. */
export const UNFINISHED = ['open', 'responded', 'reopened'] as const;
/** The firm still owes the work in these; past the deadline they are overdue. */
const WITH_FIRM = ['open', 'reopened'] as const;

const pilotSelect = {
  id: true,
  stage: true,
  phase: true,
  status: true,
  currentRound: true,
  latestScore: true,
  starRating: true,
  startDate: true,
  compound: {
    select: { id: true, name: true, isDemonstration: true, community: { select: { name: true } } },
  },
  firm: { select: { name: true } },
} satisfies Prisma.EnrollmentSelect;

const rectificationSelect = {
  id: true,
  enrollmentId: true,
  standardCode: true,
  finding: true,
  severity: true,
  critical: true,
  status: true,
  openedAt: true,
  deadline: true,
  closedAt: true,
  enrollment: {
    select: {
      compound: { select: { name: true, community: { select: { name: true } } } },
      firm: { select: { name: true } },
    },
  },
} satisfies Prisma.RectificationSelect;

const taskSelect = {
  id: true,
  enrollmentId: true,
  kind: true,
  status: true,
  opensAt: true,
  dueAt: true,
  submittedAt: true,
  round: { select: { number: true } },
  assignee: { select: { displayName: true } },
  result: { select: { score: true, complianceRate: true } },
  enrollment: {
    select: {
      compound: { select: { name: true, community: { select: { name: true } } } },
      firm: { select: { name: true } },
    },
  },
} satisfies Prisma.InspectionTaskSelect;

export type PilotExportRow = Prisma.EnrollmentGetPayload<{ select: typeof pilotSelect }>;
export type RectificationExportRow = Prisma.RectificationGetPayload<{ select: typeof rectificationSelect }>;

@Injectable()
export class ExportRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** Pilots with, per pilot, how many rectifications are unfinished: two queries, whatever the count. */
  async pilots(viewer: Viewer, query: ExportPilotsQuery, limit: number) {
    const where: Prisma.EnrollmentWhereInput = {
      AND: [
        enrollmentWhere(viewer, { firmId: query.firmId, communityId: query.communityId }),
        ...(query.stage ? [{ stage: query.stage }] : []),
        ...(query.phase ? [{ phase: query.phase }] : []),
      ],
    };
    const rows = await this.prisma.enrollment.findMany({
      where,
      select: pilotSelect,
      orderBy: [{ startDate: 'asc' }, { id: 'asc' }],
      take: limit + 1,
    });
    const open = await this.prisma.rectification.groupBy({
      by: ['enrollmentId'],
      where: { enrollmentId: { in: rows.map((row) => row.id) }, status: { in: [...UNFINISHED] } },
      _count: { _all: true },
    });
    return { rows, openRectifications: new Map(open.map((row) => [row.enrollmentId, row._count._all])) };
  }

  rectifications(viewer: Viewer, query: ExportRectificationsQuery, now: Date, limit: number) {
    const and: Prisma.RectificationWhereInput[] = [
      { enrollment: enrollmentWhere(viewer, { pilotId: query.pilotId }) },
    ];
    if (query.status) and.push({ status: query.status });
    if (query.severity) and.push({ severity: query.severity });
    if (query.category) and.push({ standardCode: { startsWith: `${query.category}-` } });
    if (query.overdue === true) and.push({ status: { in: [...WITH_FIRM] }, deadline: { lt: now } });
    if (query.overdue === false) {
      and.push({ NOT: { status: { in: [...WITH_FIRM] }, deadline: { lt: now } } });
    }
    return this.prisma.rectification.findMany({
      where: { AND: and },
      select: rectificationSelect,
      orderBy: [{ openedAt: 'asc' }, { id: 'asc' }],
      take: limit + 1,
    });
  }

  /** The task list's own filters over the caller's task scope, by due time like the list. */
  tasks(viewer: Principal, query: ExportTasksQuery, now: Date, limit: number) {
    return this.prisma.inspectionTask.findMany({
      where: { AND: [taskScope(viewer), ...listFilters(query, now)] },
      select: taskSelect,
      orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
      take: limit + 1,
    });
  }
}

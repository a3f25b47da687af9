import { Inject, Injectable } from '@nestjs/common';
import type { Prisma, PrismaClient } from '@pilot/db';
import type { ListPilotsQuery } from '@pilot/domain';
import { pageArgs } from '../platform/pagination.js';
import { PRISMA } from '../platform/tokens.js';

/** Rectification states that still need the firm or an inspector. */
export const UNFINISHED_RECTIFICATION = ['open', 'reopened', 'responded'] as const;

const summaryInclude = {
  compound: { include: { community: true } },
  firm: { select: { id: true, name: true } },
  assignments: {
    include: { user: { select: { id: true, displayName: true } } },
    orderBy: [{ lead: 'desc' }, { assignedAt: 'asc' }],
  },
  _count: {
    select: { rectifications: { where: { status: { in: [...UNFINISHED_RECTIFICATION] } } } },
  },
} satisfies Prisma.EnrollmentInclude;

export type EnrollmentRow = Prisma.EnrollmentGetPayload<{ include: typeof summaryInclude }>;

const timelineTaskInclude = {
  assignee: { select: { id: true, displayName: true } },
  round: { select: { number: true } },
  result: { select: { id: true, score: true, complianceRate: true, submittedAt: true, submittedById: true } },
} satisfies Prisma.InspectionTaskInclude;

export type TimelineTaskRow = Prisma.InspectionTaskGetPayload<{ include: typeof timelineTaskInclude }>;

const timelineRectificationInclude = {
  events: { orderBy: { at: 'asc' } },
  responses: { orderBy: { respondedAt: 'asc' } },
  verifications: { orderBy: { verifiedAt: 'asc' } },
} satisfies Prisma.RectificationInclude;

export type TimelineRectificationRow = Prisma.RectificationGetPayload<{
  include: typeof timelineRectificationInclude;
}>;

export interface TimelineRows {
  rounds: Prisma.RoundGetPayload<object>[];
  tasks: TimelineTaskRow[];
  rectifications: TimelineRectificationRow[];
  archives: Prisma.ArchiveGetPayload<object>[];
  audit: Prisma.AuditLogGetPayload<object>[];
  actors: Map<string, string>;
}

/** How many audit entries a pilot page shows (newest kept); the audit module serves the full log. */
const TIMELINE_AUDIT_LIMIT = 500;

@Injectable()
export class PilotRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  // ─── resolving an enrollment form ────────────────────────────────────────────────────────

  findFirm(ref: { id?: string | undefined; name: string }) {
    return this.prisma.firm.findFirst({
      where: ref.id ? { id: ref.id } : { name: ref.name },
      select: { id: true, name: true },
    });
  }

  /** A community named by its name, 12-digit code or id, as forms may send any of them. */
  findCommunity(text: string) {
    return this.prisma.community.findFirst({
      where: { OR: [{ name: text }, { code: text }, { id: text }] },
      select: { id: true, name: true },
    });
  }

  findCompound(where: { id: string } | { communityId: string; name: string }) {
    return this.prisma.compound.findFirst({
      where: 'id' in where ? { id: where.id } : { communityId: where.communityId, name: where.name },
      include: {
        community: { select: { id: true, name: true } },
        firm: { select: { id: true, name: true } },
      },
    });
  }

  findUsers(ids: string[]) {
    return this.prisma.user.findMany({
      where: { id: { in: ids } },
      select: { id: true, role: true, active: true, displayName: true },
    });
  }

  findCatalogueVersion(id: string) {
    return this.prisma.catalogueVersion.findUnique({ where: { id }, select: { id: true, status: true } });
  }

  findEnrollmentOfCompound(compoundId: string) {
    return this.prisma.enrollment.findFirst({ where: { compoundId }, select: { id: true } });
  }

  // ─── reading pilots ──────────────────────────────────────────────────────────────────────

  /** The enrollment if the scope admits it (the scope comes from the caller's role). */
  findVisible(scope: Prisma.EnrollmentWhereInput, id: string): Promise<EnrollmentRow | null> {
    return this.prisma.enrollment.findFirst({ where: { AND: [scope, { id }] }, include: summaryInclude });
  }

  findById(id: string): Promise<EnrollmentRow | null> {
    return this.prisma.enrollment.findUnique({ where: { id }, include: summaryInclude });
  }

  async list(
    scope: Prisma.EnrollmentWhereInput,
    query: ListPilotsQuery,
  ): Promise<{ rows: EnrollmentRow[]; total: number }> {
    const filters: Prisma.EnrollmentWhereInput[] = [scope];
    if (query.stage) filters.push({ stage: query.stage });
    if (query.phase) filters.push({ phase: query.phase });
    if (query.firmId) filters.push({ firmId: query.firmId });
    if (query.compoundId) filters.push({ compoundId: query.compoundId });
    if (query.communityId) filters.push({ compound: { communityId: query.communityId } });
    if (query.inspectorId) filters.push({ assignments: { some: { userId: query.inspectorId } } });
    if (query.stars !== undefined) filters.push({ starRating: query.stars });
    if (query.paused !== undefined) {
      filters.push(query.paused ? { status: 'paused' } : { status: { not: 'paused' } });
    }
    if (query.q) {
      filters.push({
        OR: [
          { compound: { name: { contains: query.q } } },
          { compound: { community: { name: { contains: query.q } } } },
          { firm: { name: { contains: query.q } } },
        ],
      });
    }
    const where: Prisma.EnrollmentWhereInput = { AND: filters };
    const order = query.sortOrder;
    const orderBy: Prisma.EnrollmentOrderByWithRelationInput[] =
      query.sortBy === 'name'
        ? [{ compound: { name: order } }]
        : query.sortBy === 'score'
          ? [{ latestScore: { sort: order, nulls: 'last' } }]
          : [{ startDate: order }];
    orderBy.push({ id: 'asc' });
    const [rows, total] = await Promise.all([
      this.prisma.enrollment.findMany({ where, include: summaryInclude, orderBy, ...pageArgs(query) }),
      this.prisma.enrollment.count({ where }),
    ]);
    return { rows, total };
  }

  /** Everything that happened in one pilot, oldest first: rounds, tasks, rectifications, archives, audit. */
  async timeline(enrollmentId: string, compoundId: string): Promise<TimelineRows> {
    const [rounds, tasks, rectifications, archives, evidence] = await Promise.all([
      this.prisma.round.findMany({ where: { enrollmentId }, orderBy: { number: 'asc' } }),
      this.prisma.inspectionTask.findMany({
        where: { enrollmentId },
        include: timelineTaskInclude,
        orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
      }),
      this.prisma.rectification.findMany({
        where: { enrollmentId },
        include: timelineRectificationInclude,
        orderBy: [{ openedAt: 'asc' }, { id: 'asc' }],
      }),
      this.prisma.archive.findMany({ where: { enrollmentId }, orderBy: { createdAt: 'asc' } }),
      this.prisma.evidence.findMany({ where: { enrollmentId }, select: { id: true } }),
    ]);
    // Workflow-made ids (rounds, tasks, rectifications) all start with the enrollment id and a colon.
    const audit = await this.prisma.auditLog.findMany({
      where: {
        OR: [
          { entityType: 'enrollment', entityId: enrollmentId },
          { entityId: { startsWith: `${enrollmentId}:` } },
          { entityType: 'compound', entityId: compoundId, action: { startsWith: 'compound.promote' } },
          { entityType: 'evidence', entityId: { in: evidence.map((e) => e.id) } },
        ],
      },
      orderBy: { seq: 'desc' },
      take: TIMELINE_AUDIT_LIMIT,
    });
    audit.reverse();
    const actorIds = [...new Set(audit.map((a) => a.actorId).filter((id): id is string => id !== null))];
    const users = await this.prisma.user.findMany({
      where: { id: { in: actorIds } },
      select: { id: true, displayName: true },
    });
    return {
      rounds,
      tasks,
      rectifications,
      archives,
      audit,
      actors: new Map(users.map((u) => [u.id, u.displayName])),
    };
  }

  /** Whether a task or rectification belongs to the pilot (extensions name one in the body). */
  async targetBelongs(enrollmentId: string, type: 'task' | 'rectification', id: string): Promise<boolean> {
    const row =
      type === 'task'
        ? await this.prisma.inspectionTask.findFirst({ where: { id, enrollmentId }, select: { id: true } })
        : await this.prisma.rectification.findFirst({ where: { id, enrollmentId }, select: { id: true } });
    return row !== null;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { Prisma, PrismaClient } from '@pilot/db';
import {
  RUNNING_RECTIFICATION_STATUSES,
  type DueCursorKey,
  type ListRectificationsQuery,
} from '@pilot/domain';
import { beyond, keysetOrPage } from '../platform/pagination.js';
import { PRISMA } from '../platform/tokens.js';

const rectificationInclude = {
  enrollment: {
    select: {
      id: true,
      workflowId: true,
      catalogueVersionId: true,
      compound: { select: { id: true, name: true } },
      firm: { select: { id: true, name: true } },
    },
  },
  responses: { orderBy: { respondedAt: 'asc' } },
  verifications: { orderBy: { verifiedAt: 'asc' } },
  events: { orderBy: [{ at: 'asc' }, { id: 'asc' }] },
} satisfies Prisma.RectificationInclude;

export type RectificationRow = Prisma.RectificationGetPayload<{ include: typeof rectificationInclude }>;

/** Items whose deadline runs: the firm still owes the fix (已管控 included: its fix has a deadline too). */
const RUNNING: Prisma.RectificationWhereInput = { status: { in: [...RUNNING_RECTIFICATION_STATUSES] } };

/** The filters that need no second query; `kind` needs the tasks (see `list`). */
function listFilters(query: ListRectificationsQuery, now: Date): Prisma.RectificationWhereInput[] {
  const filters: Prisma.RectificationWhereInput[] = [];
  if (query.pilotId) filters.push({ enrollmentId: query.pilotId });
  if (query.communityId) filters.push({ enrollment: { compound: { communityId: query.communityId } } });
  if (query.firmId) filters.push({ enrollment: { firmId: query.firmId } });
  if (query.compoundId) filters.push({ enrollment: { compoundId: query.compoundId } });
  if (query.status) filters.push({ status: query.status });
  if (query.severity) filters.push({ severity: query.severity });
  if (query.category) filters.push({ standardCode: { startsWith: `${query.category}-` } });
  if (query.keyPart) filters.push({ keyPart: query.keyPart });
  if (query.overdue !== undefined) {
    const overdue: Prisma.RectificationWhereInput = { AND: [RUNNING, { deadline: { lt: now } }] };
    filters.push(query.overdue ? overdue : { NOT: overdue });
  }
  if (query.q) {
    const text = { contains: query.q, mode: 'insensitive' } as const;
    filters.push({
      OR: [
        { enrollment: { compound: { name: text } } },
        { enrollment: { firm: { name: text } } },
        { standardCode: text },
        { finding: text },
      ],
    });
  }
  return filters;
}

/** The items after a cursor's: a later (or earlier, descending) deadline, or the same one and a later id. */
function afterItem(cursor: DueCursorKey): Prisma.RectificationWhereInput {
  const at = new Date(cursor.at);
  return { OR: [{ deadline: beyond(cursor.order, at) }, { deadline: at, id: { gt: cursor.id } }] };
}

@Injectable()
export class RectificationRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async list(
    scope: Prisma.RectificationWhereInput,
    query: ListRectificationsQuery,
    now: Date,
  ): Promise<{ rows: RectificationRow[]; total: number }> {
    const filters = [scope, ...listFilters(query, now)];
    if (query.kind) {
      // A rectification keeps its task's id without a relation, so the kind is looked up on the
      // tasks of the items the other filters leave (not on every task of that kind).
      const candidates = await this.prisma.rectification.findMany({
        where: { AND: filters },
        select: { taskId: true },
        distinct: ['taskId'],
      });
      const tasks = await this.prisma.inspectionTask.findMany({
        where: { id: { in: candidates.map((c) => c.taskId) }, kind: query.kind },
        select: { id: true },
      });
      filters.push({ taskId: { in: tasks.map((t) => t.id) } });
    }
    const where: Prisma.RectificationWhereInput = { AND: filters };
    const [rows, total] = await Promise.all([
      this.prisma.rectification.findMany({
        where: query.cursor ? { AND: [where, afterItem(query.cursor)] } : where,
        include: rectificationInclude,
        orderBy: [{ deadline: query.sortOrder }, { id: 'asc' }],
        ...keysetOrPage(query),
      }),
      this.prisma.rectification.count({ where }),
    ]);
    return { rows, total };
  }

  /** A catalogue version's stored content and whether it may still change (a draft). */
  catalogueVersion(id: string) {
    return this.prisma.catalogueVersion.findUnique({
      where: { id },
      select: { id: true, status: true, content: true },
    });
  }

  findVisible(scope: Prisma.RectificationWhereInput, id: string): Promise<RectificationRow | null> {
    return this.prisma.rectification.findFirst({
      where: { AND: [scope, { id }] },
      include: rectificationInclude,
    });
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { Prisma, PrismaClient } from '@pilot/db';
import type { ListRectificationsQuery } from '@pilot/domain';
import { pageArgs } from '../platform/pagination.js';
import { PRISMA } from '../platform/tokens.js';

const rectificationInclude = {
  enrollment: {
    select: {
      id: true,
      workflowId: true,
      compound: { select: { id: true, name: true } },
      firm: { select: { id: true, name: true } },
    },
  },
  responses: { orderBy: { respondedAt: 'asc' } },
  verifications: { orderBy: { verifiedAt: 'asc' } },
  events: { orderBy: { at: 'asc' } },
} satisfies Prisma.RectificationInclude;

export type RectificationRow = Prisma.RectificationGetPayload<{ include: typeof rectificationInclude }>;

/** Items still waiting for the firm's answer. */
const AWAITING_ANSWER: Prisma.RectificationWhereInput = { status: { in: ['open', 'reopened'] } };

@Injectable()
export class RectificationRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async list(
    scope: Prisma.RectificationWhereInput,
    query: ListRectificationsQuery,
    now: Date,
  ): Promise<{ rows: RectificationRow[]; total: number }> {
    const filters: Prisma.RectificationWhereInput[] = [scope];
    if (query.pilotId) filters.push({ enrollmentId: query.pilotId });
    if (query.status) filters.push({ status: query.status });
    if (query.severity) filters.push({ severity: query.severity });
    if (query.category) filters.push({ standardCode: { startsWith: `${query.category}-` } });
    if (query.overdue !== undefined) {
      const overdue: Prisma.RectificationWhereInput = { AND: [AWAITING_ANSWER, { deadline: { lt: now } }] };
      filters.push(query.overdue ? overdue : { NOT: overdue });
    }
    const where: Prisma.RectificationWhereInput = { AND: filters };
    const [rows, total] = await Promise.all([
      this.prisma.rectification.findMany({
        where,
        include: rectificationInclude,
        orderBy: [{ deadline: query.sortOrder }, { id: 'asc' }],
        ...pageArgs(query),
      }),
      this.prisma.rectification.count({ where }),
    ]);
    return { rows, total };
  }

  findVisible(scope: Prisma.RectificationWhereInput, id: string): Promise<RectificationRow | null> {
    return this.prisma.rectification.findFirst({
      where: { AND: [scope, { id }] },
      include: rectificationInclude,
    });
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { Prisma, PrismaClient } from '@pilot/db';
import type { ListCompoundsQuery } from '@pilot/domain';
import { pageArgs } from '../platform/pagination.js';
import { PRISMA } from '../platform/tokens.js';

const compoundInclude = {
  community: { select: { id: true, name: true } },
  firm: { select: { id: true, name: true } },
  enrollments: {
    select: {
      id: true,
      stage: true,
      phase: true,
      status: true,
      startDate: true,
      currentRound: true,
      latestScore: true,
      starRating: true,
    },
    orderBy: { createdAt: 'desc' },
    take: 1,
  },
} satisfies Prisma.CompoundInclude;

export type CompoundRow = Prisma.CompoundGetPayload<{ include: typeof compoundInclude }>;

export interface RectificationCounts {
  awaitingAnswer: number;
  awaitingVerification: number;
  overdue: number;
}

@Injectable()
export class CompoundRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async list(
    scope: Prisma.CompoundWhereInput,
    query: ListCompoundsQuery,
  ): Promise<{ rows: CompoundRow[]; total: number }> {
    const filters: Prisma.CompoundWhereInput[] = [scope];
    if (query.firmId) filters.push({ firmId: query.firmId });
    if (query.communityId) filters.push({ communityId: query.communityId });
    if (query.active !== undefined) filters.push({ active: query.active });
    if (query.enrolled !== undefined) {
      filters.push(query.enrolled ? { enrollments: { some: {} } } : { enrollments: { none: {} } });
    }
    if (query.q) {
      filters.push({ OR: [{ name: { contains: query.q } }, { community: { name: { contains: query.q } } }] });
    }
    const where: Prisma.CompoundWhereInput = { AND: filters };
    const [rows, total] = await Promise.all([
      this.prisma.compound.findMany({
        where,
        include: compoundInclude,
        orderBy: [{ communityId: 'asc' }, { name: 'asc' }],
        ...pageArgs(query),
      }),
      this.prisma.compound.count({ where }),
    ]);
    return { rows, total };
  }

  /** Open rectification items per pilot: awaiting the firm, awaiting an inspector, and past their deadline. */
  async rectificationCounts(enrollmentIds: string[], now: Date): Promise<Map<string, RectificationCounts>> {
    const counts = new Map<string, RectificationCounts>(
      enrollmentIds.map((id) => [id, { awaitingAnswer: 0, awaitingVerification: 0, overdue: 0 }]),
    );
    if (enrollmentIds.length === 0) return counts;
    const [byStatus, overdue] = await Promise.all([
      this.prisma.rectification.groupBy({
        by: ['enrollmentId', 'status'],
        where: { enrollmentId: { in: enrollmentIds }, status: { in: ['open', 'reopened', 'responded'] } },
        _count: { _all: true },
      }),
      this.prisma.rectification.groupBy({
        by: ['enrollmentId'],
        where: {
          enrollmentId: { in: enrollmentIds },
          status: { in: ['open', 'reopened'] },
          deadline: { lt: now },
        },
        _count: { _all: true },
      }),
    ]);
    for (const row of byStatus) {
      const entry = counts.get(row.enrollmentId)!;
      if (row.status === 'responded') entry.awaitingVerification += row._count._all;
      else entry.awaitingAnswer += row._count._all;
    }
    for (const row of overdue) counts.get(row.enrollmentId)!.overdue = row._count._all;
    return counts;
  }
}

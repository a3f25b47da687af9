import { Inject, Injectable } from '@nestjs/common';
import type { Prisma, PrismaClient } from '@pilot/db';
import { PRISMA } from '../platform/tokens.js';

export type EvidenceRow = Prisma.EvidenceGetPayload<object>;

@Injectable()
export class EvidenceRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** Whether the caller's pilot scope admits this enrollment. */
  async enrollmentVisible(scope: Prisma.EnrollmentWhereInput, enrollmentId: string): Promise<boolean> {
    const row = await this.prisma.enrollment.findFirst({
      where: { AND: [scope, { id: enrollmentId }] },
      select: { id: true },
    });
    return row !== null;
  }

  /** Whether the caller's matter scope admits this matter. */
  async matterVisible(scope: Prisma.MatterWhereInput, matterId: string): Promise<boolean> {
    const row = await this.prisma.matter.findFirst({
      where: { AND: [scope, { id: matterId }] },
      select: { id: true },
    });
    return row !== null;
  }

  /** Whether the caller's 三微案例 scope admits this case (its photos follow it). */
  async caseVisible(scope: Prisma.MicroCaseWhereInput, caseId: string): Promise<boolean> {
    const row = await this.prisma.microCase.findFirst({
      where: { AND: [scope, { id: caseId }] },
      select: { id: true },
    });
    return row !== null;
  }

  /** Whether a logbook entry's photos are the caller's to see (a visitor entry's only the firm's). */
  async logbookEntryVisible(
    scope: Prisma.CompoundWhereInput,
    entryId: string,
    visitors: boolean,
  ): Promise<boolean> {
    const row = await this.prisma.logbookEntry.findFirst({
      where: { id: entryId, compound: scope, ...(!visitors && { kind: { not: 'visitor' } }) },
      select: { id: true },
    });
    return row !== null;
  }

  /** Rows and their audit entries commit together or not at all. */
  transaction<T>(change: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(change);
  }

  create(tx: Prisma.TransactionClient, data: Prisma.EvidenceUncheckedCreateInput): Promise<EvidenceRow> {
    return tx.evidence.create({ data });
  }

  find(id: string): Promise<EvidenceRow | null> {
    return this.prisma.evidence.findUnique({ where: { id } });
  }

  findMany(ids: string[]): Promise<EvidenceRow[]> {
    return this.prisma.evidence.findMany({ where: { id: { in: ids } } });
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { Prisma, PrismaClient } from '@pilot/db';
import { PRISMA } from '../platform/tokens.js';

const compoundSelect = {
  id: true,
  name: true,
  liftCount: true,
  hasFireControlRoom: true,
  hasSecondaryWaterSupply: true,
  hasUndergroundGarage: true,
  hasEvChargingArea: true,
  hasSepticTank: true,
  firm: { select: { name: true } },
} satisfies Prisma.CompoundSelect;

export type PrintCompound = Prisma.CompoundGetPayload<{ select: typeof compoundSelect }>;

const taskSelect = {
  id: true,
  key: true,
  kind: true,
  status: true,
  dueAt: true,
  scope: true,
  assignee: { select: { displayName: true } },
  round: { select: { focusCategories: true, keyParts: true } },
  enrollment: { select: { catalogueVersionId: true, compound: { select: compoundSelect } } },
  result: {
    select: {
      catalogueVersionId: true,
      submittedById: true,
      submittedAt: true,
      score: true,
      complianceRate: true,
      notes: true,
      items: { orderBy: [{ keyPart: 'asc' }, { standardCode: 'asc' }] },
    },
  },
} satisfies Prisma.InspectionTaskSelect;

export type PrintTask = Prisma.InspectionTaskGetPayload<{ select: typeof taskSelect }>;

/** Reads for printed checklists; scopes come from the caller, so an unseen record is simply not found. */
@Injectable()
export class PrintingRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** The compound, if `scope` admits one of its pilots or the compound itself. */
  compound(id: string, scope: Prisma.CompoundWhereInput): Promise<PrintCompound | null> {
    return this.prisma.compound.findFirst({ where: { AND: [{ id }, scope] }, select: compoundSelect });
  }

  /** The catalogue version of the compound's newest pilot, if it has one. */
  async pilotCatalogueOf(compoundId: string): Promise<string | null> {
    const pilot = await this.prisma.enrollment.findFirst({
      where: { compoundId },
      orderBy: [{ startDate: 'desc' }, { id: 'asc' }],
      select: { catalogueVersionId: true },
    });
    return pilot?.catalogueVersionId ?? null;
  }

  /** A catalogue version's content, if it was ever published (drafts are nobody's paper). */
  async publishedCatalogue(id: string | null): Promise<{ id: string; content: Prisma.JsonValue } | null> {
    return this.prisma.catalogueVersion.findFirst({
      where: { ...(id ? { id } : {}), status: { in: ['published', 'retired'] } },
      orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
      select: { id: true, content: true },
    });
  }

  /** Any version's content: a submitted inspection names the version it was scored against. */
  catalogue(id: string): Promise<{ id: string; content: Prisma.JsonValue } | null> {
    return this.prisma.catalogueVersion.findUnique({ where: { id }, select: { id: true, content: true } });
  }

  task(id: string, scope: Prisma.InspectionTaskWhereInput): Promise<PrintTask | null> {
    return this.prisma.inspectionTask.findFirst({ where: { AND: [{ id }, scope] }, select: taskSelect });
  }

  async displayName(userId: string): Promise<string | null> {
    const user = await this.prisma.user.findUnique({ where: { id: userId }, select: { displayName: true } });
    return user?.displayName ?? null;
  }
}

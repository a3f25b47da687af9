import { Inject, Injectable } from '@nestjs/common';
import type { Prisma, PrismaClient } from '@pilot/db';
import type { ListCommunitiesQuery, ListFirmsQuery } from '@pilot/domain';
import { pageArgs } from '../platform/pagination.js';
import { PRISMA } from '../platform/tokens.js';

type Db = PrismaClient | Prisma.TransactionClient;

const communityInclude = { _count: { select: { compounds: true } } } satisfies Prisma.CommunityInclude;
const firmInclude = { _count: { select: { compounds: true, users: true } } } satisfies Prisma.FirmInclude;
export const compoundRecordInclude = {
  community: { select: { id: true, name: true } },
  firm: { select: { id: true, name: true } },
} satisfies Prisma.CompoundInclude;

export type CommunityRow = Prisma.CommunityGetPayload<{ include: typeof communityInclude }>;
export type FirmRow = Prisma.FirmGetPayload<{ include: typeof firmInclude }>;
export type CompoundRecordRow = Prisma.CompoundGetPayload<{ include: typeof compoundRecordInclude }>;

/** The register's records: reads for lists and lookups, writes inside the caller's transaction. */
@Injectable()
export class RegisterRepository {
  constructor(@Inject(PRISMA) readonly prisma: PrismaClient) {}

  async listCommunities(query: ListCommunitiesQuery): Promise<{ rows: CommunityRow[]; total: number }> {
    const where: Prisma.CommunityWhereInput = {
      ...(query.active !== undefined ? { active: query.active } : {}),
      ...(query.q ? { OR: [{ name: { contains: query.q } }, { code: { contains: query.q } }] } : {}),
    };
    const [rows, total] = await Promise.all([
      this.prisma.community.findMany({
        where,
        include: communityInclude,
        orderBy: { code: 'asc' },
        ...pageArgs(query),
      }),
      this.prisma.community.count({ where }),
    ]);
    return { rows, total };
  }

  async listFirms(query: ListFirmsQuery): Promise<{ rows: FirmRow[]; total: number }> {
    const where: Prisma.FirmWhereInput = {
      ...(query.active !== undefined ? { active: query.active } : {}),
      ...(query.q
        ? { OR: [{ name: { contains: query.q } }, { creditCode: { contains: query.q.toUpperCase() } }] }
        : {}),
    };
    const [rows, total] = await Promise.all([
      this.prisma.firm.findMany({
        where,
        include: firmInclude,
        orderBy: { name: 'asc' },
        ...pageArgs(query),
      }),
      this.prisma.firm.count({ where }),
    ]);
    return { rows, total };
  }

  community(id: string, db: Db = this.prisma): Promise<CommunityRow | null> {
    return db.community.findUnique({ where: { id }, include: communityInclude });
  }

  firm(id: string, db: Db = this.prisma): Promise<FirmRow | null> {
    return db.firm.findUnique({ where: { id }, include: firmInclude });
  }

  compound(id: string, db: Db = this.prisma): Promise<CompoundRecordRow | null> {
    return db.compound.findUnique({ where: { id }, include: compoundRecordInclude });
  }

  createCommunity(tx: Db, data: Prisma.CommunityUncheckedCreateInput): Promise<CommunityRow> {
    return tx.community.create({ data, include: communityInclude });
  }

  updateCommunity(tx: Db, id: string, data: Prisma.CommunityUncheckedUpdateInput): Promise<CommunityRow> {
    return tx.community.update({ where: { id }, data, include: communityInclude });
  }

  createFirm(tx: Db, data: Prisma.FirmUncheckedCreateInput): Promise<FirmRow> {
    return tx.firm.create({ data, include: firmInclude });
  }

  updateFirm(tx: Db, id: string, data: Prisma.FirmUncheckedUpdateInput): Promise<FirmRow> {
    return tx.firm.update({ where: { id }, data, include: firmInclude });
  }

  createCompound(tx: Db, data: Prisma.CompoundUncheckedCreateInput): Promise<CompoundRecordRow> {
    return tx.compound.create({ data, include: compoundRecordInclude });
  }

  updateCompound(tx: Db, id: string, data: Prisma.CompoundUncheckedUpdateInput): Promise<CompoundRecordRow> {
    return tx.compound.update({ where: { id }, data, include: compoundRecordInclude });
  }

  /** Pilots still running for a compound or a firm: deactivating either would strand them. */
  runningPilots(where: { compoundId?: string; firmId?: string }, db: Db = this.prisma): Promise<number> {
    return db.enrollment.count({ where: { ...where, status: { in: ['active', 'paused'] } } });
  }

  activeCompounds(where: { communityId?: string; firmId?: string }, db: Db = this.prisma): Promise<number> {
    return db.compound.count({ where: { ...where, active: true } });
  }
}

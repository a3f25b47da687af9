import { Inject, Injectable } from '@nestjs/common';
import type { Prisma, PrismaClient } from '@pilot/db';
import type { ListResidentApplicationsQuery } from '@pilot/domain';
import { pageArgs } from '../platform/pagination.js';
import { PRISMA } from '../platform/tokens.js';

const withPlace = {
  compound: { select: { id: true, name: true, community: { select: { id: true, name: true } } } },
} as const;

export type StoredApplication = Prisma.ResidentApplicationGetPayload<{ include: typeof withPlace }>;

/** A compound as a poster prints it. */
export interface PosterCompound {
  id: string;
  name: string;
  community: { id: string; name: string; subdistrict: string };
}

const posterCompound = {
  id: true,
  name: true,
  community: { select: { id: true, name: true, subdistrict: true } },
} as const;

@Injectable()
export class ResidentApplicationRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** An active compound of an active community: the only kind a resident can be bound to. */
  activeCompound(id: string): Promise<{ id: string; name: string } | null> {
    return this.prisma.compound.findFirst({
      where: { id, active: true, community: { active: true } },
      select: { id: true, name: true },
    });
  }

  /**
   * Whether an account has the name, or an application still waiting for a decision asks for it
   * (two applicants could otherwise both be told yes until the second approval fails).
   */
  async usernameTaken(username: string): Promise<boolean> {
    const [user, pending] = await Promise.all([
      this.prisma.user.findUnique({ where: { username }, select: { id: true } }),
      this.prisma.residentApplication.findFirst({
        where: { username, status: 'pending' },
        select: { id: true },
      }),
    ]);
    return user !== null || pending !== null;
  }

  userWithName(db: Prisma.TransactionClient, username: string): Promise<{ id: string } | null> {
    return db.user.findUnique({ where: { username }, select: { id: true } });
  }

  create(
    tx: Prisma.TransactionClient,
    data: Prisma.ResidentApplicationUncheckedCreateInput,
  ): Promise<StoredApplication> {
    return tx.residentApplication.create({ data, include: withPlace });
  }

  find(
    db: Prisma.TransactionClient,
    id: string,
    scope: Prisma.ResidentApplicationWhereInput,
  ): Promise<StoredApplication | null> {
    return db.residentApplication.findFirst({ where: { AND: [{ id }, scope] }, include: withPlace });
  }

  /** Decides a pending application; false when another decision came first. */
  async decide(
    tx: Prisma.TransactionClient,
    id: string,
    data: Prisma.ResidentApplicationUncheckedUpdateManyInput,
  ): Promise<boolean> {
    const { count } = await tx.residentApplication.updateMany({ where: { id, status: 'pending' }, data });
    return count === 1;
  }

  async list(
    query: ListResidentApplicationsQuery,
    scope: Prisma.ResidentApplicationWhereInput,
  ): Promise<{ rows: StoredApplication[]; total: number }> {
    const where: Prisma.ResidentApplicationWhereInput = {
      AND: [
        scope,
        {
          ...(query.status ? { status: query.status } : {}),
          ...(query.compoundId ? { compoundId: query.compoundId } : {}),
          ...(query.communityId ? { compound: { communityId: query.communityId } } : {}),
        },
      ],
    };
    const [rows, total] = await Promise.all([
      this.prisma.residentApplication.findMany({
        where,
        include: withPlace,
        // Waiting ones first, oldest first: the queue a community works through.
        orderBy: [{ status: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
        ...pageArgs(query),
      }),
      this.prisma.residentApplication.count({ where }),
    ]);
    return { rows, total };
  }

  /** The community of a partner unit's staff; null for a unit above the communities. */
  async partyCommunity(partyId: string): Promise<string | null> {
    const party = await this.prisma.party.findUnique({
      where: { id: partyId },
      select: { communityId: true },
    });
    return party?.communityId ?? null;
  }

  posterCompound(id: string, scope: Prisma.CompoundWhereInput): Promise<PosterCompound | null> {
    return this.prisma.compound.findFirst({
      where: { AND: [{ id, active: true }, scope] },
      select: posterCompound,
    });
  }

  posterCompounds(communityId: string, scope: Prisma.CompoundWhereInput): Promise<PosterCompound[]> {
    return this.prisma.compound.findMany({
      where: { AND: [{ communityId, active: true }, scope] },
      select: posterCompound,
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
    });
  }
}

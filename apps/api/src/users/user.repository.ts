import { Inject, Injectable } from '@nestjs/common';
import type { Prisma, PrismaClient } from '@pilot/db';
import type { ListUsersQuery } from '@pilot/domain';
import { pageArgs } from '../platform/pagination.js';
import { PRISMA } from '../platform/tokens.js';

const listed = {
  id: true,
  username: true,
  displayName: true,
  role: true,
  firmId: true,
  phone: true,
  active: true,
  lockedUntil: true,
  createdAt: true,
} as const;

export type UserRow = Prisma.UserGetPayload<{ select: typeof listed }>;

export interface InspectorEntry {
  id: string;
  displayName: string;
  phone: string | null;
}

@Injectable()
export class UserRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async list(query: ListUsersQuery): Promise<{ rows: UserRow[]; total: number }> {
    const where: Prisma.UserWhereInput = {
      ...(query.role ? { role: query.role } : {}),
      ...(query.firmId ? { firmId: query.firmId } : {}),
      ...(query.q
        ? { OR: [{ username: { contains: query.q } }, { displayName: { contains: query.q } }] }
        : {}),
    };
    const [rows, total] = await Promise.all([
      this.prisma.user.findMany({
        where,
        select: listed,
        orderBy: [{ role: 'asc' }, { username: 'asc' }],
        ...pageArgs(query),
      }),
      this.prisma.user.count({ where }),
    ]);
    return { rows, total };
  }

  activeInspectors(): Promise<InspectorEntry[]> {
    return this.prisma.user.findMany({
      where: { role: 'inspector', active: true },
      select: { id: true, displayName: true, phone: true },
      orderBy: { username: 'asc' },
    });
  }

  find(id: string): Promise<UserRow | null> {
    return this.prisma.user.findUnique({ where: { id }, select: listed });
  }

  usernameTaken(username: string): Promise<boolean> {
    return this.prisma.user.findUnique({ where: { username }, select: { id: true } }).then(Boolean);
  }

  firmExists(firmId: string): Promise<boolean> {
    return this.prisma.firm.findUnique({ where: { id: firmId }, select: { id: true } }).then(Boolean);
  }

  create(tx: Prisma.TransactionClient, data: Prisma.UserUncheckedCreateInput): Promise<UserRow> {
    return tx.user.create({ data, select: listed });
  }

  update(tx: Prisma.TransactionClient, id: string, data: Prisma.UserUncheckedUpdateInput): Promise<UserRow> {
    return tx.user.update({ where: { id }, data, select: listed });
  }
}

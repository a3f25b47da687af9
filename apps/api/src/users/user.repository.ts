import { Inject, Injectable } from '@nestjs/common';
import type { Prisma, PrismaClient } from '@pilot/db';
import type { ListUsersQuery } from '@pilot/domain';
import { throttleKeys } from '../platform/auth/login-throttle.js';
import { pageArgs } from '../platform/pagination.js';
import { PRISMA } from '../platform/tokens.js';

const listed = {
  id: true,
  username: true,
  displayName: true,
  role: true,
  firmId: true,
  communityId: true,
  phone: true,
  email: true,
  active: true,
  mustChangePassword: true,
  createdAt: true,
} as const;

type StoredUser = Prisma.UserGetPayload<{ select: typeof listed }>;

/**
 * An account as admins see it. `lockedUntil`: log-ins to it are blocked account-wide after guessing
 * from several addresses (addresses the owner used are still let in), until then; null when not.
 */
export type UserRow = StoredUser & { lockedUntil: Date | null };

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
    return { rows: await this.withBlocks(this.prisma, rows), total };
  }

  /** Adds each account's account-wide log-in block, one query for the page. */
  private async withBlocks(db: Prisma.TransactionClient, rows: StoredUser[]): Promise<UserRow[]> {
    const keyOf = (row: StoredUser) => throttleKeys(row.username, '').account;
    const now = new Date();
    const blocks = await db.loginThrottle.findMany({
      where: { key: { in: rows.map(keyOf) }, blockedUntil: { gt: now } },
      select: { key: true, blockedUntil: true },
    });
    const until = new Map(blocks.map((b) => [b.key, b.blockedUntil]));
    return rows.map((row) => ({ ...row, lockedUntil: until.get(keyOf(row)) ?? null }));
  }

  activeInspectors(): Promise<InspectorEntry[]> {
    return this.prisma.user.findMany({
      where: { role: 'inspector', active: true },
      select: { id: true, displayName: true, phone: true },
      orderBy: { username: 'asc' },
    });
  }

  async find(id: string): Promise<UserRow | null> {
    const row = await this.prisma.user.findUnique({ where: { id }, select: listed });
    return row ? ((await this.withBlocks(this.prisma, [row]))[0] ?? null) : null;
  }

  usernameTaken(username: string): Promise<boolean> {
    return this.prisma.user.findUnique({ where: { username }, select: { id: true } }).then(Boolean);
  }

  firmExists(firmId: string): Promise<boolean> {
    return this.prisma.firm
      .findUnique({ where: { id: firmId, active: true }, select: { id: true } })
      .then(Boolean);
  }

  communityExists(communityId: string): Promise<boolean> {
    return this.prisma.community
      .findUnique({ where: { id: communityId, active: true }, select: { id: true } })
      .then(Boolean);
  }

  async create(tx: Prisma.TransactionClient, data: Prisma.UserUncheckedCreateInput): Promise<UserRow> {
    return { ...(await tx.user.create({ data, select: listed })), lockedUntil: null };
  }

  async update(
    tx: Prisma.TransactionClient,
    id: string,
    data: Prisma.UserUncheckedUpdateInput,
  ): Promise<UserRow> {
    const [row] = await this.withBlocks(tx, [await tx.user.update({ where: { id }, data, select: listed })]);
    if (!row) throw new Error(`user ${id} vanished in its own update`);
    return row;
  }
}

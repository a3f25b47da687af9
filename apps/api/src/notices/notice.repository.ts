import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type NoticeChannel, type NoticeDeliveryStatus, type PrismaClient } from '@pilot/db';
import type { NoticeCursorKey, UserRole } from '@pilot/domain';
import type { Principal } from '../platform/auth/principal.js';
import { PRISMA } from '../platform/tokens.js';

export type Reader = Pick<Principal, 'userId' | 'role' | 'firmId'>;

/**
 * The notices `reader` may see, over `notification n`: those addressed to them, and those addressed
 * to their role where the role's scope reaches — a firm's users only their firm's pilots, an
 * inspector only the pilots they are assigned to (the same people the deliveries go to).
 */
function visibleSql(reader: Reader): Prisma.Sql {
  const role = Prisma.sql`n."userId" IS NULL AND n.role = ${reader.role}::"Role"`;
  return Prisma.sql`(n."userId" = ${reader.userId} OR (${role} AND ${roleScopeSql(reader)}))`;
}

function roleScopeSql(reader: Reader): Prisma.Sql {
  switch (reader.role) {
    case 'firm':
      return reader.firmId
        ? Prisma.sql`n."enrollmentId" IN (SELECT e.id FROM enrollment e WHERE e."firmId" = ${reader.firmId})`
        : Prisma.sql`FALSE`;
    case 'inspector':
      return Prisma.sql`n."enrollmentId" IN (SELECT a."enrollmentId" FROM inspector_assignment a WHERE a."userId" = ${reader.userId})`;
    default:
      return Prisma.sql`TRUE`;
  }
}

/** Not read by `reader`: user-addressed ones carry their read time, role-addressed ones a receipt per reader. */
function unreadSql(reader: Reader): Prisma.Sql {
  return Prisma.sql`(CASE WHEN n."userId" IS NULL
    THEN NOT EXISTS (SELECT 1 FROM notification_receipt r WHERE r."notificationId" = n.id AND r."userId" = ${reader.userId})
    ELSE n."readAt" IS NULL END)`;
}

export interface NoticeRow {
  id: string;
  kind: 'reminder' | 'escalation' | 'missed' | 'overdue' | 'stage_change' | 'info';
  title: string;
  body: string;
  userId: string | null;
  entityType: string | null;
  entityId: string | null;
  enrollmentId: string | null;
  compoundName: string | null;
  createdAt: Date;
  readAt: Date | null;
}

export interface DeliveryFilter {
  status?: NoticeDeliveryStatus | undefined;
  channel?: NoticeChannel | undefined;
  cursor?: NoticeCursorKey | undefined;
  take: number;
}

@Injectable()
export class NoticeRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** Newest first, continuing after `cursor`; `take` rows at most. */
  list(
    reader: Reader,
    query: {
      unread?: boolean | undefined;
      cursor?: NoticeCursorKey | undefined;
      id?: string | undefined;
      take: number;
    },
  ): Promise<NoticeRow[]> {
    const conditions: Prisma.Sql[] = [visibleSql(reader)];
    if (query.id !== undefined) conditions.push(Prisma.sql`n.id = ${query.id}`);
    if (query.unread) conditions.push(unreadSql(reader));
    if (query.cursor) {
      conditions.push(Prisma.sql`(n."createdAt", n.id) < (${new Date(query.cursor.at)}, ${query.cursor.id})`);
    }
    return this.prisma.$queryRaw<NoticeRow[]>`
      SELECT n.id, n.kind::text AS kind, n.title, n.body, n."userId", n."entityType", n."entityId",
             n."enrollmentId", c.name AS "compoundName", n."createdAt",
             CASE WHEN n."userId" IS NULL THEN r."readAt" ELSE n."readAt" END AS "readAt"
      FROM notification n
      LEFT JOIN notification_receipt r ON r."notificationId" = n.id AND r."userId" = ${reader.userId}
      LEFT JOIN enrollment e ON e.id = n."enrollmentId"
      LEFT JOIN compound c ON c.id = e."compoundId"
      WHERE ${Prisma.join(conditions, ' AND ')}
      ORDER BY n."createdAt" DESC, n.id DESC
      LIMIT ${query.take}`;
  }

  /**
   * The shell's badge, on every page: one statement, each half answered from its own index
   * (userId + readAt for mine, role + createdAt for my role's, the receipts' primary key).
   */
  async unreadCount(reader: Reader): Promise<number> {
    const [row] = await this.prisma.$queryRaw<Array<{ unread: bigint | number }>>`
      SELECT
        (SELECT count(*) FROM notification n WHERE n."userId" = ${reader.userId} AND n."readAt" IS NULL)
        + (SELECT count(*) FROM notification n
           WHERE n."userId" IS NULL AND n.role = ${reader.role}::"Role" AND ${roleScopeSql(reader)}
             AND NOT EXISTS (SELECT 1 FROM notification_receipt r
                             WHERE r."notificationId" = n.id AND r."userId" = ${reader.userId})) AS unread`;
    return Number(row?.unread ?? 0);
  }

  /** The notice if `reader` may see it: whether it is theirs alone, and whether they have read it. */
  async findVisible(
    reader: Reader,
    id: string,
  ): Promise<{ id: string; addressedToUser: boolean; read: boolean } | null> {
    const [row] = await this.prisma.$queryRaw<Array<{ id: string; userId: string | null; unread: boolean }>>`
      SELECT n.id, n."userId", ${unreadSql(reader)} AS unread
      FROM notification n WHERE n.id = ${id} AND ${visibleSql(reader)}`;
    return row ? { id: row.id, addressedToUser: row.userId !== null, read: !row.unread } : null;
  }

  async markRead(reader: Reader, notice: { id: string; addressedToUser: boolean }, at: Date): Promise<void> {
    if (notice.addressedToUser) {
      await this.prisma.notification.updateMany({
        where: { id: notice.id, userId: reader.userId, readAt: null },
        data: { readAt: at },
      });
    } else {
      await this.prisma.notificationReceipt.createMany({
        data: [{ notificationId: notice.id, userId: reader.userId, readAt: at }],
        skipDuplicates: true,
      });
    }
  }

  /** Marks everything `reader` has unread (created up to `upTo`, when given); answers how many. */
  markAllRead(reader: Reader, at: Date, upTo: Date | undefined): Promise<number> {
    const upToSql = upTo ? Prisma.sql`n."createdAt" <= ${upTo}` : Prisma.sql`TRUE`;
    return this.prisma.$transaction(async (tx) => {
      const mine = await tx.$executeRaw`
        UPDATE notification n SET "readAt" = ${at}
        WHERE n."userId" = ${reader.userId} AND n."readAt" IS NULL AND ${upToSql}`;
      const roles = await tx.$executeRaw`
        INSERT INTO notification_receipt ("notificationId", "userId", "readAt")
        SELECT n.id, ${reader.userId}, ${at} FROM notification n
        WHERE n."userId" IS NULL AND n.role = ${reader.role}::"Role" AND ${roleScopeSql(reader)} AND ${upToSql}
          AND NOT EXISTS (SELECT 1 FROM notification_receipt r
                          WHERE r."notificationId" = n.id AND r."userId" = ${reader.userId})
        ON CONFLICT DO NOTHING`;
      return mine + roles;
    });
  }

  settingsOf(userId: string) {
    return this.prisma.user.findUnique({
      where: { id: userId },
      select: { noticeChannels: true, email: true, phone: true },
    });
  }

  updateSettings(
    tx: Prisma.TransactionClient,
    userId: string,
    data: { noticeChannels: NoticeChannel[]; email?: string | null },
  ) {
    return tx.user.update({
      where: { id: userId },
      data,
      select: { noticeChannels: true, email: true, phone: true },
    });
  }

  deliveries(filter: DeliveryFilter) {
    const where: Prisma.NoticeDeliveryWhereInput = {
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.channel ? { channel: filter.channel } : {}),
      ...(filter.cursor
        ? {
            OR: [
              { createdAt: { lt: new Date(filter.cursor.at) } },
              { createdAt: new Date(filter.cursor.at), id: { lt: filter.cursor.id } },
            ],
          }
        : {}),
    };
    return this.prisma.noticeDelivery.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: filter.take,
      include: { notification: { select: { id: true, kind: true, title: true } } },
    });
  }

  async deliveryCounts(filter: {
    channel?: NoticeChannel | undefined;
  }): Promise<Record<NoticeDeliveryStatus, number>> {
    const groups = await this.prisma.noticeDelivery.groupBy({
      by: ['status'],
      where: filter.channel ? { channel: filter.channel } : {},
      _count: { _all: true },
    });
    const counts: Record<NoticeDeliveryStatus, number> = { pending: 0, sent: 0, failed: 0 };
    for (const group of groups) counts[group.status] = group._count._all;
    return counts;
  }

  usersById(ids: string[]): Promise<Array<{ id: string; displayName: string; role: UserRole }>> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.prisma.user.findMany({
      where: { id: { in: ids } },
      select: { id: true, displayName: true, role: true },
    });
  }
}

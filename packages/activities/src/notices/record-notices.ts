// The notices a pilot's batch makes, written with their deliveries in the batch's transaction: a
// notice exists exactly when its deliveries do, and both are keyed so a retried batch adds nothing.
import { createHash } from 'node:crypto';
import type { Prisma, PrismaClient } from '@pilot/db';
import type { NoticeChannel, NotificationInput, UserRole } from '@pilot/domain';

/** The same notice, user and channel always give the same id (and so the same Message-ID). */
export function deliveryIdOf(notificationId: string, userId: string, channel: NoticeChannel): string {
  const digest = createHash('sha256').update(`${notificationId}\n${userId}\n${channel}`).digest('hex');
  return `dlv-${digest.slice(0, 32)}`;
}

interface Candidate {
  id: string;
  role: UserRole;
  firmId: string | null;
  email: string | null;
  phone: string | null;
  noticeChannels: NoticeChannel[];
  assigned: boolean;
}

/**
 * Writes `notices` (one row per dedupeKey) and, for every recipient who chose one of `channels`
 * and has its address, a pending delivery. Recipients: the addressee, or the role's active users in
 * the pilot's scope — a firm notice reaches the pilot's firm only, an inspector notice the pilot's
 * inspectors. With no channel configured nothing but the notices is written.
 */
export async function recordNotices(
  tx: Prisma.TransactionClient,
  input: { enrollmentId: string; notices: NotificationInput[]; at: Date; channels: readonly NoticeChannel[] },
): Promise<void> {
  const { enrollmentId, notices, at, channels } = input;
  if (notices.length === 0) return;
  await tx.notification.createMany({
    data: notices.map((n) => ({
      id: n.dedupeKey,
      dedupeKey: n.dedupeKey,
      userId: n.userId,
      role: n.role,
      enrollmentId,
      kind: n.kind,
      title: n.title,
      body: n.body,
      // Runs started before notices carried their subject still link to their pilot.
      entityType: n.entityType ?? 'enrollment',
      entityId: n.entityType ? (n.entityId ?? null) : enrollmentId,
      createdAt: at,
    })),
    skipDuplicates: true,
  });
  if (channels.length === 0) return;

  const roles = new Set(notices.flatMap((n) => (n.userId === null && n.role ? [n.role] : [])));
  const userIds = notices.flatMap((n) => (n.userId ? [n.userId] : []));
  const firmId = roles.has('firm')
    ? ((await tx.enrollment.findUnique({ where: { id: enrollmentId }, select: { firmId: true } }))?.firmId ??
      null)
    : null;
  const scopes: Prisma.UserWhereInput[] = [
    ...(userIds.length > 0 ? [{ id: { in: userIds } }] : []),
    ...[...roles].flatMap((role): Prisma.UserWhereInput[] => {
      if (role === 'firm') return firmId ? [{ role, firmId }] : [];
      if (role === 'inspector') return [{ role, assignments: { some: { enrollmentId } } }];
      return [{ role }];
    }),
  ];
  if (scopes.length === 0) return;
  const users = await tx.user.findMany({
    where: { active: true, noticeChannels: { hasSome: [...channels] }, OR: scopes },
    select: {
      id: true,
      role: true,
      firmId: true,
      email: true,
      phone: true,
      noticeChannels: true,
      assignments: { where: { enrollmentId }, select: { userId: true } },
    },
  });
  const candidates: Candidate[] = users.map(({ assignments, ...user }) => ({
    ...user,
    assigned: assignments.length > 0,
  }));

  const deliveries = notices.flatMap((notice) =>
    recipientsOf(notice, candidates, firmId).flatMap((user) =>
      user.noticeChannels.flatMap((channel) => {
        if (!channels.includes(channel)) return [];
        const address = channel === 'email' ? user.email : user.phone;
        if (!address) return [];
        return [
          {
            id: deliveryIdOf(notice.dedupeKey, user.id, channel),
            notificationId: notice.dedupeKey,
            userId: user.id,
            channel,
            address,
            createdAt: at,
          },
        ];
      }),
    ),
  );
  if (deliveries.length > 0) await tx.noticeDelivery.createMany({ data: deliveries, skipDuplicates: true });
}

function recipientsOf(notice: NotificationInput, users: Candidate[], firmId: string | null): Candidate[] {
  if (notice.userId) return users.filter((u) => u.id === notice.userId);
  const role = notice.role;
  if (!role) return [];
  return users.filter(
    (u) =>
      u.role === role &&
      (role !== 'firm' || (firmId !== null && u.firmId === firmId)) &&
      (role !== 'inspector' || u.assigned),
  );
}

/** The notices among `ids` that still have deliveries to send (after a crash, too). */
export async function noticesWithPendingDeliveries(prisma: PrismaClient, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await prisma.noticeDelivery.findMany({
    where: { notificationId: { in: ids }, status: 'pending' },
    select: { notificationId: true },
    distinct: ['notificationId'],
  });
  return rows.map((row) => row.notificationId);
}

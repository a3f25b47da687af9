// The notices a matter's step makes: each target (a firm's or a unit's staff, the reporter, the
// working group) becomes one notice per active user, written in the step's transaction with the
// deliveries of the channels each user chose, keyed by the step so a retried write adds nothing.
import type { Prisma } from '@pilot/db';
import type { MatterNotice, MatterNoticeTarget, NoticeChannel } from '@pilot/domain';
import { deliveryIdOf } from '../notices/record-notices.js';

function usersOf(target: MatterNoticeTarget): Prisma.UserWhereInput {
  switch (target.to) {
    case 'firm':
      return { role: 'firm', firmId: target.firmId };
    case 'party':
      return { role: 'party', partyId: target.partyId };
    case 'user':
      return { id: target.userId };
    case 'coordinators':
      return { role: 'coordinator' };
  }
}

/** Writes the notices of step `stepKey`; answers the ids of those with deliveries to send. */
export async function recordMatterNotices(
  tx: Prisma.TransactionClient,
  input: {
    /** The matter (or meeting) the notices link to. */
    entityId: string;
    stepKey: string;
    notices: MatterNotice[];
    at: Date;
    channels: readonly NoticeChannel[];
    entityType?: 'matter' | 'meeting' | 'equipment';
  },
): Promise<string[]> {
  const withDeliveries: string[] = [];
  for (const [index, notice] of input.notices.entries()) {
    const users = await tx.user.findMany({
      where: { active: true, ...usersOf(notice.target) },
      select: { id: true, email: true, phone: true, noticeChannels: true },
    });
    for (const user of users) {
      const id = `${input.stepKey}:${index}:${user.id}`;
      await tx.notification.createMany({
        data: [
          {
            id,
            dedupeKey: id,
            userId: user.id,
            kind: notice.kind,
            title: notice.title,
            body: notice.body,
            entityType: input.entityType ?? 'matter',
            entityId: input.entityId,
            createdAt: input.at,
          },
        ],
        skipDuplicates: true,
      });
      const deliveries = user.noticeChannels.flatMap((channel) => {
        if (!input.channels.includes(channel)) return [];
        const address = channel === 'email' ? user.email : user.phone;
        if (!address) return [];
        return [
          {
            id: deliveryIdOf(id, user.id, channel),
            notificationId: id,
            userId: user.id,
            channel,
            address,
            createdAt: input.at,
          },
        ];
      });
      if (deliveries.length === 0) continue;
      await tx.noticeDelivery.createMany({ data: deliveries, skipDuplicates: true });
      withDeliveries.push(id);
    }
  }
  return withDeliveries;
}

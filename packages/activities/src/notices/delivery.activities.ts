import { ApplicationFailure } from '@temporalio/common';
import type { PrismaClient } from '@pilot/db';
import type {
  FailNoticeDeliveryInput,
  NoticeDeliveryInput,
  NoticeSettings,
  SendNoticeDeliveryInput,
  SendNoticeDeliveryResult,
} from '@pilot/domain';
import { noticeLink } from './messages.js';
import { DeliveryError, type NoticeTransports } from './transports.js';

/** Error types the delivery workflow does not retry. */
export const DELIVERY_REFUSED = 'NoticeDeliveryRefused';

/** The longest error text kept on a delivery (a server's whole answer can be long). */
const MAX_ERROR_CHARS = 500;

/**
 * The delivery workflow's activities. `sendNoticeDelivery` is the one that sends, on whichever
 * channel the row names; it records every attempt (count, time, error) and the moment it went out,
 * and sends nothing for a row that already went out, so a retry after a crash does not send twice
 * — except in the instant between the server taking a message and the row saying so, where the
 * e-mail's Message-ID (derived from the row) lets the receiving side recognise the repeat.
 */
export function noticeDeliveryActivities(
  prisma: PrismaClient,
  settings: NoticeSettings,
  transports: NoticeTransports,
) {
  return {
    async pendingNoticeDeliveries(input: NoticeDeliveryInput): Promise<string[]> {
      const rows = await prisma.noticeDelivery.findMany({
        where: { notificationId: input.notificationId, status: 'pending' },
        select: { id: true },
        orderBy: { id: 'asc' },
      });
      return rows.map((row) => row.id);
    },

    async sendNoticeDelivery(input: SendNoticeDeliveryInput): Promise<SendNoticeDeliveryResult> {
      const row = await prisma.noticeDelivery.findUnique({
        where: { id: input.deliveryId },
        select: {
          id: true,
          status: true,
          channel: true,
          address: true,
          userId: true,
          notification: { select: { id: true, title: true, body: true } },
        },
      });
      if (!row) throw ApplicationFailure.nonRetryable(`no delivery ${input.deliveryId}`, DELIVERY_REFUSED);
      if (row.status === 'sent') return { outcome: 'already_sent' };
      const send = transports[row.channel];
      if (!send) {
        // The deployment stopped offering the channel after the delivery was made.
        throw ApplicationFailure.nonRetryable(`channel ${row.channel} is not configured`, DELIVERY_REFUSED);
      }
      const user = await prisma.user.findUnique({ where: { id: row.userId }, select: { displayName: true } });
      await prisma.noticeDelivery.update({
        where: { id: row.id },
        data: { attempts: { increment: 1 }, lastAttemptAt: new Date() },
      });
      try {
        await send({
          deliveryId: row.id,
          notificationId: row.notification.id,
          channel: row.channel,
          address: row.address,
          recipientName: user?.displayName ?? row.address,
          title: row.notification.title,
          body: row.notification.body,
          link: noticeLink(settings.linkBaseUrl, row.notification.id),
        });
      } catch (error) {
        const message = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_CHARS);
        await prisma.noticeDelivery.update({ where: { id: row.id }, data: { lastError: message } });
        if (error instanceof DeliveryError && !error.retryable)
          throw ApplicationFailure.nonRetryable(message, DELIVERY_REFUSED);
        throw ApplicationFailure.retryable(message, 'NoticeDeliveryFailed');
      }
      await prisma.noticeDelivery.update({
        where: { id: row.id },
        data: { status: 'sent', sentAt: new Date(), lastError: null },
      });
      return { outcome: 'sent' };
    },

    /** The attempts are used up (or the channel refused for good): the row says failed, with why. */
    async failNoticeDelivery(input: FailNoticeDeliveryInput): Promise<void> {
      await prisma.noticeDelivery.updateMany({
        where: { id: input.deliveryId, status: { not: 'sent' } },
        data: { status: 'failed', lastError: input.error.slice(0, MAX_ERROR_CHARS) },
      });
    },
  };
}

// One notice's deliveries (e-mail, group robots), each sent by its own activity with Temporal's
// retries and backoff. A workflow of its own per notice, started by the activity that wrote the
// notice, with an id derived from the notice's dedupeKey: it goes out once however often that
// activity is retried or whichever worker runs it, and a channel that is down delays only this
// workflow, never the pilot that made the notice.
import { ActivityFailure, ApplicationFailure, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { PilotActivities } from '@pilot/activities';
import type { NoticeDeliveryInput, NoticeDeliveryOutcome } from '@pilot/domain';
import { noticeDeliveryQueue } from '../messages.js';

/** Matches DELIVERY_REFUSED in @pilot/activities: a refusal for good is not retried. */
const REFUSED = 'NoticeDeliveryRefused';

const records = proxyActivities<PilotActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

export async function noticeDeliveryWorkflow(input: NoticeDeliveryInput): Promise<NoticeDeliveryOutcome> {
  const sender = proxyActivities<PilotActivities>({
    taskQueue: noticeDeliveryQueue(workflowInfo().taskQueue),
    // Each send bounds its own connection and answer (15–30 s); this only catches a hung worker.
    startToCloseTimeout: '2 minutes',
    retry: {
      // 30 s, 1, 2, 4 … up to an hour apart: twelve attempts over about six hours, long enough to
      // ride out a mail server's maintenance window, short enough that a reminder is still current.
      initialInterval: '30 seconds',
      backoffCoefficient: 2,
      maximumInterval: '1 hour',
      maximumAttempts: 12,
      nonRetryableErrorTypes: [REFUSED],
    },
  });
  const ids = await records.pendingNoticeDeliveries(input);
  const outcomes = await Promise.all(
    ids.map(async (deliveryId) => {
      try {
        await sender.sendNoticeDelivery({ deliveryId });
        return 'sent' as const;
      } catch (error) {
        if (!(error instanceof ActivityFailure)) throw error;
        await records.failNoticeDelivery({ deliveryId, error: reasonOf(error) });
        return 'failed' as const;
      }
    }),
  );
  return {
    sent: outcomes.filter((o) => o === 'sent').length,
    failed: outcomes.filter((o) => o === 'failed').length,
  };
}

function reasonOf(error: ActivityFailure): string {
  const cause = error.cause;
  return cause instanceof ApplicationFailure || cause instanceof Error ? cause.message : error.message;
}

// The audit anchor: a durable loop that checkpoints the audit log every few minutes and keeps each
// checkpoint's MAC in its own history, which lives in Temporal's store, not in the application
// database. /audit/verify asks it for the anchors; a database owner who truncates the log or its
// checkpoints cannot reach them.
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { PilotActivities } from '@pilot/activities';
import type { AuditAnchor } from '@pilot/domain';
import { anchorsQuery, checkpointNowUpdate, type AuditAnchorArgs } from '../messages.js';

const { checkpointAudit } = proxyActivities<PilotActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes' },
});

/** How many anchors the workflow answers with; older ones stay in its earlier runs' histories. */
const KEPT = 200;
/** Checkpoints per run before continuing as new, so one run's history stays small. */
const PER_RUN = 300;

export async function auditAnchorWorkflow(args: AuditAnchorArgs): Promise<void> {
  const anchors: AuditAnchor[] = [...(args.anchors ?? [])];
  let runs = 0;
  let asked = 0;

  const checkpoint = async (): Promise<AuditAnchor | null> => {
    runs++;
    const anchor = await checkpointAudit();
    if (anchor) {
      anchors.push(anchor);
      if (anchors.length > KEPT) anchors.splice(0, anchors.length - KEPT);
    }
    return anchor;
  };

  setHandler(anchorsQuery, () => anchors);
  setHandler(checkpointNowUpdate, async () => {
    asked++;
    return checkpoint();
  });

  const intervalMs = Math.max(1, args.intervalMinutes) * 60_000;
  for (;;) {
    const askedBefore = asked;
    // An Update (an admin's "anchor now") wakes the loop early only to restart its interval.
    await condition(() => asked !== askedBefore, intervalMs);
    if (asked === askedBefore) await checkpoint();
    if (runs >= PER_RUN || workflowInfo().continueAsNewSuggested) break;
  }
  await condition(allHandlersFinished);
  return continueAsNew<typeof auditAnchorWorkflow>({ intervalMinutes: args.intervalMinutes, anchors });
}

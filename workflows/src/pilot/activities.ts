// The activity stubs the pilot's modules call. Activities are imported by type only: workflow code
// never touches I/O itself.
import { proxyActivities } from '@temporalio/workflow';
import type { PilotActivities } from '@pilot/activities';

export const db = proxyActivities<PilotActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/** Activities behind a person's request: bounded retries, so a broken store fails the request instead of hanging it. */
export const dbForUpdate = proxyActivities<PilotActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '5 seconds', maximumAttempts: 5 },
});

export const archiver = proxyActivities<PilotActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes' },
});

// The activity stubs the pilot's modules call. Activities are imported by type only: workflow code
// never touches I/O itself.
import { proxyActivities } from '@temporalio/workflow';
import type { PilotActivities } from '@pilot/activities';

const BACKGROUND = {
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
} as const;

export const db = proxyActivities<PilotActivities>(BACKGROUND);

/** The same activities on the scheduled-work queue (see scheduledWorkQueue). */
export function scheduledDb(taskQueue: string) {
  return proxyActivities<PilotActivities>({ ...BACKGROUND, taskQueue });
}

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

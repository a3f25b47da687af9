// The activity stubs a matter calls: its record and each step, with bounded retries behind a
// person's request so a broken store fails the request instead of hanging it.
import { proxyActivities } from '@temporalio/workflow';
import type { PilotActivities } from '@pilot/activities';

export const records = proxyActivities<PilotActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '30 seconds', backoffCoefficient: 2 },
});

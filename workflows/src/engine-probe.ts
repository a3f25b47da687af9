import { proxyActivities, sleep } from '@temporalio/workflow';
import type { PilotActivities } from '@pilot/activities';

const { recordEngineProbe } = proxyActivities<PilotActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 5 },
});

export interface EngineProbeInput {
  probeId: string;
  note: string;
  /** How long to wait on workflow time before recording; a duration string or milliseconds. */
  wait: string | number;
}

/**
 * The smallest real path through every engine: a durable timer on Temporal, then an idempotent
 * activity that writes to the database. Smoke tests and the health page use it.
 */
export async function engineProbeWorkflow(input: EngineProbeInput): Promise<{ recordedAt: number }> {
  await sleep(input.wait);
  return recordEngineProbe({ id: input.probeId, note: input.note });
}

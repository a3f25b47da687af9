// Starting and stopping the baseline worker process, and the client calls the baselines time.
import { fileURLToPath } from 'node:url';
import { startNode, waitForLine, type NodeChild } from '../util/child.js';

export const BASELINE_TASK_QUEUE = 'bench-baseline';

const MAIN = fileURLToPath(new URL('./worker-main.js', import.meta.url));

export async function startBaselineWorker(
  temporalAddress: string,
  namespace: string,
  bundle: { taskQueue: string; workflows: 'workflows.js' | 'domain-workflows.js' } = {
    taskQueue: BASELINE_TASK_QUEUE,
    workflows: 'workflows.js',
  },
): Promise<NodeChild> {
  const child = startNode(MAIN, {
    BENCH_TEMPORAL_ADDRESS: temporalAddress,
    BENCH_TASK_QUEUE: bundle.taskQueue,
    BENCH_NAMESPACE: namespace,
    BENCH_WORKFLOWS: bundle.workflows,
  });
  try {
    // Bundling the two workflows takes a few seconds on a busy machine.
    await waitForLine(child, /baseline worker polling/, 120_000);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return child;
}

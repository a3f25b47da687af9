// P5's memory diagnostic: what one cached workflow costs a worker, for a workflow that imports
// nothing and for the same workflow importing @pilot/domain (as the pilot workflow does). Each runs
// on a worker process of its own; N of each are started and left waiting, and the worker's RSS
// before and after gives the cost per cached workflow. The SDK keeps a module cache per workflow
// even when it reuses the V8 context, so module-level data is paid once per cached workflow.
import { randomUUID } from 'node:crypto';
import { BASELINE_TASK_QUEUE, startBaselineWorker } from '../baseline/baseline-worker.js';
import type { Figure } from '../report/outcome.js';
import { at, runConcurrently, sleep } from '../util/pool.js';
import { rssMiB } from '../util/proc.js';
import { round } from '../util/stats.js';
import type { BenchContext } from './context.js';

const DOMAIN_TASK_QUEUE = 'bench-domain';
const SETTLE_MS = 3_000;

async function costPerWorkflow(
  ctx: BenchContext,
  workerPid: number,
  workflowType: string,
  taskQueue: string,
  count: number,
  release: string,
): Promise<number> {
  const run = randomUUID().slice(0, 8);
  const ids = Array.from({ length: count }, (_, i) => `bench-${workflowType}-${run}-${i}`);
  await sleep(SETTLE_MS);
  const before = await rssMiB(workerPid);
  await runConcurrently(count, 8, async (i) => {
    await ctx.temporal.workflow.start(workflowType, { taskQueue, workflowId: at(ids, i) });
  });
  // Each must have run its first workflow task (and so be in the cache) before the reading.
  await runConcurrently(count, 8, async (i) => {
    await ctx.temporal.workflow.getHandle(at(ids, i)).query('__stack_trace');
  });
  await sleep(SETTLE_MS);
  const after = await rssMiB(workerPid);
  await runConcurrently(count, 8, async (i) => {
    await ctx.temporal.workflow.getHandle(at(ids, i)).signal(release);
  });
  return ((after - before) * 1024) / count;
}

/** The domain workflow, on a worker of its own. */
async function domainCost(ctx: BenchContext, count: number): Promise<number> {
  const worker = await startBaselineWorker(ctx.bench.shape.temporalAddress, ctx.bench.shape.namespace, {
    taskQueue: DOMAIN_TASK_QUEUE,
    workflows: 'domain-workflows.js',
  });
  try {
    return await costPerWorkflow(ctx, worker.pid, 'domainWorkflow', DOMAIN_TASK_QUEUE, count, 'release');
  } finally {
    await worker.stop();
  }
}

export async function cacheCostFigures(ctx: BenchContext, count: number): Promise<Record<string, Figure>> {
  const trivial = await costPerWorkflow(
    ctx,
    ctx.baselineWorker.pid,
    'updatableWorkflow',
    BASELINE_TASK_QUEUE,
    count,
    'finish',
  );
  const domain = await domainCost(ctx, count);
  const figures: Record<string, Figure> = {
    p5_cached_workflows_sampled: count,
    p5_trivial_workflow_rss_kb: round(trivial, 1),
    p5_domain_importing_workflow_rss_kb: round(domain, 1),
  };
  return figures;
}

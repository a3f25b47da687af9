// P1 enrollments: N pilots through POST /pilots, 8 requests in flight (a coordinator's clients),
// against the baseline of raw `client.workflow.start` of a no-op workflow at the same concurrency.
// The two run in alternating blocks so that a change of load on the machine touches both alike.
import { randomUUID } from 'node:crypto';
import { enrollmentIdFor } from '@pilot/workflows/messages';
import { BASELINE_TASK_QUEUE } from '../baseline/baseline-worker.js';
import { fmt, type Outcome } from '../report/outcome.js';
import { ApiClient } from '../shape/api-client.js';
import type { BenchCompound } from '../shape/compounds.js';
import { round, summarize, timed } from '../util/stats.js';
import { at, runConcurrently } from '../util/pool.js';
import type { BenchContext } from './context.js';
import { CpuMeter } from './cpu-meter.js';
import { enrollBody, IDLE_PLAN } from './plans.js';

const BLOCKS = 4;
const WARM_UP = 8;
export const P1_GOAL = 0.5;

interface Timings {
  ms: number;
  latencies: number[];
}

/** Enrolls the compounds on the idle plan through the API; answers each request's latency. */
export async function enrollIdle(ctx: BenchContext, compounds: BenchCompound[], concurrency: number) {
  const latencies: number[] = [];
  const { elapsedMs } = await runConcurrently(compounds.length, concurrency, async (index) => {
    const compound = at(compounds, index);
    const { ms, value } = await timed(() => ctx.coordinator.post('/pilots', enrollBody(compound, IDLE_PLAN)));
    ApiClient.expect(value, 201, `enrollment of ${compound.id}`);
    latencies.push(ms);
    ctx.openSelfInspections.push(enrollmentIdFor(compound.id));
  });
  return { elapsedMs, latencies };
}

async function rawStarts(ctx: BenchContext, count: number, concurrency: number, run: string) {
  const latencies: number[] = [];
  const { elapsedMs } = await runConcurrently(count, concurrency, async (index) => {
    const { ms } = await timed(() =>
      ctx.temporal.workflow.start('noopWorkflow', {
        taskQueue: BASELINE_TASK_QUEUE,
        workflowId: `bench-noop-${run}-${index}`,
      }),
    );
    latencies.push(ms);
  });
  return { elapsedMs, latencies };
}

export async function runP1(ctx: BenchContext): Promise<Outcome> {
  const { enrollments, enrollConcurrency: concurrency } = ctx.sizes;
  const perBlock = Math.ceil(enrollments / BLOCKS);
  const compounds = await ctx.takeCompounds(WARM_UP + perBlock * BLOCKS);
  const run = randomUUID().slice(0, 8);
  // Connections, caches and JIT warm up on both paths before anything is timed.
  await rawStarts(ctx, WARM_UP, concurrency, `${run}-warm`);
  await enrollIdle(ctx, compounds.slice(0, WARM_UP), concurrency);

  const api: Timings = { ms: 0, latencies: [] };
  const raw: Timings = { ms: 0, latencies: [] };
  const apiCpu = new CpuMeter(ctx);
  const rawCpu = new CpuMeter(ctx);
  for (let block = 0; block < BLOCKS; block++) {
    ctx.say(`P1 block ${block + 1}/${BLOCKS}: ${perBlock} raw starts, ${perBlock} enrollments`);
    const rawBlock = await rawCpu.around(() => rawStarts(ctx, perBlock, concurrency, `${run}-${block}`));
    raw.ms += rawBlock.elapsedMs;
    raw.latencies.push(...rawBlock.latencies);
    const from = WARM_UP + block * perBlock;
    const apiBlock = await apiCpu.around(() =>
      enrollIdle(ctx, compounds.slice(from, from + perBlock), concurrency),
    );
    api.ms += apiBlock.elapsedMs;
    api.latencies.push(...apiBlock.latencies);
  }
  const apiRate = api.latencies.length / (api.ms / 1000);
  const rawRate = raw.latencies.length / (raw.ms / 1000);
  ctx.enrollPerSecond = apiRate;
  const ratio = apiRate / rawRate;
  const apiLatency = summarize(api.latencies);
  const rawLatency = summarize(raw.latencies);
  return {
    rows: [
      {
        scenario: `P1 enrollments (${api.latencies.length}, ${concurrency} in flight)`,
        measured: `${fmt.rate(apiRate)} POST /pilots (p50 ${fmt.ms(apiLatency.p50)})`,
        baseline: `${fmt.rate(rawRate)} raw workflow.start (p50 ${fmt.ms(rawLatency.p50)})`,
        ratio: fmt.ratio(ratio),
        goal: `≥ ${P1_GOAL}`,
        met: ratio >= P1_GOAL,
      },
    ],
    figures: {
      p1_enroll_ratio: round(ratio),
      p1_enrollments: api.latencies.length,
      p1_concurrency: concurrency,
      p1_api_per_s: round(apiRate),
      p1_raw_start_per_s: round(rawRate),
      p1_api_p50_ms: round(apiLatency.p50),
      p1_api_p99_ms: round(apiLatency.p99),
      p1_raw_start_p50_ms: round(rawLatency.p50),
      p1_raw_start_p99_ms: round(rawLatency.p99),
      // Where an enrollment's time goes: CPU per enrollment (per raw start) of each process.
      ...apiCpu.perUnit('p1_api_per_enrollment', api.latencies.length),
      ...rawCpu.perUnit('p1_raw_per_start', raw.latencies.length),
    },
  };
}

// P3 inspection submit: a firm's self-inspection through the API (the pilot workflow's Update,
// whose activity writes the result, its items and the audit entry), one at a time, against the
// baseline of a raw Temporal Update on a trivial workflow followed by one INSERT on PostgreSQL.
// API and baseline samples alternate, so both see the same machine.
import { randomUUID } from 'node:crypto';
import { RUNTIME_ROLE } from '@pilot/db';
import pg from 'pg';
import { BASELINE_TASK_QUEUE } from '../baseline/baseline-worker.js';
import { finishSignal, touchUpdate } from '../baseline/workflows.js';
import { fmt, type Outcome } from '../report/outcome.js';
import { at, waitUntil } from '../util/pool.js';
import { round, summarize, timed } from '../util/stats.js';
import type { BenchContext } from './context.js';
import { CpuMeter } from './cpu-meter.js';
import { openSelfCount, selfAnswers, submitSelf } from './self-inspection.js';

export const P3_GOAL = 2;
const WARM_UP = 3;
/** Trivial workflows the baseline's Updates go to in turn (the API's go to a different pilot each). */
const BASELINE_WORKFLOWS = 8;

export async function runP3(ctx: BenchContext): Promise<Outcome> {
  const samples = ctx.sizes.submissions;
  const needed = samples + WARM_UP;
  if (ctx.openSelfInspections.length < needed) {
    throw new Error(
      `P3 needs ${needed} pilots with an open self-inspection (P1 makes them); ${ctx.openSelfInspections.length} there`,
    );
  }
  const pilots = ctx.openSelfInspections.splice(0, needed);
  await waitUntil(
    async () => ((await openSelfCount(ctx, pilots)) === pilots.length ? true : undefined),
    'the self-inspections to open',
    120_000,
  );
  const items = await selfAnswers(ctx, at(pilots, 0));

  const run = randomUUID().slice(0, 8);
  const handles = await Promise.all(
    Array.from({ length: BASELINE_WORKFLOWS }, (_, i) =>
      ctx.temporal.workflow.start('updatableWorkflow', {
        taskQueue: BASELINE_TASK_QUEUE,
        workflowId: `bench-updatable-${run}-${i}`,
      }),
    ),
  );
  const { shape } = ctx.bench;
  // The runtime login and role, as the worker's activity writes with them.
  const db = new pg.Pool({
    connectionString: shape.database.runtimeUrl,
    max: 2,
    options: `-c role=${RUNTIME_ROLE}`,
  });
  const baseline = async (index: number): Promise<number> => {
    const { ms } = await timed(async () => {
      await at(handles, index % handles.length).executeUpdate(touchUpdate, { args: [index] });
      await db.query('INSERT INTO engine_probe (id, note) VALUES ($1, $2)', [randomUUID(), 'bench']);
    });
    return ms;
  };

  const api: number[] = [];
  const raw: number[] = [];
  const apiCpu = new CpuMeter(ctx);
  const rawCpu = new CpuMeter(ctx);
  try {
    for (let i = 0; i < WARM_UP; i++) {
      await submitSelf(ctx, at(pilots, i), items);
      await baseline(i);
    }
    for (let i = 0; i < samples; i++) {
      api.push(await apiCpu.around(() => submitSelf(ctx, at(pilots, WARM_UP + i), items)));
      raw.push(await rawCpu.around(() => baseline(WARM_UP + i)));
    }
  } finally {
    await Promise.all(handles.map((handle) => handle.signal(finishSignal)));
    await db.end();
  }
  const a = summarize(api);
  const b = summarize(raw);
  ctx.idleSubmitP50Ms = a.p50;
  const p50 = a.p50 / b.p50;
  const p99 = a.p99 / b.p99;
  const scenario = `P3 inspection submit (${samples}, one at a time)`;
  return {
    rows: [
      {
        scenario: `${scenario} p50`,
        measured: fmt.ms(a.p50),
        baseline: `${fmt.ms(b.p50)} raw Update + INSERT`,
        ratio: fmt.ratio(p50),
        goal: `≤ ${P3_GOAL}`,
        met: p50 <= P3_GOAL,
      },
      {
        scenario: `${scenario} p99`,
        measured: fmt.ms(a.p99),
        baseline: `${fmt.ms(b.p99)} raw Update + INSERT`,
        ratio: fmt.ratio(p99),
        goal: `≤ ${P3_GOAL}`,
        met: p99 <= P3_GOAL,
      },
    ],
    figures: {
      p3_submit_p50_ratio: round(p50),
      p3_submit_p99_ratio: round(p99),
      p3_samples: samples,
      p3_items_per_submission: items.length,
      p3_api_p50_ms: round(a.p50),
      p3_api_p99_ms: round(a.p99),
      p3_api_max_ms: round(a.max),
      p3_baseline_p50_ms: round(b.p50),
      p3_baseline_p99_ms: round(b.p99),
      ...apiCpu.perUnit('p3_api_per_submission', samples),
      ...rawCpu.perUnit('p3_baseline_per_sample', samples),
    },
  };
}

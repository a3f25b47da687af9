// P5 live pilots: N pilots running at once on one standalone worker. Reported: the worker's
// resident memory once they are all started and idle (and per pilot, projected to 10,000), the idle
// CPU of the worker, the API and the Temporal server, and a wake burst — pilots enrolled on a plan
// compressed so that all of them wake at the same instant (the last ones enrolled, on a rate
// measured just before) — with how long the worker takes to drain it and how long inspection
// submissions take meanwhile, against P3's idle figure.
import { enrollmentIdFor, pilotWorkflowId } from '@pilot/workflows/messages';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { WorkflowNotFoundError } from '@temporalio/client';
import { fmt, type Figure, type Outcome } from '../report/outcome.js';
import { ApiClient } from '../shape/api-client.js';
import type { BenchCompound } from '../shape/compounds.js';
import { at, runConcurrently, sleep } from '../util/pool.js';
import { cpuPercentOver, rssMiB } from '../util/proc.js';
import { round, summarize } from '../util/stats.js';
import type { BenchContext } from './context.js';
import { burstPlan, enrollBody, IDLE_PLAN } from './plans.js';
import { enrollIdle } from './p1-enroll.js';
import { cacheCostFigures } from './p5-cache-cost.js';
import { selfAnswers, sendSelf } from './self-inspection.js';
import { workerMemory } from '../probe/control.js';

export const P5_GOAL_MIB = 1024;
export const P5_GOAL_PILOTS = 10_000;
/** A burst pilot must be enrolled at least this long before the burst, or it gets the idle plan. */
const MIN_LEAD_MS = 15_000;
/** Fallback rate (per second) to plan the burst with when P1 did not run. */
const ASSUMED_ENROLL_RATE = 10;
const DRAIN_TIMEOUT_MS = 180_000;
/** Workflows of each kind the memory diagnostic starts. */
const CACHE_COST_SAMPLE = 300;
/** Idle enrollments between progress lines. */
const PROGRESS_EVERY = 200;
/** Fewer idle enrollments than this measure no rate worth planning with; P1's is used. */
const MIN_RATE_SAMPLE = 50;
const BURST_GOAL = 'none set (drains)';

/** The workflow cache and heap limit the (first) worker reported when it started. */
async function workerCache(ctx: BenchContext): Promise<{ cache: number; heapMiB: number }> {
  const log = await readFile(path.join(ctx.bench.stateDir, 'logs', 'worker-1.log'), 'utf8');
  const found = [...log.matchAll(/caching up to (\d+) pilots in a (\d+) MiB heap/g)].at(-1);
  if (!found) throw new Error('the worker did not say how many pilots it caches');
  return { cache: Number(found[1]), heapMiB: Number(found[2]) };
}

async function remindedCount(ctx: BenchContext, enrollmentIds: string[]) {
  const { rows } = await ctx.owner.query<{ reminded: number; first: Date | null; last: Date | null }>(
    `SELECT count(*)::int AS reminded, min("remindedAt") AS first, max("remindedAt") AS last
     FROM inspection_task
     WHERE "enrollmentId" = ANY($1) AND kind = 'self' AND "remindedAt" IS NOT NULL`,
    [enrollmentIds],
  );
  return rows[0] ?? { reminded: 0, first: null, last: null };
}

async function enrollForBurst(ctx: BenchContext, compounds: BenchCompound[], burstAt: number) {
  const burst: string[] = [];
  const idle: string[] = [];
  const { elapsedMs } = await runConcurrently(
    compounds.length,
    ctx.sizes.enrollConcurrency,
    async (index) => {
      const compound = at(compounds, index);
      const now = Date.now();
      const plan = burstAt - now >= MIN_LEAD_MS ? burstPlan(now, burstAt) : null;
      const answer = await ctx.coordinator.post('/pilots', enrollBody(compound, plan ?? IDLE_PLAN));
      ApiClient.expect(answer, 201, `enrollment of ${compound.id}`);
      (plan ? burst : idle).push(enrollmentIdFor(compound.id));
    },
  );
  return { burst, idle, elapsedMs };
}

export async function runP5(ctx: BenchContext): Promise<Outcome> {
  const { livePilots: target, idleSampleMs, enrollConcurrency } = ctx.sizes;
  const before = await rssMiB(ctx.workerPid());
  const memoryBefore = await workerMemory(ctx.bench.stateDir, ctx.workerPid());
  const alreadyLive = await liveCount(ctx);
  const toEnroll = Math.max(0, target - alreadyLive);
  const burstCount = Math.min(ctx.sizes.burstPilots, toEnroll);
  const compounds = await ctx.takeCompounds(toEnroll);
  const idleCompounds = compounds.slice(0, toEnroll - burstCount);
  ctx.say(
    `P5 enrolling ${toEnroll} pilots (${alreadyLive} live already), the last ${burstCount} for the burst`,
  );

  // The idle pilots first: their rate, measured now with this many pilots live, plans the burst.
  let rate = ctx.enrollPerSecond ?? ASSUMED_ENROLL_RATE;
  let enrollMs = 0;
  // The worker's RSS as pilots are added: whether it levels off once the cache is full.
  const rssByLive: Array<[live: number, rssMiB: number]> = [[alreadyLive, before]];
  for (let from = 0; from < idleCompounds.length; from += PROGRESS_EVERY) {
    const block = idleCompounds.slice(from, from + PROGRESS_EVERY);
    enrollMs += (await enrollIdle(ctx, block, enrollConcurrency)).elapsedMs;
    ctx.say(`P5 enrolled ${from + block.length}/${toEnroll}`);
    rssByLive.push([alreadyLive + from + block.length, await rssMiB(ctx.workerPid())]);
  }
  if (idleCompounds.length >= MIN_RATE_SAMPLE) rate = idleCompounds.length / (enrollMs / 1000);
  // Then the burst pilots, planned to wake after their enrollments (with room to spare), a pause
  // for the enrollments' own first wake-ups to settle, and the idle sample.
  const settleMs = 10_000;
  const burstAt = Date.now() + (burstCount / rate) * 1000 * 1.2 + 5_000 + settleMs + idleSampleMs + 3_000;
  ctx.say(
    `P5 enrolling the burst pilots; the burst is planned in ${Math.round((burstAt - Date.now()) / 1000)} s`,
  );
  const enrolled = await enrollForBurst(ctx, compounds.slice(idleCompounds.length), burstAt);
  enrollMs += enrolled.elapsedMs;
  const live = alreadyLive + toEnroll;

  // Idle: nothing is due until the burst; the enrollments' own first wake-ups have run.
  const idleFrom = Date.now() + settleMs;
  const idleMs = Math.min(idleSampleMs, burstAt - 3_000 - idleFrom);
  const { cache: workerCacheSize, heapMiB } = await workerCache(ctx);
  const figures: Record<string, Figure> = {
    p5_pilots: live,
    p5_enroll_per_s: round(toEnroll / (enrollMs / 1000)),
    p5_worker_rss_start_mb: round(ctx.workerRssAtStartMiB, 1),
    p5_worker_rss_before_mb: round(before, 1),
    p5_worker_cache_size: workerCacheSize,
    p5_worker_heap_limit_mb: heapMiB,
  };
  let idleNote = '';
  if (idleMs >= 3_000) {
    await sleep(idleFrom - Date.now());
    const [worker, api, temporal] = await Promise.all([
      cpuPercentOver(ctx.workerPid(), idleMs),
      cpuPercentOver(requirePid(ctx, 'api'), idleMs),
      cpuPercentOver(requirePid(ctx, 'temporal'), idleMs),
    ]);
    figures['p5_worker_idle_cpu_pct'] = round(worker, 1);
    figures['p5_api_idle_cpu_pct'] = round(api, 1);
    figures['p5_temporal_idle_cpu_pct'] = round(temporal, 1);
    figures['p5_idle_sample_s'] = round(idleMs / 1000, 1);
  } else {
    idleNote = ' (no idle window: enrolling took longer than planned)';
  }
  const memory = await workerMemory(ctx.bench.stateDir, ctx.workerPid());
  const added = live - alreadyLive;
  // The worker's main thread only: workflows run in a thread of their own, whose heap this cannot see.
  figures['p5_worker_main_heap_used_mb'] = memory.heapUsedMiB;
  figures['p5_worker_main_external_mb'] = memory.externalMiB;
  figures['p5_worker_main_heap_used_per_pilot_kb'] =
    added > 0 ? round(((memory.heapUsedMiB - memoryBefore.heapUsedMiB) * 1024) / added, 1) : null;
  const rss = await rssMiB(ctx.workerPid());
  figures['p5_worker_rss_mb'] = round(rss, 1);
  figures['p5_temporal_rss_mb'] = round(await rssMiB(requirePid(ctx, 'temporal')), 1);
  figures['p5_api_rss_mb'] = round(await rssMiB(requirePid(ctx, 'api')), 1);
  const perPilotMiB = added > 0 ? (rss - before) / added : null;
  rssByLive.push([live, rss]);
  // Extrapolated from the growth over the last pilots added, cached or not: past the cache an
  // evicted workflow's memory stays until the heap is under pressure, so only the heap limit stops
  // the growth (bench/README.md), and the last interval says whether it has.
  const [previousLive, previousRss] = at(rssByLive, rssByLive.length - 2);
  const lastPerPilotMiB = live > previousLive ? Math.max(0, rss - previousRss) / (live - previousLive) : null;
  const projected =
    lastPerPilotMiB === null ? null : rss + lastPerPilotMiB * Math.max(0, P5_GOAL_PILOTS - live);
  const cachedPerPilotMiB = added > 0 ? (rss - before) / Math.min(added, workerCacheSize) : null;
  figures['p5_worker_rss_per_pilot_kb'] = perPilotMiB === null ? null : round(perPilotMiB * 1024, 1);
  figures['p5_worker_rss_per_cached_pilot_kb'] =
    cachedPerPilotMiB === null ? null : round(cachedPerPilotMiB * 1024, 1);
  figures['p5_worker_rss_last_per_pilot_kb'] =
    lastPerPilotMiB === null ? null : round(lastPerPilotMiB * 1024, 1);
  figures['p5_worker_rss_by_live'] = rssByLive.map(([n, mib]) => `${n}:${Math.round(mib)}`).join(' ');
  figures['p5_worker_rss_projected_10k_mb'] = projected === null ? null : round(projected, 0);

  const burstRow = await wakeBurst(ctx, enrolled.burst, burstAt, figures);
  Object.assign(figures, await cacheCostFigures(ctx, CACHE_COST_SAMPLE));
  const judged = live >= P5_GOAL_PILOTS ? rss : projected;
  const rows = [
    {
      scenario: `P5 ${live} live pilots: worker RSS`,
      measured:
        `${rss.toFixed(0)} MiB` +
        (live < P5_GOAL_PILOTS && projected !== null
          ? ` (→ ${projected.toFixed(0)} MiB projected at 10,000)`
          : '') +
        idleNote,
      baseline: `${before.toFixed(0)} MiB with ${alreadyLive}`,
      ratio:
        cachedPerPilotMiB === null
          ? ''
          : `${(cachedPerPilotMiB * 1024).toFixed(0)} KiB/cached pilot, ${workerCacheSize} cached`,
      goal: `≤ ${P5_GOAL_MIB} MiB at 10,000`,
      met: judged === null ? null : judged <= P5_GOAL_MIB,
    },
    burstRow,
  ];
  return { rows, figures };
}

/** Ends the burst pilots' workflows: compressed, they would keep waking through later scenarios. */
async function terminateAll(ctx: BenchContext, enrollmentIds: string[]): Promise<void> {
  await runConcurrently(enrollmentIds.length, 8, async (index) => {
    const compoundId = at(enrollmentIds, index).replace(/^enr-/, '');
    await ctx.temporal.workflow
      .getHandle(pilotWorkflowId(compoundId))
      .terminate('bench: wake burst measured')
      .catch((error: unknown) => {
        if (!(error instanceof WorkflowNotFoundError)) throw error;
      });
  });
}

function requirePid(ctx: BenchContext, service: string): number {
  const pid = ctx.bench.shape.pid(service);
  if (pid === undefined) throw new Error(`${service} is not running`);
  return pid;
}

async function liveCount(ctx: BenchContext): Promise<number> {
  const { rows } = await ctx.owner.query<{ live: number }>(
    `SELECT count(*)::int AS live FROM enrollment WHERE status = 'active'`,
  );
  return rows[0]?.live ?? 0;
}

/**
 * The burst: from its instant, how long until every burst pilot's reminder is in the records, and
 * how long the reserved pilots' self-inspection submissions take meanwhile. The burst pilots are
 * terminated afterwards: compressed, they would keep waking through the later scenarios.
 */
async function wakeBurst(
  ctx: BenchContext,
  burst: string[],
  burstAt: number,
  figures: Record<string, Figure>,
): Promise<Outcome['rows'][number]> {
  figures['p5_burst_pilots'] = burst.length;
  const scenario = `P5 wake burst (${burst.length} pilots at once)`;
  if (burst.length === 0) {
    return {
      scenario,
      measured: 'no burst: no pilot was enrolled in time',
      baseline: '',
      ratio: '',
      goal: BURST_GOAL,
      met: null,
    };
  }
  const reserved = ctx.openSelfInspections.splice(0, ctx.sizes.burstSubmissions);
  const items = reserved.length > 0 ? await selfAnswers(ctx, at(reserved, 0)) : [];
  await sleep(burstAt - Date.now());
  let drainedAt: number | null = null;
  let stop = false;
  const watch = (async () => {
    const deadline = burstAt + DRAIN_TIMEOUT_MS;
    while (!stop && Date.now() < deadline) {
      if ((await remindedCount(ctx, burst)).reminded >= burst.length) {
        drainedAt = Date.now();
        return;
      }
      await sleep(200);
    }
  })();
  const latencies: number[] = [];
  const refused: string[] = [];
  let seen: Awaited<ReturnType<typeof remindedCount>>;
  try {
    for (const pilot of reserved) {
      if (drainedAt !== null) break;
      // A refusal under the burst (the API's 503 after its Update deadline) is a result, not a crash.
      const answer = await sendSelf(ctx, pilot, items);
      if (answer.status === 200) latencies.push(answer.ms);
      else refused.push(`HTTP ${answer.status} after ${(answer.ms / 1000).toFixed(1)} s`);
    }
    await watch;
    seen = await remindedCount(ctx, burst);
  } finally {
    stop = true;
    await watch.catch(() => undefined);
    await terminateAll(ctx, burst);
  }
  figures['p5_burst_reminded'] = seen.reminded;
  figures['p5_burst_drain_s'] = drainedAt === null ? null : round((drainedAt - burstAt) / 1000, 2);
  figures['p5_burst_wake_spread_s'] =
    seen.first && seen.last ? round((seen.last.getTime() - seen.first.getTime()) / 1000, 2) : null;
  figures['p5_burst_first_wake_late_s'] = seen.first
    ? round((seen.first.getTime() - burstAt) / 1000, 2)
    : null;
  const during = latencies.length > 0 ? summarize(latencies) : null;
  figures['p5_burst_submissions'] = latencies.length;
  figures['p5_burst_submissions_refused'] = refused.length;
  if (refused.length > 0) figures['p5_burst_refusals'] = refused.join('; ');
  figures['p5_burst_submit_p50_ms'] = during ? round(during.p50) : null;
  figures['p5_burst_submit_max_ms'] = during ? round(during.max) : null;
  const idle = ctx.idleSubmitP50Ms;
  const ratio = during && idle ? during.p50 / idle : null;
  figures['p5_burst_submit_p50_ratio'] = ratio === null ? null : round(ratio);
  const drained = drainedAt === null ? null : (drainedAt - burstAt) / 1000;
  return {
    scenario,
    measured:
      (drained === null
        ? `not drained in ${DRAIN_TIMEOUT_MS / 1000} s (${seen.reminded}/${burst.length})`
        : `drained in ${drained.toFixed(1)} s`) +
      (during ? `; submit p50 ${fmt.ms(during.p50)} (${latencies.length})` : '') +
      (refused.length > 0 ? `; ${refused.length} submissions refused (${refused[0]})` : ''),
    baseline: idle ? `submit p50 ${fmt.ms(idle)} idle (P3)` : '',
    ratio: ratio === null ? '' : fmt.ratio(ratio),
    goal: BURST_GOAL,
    // No goal is set for the burst; a burst that did not drain is a failure all the same.
    met: drained === null ? false : null,
  };
}

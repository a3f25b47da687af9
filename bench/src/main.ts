// `pnpm bench`: the scenario suite on the production shape. Each scenario is measured against a
// baseline in the same run; the table is printed at the end and the figures are written to
// bench/results/latest.json. Every scenario cleans up after itself, and the shape (processes,
// databases, logins) is taken down whatever happens.
import { fileURLToPath } from 'node:url';
import { parseBenchArgs, type BenchArgs, type ScenarioId } from './args.js';
import { failedOutcome, type Figure, type Outcome, type Row } from './report/outcome.js';
import { loadAverage, machineInfo, microFigures, resultsDocument, writeResults } from './report/results.js';
import { renderTable } from './report/table.js';
import { startBenchShape, type BenchShape } from './shape/bench-shape.js';
import { openContext, type BenchContext } from './scenarios/context.js';
import { P1_GOAL, runP1 } from './scenarios/p1-enroll.js';
import { P2_GOAL_EVENTS, runP2 } from './scenarios/p2-history.js';
import { P3_GOAL, runP3 } from './scenarios/p3-submit.js';
import { P4_GOAL_RATIO, runP4 } from './scenarios/p4-reads.js';
import { P5_GOAL_MIB, runP5 } from './scenarios/p5-live.js';
import { P6_GOAL, runP6 } from './scenarios/p6-audit.js';
import { P7_GOAL_RATIO, runP7 } from './scenarios/p7-public.js';
import { P8_GOAL_RATIO, runP8 } from './scenarios/p8-traces.js';

const DEFAULT_OUT = fileURLToPath(new URL('../results/latest.json', import.meta.url));

/** The scenarios on the shape, in the order they build on each other (see bench/README.md). */
const SHAPE_SCENARIOS: Array<{ id: ScenarioId; goal: string; run: (ctx: BenchContext) => Promise<Outcome> }> =
  [
    { id: 'p1', goal: `≥ ${P1_GOAL}`, run: runP1 },
    { id: 'p3', goal: `≤ ${P3_GOAL}`, run: runP3 },
    { id: 'p5', goal: `≤ ${P5_GOAL_MIB} MiB at 10,000`, run: runP5 },
    { id: 'p2', goal: `≤ ${P2_GOAL_EVENTS} events`, run: runP2 },
    { id: 'p4', goal: `≤ ${P4_GOAL_RATIO}`, run: runP4 },
    { id: 'p7', goal: `p99 ≤ ${P7_GOAL_RATIO}×`, run: runP7 },
    { id: 'p8', goal: `≤ ${P8_GOAL_RATIO}`, run: runP8 },
  ];

function say(message: string): void {
  const clock = new Date().toISOString().slice(11, 19);
  console.error(`[bench ${clock}] ${message}`);
}

function adminUrlFromEnv(): string {
  const url = (process.env['POSTGRES_ADMIN_URL'] ?? process.env['TEST_DATABASE_URL'])?.trim();
  if (!url) {
    throw new Error(
      'the bench runs on PostgreSQL: set POSTGRES_ADMIN_URL (or TEST_DATABASE_URL) to a login that may create roles and databases',
    );
  }
  return url;
}

async function postgresVersion(adminUrl: string): Promise<string> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return rows[0]?.server_version ?? 'unknown';
  } finally {
    await client.end();
  }
}

async function runOnShape(args: BenchArgs, adminUrl: string, outcomes: Outcome[]): Promise<void> {
  const wanted = SHAPE_SCENARIOS.filter((scenario) => args.only.has(scenario.id));
  if (wanted.length === 0) return;
  say(`bringing up the production shape (Temporal server on PostgreSQL, ${args.workers} worker(s), API)`);
  const bench: BenchShape = await startBenchShape({ adminUrl, workers: args.workers, say });
  say(
    `shape up in ${(bench.upMs / 1000).toFixed(1)} s: API ${bench.shape.apiUrl}, Temporal ${bench.shape.temporalAddress}`,
  );
  let ctx: BenchContext | undefined;
  const stop = () => {
    say('interrupted: taking the shape down');
    void bench.down({ keepState: true }).finally(() => process.exit(130));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    ctx = await openContext(bench, args.sizes, say);
    outcomes.push({ rows: [], figures: { shape_up_s: Math.round(bench.upMs / 100) / 10 } });
    for (const scenario of wanted) {
      say(`${scenario.id.toUpperCase()} …`);
      const started = Date.now();
      try {
        outcomes.push(await scenario.run(ctx));
      } catch (error) {
        say(
          `${scenario.id.toUpperCase()} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        outcomes.push(failedOutcome(scenario.id.toUpperCase(), error, scenario.goal));
      }
      const problems = bench.problems();
      if (problems.length > 0) throw new Error(`a service of the shape died: ${problems.join('; ')}`);
      outcomes.push({
        rows: [],
        figures: { [`${scenario.id}_scenario_s`]: Math.round((Date.now() - started) / 1000) },
      });
    }
  } finally {
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
    await ctx?.close().catch((error: unknown) => say(`closing the clients: ${String(error)}`));
    say('taking the shape down');
    await bench.down({ keepState: args.keepState });
  }
}

async function main(): Promise<void> {
  // A stray rejection must not end the process half-way through taking the shape down, which
  // would leave its services running; it is said, and the scenario that caused it fails on its own.
  process.on('unhandledRejection', (reason) => say(`unhandled rejection: ${String(reason)}`));
  const args = parseBenchArgs(process.argv.slice(2), DEFAULT_OUT);
  const adminUrl = adminUrlFromEnv();
  const startedAt = new Date();
  const loadStart = loadAverage();
  say(`size ${args.size}; scenarios ${[...args.only].join(', ')}; load average ${loadStart}`);
  const outcomes: Outcome[] = [];
  try {
    await runOnShape(args, adminUrl, outcomes);
  } catch (error) {
    say(`the shape failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    outcomes.push(failedOutcome('shape', error, ''));
  }
  if (args.only.has('p6')) {
    try {
      outcomes.push(await runP6(adminUrl, args.sizes.auditRunMs, say));
    } catch (error) {
      say(`P6 failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      outcomes.push(failedOutcome('P6', error, `≥ ${P6_GOAL}`));
    }
  }
  const figures: Record<string, Figure> = Object.assign({}, ...outcomes.map((o) => o.figures));
  if (args.microDir)
    Object.assign(figures, await microFigures(args.microDir, startedAt.getTime() - 60 * 60_000));
  figures['run_s'] = Math.round((Date.now() - startedAt.getTime()) / 1000);
  const machine = machineInfo({
    load_average_start: loadStart,
    temporal:
      'Temporal server 1.29.1 (infra/temporal/ensure-server.sh) on PostgreSQL — the production shape, not the dev server',
    postgres: await postgresVersion(adminUrl),
    size: args.size,
  });
  const rows: Row[] = outcomes.flatMap((o) => o.rows);
  await writeResults(args.out, resultsDocument(figures, machine, startedAt));
  console.log(
    `\nbench (${args.size}) on ${machine.cpus} cores, ${machine.temporal}; ${figures['run_s']} s\n`,
  );
  console.log(renderTable(rows));
  console.log(`\nresults: ${args.out}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

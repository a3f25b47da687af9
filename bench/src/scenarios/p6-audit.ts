// P6 audited writes on PostgreSQL with 1 and with 4 writer processes (real parallelism: separate
// Node processes, each one transaction at a time on streams of its own) on a scratch database made
// for the scenario and dropped after it. Scale-out = the 4 writers' rate over the one writer's.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deployMigrations, scratchPostgres, type DatabaseTarget } from '@pilot/db';
import { cpus } from 'node:os';
import pg from 'pg';
import { fmt, type Outcome } from '../report/outcome.js';
import { startNode, waitForLine, type NodeChild } from '../util/child.js';
import { sleep } from '../util/pool.js';
import { cpuSeconds } from '../util/proc.js';
import { round } from '../util/stats.js';

export const P6_GOAL = 3;
const ROUNDS = 2;
const WRITER_MAIN = fileURLToPath(new URL('./p6-writer-main.js', import.meta.url));

interface WriterReport {
  written: number;
  elapsedMs: number;
  cpuMs: number;
}

/** One run's totals; runs of a configuration add up. */
interface RunTotals {
  written: number;
  elapsedMs: number;
  /** CPU the writer processes spent. */
  writerCpuMs: number;
  /** CPU the writers' PostgreSQL backends spent over `sampledMs` (most of the run); null if unreadable. */
  postgresCpuMs: number | null;
  sampledMs: number;
}

function add(a: RunTotals, b: RunTotals): RunTotals {
  return {
    written: a.written + b.written,
    elapsedMs: a.elapsedMs + b.elapsedMs,
    writerCpuMs: a.writerCpuMs + b.writerCpuMs,
    postgresCpuMs:
      a.postgresCpuMs === null || b.postgresCpuMs === null ? null : a.postgresCpuMs + b.postgresCpuMs,
    sampledMs: a.sampledMs + b.sampledMs,
  };
}

const NONE: RunTotals = { written: 0, elapsedMs: 0, writerCpuMs: 0, postgresCpuMs: 0, sampledMs: 0 };

function perSecond(totals: RunTotals): number {
  return totals.written / (totals.elapsedMs / 1000);
}

/** CPU milliseconds per write of the writers and of PostgreSQL. */
function cpuPerWrite(totals: RunTotals): { writer: number; postgres: number | null } {
  const rate = perSecond(totals);
  return {
    writer: totals.writerCpuMs / totals.written,
    postgres:
      totals.postgresCpuMs === null ? null : totals.postgresCpuMs / (rate * (totals.sampledMs / 1000)),
  };
}

function isReport(value: unknown): value is WriterReport {
  return (
    typeof value === 'object' &&
    value !== null &&
    'written' in value &&
    typeof value.written === 'number' &&
    'elapsedMs' in value &&
    typeof value.elapsedMs === 'number' &&
    'cpuMs' in value &&
    typeof value.cpuMs === 'number'
  );
}

/** The server processes serving the scratch database's sessions (other than the asking one). */
async function backendPids(url: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    return rows.map((row) => row.pid);
  } finally {
    await client.end();
  }
}

async function totalCpu(pids: number[]): Promise<number | null> {
  try {
    const each = await Promise.all(pids.map((pid) => cpuSeconds(pid)));
    return each.reduce((sum, value) => sum + value, 0);
  } catch {
    // A server on another host (or a backend gone meanwhile): no CPU figure, the rate stands.
    return null;
  }
}

/** Runs `count` writers from one start instant; answers audited writes per second over all of them. */
async function writeWith(url: string, count: number, durationMs: number, tag: string): Promise<RunTotals> {
  const writers: NodeChild[] = [];
  const dir = await mkdtemp(path.join(tmpdir(), 'pilot-bench-p6-'));
  const startFile = path.join(dir, 'start');
  try {
    for (let i = 0; i < count; i++) {
      writers.push(
        startNode(WRITER_MAIN, {
          BENCH_DB_URL: url,
          BENCH_WRITER: `${tag}-${i}`,
          BENCH_START_FILE: startFile,
          BENCH_DURATION_MS: String(durationMs),
        }),
      );
    }
    // Everyone connects and warms up first; the start instant is set once all are ready.
    await Promise.all(writers.map((writer) => waitForLine(writer, /writer ready/, 60_000)));
    const startAt = Date.now() + 300;
    await writeFile(startFile, String(startAt));
    const pids = await backendPids(url);
    await sleep(startAt - Date.now());
    const pgBefore = await totalCpu(pids);
    const sampledFrom = Date.now();
    await sleep(durationMs * 0.9);
    const pgAfter = await totalCpu(pids);
    const sampledMs = Date.now() - sampledFrom;
    const codes = await Promise.all(writers.map((writer) => writer.exited));
    const reports = writers.map((writer, i) => {
      const line = writer.lines.find((l) => l.startsWith('{'));
      const parsed: unknown = line ? JSON.parse(line) : null;
      if (codes[i] !== 0 || !isReport(parsed))
        throw new Error(`writer ${i} failed:\n${writer.lines.join('\n')}`);
      return parsed;
    });
    const written = reports.reduce((sum, r) => sum + r.written, 0);
    const elapsedMs = Math.max(...reports.map((r) => r.elapsedMs));
    const writerCpuMs = reports.reduce((sum, r) => sum + r.cpuMs, 0);
    const postgresCpuMs = pgBefore === null || pgAfter === null ? null : (pgAfter - pgBefore) * 1000;
    return { written, elapsedMs, writerCpuMs, postgresCpuMs, sampledMs };
  } finally {
    await Promise.all(writers.map((writer) => writer.stop()));
    await rm(dir, { recursive: true, force: true });
  }
}

export async function runP6(
  adminUrl: string,
  durationMs: number,
  say: (m: string) => void,
): Promise<Outcome> {
  const scratch = await scratchPostgres(adminUrl);
  try {
    await deployMigrations(scratch.target);
    const url = urlOf(scratch.target);
    // Two rounds of each, alternating, so a change of load on a shared machine touches both alike.
    let oneTotals = NONE;
    let fourTotals = NONE;
    const runMs = durationMs / ROUNDS;
    for (let pass = 1; pass <= ROUNDS; pass++) {
      say(`P6 round ${pass}/${ROUNDS}: one writer, then four, ${runMs / 1000} s each`);
      oneTotals = add(oneTotals, await writeWith(url, 1, runMs, `one${pass}`));
      fourTotals = add(fourTotals, await writeWith(url, 4, runMs, `four${pass}`));
    }
    const one = { perSecond: perSecond(oneTotals), cpu: cpuPerWrite(oneTotals) };
    const four = { perSecond: perSecond(fourTotals), cpu: cpuPerWrite(fourTotals) };
    const scaleout = four.perSecond / one.perSecond;
    return {
      rows: [
        {
          scenario: 'P6 audited writes, 4 writer processes vs 1',
          measured: `${fmt.rate(four.perSecond)} with 4`,
          baseline: `${fmt.rate(one.perSecond)} with 1`,
          ratio: fmt.ratio(scaleout),
          goal: `≥ ${P6_GOAL}`,
          met: scaleout >= P6_GOAL,
        },
      ],
      figures: {
        p6_audit_scaleout: round(scaleout),
        p6_audit_per_s_1: round(one.perSecond, 1),
        p6_audit_per_s_4: round(four.perSecond, 1),
        p6_writer_cpu_ms_per_write_1: round(one.cpu.writer, 2),
        p6_writer_cpu_ms_per_write_4: round(four.cpu.writer, 2),
        p6_postgres_cpu_ms_per_write_1: one.cpu.postgres === null ? null : round(one.cpu.postgres, 2),
        p6_postgres_cpu_ms_per_write_4: four.cpu.postgres === null ? null : round(four.cpu.postgres, 2),
        // The most this machine's cores could give if each write cost what one writer's did and nothing else ran.
        p6_cpu_bound_per_s: round((cpus().length * 1000) / (one.cpu.writer + (one.cpu.postgres ?? 0)), 1),
        p6_run_s: durationMs / 1000,
      },
    };
  } finally {
    await scratch.drop();
  }
}

function urlOf(target: DatabaseTarget): string {
  if (target.kind !== 'postgres') throw new Error('P6 runs on PostgreSQL');
  return target.url;
}

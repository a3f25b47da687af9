// The bench's side of the probes (preload.ts): the environment that installs them, and the
// signals that switch the API's SQL capture on and off around one request or ask the worker for
// its memory report.
import { existsSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CapturedStatement } from '../sql/captured.js';
import { waitUntil } from '../util/pool.js';
import { outputFile, PROBE_SIGNAL, readyFile, stateFile } from './files.js';
import type { MemoryReport } from './memory-probe.js';

const PRELOAD = new URL('./preload.js', import.meta.url).href;

function probeDir(stateDir: string): string {
  return path.join(stateDir, 'probes');
}

/** What the API and the workers are started with so the probes are installed in them. */
export function probeEnv(stateDir: string): Record<string, string> {
  const dir = probeDir(stateDir);
  mkdirSync(dir, { recursive: true });
  const inherited = process.env['NODE_OPTIONS']?.trim();
  return {
    NODE_OPTIONS: [inherited, `--import=${PRELOAD}`].filter(Boolean).join(' '),
    BENCH_PROBE_DIR: dir,
  };
}

async function readState(file: string): Promise<string | undefined> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    return undefined;
  }
}

class Probe {
  private readonly dir: string;

  constructor(
    stateDir: string,
    private readonly pid: number,
  ) {
    this.dir = probeDir(stateDir);
  }

  /** The next session number; fails unless the process has the probe. */
  async nextSession(): Promise<number> {
    if (!existsSync(readyFile(this.dir, this.pid))) {
      throw new Error(`process ${this.pid} has no bench probe (see its log for "bench probe not installed")`);
    }
    const before = await readState(stateFile(this.dir, this.pid));
    return before ? Number(before.split(' ')[1]) + 1 : 1;
  }

  async signal(expect: string, what: string): Promise<void> {
    process.kill(this.pid, PROBE_SIGNAL);
    const file = stateFile(this.dir, this.pid);
    await waitUntil(async () => ((await readState(file)) === expect ? true : undefined), what, 5_000, 20);
  }

  async output(session: number): Promise<string> {
    return readFile(outputFile(this.dir, this.pid, session), 'utf8');
  }
}

/**
 * Runs `work` (one request to the API) with the capture on and answers every statement the API
 * sent meanwhile. Nothing else may talk to the API while it runs.
 */
export async function captureSql(
  stateDir: string,
  apiPid: number,
  work: () => Promise<void>,
): Promise<CapturedStatement[]> {
  const probe = new Probe(stateDir, apiPid);
  const session = await probe.nextSession();
  await probe.signal(`on ${session}`, 'the API’s SQL capture to switch on');
  try {
    await work();
  } finally {
    await probe.signal(`off ${session}`, 'the API’s SQL capture to switch off');
  }
  // Written by the probe from CapturedStatement values; the file is the bench's own.
  return JSON.parse(await probe.output(session)) as CapturedStatement[];
}

/** The worker's account of its memory (heap, outside the heap, V8 contexts). */
export async function workerMemory(stateDir: string, workerPid: number): Promise<MemoryReport> {
  const probe = new Probe(stateDir, workerPid);
  const session = await probe.nextSession();
  await probe.signal(`done ${session}`, 'the worker’s memory report');
  // Written by the probe from a MemoryReport; the file is the bench's own.
  return JSON.parse(await probe.output(session)) as MemoryReport;
}

// The production shape the scenarios run on: Temporal's own server on PostgreSQL, the records in
// PostgreSQL under the owner / runtime split, standalone worker processes and the API process, all
// started by infra's own helpers (infra/src/production-shape.ts). Its roles and databases carry a
// name of their own, so a bench never meets a developer's shape, a test's, or another bench.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  dropProductionShape,
  startProductionShape,
  type ProductionShape,
  type ShapeNames,
} from '@pilot/infra';
import { probeEnv } from '../probe/control.js';

export interface BenchShape {
  shape: ProductionShape;
  names: ShapeNames;
  /** Where the shape keeps its logs and secrets, and the SQL capture writes. */
  stateDir: string;
  /** How long the bring-up took, in milliseconds. */
  upMs: number;
  /** Services that died on their own since the start (a measurement after one is void). */
  problems(): string[];
  /** Stops every process, drops the databases and logins, removes the state folder. */
  down(options?: { keepState?: boolean }): Promise<void>;
}

/** Settings the bench gives the API and the workers on top of the shape's own. */
function benchServiceEnv(stateDir: string): Record<string, string> {
  return {
    // One client address sends every request of the bench; the production allowances are per person.
    RATE_LIMIT_PER_MINUTE: '100000',
    LOGIN_RATE_PER_MINUTE: '10000',
    WORKER_LOG_LEVEL: 'WARN',
    ...probeEnv(stateDir),
  };
}

export async function startBenchShape(options: {
  adminUrl: string;
  workers: number;
  say: (message: string) => void;
}): Promise<BenchShape> {
  const id = randomBytes(4).toString('hex');
  const names: ShapeNames = {
    temporalRole: `temporal_bench_${id}`,
    temporalDatabase: `temporal_bench_${id}`,
    visibilityDatabase: `temporal_visibility_bench_${id}`,
    appDatabase: `pilot_bench_${id}`,
    ownerRole: `pilot_owner_bench_${id}`,
    runtimeRole: `pilot_app_bench_${id}`,
  };
  const stateDir = await mkdtemp(path.join(tmpdir(), 'pilot-bench-'));
  const fatal: string[] = [];
  const started = performance.now();
  let shape: ProductionShape;
  try {
    shape = await startProductionShape({
      adminUrl: options.adminUrl,
      stateDir,
      names,
      workers: options.workers,
      demoData: 'keep-passwords',
      // A crash during a measurement must show as a failure, not be hidden by a quiet restart.
      restart: false,
      onFatal: (reason) => fatal.push(reason),
      serviceEnv: benchServiceEnv(stateDir),
      say: (message) => options.say(`shape: ${message}`),
    });
  } catch (error) {
    await dropProductionShape(options.adminUrl, names).catch(() => undefined);
    options.say(`shape: logs kept in ${stateDir}`);
    throw error;
  }
  const upMs = performance.now() - started;
  let done: Promise<void> | undefined;
  const down = (downOptions: { keepState?: boolean } = {}): Promise<void> =>
    (done ??= (async () => {
      await shape.stop();
      await dropProductionShape(options.adminUrl, names);
      if (fatal.length > 0 || downOptions.keepState) {
        options.say(`shape: ${fatal.join('; ') || 'stopped'}; logs kept in ${stateDir}`);
      } else {
        await rm(stateDir, { recursive: true, force: true });
      }
    })());
  return { shape, names, stateDir, upMs, problems: () => [...fatal], down };
}

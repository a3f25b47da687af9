// Test harness: a real Temporal server (time-skipping or dev), a migrated scratch database and a
// worker running the real bundle and activities. Nothing here is a fake of an engine.
import {
  createPilotWorker,
  ensureSearchAttributes,
  installWorkerRuntime,
  type Worker,
} from '@pilot/activities/worker';
import {
  deployMigrations,
  openDatabase,
  scratchPglite,
  type Database,
  type ScratchDatabase,
} from '@pilot/db';
import { createDevServerEnvironment, createTimeSkippingEnvironment } from '@pilot/infra';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { workflowBundlePath } from '../bundle-path.js';
import { searchAttributes } from '../messages.js';

export interface Harness {
  env: TestWorkflowEnvironment;
  db: Database;
  worker: Worker;
  taskQueue: string;
  /** Runs `fn` while the worker polls, then stops the worker. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function createHarness(kind: 'time-skipping' | 'dev-server'): Promise<Harness> {
  // Keep test output readable: the worker's own lifecycle logs only when something is wrong.
  installWorkerRuntime('WARN');
  const scratch: ScratchDatabase = await scratchPglite();
  const cleanup: Array<() => Promise<void>> = [() => scratch.drop()];
  const close = async () => {
    for (const step of cleanup.reverse()) await step();
  };
  try {
    await deployMigrations(scratch.target);
    const db = await openDatabase(scratch.target);
    cleanup.push(() => db.close());
    const env =
      kind === 'time-skipping' ? await createTimeSkippingEnvironment() : await createDevServerEnvironment();
    cleanup.push(() => env.teardown());
    const namespace = env.namespace ?? 'default';
    if (kind === 'dev-server') {
      await ensureSearchAttributes(env.nativeConnection, namespace, Object.values(searchAttributes));
    }
    const taskQueue = `test-${kind}-${process.pid}`;
    const worker = await createPilotWorker({
      connection: env.nativeConnection,
      namespace,
      taskQueue,
      workflowBundlePath,
      prisma: db.prisma,
    });
    return { env, db, worker, taskQueue, run: (fn) => worker.runUntil(fn), close };
  } catch (error) {
    // A half-built harness must not leave a server process behind.
    await close();
    throw error;
  }
}

// Test harness: a real Temporal server (time-skipping or dev), a migrated scratch database and a
// worker running the real bundle and activities. Nothing here is a fake of an engine.
import { createPilotWorker, ensureSearchAttributes, type Worker } from '@pilot/activities/worker';
import { deployMigrations, openDatabase, scratchPglite, type Database, type ScratchDatabase } from '@pilot/db';
import { createDevServerEnvironment, createTimeSkippingEnvironment } from '@pilot/infra';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
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

let runtimeInstalled = false;

export async function createHarness(kind: 'time-skipping' | 'dev-server'): Promise<Harness> {
  if (!runtimeInstalled) {
    // Keep test output readable: the worker's own lifecycle logs only when something is wrong.
    Runtime.install({ logger: new DefaultLogger('WARN') });
    runtimeInstalled = true;
  }
  const scratch: ScratchDatabase = await scratchPglite();
  await deployMigrations(scratch.target);
  const db = await openDatabase(scratch.target);
  const env =
    kind === 'time-skipping' ? await createTimeSkippingEnvironment() : await createDevServerEnvironment();
  if (kind === 'dev-server') {
    await ensureSearchAttributes(env.nativeConnection, env.namespace ?? 'default', Object.values(searchAttributes));
  }
  const taskQueue = `test-${kind}-${process.pid}`;
  const worker = await createPilotWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowBundlePath,
    prisma: db.prisma,
  });
  return {
    env,
    db,
    worker,
    taskQueue,
    run: (fn) => worker.runUntil(fn),
    close: async () => {
      await env.teardown();
      await db.close();
      await scratch.drop();
    },
  };
}

// Test harness: a real Temporal server (time-skipping or dev), a migrated and seeded scratch
// database, file storage in a temp folder, and a worker running the real bundle and activities.
// Nothing here is a fake of an engine.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createPilotWorker,
  ensureSearchAttributes,
  installWorkerRuntime,
  type PilotWorker,
} from '@pilot/activities/worker';
import {
  createFileStorage,
  defaultAuditKeyring,
  RUNTIME_ROLE,
  seedDemoDatabaseForTest,
  openDatabase,
  type BlobStorage,
  type Database,
} from '@pilot/db';
import { createDevServerEnvironment, createTimeSkippingEnvironment } from '@pilot/infra';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { workflowBundlePath } from '../bundle-path.js';
import { pilotStarter } from '../client.js';
import { scheduledWorkQueue, searchAttributes } from '../messages.js';

export interface Harness {
  env: TestWorkflowEnvironment;
  db: Database;
  storage: BlobStorage;
  worker: PilotWorker;
  taskQueue: string;
  /**
   * Runs `fn` as the database owner (a test playing an attacker who holds the database): PGlite's one
   * session sets the runtime role back afterwards.
   */
  asOwner<T>(fn: (prisma: Database['prisma']) => Promise<T>): Promise<T>;
  /** Runs `fn` while the worker polls, then stops the worker. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function createHarness(kind: 'time-skipping' | 'dev-server'): Promise<Harness> {
  // Keep test output readable: the worker's own lifecycle logs only when something is wrong.
  installWorkerRuntime('WARN');
  const root = await mkdtemp(path.join(tmpdir(), 'pilot-wf-'));
  const cleanup: Array<() => Promise<void>> = [() => rm(root, { recursive: true, force: true })];
  const close = async () => {
    for (const step of cleanup.reverse()) await step();
  };
  try {
    const target = { kind: 'pglite' as const, dataDir: path.join(root, 'pglite') };
    // The governance history (closed matters, patrols, meetings) is left out: no workflow test reads it.
    await seedDemoDatabaseForTest(target, { governanceHistory: false });
    // As the API and workers run: the runtime role, which may only append to the audit log.
    const db = await openDatabase(target, { asRuntime: true });
    cleanup.push(() => db.close());
    const storage = createFileStorage(path.join(root, 'files'));
    const env =
      kind === 'time-skipping' ? await createTimeSkippingEnvironment() : await createDevServerEnvironment();
    cleanup.push(() => env.teardown());
    const namespace = env.namespace ?? 'default';
    await ensureSearchAttributes(env.nativeConnection, namespace, Object.values(searchAttributes));
    const taskQueue = `test-${kind}-${process.pid}`;
    const worker = await createPilotWorker({
      connection: env.nativeConnection,
      namespace,
      taskQueue,
      scheduledTaskQueue: scheduledWorkQueue(taskQueue),
      workflowBundlePath,
      prisma: db.prisma,
      storage,
      audit: (await defaultAuditKeyring()).signer,
      startPilot: pilotStarter(env.client, taskQueue),
    });
    const asOwner = async <T>(fn: (prisma: Database['prisma']) => Promise<T>): Promise<T> => {
      await db.prisma.$executeRawUnsafe('RESET ROLE');
      try {
        return await fn(db.prisma);
      } finally {
        await db.prisma.$executeRawUnsafe(`SET ROLE ${RUNTIME_ROLE}`);
      }
    };
    return { env, db, storage, worker, taskQueue, asOwner, run: (fn) => worker.runUntil(fn), close };
  } catch (error) {
    // A half-built harness must not leave a server process behind.
    await close();
    throw error;
  }
}

import {
  createPilotWorker,
  ensureSearchAttributes,
  installWorkerRuntime,
  NativeConnection,
  type Worker,
} from '@pilot/activities/worker';
import {
  createFileStorage,
  dataRoot,
  defaultAuditKeyring,
  describeTarget,
  openDatabase,
  targetFromEnv,
  type BlobStorage,
  type Database,
} from '@pilot/db';
import { searchAttributes, TASK_QUEUE } from '@pilot/workflows/messages';
import { workflowBundlePath } from '@pilot/workflows/bundle';
import { ensureAuditAnchorSoon, pilotStarter } from '@pilot/workflows/client';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { ApiConfig } from './config.js';
import type { PlatformDependencies } from './platform/platform.module.js';

export interface ApiRuntime {
  deps: PlatformDependencies;
  describe: string[];
  close(): Promise<void>;
}

/**
 * Opens the database and the Temporal connection; with the embedded worker (PGlite serves one
 * process) also runs the pilot worker in this process. Temporal is connected lazily so the API can
 * start, and report itself unhealthy, while Temporal is down.
 */
export async function openRuntime(config: ApiConfig): Promise<ApiRuntime> {
  const target = targetFromEnv({
    ...(config.databaseUrl ? { DATABASE_URL: config.databaseUrl } : {}),
    ...(config.dataDir ? { PILOT_DATA_DIR: config.dataDir } : {}),
  });
  const db: Database = await openDatabase(target);
  const audit = await defaultAuditKeyring();
  const storage: BlobStorage = createFileStorage(
    config.storageDir ??
      path.join(dataRoot(config.dataDir ? { PILOT_DATA_DIR: config.dataDir } : {}), 'files'),
  );
  const temporalConnection = Connection.lazy({ address: config.temporal.address, tls: config.temporal.tls });
  const temporalClient = new Client({ connection: temporalConnection, namespace: config.temporal.namespace });
  const taskQueue = config.temporal.taskQueue ?? TASK_QUEUE;
  const describe = [
    `database: ${describeTarget(target)}`,
    `temporal: ${config.temporal.address}/${config.temporal.namespace}`,
  ];

  const stopAnchor = new AbortController();
  let worker: Worker | undefined;
  let workerRun: Promise<void> | undefined;
  if (config.embeddedWorker) {
    installWorkerRuntime(
      config.logLevel === 'debug' || config.logLevel === 'verbose'
        ? 'DEBUG'
        : config.logLevel === 'log'
          ? 'INFO'
          : 'WARN',
    );
    const native = await NativeConnection.connect({
      address: config.temporal.address,
      tls: config.temporal.tls,
    });
    await ensureSearchAttributes(native, config.temporal.namespace, Object.values(searchAttributes));
    worker = await createPilotWorker({
      connection: native,
      namespace: config.temporal.namespace,
      taskQueue,
      workflowBundlePath,
      prisma: db.prisma,
      storage,
      audit: audit.signer,
      startPilot: pilotStarter(temporalClient, taskQueue),
      identity: `embedded@${process.pid}`,
    });
    workerRun = worker.run().finally(() => native.close());
    void ensureAuditAnchorSoon(temporalClient, taskQueue, {
      intervalMinutes: config.auditAnchorMinutes,
      signal: stopAnchor.signal,
    });
    describe.push(`worker: embedded on task queue "${taskQueue}"`);
  }

  return {
    deps: { config, prisma: db.prisma, storage, temporalConnection, temporalClient, taskQueue, audit },
    describe,
    close: async () => {
      stopAnchor.abort();
      if (worker && worker.getState() === 'RUNNING') worker.shutdown();
      await workerRun;
      await temporalConnection.close();
      await db.close();
    },
  };
}

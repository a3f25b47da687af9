import {
  createPilotWorker,
  ensureSearchAttributes,
  installWorkerRuntime,
  NativeConnection,
  type PilotWorker,
} from '@pilot/activities/worker';
import {
  createFileStorage,
  dataRoot,
  canRewriteAudit,
  defaultAuditKeyring,
  describeTarget,
  openDatabase,
  targetFromEnv,
  type BlobStorage,
  type Database,
} from '@pilot/db';
import { configuredChannels } from '@pilot/domain';
import {
  noticeDeliveryQueue,
  scheduledWorkQueue,
  searchAttributes,
  TASK_QUEUE,
} from '@pilot/workflows/messages';
import { workflowBundlePath } from '@pilot/workflows/bundle';
import { ensureAuditAnchorSoon, noticeDeliveryStarter, pilotStarter } from '@pilot/workflows/client';
import path from 'node:path';
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import type { ApiConfig } from './config.js';
import { describeCjkFont } from './printing/cjk-font.js';
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
  // The running API acts as the runtime role: it may add audit entries, never change or remove them.
  const db: Database = await openDatabase(target, { asRuntime: true, poolSize: config.dbPoolSize });
  // Checked in the background: the API starts (and reports itself unhealthy) while the database is away.
  void canRewriteAudit(db.prisma).then(
    (can) => {
      if (can)
        console.warn(
          'warning: the database login can change audit entries; connect as the runtime role (see README, 审计)',
        );
    },
    () => undefined,
  );
  const audit = await defaultAuditKeyring();
  const storage: BlobStorage = createFileStorage(
    config.storageDir ??
      path.join(dataRoot(config.dataDir ? { PILOT_DATA_DIR: config.dataDir } : {}), 'files'),
  );
  const retries = closableRetries();
  const temporalConnection = Connection.lazy({
    address: config.temporal.address,
    tls: config.temporal.tls,
    interceptors: [retries.interceptor],
  });
  const temporalClient = new Client({ connection: temporalConnection, namespace: config.temporal.namespace });
  const taskQueue = config.temporal.taskQueue ?? TASK_QUEUE;
  const describe = [
    `database: ${describeTarget(target)}`,
    `temporal: ${config.temporal.address}/${config.temporal.namespace}`,
    describeCjkFont(),
  ];

  const stopAnchor = new AbortController();
  let worker: PilotWorker | undefined;
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
      scheduledTaskQueue: scheduledWorkQueue(taskQueue),
      workflowBundlePath,
      prisma: db.prisma,
      storage,
      audit: audit.signer,
      startPilot: pilotStarter(temporalClient, taskQueue),
      notices: { settings: config.notices, startDelivery: noticeDeliveryStarter(temporalClient, taskQueue) },
      noticeTaskQueue: noticeDeliveryQueue(taskQueue),
      identity: `embedded@${process.pid}`,
    });
    workerRun = worker.run().finally(() => native.close());
    void ensureAuditAnchorSoon(temporalClient, taskQueue, {
      intervalMinutes: config.auditAnchorMinutes,
      signal: stopAnchor.signal,
    });
    describe.push(`worker: embedded on task queue "${taskQueue}"`);
    const channels = configuredChannels(config.notices);
    describe.push(`notices: inbox${channels.map((channel) => `, ${channel}`).join('')}`);
  }

  return {
    deps: { config, prisma: db.prisma, storage, temporalConnection, temporalClient, taskQueue, audit },
    describe,
    close: async () => {
      stopAnchor.abort();
      if (worker && worker.getState() === 'RUNNING') worker.shutdown();
      await workerRun;
      await retries.drain();
      await temporalConnection.close();
      await db.close();
    },
  };
}

/**
 * The client's usual retries of unavailable calls, except that once the API is closing none is
 * scheduled any more, and closing waits for those already scheduled: a retry that fired after the
 * connection closed would throw where nothing can catch it (while Temporal was down, say).
 */
function closableRetries() {
  const defaults = defaultGrpcRetryOptions();
  let closing = false;
  let pendingUntil = 0;
  return {
    interceptor: makeGrpcRetryInterceptor({
      retryableDecider: (attempt, status) => !closing && defaults.retryableDecider(attempt, status),
      delayFunction: (attempt, status) => {
        const delay = defaults.delayFunction(attempt, status);
        pendingUntil = Math.max(pendingUntil, Date.now() + delay);
        return delay;
      },
    }),
    drain: async () => {
      closing = true;
      const wait = pendingUntil - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 50));
    },
  };
}

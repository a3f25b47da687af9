// The standalone worker: scale these horizontally on the task queue in production (with PostgreSQL).
// In the embedded mode the API runs the same worker in-process, because PGlite serves one process.
import {
  cachedWorkflowsFor,
  createPilotWorker,
  ensureSearchAttributes,
  installWorkerRuntime,
  NativeConnection,
} from '@pilot/activities/worker';
import {
  createFileStorage,
  dataRoot,
  defaultAuditKeyring,
  describeTarget,
  openDatabase,
  targetFromEnv,
} from '@pilot/db';
import { workflowBundlePath } from '@pilot/workflows/bundle';
import { ensureAuditAnchorSoon, noticeDeliveryStarter, pilotStarter } from '@pilot/workflows/client';
import { configuredChannels, noticeEnvSchema } from '@pilot/domain';
import { Client, Connection } from '@temporalio/client';
import path from 'node:path';
import { getHeapStatistics } from 'node:v8';
import {
  noticeDeliveryQueue,
  scheduledWorkQueue,
  searchAttributes,
  TASK_QUEUE,
} from '@pilot/workflows/messages';
import { z } from 'zod';

const Env = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
    .optional(),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^:\s]+:\d+$/, 'must be host:port')
    .default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TLS: z.enum(['true', 'false']).default('false'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(TASK_QUEUE),
  /** Where archives (and evidence) are stored; defaults to the data folder's files/. */
  PILOT_STORAGE_DIR: z.string().min(1).optional(),
  WORKER_LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']).default('INFO'),
  /** PostgreSQL connections of this worker. */
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Minutes between audit checkpoints, each anchored in the anchor workflow's history. */
  AUDIT_ANCHOR_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
  /** A file every anchor is also appended to, e.g. on write-once storage. */
  AUDIT_ANCHOR_FILE: z.string().min(1).optional(),
  /** Pilot workflows kept in memory (each replays from its history when evicted); from the heap limit when unset. */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(2).optional(),
  /** Timer-driven writes (tasks opening, reminders, 漏检) dispatched per second across all workers. */
  SCHEDULED_ACTIVITIES_PER_SECOND: z.coerce.number().positive().default(50),
});

async function main(): Promise<void> {
  const parsed = Env.safeParse(process.env);
  // SMTP_*, WECOM_*, DINGTALK_*: the channels notices go out on besides the inbox (none by default).
  const noticeEnv = noticeEnvSchema.safeParse(process.env);
  if (!parsed.success || !noticeEnv.success) {
    const issues = [...(parsed.error?.issues ?? []), ...(noticeEnv.error?.issues ?? [])];
    throw new Error(
      `invalid configuration:\n${issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  }
  const env = parsed.data;
  const notices = noticeEnv.data;
  installWorkerRuntime(env.WORKER_LOG_LEVEL);
  const target = targetFromEnv(process.env);
  const db = await openDatabase(target, { asRuntime: true, poolSize: env.DB_POOL_SIZE });
  const connection = await NativeConnection.connect({
    address: env.TEMPORAL_ADDRESS,
    tls: env.TEMPORAL_TLS === 'true',
  });
  await ensureSearchAttributes(connection, env.TEMPORAL_NAMESPACE, Object.values(searchAttributes));
  // Rollouts start further pilots from an activity, through an ordinary client connection.
  const clientConnection = await Connection.connect({
    address: env.TEMPORAL_ADDRESS,
    tls: env.TEMPORAL_TLS === 'true',
  });
  const client = new Client({ connection: clientConnection, namespace: env.TEMPORAL_NAMESPACE });
  const heapLimitMiB = Math.round(getHeapStatistics().heap_size_limit / 2 ** 20);
  const maxCachedWorkflows = env.WORKER_MAX_CACHED_WORKFLOWS ?? cachedWorkflowsFor(heapLimitMiB);
  const worker = await createPilotWorker({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    scheduledTaskQueue: scheduledWorkQueue(env.TEMPORAL_TASK_QUEUE),
    scheduledActivitiesPerSecond: env.SCHEDULED_ACTIVITIES_PER_SECOND,
    maxCachedWorkflows,
    workflowBundlePath,
    prisma: db.prisma,
    storage: createFileStorage(env.PILOT_STORAGE_DIR ?? path.join(dataRoot(), 'files')),
    audit: (await defaultAuditKeyring()).signer,
    ...(env.AUDIT_ANCHOR_FILE ? { auditAnchorFile: env.AUDIT_ANCHOR_FILE } : {}),
    startPilot: pilotStarter(client, env.TEMPORAL_TASK_QUEUE),
    notices: { settings: notices, startDelivery: noticeDeliveryStarter(client, env.TEMPORAL_TASK_QUEUE) },
    noticeTaskQueue: noticeDeliveryQueue(env.TEMPORAL_TASK_QUEUE),
  });
  const channelList = ['inbox', ...configuredChannels(notices)].join(', ');
  console.log(
    JSON.stringify({
      level: 'log',
      message: `worker polling "${env.TEMPORAL_TASK_QUEUE}" on ${env.TEMPORAL_ADDRESS}; ${describeTarget(target)}; caching up to ${maxCachedWorkflows} pilots in a ${heapLimitMiB} MiB heap; notices: ${channelList}`,
    }),
  );
  const stopAnchor = new AbortController();
  void ensureAuditAnchorSoon(client, env.TEMPORAL_TASK_QUEUE, {
    intervalMinutes: env.AUDIT_ANCHOR_MINUTES,
    signal: stopAnchor.signal,
    onError: (error) =>
      console.log(
        JSON.stringify({ level: 'warn', message: `audit anchor not started yet: ${String(error)}` }),
      ),
  });
  // Worker.run() installs SIGINT/SIGTERM handlers that drain in-flight tasks before resolving.
  try {
    await worker.run();
  } finally {
    stopAnchor.abort();
    await clientConnection.close();
    await connection.close();
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

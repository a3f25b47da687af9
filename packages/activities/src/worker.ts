import { DefaultLogger, NativeConnection, Runtime, Worker, type Logger } from '@temporalio/worker';
import type { ActivityDependencies } from './index.js';
import { createActivities } from './index.js';

export interface PilotWorkerOptions extends ActivityDependencies {
  connection: NativeConnection;
  namespace?: string;
  taskQueue: string;
  /** The prebuilt bundle from @pilot/workflows/bundle. */
  workflowBundlePath: string;
  /** Seconds in-flight activities get to finish when the worker is asked to stop. */
  shutdownGraceTime?: string;
  /** Tells the worker what `identity` to report, e.g. to tell embedded and standalone workers apart. */
  identity?: string;
}

/** One place that decides how a pilot worker is built, used by apps/worker, apps/api (embedded) and tests. */
export function createPilotWorker(options: PilotWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue,
    workflowBundle: { codePath: options.workflowBundlePath },
    activities: createActivities(options),
    shutdownGraceTime: options.shutdownGraceTime ?? '10 seconds',
    ...(options.identity ? { identity: options.identity } : {}),
  });
}

export { NativeConnection, Worker, type Logger };
export { ensureSearchAttributes } from './search-attributes.js';

let runtimeLogLevel: string | undefined;

/**
 * Routes the Temporal worker runtime's own logs at the given level. The runtime can be installed once
 * per process, so later calls with another level are ignored.
 */
export function installWorkerRuntime(level: 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR'): void {
  if (runtimeLogLevel) return;
  runtimeLogLevel = level;
  try {
    Runtime.install({ logger: new DefaultLogger(level) });
  } catch (error) {
    // Something (a test environment, a client) already created the runtime with its own logger;
    // that one stays, which only changes how verbose the worker's own logs are.
    if (!(error instanceof Error && error.name === 'IllegalStateError')) throw error;
  }
}

import { DefaultLogger, NativeConnection, Runtime, Worker, type Logger } from '@temporalio/worker';
import type { ActivityDependencies } from './index.js';
import { createActivities } from './index.js';

export interface PilotWorkerOptions extends ActivityDependencies {
  connection: NativeConnection;
  namespace?: string;
  taskQueue: string;
  /**
   * The queue of the pilots' timer-driven writes (@pilot/workflows' scheduledWorkQueue of
   * `taskQueue`), polled by an activity-only worker with its own rate limit.
   */
  scheduledTaskQueue: string;
  /** Activities per second the scheduled-work queue dispatches, across all workers (server-side). */
  scheduledActivitiesPerSecond?: number;
  /**
   * The queue of the notice deliveries' sending (@pilot/workflows' noticeDeliveryQueue of
   * `taskQueue`), polled by an activity-only worker of its own so an SMTP server or webhook that
   * hangs holds only its few slots, never those of the pilots. Without it this worker sends nothing.
   */
  noticeTaskQueue?: string;
  /** Workflows kept in memory; the SDK sizes it from the heap when unset. */
  maxCachedWorkflows?: number;
  /** The prebuilt bundle from @pilot/workflows/bundle. */
  workflowBundlePath: string;
  /** Seconds in-flight activities get to finish when the worker is asked to stop. */
  shutdownGraceTime?: string;
  /** Tells the worker what `identity` to report, e.g. to tell embedded and standalone workers apart. */
  identity?: string;
}

/**
 * A pilot worker: the pilot queue (workflows and the activities people's requests wait for) and
 * the scheduled-work queue (activities of wake-ups), run and stopped together.
 */
export class PilotWorker {
  constructor(
    private readonly main: Worker,
    private readonly scheduled: Worker,
    private readonly notices: Worker | null = null,
  ) {}

  private workers(): Worker[] {
    return this.notices ? [this.main, this.scheduled, this.notices] : [this.main, this.scheduled];
  }

  /**
   * Runs all until shutdown() or a signal; a failure of one stops the others. Side by side rather
   * than nested in runUntil: a nested worker must be done within 0 ms of the outer one, which a
   * third worker still finishing an SMTP attempt is not.
   */
  async run(): Promise<void> {
    const results = await Promise.allSettled(
      this.workers().map((worker) =>
        worker.run().catch((error: unknown) => {
          this.shutdown();
          throw error;
        }),
      ),
    );
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Runs all until `fn` settles, then stops them (tests); a worker failing first fails it. */
  async runUntil<T>(fn: () => Promise<T>): Promise<T> {
    const running = this.run();
    try {
      return await Promise.race([
        fn(),
        running.then(() => {
          throw new Error('the worker stopped before the work was done');
        }),
      ]);
    } finally {
      this.shutdown();
      await running;
    }
  }

  getState(): ReturnType<Worker['getState']> {
    return this.main.getState();
  }

  shutdown(): void {
    for (const worker of this.workers().reverse()) {
      if (worker.getState() === 'RUNNING') worker.shutdown();
    }
  }
}

/** Sends one worker makes at once; notices come a few at a time, and each send has its timeouts. */
const NOTICE_SENDS_AT_ONCE = 8;

/**
 * What one cached pilot holds in the workflow thread's heap (bench P5 with the tree-shaken bundle:
 * 1.9 MiB per cached pilot; bench/diagnostics/bundle-memory: 1.87 MiB for its imports alone).
 */
export const CACHED_PILOT_MIB = 2;
/** The part of the heap the cache may fill; the rest is for the activations' own garbage. */
const CACHE_SHARE_OF_HEAP = 0.7;

/**
 * How many pilots a worker keeps cached, from its heap limit (`node --max-old-space-size`, which
 * every isolate of the process gets, the workflow thread's included). An evicted pilot costs a
 * replay of its bounded history on its next wake-up or query instead. The limit matters as much as
 * the cache: V8 gives an evicted workflow's memory back only under heap pressure, so a worker
 * with the machine's default limit grows far past its cache (bench/README.md, P5).
 */
export function cachedWorkflowsFor(heapLimitMiB: number): number {
  return Math.max(Math.floor((heapLimitMiB * CACHE_SHARE_OF_HEAP) / CACHED_PILOT_MIB), 10);
}

/** One place that decides how a pilot worker is built, used by apps/worker, apps/api (embedded) and tests. */
export async function createPilotWorker(options: PilotWorkerOptions): Promise<PilotWorker> {
  const activities = createActivities(options);
  const common = {
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    activities,
    shutdownGraceTime: options.shutdownGraceTime ?? '10 seconds',
    ...(options.identity ? { identity: options.identity } : {}),
  };
  const main = await Worker.create({
    ...common,
    taskQueue: options.taskQueue,
    workflowBundle: { codePath: options.workflowBundlePath },
    ...(options.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: options.maxCachedWorkflows } : {}),
  });
  const scheduled = await Worker.create({
    ...common,
    taskQueue: options.scheduledTaskQueue,
    ...(options.scheduledActivitiesPerSecond !== undefined
      ? { maxTaskQueueActivitiesPerSecond: options.scheduledActivitiesPerSecond }
      : {}),
  });
  const notices = options.noticeTaskQueue
    ? await Worker.create({
        ...common,
        taskQueue: options.noticeTaskQueue,
        maxConcurrentActivityTaskExecutions: NOTICE_SENDS_AT_ONCE,
      })
    : null;
  return new PilotWorker(main, scheduled, notices);
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

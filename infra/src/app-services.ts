// The application's processes in the production shape: standalone workers on one task queue and the
// API without an embedded worker, started from the built apps exactly as the compose file and the
// manifests start them (`node --max-old-space-size=768 apps/worker/dist/main.js`,
// `node apps/api/dist/main.js`).
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServiceSpec } from './supervisor.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const WORKER_MAIN = path.join(root, 'apps/worker/dist/main.js');
export const API_MAIN = path.join(root, 'apps/api/dist/main.js');
/**
 * A worker's heap limit (every isolate's, the workflow thread's included), which also sizes its
 * workflow cache (cachedWorkflowsFor). Bench P5: 1,057 MiB RSS with 1,000 live pilots, 285 cached.
 */
export const WORKER_HEAP_MB = 768;
/**
 * The largest request the admin app's server reads (adapter-node's BODY_SIZE_LIMIT, 512 KB unless
 * set): uploads pass through it to the API, which takes up to 10 files of 10 MiB (upload-limits.ts)
 * — phone photos and a subdistrict's register workbook would otherwise be cut off at the first hop.
 */
export const ADMIN_BODY_SIZE_LIMIT = '101M';

export function workerService(
  name: string,
  env: Record<string, string>,
  options: { logFile: string; restart: boolean },
): ServiceSpec {
  return {
    name,
    command: process.execPath,
    args: [`--max-old-space-size=${WORKER_HEAP_MB}`, WORKER_MAIN],
    cwd: root,
    env,
    logFile: options.logFile,
    restart: options.restart,
    // The worker drains its in-flight tasks on SIGTERM (shutdownGraceTime 10 s), then closes.
    stopGraceMs: 20_000,
  };
}

export function apiService(
  env: Record<string, string>,
  options: { logFile: string; restart: boolean },
): ServiceSpec {
  return {
    name: 'api',
    command: process.execPath,
    args: [API_MAIN],
    cwd: root,
    env: { ...env, PILOT_WORKER: 'none' },
    logFile: options.logFile,
    restart: options.restart,
    // Closing waits out the Temporal client's pending retries.
    stopGraceMs: 30_000,
  };
}

/** How far a log file has grown: a later wait reads only what comes after it. */
export async function logOffset(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

/** Waits until the log file has a line matching `pattern` past `offset` (e.g. the worker's "polling"). */
export async function waitForLogLine(
  file: string,
  offset: number,
  pattern: RegExp,
  options: { timeoutMs: number; alive: () => boolean; what: string },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const text = await readFrom(file, offset);
    if (pattern.test(text)) return;
    if (!options.alive()) throw new Error(`${options.what} exited while starting:\n${tail(text)}`);
    if (Date.now() > deadline)
      throw new Error(
        `${options.what} did not get ready within ${options.timeoutMs / 1000} s:\n${tail(text)}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function readFrom(file: string, offset: number): Promise<string> {
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      const buffer = Buffer.alloc(Math.max(0, size - offset));
      await handle.read(buffer, 0, buffer.length, offset);
      return buffer.toString();
    } finally {
      await handle.close();
    }
  } catch {
    return '';
  }
}

function tail(text: string, lines = 20): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

// The production command's state folder: where a shape keeps its files, whether one runs (its pid
// file) and where it answers (its ready file, written once the API is up).
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const stateDir = path.resolve(
  process.env.PILOT_PRODUCTION_DIR ??
    path.join(process.env.PILOT_DATA_DIR ?? path.join(root, '.data'), 'production'),
);
export const pidFile = path.join(stateDir, 'production.pid');
export const readyFile = path.join(stateDir, 'ready.json');
export const commandLog = path.join(stateDir, 'logs', 'production.log');

export interface Ready {
  pid: number;
  apiUrl: string;
  temporalAddress: string;
  database: string;
  logsDir: string;
  timings: Record<string, number>;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function readReady(): Promise<Ready | undefined> {
  try {
    // The file is this command's own; a stale or half-written one reads as absent.
    return JSON.parse(await readFile(readyFile, 'utf8')) as Ready;
  } catch {
    return undefined;
  }
}

/** Removes the pid file if it is this process's own. */
export async function releasePidFile(): Promise<void> {
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
  if (pid === process.pid) await rm(pidFile, { force: true });
}

/** The pid of the shape's process, if one runs. */
export async function runningPid(): Promise<number | undefined> {
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
  return pid > 0 && isAlive(pid) ? pid : undefined;
}

export function banner(ready: Ready): string {
  const line = '─'.repeat(64);
  const seconds = Object.entries(ready.timings)
    .map(([step, ms]) => `${step} ${(ms / 1000).toFixed(1)} s`)
    .join(', ');
  return [
    '',
    line,
    ' Production shape is running (Temporal server on PostgreSQL, 2 workers, API)',
    `  API             ${ready.apiUrl}   (docs ${ready.apiUrl}/api/docs)`,
    `  Temporal        ${ready.temporalAddress}   (namespace default)`,
    `  Records         ${ready.database}`,
    `  Logs            ${ready.logsDir}`,
    `  Bring-up        ${seconds}`,
    line,
    '',
  ].join('\n');
}

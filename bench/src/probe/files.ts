// Where a probed process and the bench meet: a signal, and files named by the process id.
import path from 'node:path';

/**
 * SIGWINCH: ignored by a process without a handler, so a probe that failed to install costs
 * nothing; SIGUSR2 would not do, as the Temporal runtime takes it as a request to shut the worker down.
 */
export const PROBE_SIGNAL = 'SIGWINCH';

export const readyFile = (dir: string, pid: number) => path.join(dir, `${pid}.ready`);
export const stateFile = (dir: string, pid: number) => path.join(dir, `${pid}.state`);
export const outputFile = (dir: string, pid: number, session: number) =>
  path.join(dir, `${pid}-${session}.json`);

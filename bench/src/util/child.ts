// Node child processes the bench starts itself (the baseline worker, the audit writers): started
// with a script and its settings, ready when a line on standard output says so, and always ended.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface NodeChild {
  pid: number;
  /** Lines the child printed on standard output, in order. */
  lines: string[];
  /** Resolves with the exit code once the child has exited. */
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the child is gone. */
  stop(graceMs?: number): Promise<void>;
}

export function startNode(script: string, env: Record<string, string>, args: string[] = []): NodeChild {
  const child = spawn(process.execPath, [script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`could not start ${script}`);
  const lines: string[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => lines.push(line));
  // Errors are kept for the failure message; they would otherwise interleave with the table.
  const errors: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => errors.push(line));
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      if (code !== 0 && code !== null && errors.length > 0) lines.push(...errors.map((e) => `stderr: ${e}`));
      resolve(code);
    });
  });
  const stop = async (graceMs = 15_000): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  return { pid: child.pid, lines, exited, stop };
}

/** Waits until the child prints a line matching `pattern`; fails if it exits or takes too long. */
export async function waitForLine(child: NodeChild, pattern: RegExp, timeoutMs: number): Promise<string> {
  let gone = false;
  void child.exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = child.lines.find((line) => pattern.test(line));
    if (found) return found;
    if (gone)
      throw new Error(`child ${child.pid} exited before "${pattern.source}":\n${child.lines.join('\n')}`);
    if (Date.now() > deadline)
      throw new Error(`child ${child.pid} did not print "${pattern.source}" in time`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// What the kernel says about a process: resident memory and CPU time, from /proc.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/** Resident set size in MiB (VmRSS of /proc/<pid>/status). */
export async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match?.[1]) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) / 1024;
}

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  return ticksPerSecond;
}

/** User + system CPU seconds the process has used so far (/proc/<pid>/stat fields 14 and 15). */
export async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; the fields after its closing parenthesis do not.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const user = Number(fields[11]);
  const system = Number(fields[12]);
  if (!Number.isFinite(user) || !Number.isFinite(system)) throw new Error(`unreadable /proc/${pid}/stat`);
  return (user + system) / clockTicks();
}

/** Share of one core the process used over `ms` of wall time, in percent. */
export async function cpuPercentOver(pid: number, ms: number): Promise<number> {
  const before = await cpuSeconds(pid);
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const used = (await cpuSeconds(pid)) - before;
  return (used / ((performance.now() - started) / 1000)) * 100;
}

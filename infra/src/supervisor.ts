// Keeps the start command's services running: a service that dies is started again (with growing
// pauses, and given up on only when it keeps dying), so one crash never takes the rest down; on
// shutdown each service gets its own grace time — the API holds the embedded database and must
// close it cleanly — before anything is killed.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';

export interface ServiceSpec {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Output goes to this file instead of the console. */
  logFile?: string;
  /** How long the service gets after SIGTERM before it is killed. */
  stopGraceMs: number;
  /** Start it again when it dies (otherwise its death stops everything). */
  restart: boolean;
}

export interface SupervisorOptions {
  say: (message: string) => void;
  /** First pause before a restart; it doubles up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** A service that dies this often within `crashWindowMs` is given up on. */
  maxCrashes?: number;
  crashWindowMs?: number;
  /** Called when a service is given up on or a non-restarting one dies. */
  onFatal: (reason: string) => void;
  /** Called after a service was started again, e.g. to wait for its port. */
  onRestarted?: (name: string) => void;
}

interface Running {
  spec: ServiceSpec;
  child: ChildProcess;
  crashes: number[];
  restarts: number;
  exited: Promise<void>;
  /** Killed on purpose: neither started again nor a reason to stop the rest. */
  retired: boolean;
}

export class Supervisor {
  private readonly services = new Map<string, Running>();
  private stopping = false;

  constructor(private readonly options: SupervisorOptions) {}

  /** Starts a service and keeps it running. */
  start(spec: ServiceSpec): ChildProcess {
    const running: Running = {
      spec,
      child: this.spawn(spec),
      crashes: [],
      restarts: 0,
      exited: Promise.resolve(),
      retired: false,
    };
    this.services.set(spec.name, running);
    this.watch(running);
    return running.child;
  }

  /** How often each service was started again. */
  restarts(name: string): number {
    return this.services.get(name)?.restarts ?? 0;
  }

  pid(name: string): number | undefined {
    return this.services.get(name)?.child.pid;
  }

  /** Whether the service's current process is still running. */
  isRunning(name: string): boolean {
    const child = this.services.get(name)?.child;
    return child !== undefined && child.exitCode === null && child.signalCode === null;
  }

  /**
   * Kills a service on purpose, as a crash test does: it stays down, and its death does not stop
   * the others. Resolves once it has exited.
   */
  async kill(name: string, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const running = this.services.get(name);
    if (!running) throw new Error(`no service named "${name}"`);
    running.retired = true;
    if (this.isRunning(name)) running.child.kill(signal);
    await running.exited;
  }

  /** Stops every service, the last started first, each within its grace time. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    for (const running of [...this.services.values()].reverse()) {
      const { child, spec } = running;
      if (child.exitCode !== null || child.signalCode !== null) continue;
      child.kill('SIGTERM');
      const exited = await Promise.race([
        running.exited.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), spec.stopGraceMs)),
      ]);
      if (!exited) {
        this.options.say(`${spec.name} did not stop within ${spec.stopGraceMs / 1000} s; killing it`);
        child.kill('SIGKILL');
        await running.exited;
      }
    }
  }

  private spawn(spec: ServiceSpec): ChildProcess {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: { ...process.env, ...spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (spec.logFile) {
      const log = createWriteStream(spec.logFile, { flags: 'a' });
      child.stdout?.pipe(log);
      child.stderr?.pipe(log);
    } else {
      pipeLines(spec.name, child.stdout, process.stdout);
      pipeLines(spec.name, child.stderr, process.stderr);
    }
    return child;
  }

  private watch(running: Running): void {
    running.exited = new Promise((resolve) => {
      running.child.once('exit', (code, signal) => {
        resolve();
        if (this.stopping || running.retired) return;
        const how = signal ?? `code ${code}`;
        if (!running.spec.restart) {
          this.options.onFatal(`${running.spec.name} exited (${how})`);
          return;
        }
        const now = Date.now();
        const window = this.options.crashWindowMs ?? 60_000;
        running.crashes = [...running.crashes.filter((t) => now - t < window), now];
        if (running.crashes.length > (this.options.maxCrashes ?? 5)) {
          this.options.onFatal(
            `${running.spec.name} died ${running.crashes.length} times within ${window / 1000} s (last: ${how}); giving up`,
          );
          return;
        }
        const pause = Math.min(
          (this.options.backoffMs ?? 1_000) * 2 ** (running.crashes.length - 1),
          this.options.maxBackoffMs ?? 30_000,
        );
        this.options.say(
          `${running.spec.name} exited unexpectedly (${how}); starting it again in ${pause / 1000} s`,
        );
        setTimeout(() => {
          if (this.stopping || running.retired) return;
          running.child = this.spawn(running.spec);
          running.restarts++;
          this.watch(running);
          this.options.onRestarted?.(running.spec.name);
        }, pause);
      });
    });
  }
}

/** Prefixes a child's lines so the interleaved output stays readable. */
function pipeLines(name: string, stream: NodeJS.ReadableStream | null, sink: NodeJS.WritableStream): void {
  let buffer = '';
  stream?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) sink.write(`[${name}] ${line}\n`);
  });
}

// A Temporal dev server with its state in a SQLite file, which a test can kill -9 and start again
// on the same port: what the start command runs, for the crash tests of the API and the workers.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { temporalCliPath } from './engines.js';
import { waitForPort } from './ports.js';

export interface PersistentDevServer {
  address: string;
  port: number;
  pid(): number | undefined;
  /** Kills the server (SIGKILL by default) and waits until it is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and file; resolves when it listens. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startPersistentDevServer(options: {
  dbFile: string;
  port?: number;
}): Promise<PersistentDevServer> {
  const cli = temporalCliPath();
  if (!cli)
    throw new Error('no Temporal CLI could be built or found (Go is needed, or set TEMPORAL_CLI_PATH)');
  const port = options.port ?? (await freePort());
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--headless',
    '--db-filename',
    options.dbFile,
    '--log-level',
    'error',
  ];
  let child: ChildProcess | null = null;
  const launch = async () => {
    child = spawn(cli, args, { stdio: 'ignore' });
    await waitForPort(port, '127.0.0.1', 60_000);
  };
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill(signal);
    await gone;
    child = null;
  };
  await launch();
  return {
    address: `127.0.0.1:${port}`,
    port,
    pid: () => child?.pid,
    kill,
    restart: launch,
    stop: () => kill('SIGTERM'),
  };
}

// Starts the whole system for the browser tests, as the start command does but on free ports and
// in a throw-away data folder: a real Temporal dev server, PGlite migrated and seeded with the demo
// data and demo pilots, the built API with its embedded worker, and the built admin UI.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedDemoDatabaseForTest, targetFromEnv } from '@pilot/db';
import { ADMIN_BODY_SIZE_LIMIT, createDevServerEnvironment, waitForPort } from '@pilot/infra';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const adminDir = path.join(root, 'apps/admin');
/** Child logs go here (gitignored), so a failing run can be read afterwards. */
export const LOG_DIR = path.join(adminDir, 'test-results/logs');

const ENTRY_POINTS = {
  api: path.join(root, 'apps/api/dist/main.js'),
  admin: path.join(root, 'apps/admin/build/index.js'),
  importDemo: path.join(root, 'apps/worker/dist/import-demo.js'),
};

export interface Stack {
  adminUrl: string;
  apiUrl: string;
  temporalAddress: string;
  dataDir: string;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Load the eight demo pilots (every stage, with history); the dashboards need them. Default true. */
  demoPilots?: boolean;
}

/** A port nothing listens on right now (the OS picks it; released before the service binds it). */
export function freePort(): Promise<number> {
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

interface Child {
  name: string;
  process: ChildProcess;
  log: string;
}

function launch(name: string, args: string[], env: Record<string, string>): Child {
  const log = path.join(LOG_DIR, `${name}.log`);
  const out = createWriteStream(log, { flags: 'w' });
  const child = spawn(process.execPath, args, {
    cwd: root,
    // Only what the service needs plus PATH/HOME: the test runner's own env (NODE_OPTIONS from
    // vitest, a developer's API_URL) must not leak into the services under test.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  return { name, process: child, log };
}

/** Runs a one-shot child to its end; rejects with the tail of its log when it fails. */
async function runToEnd(name: string, args: string[], env: Record<string, string>): Promise<void> {
  const child = launch(name, args, env);
  const code = await new Promise<number | null>((resolve) => child.process.once('exit', resolve));
  if (code !== 0) throw new Error(`${name} exited with ${code}\n${await tail(child.log)}`);
}

async function tail(file: string, lines = 40): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').slice(-lines).join('\n');
}

async function waitForHttp(url: string, child: Child, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null) {
      throw new Error(
        `${child.name} exited (${child.process.exitCode}) while starting\n${await tail(child.log)}`,
      );
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(3_000), redirect: 'manual' });
      if (response.status < 500) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s (${last})\n${await tail(child.log)}`);
}

async function stopChild(child: Child): Promise<void> {
  const { process: proc } = child;
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  for (const [name, file] of Object.entries(ENTRY_POINTS)) {
    if (!existsSync(file)) {
      throw new Error(
        `${name} is not built (${path.relative(root, file)} missing); run ` +
          '`pnpm exec turbo run build --filter=@pilot/admin` first',
      );
    }
  }
  await mkdir(LOG_DIR, { recursive: true });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pilot-admin-e2e-'));
  const children: Child[] = [];
  const temporal = await createDevServerEnvironment();

  const stop = async () => {
    // The UI first, then the API (its worker finishes in-flight tasks), Temporal last.
    for (const child of [...children].reverse()) await stopChild(child);
    await temporal.teardown();
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    const dbEnv = { PILOT_DATA_DIR: dataDir };
    // In this process: PGlite serves one process at a time, and the seed closes it before returning.
    await seedDemoDatabaseForTest(targetFromEnv(dbEnv), { demoPasswords: 'keep' });
    if (options.demoPilots ?? true) {
      await runToEnd('import-demo', [ENTRY_POINTS.importDemo], {
        ...dbEnv,
        TEMPORAL_ADDRESS: temporal.address,
      });
    }

    const apiPort = await freePort();
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const api = launch('api', [ENTRY_POINTS.api], {
      ...dbEnv,
      API_HOST: '127.0.0.1',
      API_PORT: String(apiPort),
      TEMPORAL_ADDRESS: temporal.address,
      PILOT_WORKER: 'embedded',
      LOG_LEVEL: 'warn',
      // Every browser of a suite comes from this machine's one address, logging in many times a
      // minute; the production allowances (600 requests, 30 log-ins per address and minute) would
      // throttle the suite itself. The per-account and per-address failure counting stays as it is
      // (the demo passwords are kept by the seed above), so throttling can still be tested.
      RATE_LIMIT_PER_MINUTE: '100000',
      LOGIN_RATE_PER_MINUTE: '10000',
    });
    children.push(api);
    await waitForHttp(`${apiUrl}/health`, api, 90_000);

    const adminPort = await freePort();
    const adminUrl = `http://127.0.0.1:${adminPort}`;
    const admin = launch('admin', [ENTRY_POINTS.admin], {
      HOST: '127.0.0.1',
      PORT: String(adminPort),
      ORIGIN: adminUrl,
      API_URL: apiUrl,
      BODY_SIZE_LIMIT: ADMIN_BODY_SIZE_LIMIT,
    });
    children.push(admin);
    await waitForPort(adminPort, '127.0.0.1', 30_000);
    await waitForHttp(`${adminUrl}/login`, admin, 30_000);

    return { adminUrl, apiUrl, temporalAddress: temporal.address, dataDir, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

// The start command's process supervisor: Temporal dev server, migrations and seed, API (with the
// embedded worker) and the admin UI, on the embedded defaults. Ctrl-C stops everything cleanly.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { temporalCliPath } from './engines.js';
import { waitForHealth } from './http-health.js';
import { assertPortFree, waitForPort } from './ports.js';
import { ADMIN_BODY_SIZE_LIMIT } from './app-services.js';
import { Supervisor } from './supervisor.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = path.resolve(process.env.PILOT_DATA_DIR ?? path.join(root, '.data'));
const host = process.env.PILOT_HOST ?? '127.0.0.1';
const ports = {
  temporal: Number(process.env.TEMPORAL_PORT ?? 7233),
  temporalUi: Number(process.env.TEMPORAL_UI_PORT ?? 8233),
  api: Number(process.env.API_PORT ?? 3100),
  admin: Number(process.env.ADMIN_PORT ?? 3000),
};

let stopped = false;

function say(message: string): void {
  process.stdout.write(`[start] ${message}\n`);
}

const supervisor = new Supervisor({
  say,
  onFatal: (reason) => {
    say(`${reason}; stopping the rest`);
    void stopAll(1);
  },
});

function runToEnd(name: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: 'inherit',
    });
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${name} failed with code ${code}`)),
    );
  });
}

async function stopAll(code: number): Promise<never> {
  if (!stopped) {
    stopped = true;
    // The UI and the API (which closes the embedded database) go first, Temporal last.
    await supervisor.stopAll();
  }
  process.exit(code);
}

async function main(): Promise<void> {
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));

  await assertPortFree(ports.temporal, host, 'the Temporal dev server');
  await assertPortFree(ports.temporalUi, host, 'the Temporal Web UI');
  await assertPortFree(ports.api, host, 'the API');
  await assertPortFree(ports.admin, host, 'the admin UI');
  mkdirSync(path.join(dataDir, 'temporal'), { recursive: true });
  mkdirSync(path.join(dataDir, 'logs'), { recursive: true });

  const cli = temporalCliPath();
  if (!cli) throw new Error('no Temporal CLI could be built or found; install Go or set TEMPORAL_CLI');
  say(`Temporal dev server (state in ${path.join(dataDir, 'temporal', 'temporal.sqlite')})`);
  supervisor.start({
    name: 'temporal',
    command: cli,
    cwd: root,
    // Its SQLite file keeps every workflow, so a restarted dev server carries on where it stopped.
    restart: true,
    stopGraceMs: 10_000,
    logFile: path.join(dataDir, 'logs', 'temporal.log'),
    args: [
      'server',
      'start-dev',
      '--ip',
      host,
      '--port',
      String(ports.temporal),
      '--ui-port',
      String(ports.temporalUi),
      '--db-filename',
      path.join(dataDir, 'temporal', 'temporal.sqlite'),
      '--log-level',
      'warn',
    ],
  });
  await waitForPort(ports.temporal, host, 60_000);

  const dbCli = path.join(root, 'packages/db/dist/cli.js');
  const dbEnv = { PILOT_DATA_DIR: dataDir };
  say('database: applying migrations');
  await runToEnd('migrations', [dbCli, 'deploy'], dbEnv);
  say('database: loading demo data');
  await runToEnd('seed', [dbCli, 'seed'], dbEnv);

  say('demo pilots: importing pilots with history and enrolling fresh ones');
  await runToEnd('demo pilots', [path.join(root, 'apps/worker/dist/import-demo.js')], {
    ...dbEnv,
    TEMPORAL_ADDRESS: `${host}:${ports.temporal}`,
  });

  supervisor.start({
    name: 'api',
    command: process.execPath,
    args: [path.join(root, 'apps/api/dist/main.js')],
    cwd: root,
    // It holds the embedded database: on shutdown it gets time to close it cleanly.
    restart: true,
    stopGraceMs: 30_000,
    env: {
      ...dbEnv,
      API_HOST: host,
      API_PORT: String(ports.api),
      TEMPORAL_ADDRESS: `${host}:${ports.temporal}`,
    },
  });
  await waitForHealth(`http://${host}:${ports.api}/health`, 90_000);

  supervisor.start({
    name: 'admin',
    command: process.execPath,
    args: [path.join(root, 'apps/admin/build/index.js')],
    cwd: root,
    restart: true,
    stopGraceMs: 10_000,
    env: {
      HOST: host,
      PORT: String(ports.admin),
      ORIGIN: `http://${host}:${ports.admin}`,
      API_URL: `http://${host}:${ports.api}`,
      BODY_SIZE_LIMIT: ADMIN_BODY_SIZE_LIMIT,
    },
  });
  await waitForPort(ports.admin, host, 60_000);

  const line = '─'.repeat(64);
  process.stdout.write(
    [
      '',
      line,
      ' 物业企业激励评价机制试点平台 is running',
      `  Admin UI        http://${host}:${ports.admin}`,
      `  API docs        http://${host}:${ports.api}/api/docs`,
      `  API health      http://${host}:${ports.api}/health`,
      `  Temporal Web UI http://${host}:${ports.temporalUi}`,
      `  Data folder     ${dataDir}`,
      ' Press Ctrl-C to stop everything.',
      line,
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  say(`error: ${error instanceof Error ? error.message : String(error)}`);
  void stopAll(1);
});

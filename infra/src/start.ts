// The start command's process supervisor: Temporal dev server, migrations and seed, API (with the
// embedded worker) and the admin UI, on the embedded defaults. Ctrl-C stops everything cleanly.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { temporalCliPath } from './engines.js';
import { assertPortFree, waitForPort } from './ports.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = path.resolve(process.env.PILOT_DATA_DIR ?? path.join(root, '.data'));
const host = process.env.PILOT_HOST ?? '127.0.0.1';
const ports = {
  temporal: Number(process.env.TEMPORAL_PORT ?? 7233),
  temporalUi: Number(process.env.TEMPORAL_UI_PORT ?? 8233),
  api: Number(process.env.API_PORT ?? 3100),
  admin: Number(process.env.ADMIN_PORT ?? 3000),
};

interface Service {
  name: string;
  child: ChildProcess;
}

const services: Service[] = [];
let stopping = false;

function say(message: string): void {
  process.stdout.write(`[start] ${message}\n`);
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

function launch(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  logFile?: string,
): Service {
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (logFile) {
    const log = createWriteStream(logFile, { flags: 'a' });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
  } else {
    pipeLines(name, child.stdout, process.stdout);
    pipeLines(name, child.stderr, process.stderr);
  }
  const service = { name, child };
  services.push(service);
  child.once('exit', (code, signal) => {
    if (stopping) return;
    say(`${name} exited unexpectedly (${signal ?? `code ${code}`}); stopping the rest`);
    void stopAll(1);
  });
  return service;
}

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
  stopping = true;
  // Reverse order: the UI and API go first, Temporal last, so in-flight work can finish.
  for (const { name, child } of [...services].reverse()) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    child.kill('SIGTERM');
    const exited = await Promise.race([
      new Promise<boolean>((resolve) => child.once('exit', () => resolve(true))),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10_000)),
    ]);
    if (!exited) {
      say(`${name} did not stop within 10 s; killing it`);
      child.kill('SIGKILL');
    }
  }
  process.exit(code);
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(3_000) });
      if (response.ok) return;
      last = `HTTP ${response.status}: ${await response.text()}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not become healthy within ${timeoutMs / 1000} s (last answer: ${last})`);
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
  launch(
    'temporal',
    cli,
    [
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
    {},
    path.join(dataDir, 'logs', 'temporal.log'),
  );
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

  launch('api', process.execPath, [path.join(root, 'apps/api/dist/main.js')], {
    ...dbEnv,
    API_HOST: host,
    API_PORT: String(ports.api),
    TEMPORAL_ADDRESS: `${host}:${ports.temporal}`,
  });
  await waitForHealth(`http://${host}:${ports.api}/health`, 90_000);

  launch('admin', process.execPath, [path.join(root, 'apps/admin/build/index.js')], {
    HOST: host,
    PORT: String(ports.admin),
    ORIGIN: `http://${host}:${ports.admin}`,
    API_URL: `http://${host}:${ports.api}`,
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

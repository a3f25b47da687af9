// The production command (infra/bin/production): the production shape on this machine's PostgreSQL.
//   run     in the foreground until Ctrl-C (the default)
//   up      in the background; returns once the API answers
//   down    stops a background shape
//   status  says whether one runs, and where
//   purge   drops the shape's databases and roles, and its state folder (after `down`)
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { redactUrl } from './postgres-admin.js';
import { dropProductionShape, startProductionShape, type ProductionShape } from './production-shape.js';
import {
  banner,
  commandLog,
  isAlive,
  pidFile,
  readReady,
  readyFile,
  releasePidFile,
  runningPid,
  stateDir,
  type Ready,
} from './production-state.js';

function say(message: string): void {
  process.stdout.write(`[production] ${message}\n`);
}

function adminUrl(): string {
  const url = process.env.POSTGRES_ADMIN_URL?.trim() || process.env.TEST_DATABASE_URL?.trim();
  if (!url)
    throw new Error(
      'set POSTGRES_ADMIN_URL to a PostgreSQL login that may create roles and databases, ' +
        'e.g. postgresql://postgres:secret@127.0.0.1:5432/postgres',
    );
  return url;
}

function optionalPort(name: string): number | undefined {
  const value = process.env[name]?.trim();
  if (!value) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`${name} must be a port, not "${value}"`);
  return port;
}

async function runForeground(): Promise<void> {
  const bringUp = new AbortController();
  const state: { starting?: Promise<ProductionShape> } = {};
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping: API, workers, then the Temporal server');
    // During the bring-up, aborting stops what has started; the bring-up settles once it is down.
    bringUp.abort();
    const shape = await state.starting?.catch(() => undefined);
    await shape?.stop();
    await rm(readyFile, { force: true });
    await releasePidFile();
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
  const other = await runningPid();
  if (other && other !== process.pid)
    throw new Error(
      `a production shape already runs on ${stateDir} (pid ${other}): bash infra/bin/production down`,
    );
  await mkdir(stateDir, { recursive: true });
  await writeFile(pidFile, `${process.pid}\n`);
  const admin = adminUrl();
  say(`PostgreSQL at ${redactUrl(admin)}; state in ${stateDir}`);
  state.starting = startProductionShape({
    adminUrl: admin,
    stateDir,
    host: process.env.PILOT_HOST ?? '127.0.0.1',
    apiPort: optionalPort('API_PORT'),
    temporalPort: optionalPort('TEMPORAL_PORT'),
    passwords: {
      temporal: process.env.TEMPORAL_DB_PASSWORD,
      owner: process.env.PILOT_OWNER_PASSWORD,
      runtime: process.env.PILOT_APP_PASSWORD,
    },
    demoData:
      process.env.PILOT_DEMO_DATA === 'none'
        ? false
        : process.env.PILOT_DEMO_PASSWORDS === 'keep'
          ? 'keep-passwords'
          : 'change-passwords',
    restart: true,
    say,
    onFatal: (reason) => {
      say(`${reason}; stopping the rest`);
      void stop(1);
    },
    signal: bringUp.signal,
  });
  const shape = await state.starting.catch((error: unknown) => {
    // Stopped while starting: stop() ends the process.
    if (stopping) return undefined;
    throw error;
  });
  if (!shape) return;
  const ready: Ready = {
    pid: process.pid,
    apiUrl: shape.apiUrl,
    temporalAddress: shape.temporalAddress,
    database: redactUrl(shape.database.runtimeUrl),
    logsDir: shape.logsDir,
    timings: shape.timings,
  };
  await writeFile(readyFile, JSON.stringify(ready, null, 2));
  process.stdout.write(banner(ready));
  say('press Ctrl-C to stop everything');
}

async function up(): Promise<void> {
  const running = await runningPid();
  if (running) {
    const ready = await readReady();
    say(ready ? `already running (pid ${running})${banner(ready)}` : `already starting (pid ${running})`);
    return;
  }
  await mkdir(path.dirname(commandLog), { recursive: true });
  await rm(readyFile, { force: true });
  const log = openSync(commandLog, 'a');
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), 'run'], {
    detached: true,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  child.unref();
  say(`starting in the background (pid ${child.pid}); its output goes to ${commandLog}`);
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? 1));
  for (;;) {
    const ready = await readReady();
    if (ready && ready.pid === child.pid) {
      process.stdout.write(banner(ready));
      say('stop it with: bash infra/bin/production down');
      return;
    }
    if (exited !== null) {
      const tail = (await readFile(commandLog, 'utf8')).trimEnd().split('\n').slice(-20).join('\n');
      throw new Error(`the production shape did not come up (exit ${exited}):\n${tail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function down(): Promise<void> {
  const pid = await runningPid();
  if (!pid) {
    say('not running');
    await rm(pidFile, { force: true });
    return;
  }
  say(`stopping pid ${pid}: API, workers, then the Temporal server`);
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 120_000;
  while (isAlive(pid)) {
    if (Date.now() > deadline) throw new Error(`pid ${pid} did not stop within 120 s; see ${commandLog}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  say('stopped');
}

async function status(): Promise<void> {
  const pid = await runningPid();
  const ready = await readReady();
  if (!pid) say('not running');
  else if (!ready || ready.pid !== pid) say(`starting (pid ${pid})`);
  else process.stdout.write(banner(ready));
}

async function purge(): Promise<void> {
  if (await runningPid()) throw new Error('the shape is running: bash infra/bin/production down first');
  await dropProductionShape(adminUrl());
  await rm(stateDir, { recursive: true, force: true });
  say(`dropped the databases and roles, and removed ${stateDir}`);
}

const commands: Record<string, () => Promise<void>> = { run: runForeground, up, down, status, purge };
const command = process.argv[2] ?? 'run';
const action = commands[command];
if (!action) {
  process.stderr.write(`usage: production [run|up|down|status|purge]\n`);
  process.exit(2);
}
action().then(
  // `run` keeps going on its services; the others are done.
  () => (command === 'run' ? undefined : process.exit(0)),
  (error: unknown) => {
    say(`error: ${error instanceof Error ? error.message : String(error)}`);
    // Only a failed `run` leaves a pid file of its own behind.
    void releasePidFile().finally(() => process.exit(1));
  },
);

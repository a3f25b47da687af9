// The production shape on one machine, for real: Temporal's own server on PostgreSQL (not the dev
// server), the records in PostgreSQL under the owner / runtime split, two standalone workers and the
// API. It comes up in the order the compose file and the manifests use — schema → server → namespace
// → migrate → workers → API — and goes down in the reverse order.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { migrateAppDatabase, seedAppDatabase, type AppDatabase } from './app-database.js';
import { apiService, logOffset, waitForLogLine, workerService } from './app-services.js';
import { temporalCliPath } from './engines.js';
import { waitForHealth } from './http-health.js';
import { assertPortFree, freePorts, LOW_PORTS } from './ports.js';
import { assertLogin, setupPostgres } from './postgres-admin.js';
import { PRODUCTION_NAMES, shapeLogins, type ShapeNames, type ShapePasswords } from './production-logins.js';
import { ensureSecret } from './secrets.js';
import { Supervisor } from './supervisor.js';
import { ensureNamespace, waitForTemporal } from './temporal-cli.js';
import { applyTemporalSchema } from './temporal-schema.js';
import {
  assignTemporalPorts,
  TEMPORAL_PORT_COUNT,
  temporalServerBuild,
  temporalServerEnv,
  temporalServerService,
  writeEnvFile,
} from './temporal-server.js';

export { dropProductionShape, PRODUCTION_NAMES, type ShapeNames } from './production-logins.js';

export interface ProductionShapeOptions {
  /** A login that may create roles and databases (a superuser, or CREATEROLE + CREATEDB). */
  adminUrl: string;
  /** Logs, secrets, the server's env file and the stored files live here. */
  stateDir: string;
  names?: Partial<ShapeNames>;
  /** Passwords of roles the shape creates; without them stored (or new random) ones are used. */
  passwords?: ShapePasswords;
  host?: string;
  /** Fixed ports (checked to be free); otherwise free ones are chosen. */
  apiPort?: number | undefined;
  temporalPort?: number | undefined;
  workers?: number;
  namespace?: string;
  taskQueue?: string;
  /** Load the demo data after the migrations; `keep` lets the demo accounts keep the demo password. */
  demoData?: 'keep-passwords' | 'change-passwords' | false;
  /** Start a crashed service again (the command), or leave it down (a crash test). */
  restart?: boolean;
  /** More settings for the API and the workers. */
  serviceEnv?: Record<string, string>;
  say?: (message: string) => void;
  /** A service died for good (or, without restarts, at all); the caller decides what follows. */
  onFatal?: (reason: string) => void;
  /** Aborting it during the bring-up stops what has started; the promise settles once all is down. */
  signal?: AbortSignal;
}

export interface ProductionShape {
  apiUrl: string;
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  database: AppDatabase;
  /** Service names of the workers, in start order. */
  workers: string[];
  logsDir: string;
  /** How long each bring-up step took, in milliseconds. */
  timings: Record<string, number>;
  pid(service: string): number | undefined;
  isRunning(service: string): boolean;
  /** Kills one service on purpose; it stays down and the others run on. */
  kill(service: string, signal?: NodeJS.Signals): Promise<void>;
  /** API first, then the workers, the server last. */
  stop(): Promise<void>;
}

export async function startProductionShape(options: ProductionShapeOptions): Promise<ProductionShape> {
  const say = options.say ?? (() => undefined);
  const names = { ...PRODUCTION_NAMES, ...options.names };
  const host = options.host ?? '127.0.0.1';
  const namespace = options.namespace ?? 'default';
  const taskQueue = options.taskQueue ?? 'pilot';
  const restart = options.restart ?? true;
  const logsDir = path.join(options.stateDir, 'logs');
  const secretsDir = path.join(options.stateDir, 'secrets');
  const setupLog = path.join(logsDir, 'setup.log');
  await mkdir(logsDir, { recursive: true });
  await mkdir(path.join(options.stateDir, 'files'), { recursive: true });
  await mkdir(secretsDir, { recursive: true, mode: 0o700 });

  const supervisor = new Supervisor({
    say,
    onFatal: (reason) => (options.onFatal ?? say)(reason),
  });
  // Stopping the services makes whatever step is waiting on one of them fail at once.
  const abort = () => void supervisor.stopAll();
  options.signal?.addEventListener('abort', abort, { once: true });

  const timings: Record<string, number> = {};
  const step = async <T>(name: string, what: string, work: () => Promise<T>): Promise<T> => {
    if (options.signal?.aborted) throw new Error('stopped while starting');
    const started = Date.now();
    say(`${what}…`);
    const result = await work();
    timings[name] = Date.now() - started;
    return result;
  };

  try {
    const build = temporalServerBuild();
    const cli = temporalCliPath();
    if (!cli) throw new Error('no Temporal CLI could be built or found (Go is needed, or set TEMPORAL_CLI)');

    if (options.temporalPort) await assertPortFree(options.temporalPort, host, 'the Temporal frontend');
    if (options.apiPort) await assertPortFree(options.apiPort, host, 'the API');
    // Temporal records its ports as SMALLINT, so all of them stay below 32768; so does the API's,
    // which also keeps it clear of the ports outgoing connections are given.
    const free = await freePorts(TEMPORAL_PORT_COUNT + 1, host, LOW_PORTS);
    const ports = assignTemporalPorts(free, options.temporalPort);
    const apiPort = options.apiPort ?? free.at(-1);
    if (apiPort === undefined) throw new Error('no free port was found for the API');
    const temporalAddress = `${host}:${ports.frontend}`;

    const { setup, store, database } = await shapeLogins(
      options.adminUrl,
      names,
      options.passwords ?? {},
      secretsDir,
    );
    const logins = `${setup.temporal.name}, ${setup.owner.name}, ${setup.runtime.name}`;
    await step('roles', `logins ${logins} and database ${database.name}`, async () => {
      await setupPostgres(options.adminUrl, setup);
      await assertLogin(options.adminUrl, setup.temporal, 'postgres', 'TEMPORAL_DB_PASSWORD');
      await assertLogin(options.adminUrl, setup.owner, database.name, 'PILOT_OWNER_PASSWORD');
      await assertLogin(options.adminUrl, setup.runtime, database.name, 'PILOT_APP_PASSWORD');
    });

    await step('schema', `Temporal schema in ${store.database} and ${store.visibilityDatabase}`, async () => {
      await applyTemporalSchema(build, store, setupLog);
    });

    const serverLog = path.join(logsDir, 'temporal.log');
    await step('server', `Temporal server on ${temporalAddress}`, async () => {
      const env = temporalServerEnv(build, store, ports, host);
      await writeEnvFile(path.join(options.stateDir, 'temporal-server.env'), env);
      supervisor.start(temporalServerService(build, env, { logFile: serverLog, restart }));
      await waitForTemporal(cli, temporalAddress, {
        timeoutMs: 90_000,
        alive: () => supervisor.isRunning('temporal'),
        logFile: serverLog,
      });
    });

    await step('namespace', `namespace ${namespace}`, async () => {
      await ensureNamespace(cli, temporalAddress, namespace);
    });

    const auditKeyFile = path.join(secretsDir, 'audit.key');
    await ensureSecret(auditKeyFile, 32);
    await step('migrate', `records in ${database.name}: migrations`, async () => {
      say(await migrateAppDatabase(database, setupLog));
    });
    if (options.demoData) {
      const demoData = options.demoData;
      await step('demo', 'demo data', async () => {
        const env = {
          AUDIT_KEY_FILE: auditKeyFile,
          PILOT_DEMO_PASSWORDS: demoData === 'keep-passwords' ? 'keep' : 'change-at-first-login',
        };
        say(await seedAppDatabase(database, env, setupLog));
      });
    }

    const serviceEnv: Record<string, string> = {
      DATABASE_URL: database.runtimeUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: namespace,
      TEMPORAL_TASK_QUEUE: taskQueue,
      PILOT_STORAGE_DIR: path.join(options.stateDir, 'files'),
      AUDIT_KEY_FILE: auditKeyFile,
      DB_POOL_SIZE: '5',
      ...options.serviceEnv,
    };
    const workers = Array.from({ length: options.workers ?? 2 }, (_, i) => `worker-${i + 1}`);
    await step('workers', `${workers.length} workers on task queue ${taskQueue}`, async () => {
      // One after the other: each registers the search attributes before it polls, and two
      // registering at once could both try to add them.
      for (const name of workers) {
        const logFile = path.join(logsDir, `${name}.log`);
        const offset = await logOffset(logFile);
        supervisor.start(workerService(name, serviceEnv, { logFile, restart }));
        await waitForLogLine(logFile, offset, /worker polling/, {
          timeoutMs: 60_000,
          alive: () => supervisor.isRunning(name),
          what: name,
        });
      }
    });

    const apiUrl = `http://${host}:${apiPort}`;
    await step('api', `API on ${apiUrl}`, async () => {
      supervisor.start(
        apiService(
          { ...serviceEnv, API_HOST: host, API_PORT: String(apiPort) },
          { logFile: path.join(logsDir, 'api.log'), restart },
        ),
      );
      await waitForHealth(`${apiUrl}/ready`, 90_000, () => supervisor.isRunning('api'));
    });

    let stopped: Promise<void> | undefined;
    return {
      apiUrl,
      temporalAddress,
      namespace,
      taskQueue,
      database,
      workers,
      logsDir,
      timings,
      pid: (service) => supervisor.pid(service),
      isRunning: (service) => supervisor.isRunning(service),
      kill: (service, signal) => supervisor.kill(service, signal),
      stop: () => (stopped ??= supervisor.stopAll()),
    };
  } catch (error) {
    // A half-started shape must not leave a server or a worker behind.
    await supervisor.stopAll();
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', abort);
  }
}

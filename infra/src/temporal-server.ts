// The Temporal server of the production shape: the build of infra/temporal/ensure-server.sh, started
// on the config template the module ships (config/docker.yaml, the one Temporal's server image
// renders) and configured only through that template's environment variables — so compose and
// Kubernetes give the server the very same names, and the ports here can be any free ones.
import { chmod, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { temporalServerDir } from './engines.js';
import type { ServiceSpec } from './supervisor.js';

/** The build's folder (bin/server, bin/sql, config/, schema/postgresql/v12/) and its server binary. */
export interface TemporalServerBuild {
  dir: string;
  server: string;
}

export function temporalServerBuild(): TemporalServerBuild {
  const dir = temporalServerDir();
  if (!dir)
    throw new Error(
      'no Temporal server build could be had: Go is needed to build it (or set TEMPORAL_SERVER_DIR to a build)',
    );
  return { dir, server: path.join(dir, 'bin', 'server') };
}

/** Where Temporal keeps its state: two databases on PostgreSQL, reached with one login. */
export interface TemporalStore {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  visibilityDatabase: string;
}

/** Every port the server's four services listen on: gRPC and membership each, and the frontend's HTTP. */
export interface TemporalPorts {
  frontend: number;
  frontendHttp: number;
  frontendMembership: number;
  history: number;
  historyMembership: number;
  matching: number;
  matchingMembership: number;
  worker: number;
  workerMembership: number;
}

export const TEMPORAL_PORT_COUNT = 9;

/** Spreads free ports over the services; the frontend may be given (e.g. TEMPORAL_PORT). */
export function assignTemporalPorts(free: readonly number[], frontend?: number): TemporalPorts {
  const take = (index: number): number => {
    const port = free[index];
    if (port === undefined) throw new RangeError(`the server needs ${TEMPORAL_PORT_COUNT} ports`);
    return port;
  };
  return {
    frontend: frontend ?? take(0),
    frontendHttp: take(1),
    frontendMembership: take(2),
    history: take(3),
    historyMembership: take(4),
    matching: take(5),
    matchingMembership: take(6),
    worker: take(7),
    workerMembership: take(8),
  };
}

/** Connections the server's SQL pools may hold: modest, as the records' database shares the server. */
export interface TemporalPoolSizes {
  maxConns: number;
  visibilityMaxConns: number;
}

/** The environment config/docker.yaml reads: the same names the compose file and the manifests set. */
export function temporalServerEnv(
  build: TemporalServerBuild,
  store: TemporalStore,
  ports: TemporalPorts,
  host: string,
  pools: TemporalPoolSizes = { maxConns: 10, visibilityMaxConns: 4 },
): Record<string, string> {
  return {
    DB: 'postgres12',
    POSTGRES_SEEDS: store.host,
    // The template reads the port of the main store from DB_PORT and of visibility from POSTGRES_PORT.
    DB_PORT: String(store.port),
    POSTGRES_PORT: String(store.port),
    POSTGRES_USER: store.user,
    POSTGRES_PWD: store.password,
    DBNAME: store.database,
    VISIBILITY_DBNAME: store.visibilityDatabase,
    SQL_MAX_CONNS: String(pools.maxConns),
    SQL_MAX_IDLE_CONNS: String(pools.maxConns),
    SQL_VIS_MAX_CONNS: String(pools.visibilityMaxConns),
    SQL_VIS_MAX_IDLE_CONNS: String(pools.visibilityMaxConns),
    NUM_HISTORY_SHARDS: '4',
    BIND_ON_IP: host,
    TEMPORAL_BROADCAST_ADDRESS: host,
    FRONTEND_GRPC_PORT: String(ports.frontend),
    FRONTEND_HTTP_PORT: String(ports.frontendHttp),
    FRONTEND_MEMBERSHIP_PORT: String(ports.frontendMembership),
    HISTORY_GRPC_PORT: String(ports.history),
    HISTORY_MEMBERSHIP_PORT: String(ports.historyMembership),
    MATCHING_GRPC_PORT: String(ports.matching),
    MATCHING_MEMBERSHIP_PORT: String(ports.matchingMembership),
    WORKER_GRPC_PORT: String(ports.worker),
    WORKER_MEMBERSHIP_PORT: String(ports.workerMembership),
    // The module's (empty) dynamic config for this template; the image has it at the template's default path.
    DYNAMIC_CONFIG_FILE_PATH: path.join(build.dir, 'config', 'dynamicconfig', 'docker.yaml'),
    LOG_LEVEL: 'warn',
  };
}

/**
 * Writes the server's environment as an env file (readable by its owner only: it holds the
 * password). It is the record of what runs, and `docker compose --env-file` reads the same format.
 */
export async function writeEnvFile(file: string, env: Record<string, string>): Promise<void> {
  const lines = Object.entries(env).map(([key, value]) => `${key}=${value}`);
  await writeFile(file, `${lines.join('\n')}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
}

export function temporalServerService(
  build: TemporalServerBuild,
  env: Record<string, string>,
  options: { logFile: string; restart: boolean },
): ServiceSpec {
  return {
    name: 'temporal',
    command: build.server,
    args: ['--root', build.dir, '--config', 'config', '--env', 'docker', '--allow-no-auth', 'start'],
    env,
    logFile: options.logFile,
    // Its state is in PostgreSQL, so a restarted server carries on where it stopped.
    restart: options.restart,
    stopGraceMs: 30_000,
  };
}

// Boots the real API (Fastify listening on a free port) over a real database and a real Temporal server.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { installWorkerRuntime } from '@pilot/activities/worker';
import { DEMO_PASSWORD, seedDemoDatabaseForTest, targetFromEnv } from '@pilot/db';
import { createDevServerEnvironment } from '@pilot/infra';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createApiApp } from '../app.js';
import { loadConfig } from '../config.js';
import { openRuntime, type ApiRuntime } from '../runtime.js';

export interface ApiHarness {
  baseUrl: string;
  /** Logs a seeded demo user in and returns a client that sends its bearer token. */
  as(username: string): Promise<ApiClient>;
  anonymous: ApiClient;
  app: NestFastifyApplication;
  runtime: ApiRuntime;
  close(): Promise<void>;
}

export interface ApiHarnessOptions {
  /** A running Temporal to use; `undefined` address means "start a dev server". */
  temporalAddress?: string;
  databaseUrl?: string;
  /** Run the worker inside the API (the embedded default); by default only when the harness starts Temporal. */
  embeddedWorker?: boolean;
  /** Settings over the harness's own (see HARNESS_ENV). */
  env?: Record<string, string>;
  /**
   * Load the eight demo pilots (imported history and fresh enrollments) the way the start command
   * does, through the worker's import, before the API opens the database. Default false.
   */
  demoPilots?: boolean;
}

const importDemoMain = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@pilot/worker/package.json')),
  'dist/import-demo.js',
);

/**
 * The worker's own import in a process of its own: the API may not import an app, and PGlite
 * serves one process at a time, so this runs after the seed closed it and before the API opens it.
 */
async function importDemoPilots(env: Record<string, string>): Promise<void> {
  await promisify(execFile)(process.execPath, [importDemoMain], {
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
}

/**
 * Tests log in as every role many times a minute from one address, far beyond what the per-address
 * allowances permit a real client; login-limits.test.ts holds the production defaults to account.
 */
const HARNESS_ENV = { RATE_LIMIT_PER_MINUTE: '100000', LOGIN_RATE_PER_MINUTE: '10000' };

export async function startApi(options: ApiHarnessOptions = {}): Promise<ApiHarness> {
  installWorkerRuntime('WARN');
  const cleanup: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const step of cleanup.reverse()) await step();
  };
  try {
    let address = options.temporalAddress;
    let embedded = false;
    if (!address) {
      const env: TestWorkflowEnvironment = await createDevServerEnvironment();
      cleanup.push(() => env.teardown());
      address = env.address;
      embedded = true;
    }
    let dbEnv: Record<string, string>;
    if (options.databaseUrl) {
      dbEnv = { DATABASE_URL: options.databaseUrl };
    } else {
      const dataRoot = await mkdtemp(path.join(tmpdir(), 'pilot-api-'));
      cleanup.push(() => rm(dataRoot, { recursive: true, force: true }));
      dbEnv = { PILOT_DATA_DIR: dataRoot };
      await seedDemoDatabaseForTest(targetFromEnv(dbEnv), { demoPasswords: 'keep' });
    }
    const taskQueue = `api-test-${process.pid}`;
    if (options.demoPilots) {
      await importDemoPilots({ ...dbEnv, TEMPORAL_ADDRESS: address, TEMPORAL_TASK_QUEUE: taskQueue });
    }
    const config = loadConfig({
      ...dbEnv,
      TEMPORAL_ADDRESS: address,
      TEMPORAL_TASK_QUEUE: taskQueue,
      PILOT_WORKER: (options.embeddedWorker ?? embedded) ? 'embedded' : 'none',
      LOG_LEVEL: 'warn',
      ...HARNESS_ENV,
      ...options.env,
    });
    const runtime = await openRuntime(config);
    cleanup.push(() => runtime.close());
    const app = await createApiApp(runtime.deps);
    cleanup.push(() => app.close());
    await app.listen(0, '127.0.0.1');
    const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const anonymous = new ApiClient(baseUrl, null);
    return {
      baseUrl,
      anonymous,
      as: async (username) => {
        const response = await anonymous.post('/auth/login', { username, password: DEMO_PASSWORD });
        if (response.status !== 200)
          throw new Error(
            `log-in of ${username} failed: ${response.status} ${JSON.stringify(response.body)}`,
          );
        return new ApiClient(baseUrl, (response.body as { token: string }).token);
      },
      app,
      runtime,
      close,
    };
  } catch (error) {
    // A half-started API must not leave a Temporal server or a data folder behind.
    await close();
    throw error;
  }
}

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A tiny HTTP client for tests: JSON in and out, an optional bearer token and extra headers. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token: string | null,
  ) {}

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return {
      status: response.status,
      // CSV exports and file downloads come back as text; everything else is JSON.
      body: ((response.headers.get('content-type') ?? '').includes('json') && text
        ? JSON.parse(text)
        : text || null) as T,
      headers: response.headers,
    };
  }

  get<T = unknown>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, undefined, headers);
  }
  post<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body ?? {}, headers);
  }
  patch<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('PATCH', path, body ?? {}, headers);
  }
}

// Boots the real API (Fastify listening on a free port) over a real database and a real Temporal server.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { installWorkerRuntime } from '@pilot/activities/worker';
import { deployMigrations, targetFromEnv } from '@pilot/db';
import { createDevServerEnvironment } from '@pilot/infra';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createApiApp } from '../app.js';
import { loadConfig } from '../config.js';
import { openRuntime, type ApiRuntime } from '../runtime.js';

export interface ApiHarness {
  baseUrl: string;
  app: NestFastifyApplication;
  runtime: ApiRuntime;
  close(): Promise<void>;
}

export interface ApiHarnessOptions {
  /** A running Temporal to use; `undefined` address means "start a dev server". */
  temporalAddress?: string;
  databaseUrl?: string;
}

export async function startApi(options: ApiHarnessOptions = {}): Promise<ApiHarness> {
  installWorkerRuntime('WARN');
  let env: TestWorkflowEnvironment | undefined;
  let address = options.temporalAddress;
  if (!address) {
    env = await createDevServerEnvironment();
    address = env.address;
  }
  let dataRoot: string | undefined;
  let dbEnv: Record<string, string>;
  if (options.databaseUrl) {
    dbEnv = { DATABASE_URL: options.databaseUrl };
  } else {
    dataRoot = await mkdtemp(path.join(tmpdir(), 'pilot-api-'));
    dbEnv = { PILOT_DATA_DIR: dataRoot };
    await deployMigrations(targetFromEnv(dbEnv));
  }
  const config = loadConfig({
    ...dbEnv,
    TEMPORAL_ADDRESS: address,
    TEMPORAL_TASK_QUEUE: `api-test-${process.pid}`,
    PILOT_WORKER: env ? 'embedded' : 'none',
    LOG_LEVEL: 'warn',
  });
  const runtime = await openRuntime(config);
  const app = await createApiApp(runtime.deps);
  await app.listen(0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    baseUrl,
    app,
    runtime,
    close: async () => {
      await app.close();
      await runtime.close();
      await env?.teardown();
      if (dataRoot) await rm(dataRoot, { recursive: true, force: true });
    },
  };
}

// The production shape (PostgreSQL, the worker as a process of its own) with the worker killed (-9):
// reads go on from PostgreSQL, a write waits for a worker only up to WORKFLOW_UPDATE_TIMEOUT_SECONDS
// and answers 503 instead of hanging, and when a worker is back the submission that came in during
// the outage is applied once — its retry with the same Idempotency-Key answers that one outcome.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seedDemoDatabaseForTest, scratchPostgres, type ScratchDatabase } from '@pilot/db';
import { createDevServerEnvironment } from '@pilot/infra';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiClient, type ApiHarness } from '../test-support/api-harness.js';
import {
  answersFor,
  enrollBody,
  eventually,
  planOpenNow,
  type TaskDetailBody,
} from '../test-support/pilot-fixtures.js';

const adminUrl = process.env['TEST_DATABASE_URL']?.trim();
const workerMain = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@pilot/worker/package.json')),
  'dist/main.js',
);
const UPDATE_TIMEOUT_SECONDS = 5;

interface Page<T> {
  items: T[];
}

describe.skipIf(!adminUrl)('the API while its worker process is killed', () => {
  let scratch: ScratchDatabase;
  let temporal: TestWorkflowEnvironment;
  let files: string;
  let api: ApiHarness;
  let firm: ApiClient;

  /** Waits for the pilot's self-inspection to open; the task and an answer for every item of it. */
  async function openSelfInspectionAnswers(pilotId: string) {
    const task = await eventually(async () => {
      const page = (
        await firm.get<Page<{ id: string; status: string; kind: string }>>(`/tasks?pilotId=${pilotId}`)
      ).body;
      return page.items.find((t) => t.kind === 'self' && t.status === 'open');
    }, 'the self-inspection to open');
    return { task, items: answersFor((await firm.get<TaskDetailBody>(`/tasks/${task.id}`)).body) };
  }
  let coordinator: ApiClient;
  let worker: ChildProcess | undefined;
  const taskQueue = `worker-crash-${process.pid}`;

  /** Starts a worker process on the test's queue and waits until it says it is polling. */
  async function startWorker(): Promise<void> {
    const child = spawn(process.execPath, [workerMain], {
      env: {
        ...process.env,
        DATABASE_URL: scratch.target.kind === 'postgres' ? scratch.target.url : '',
        TEMPORAL_ADDRESS: temporal.address,
        TEMPORAL_TASK_QUEUE: taskQueue,
        PILOT_STORAGE_DIR: files,
        WORKER_LOG_LEVEL: 'WARN',
        DB_POOL_SIZE: '4',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('polling')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`worker exited with ${code}:\n${output}`)));
    });
    worker = child;
  }

  async function killWorker(): Promise<void> {
    const child = worker;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    worker = undefined;
  }

  beforeAll(async () => {
    scratch = await scratchPostgres(adminUrl!);
    await seedDemoDatabaseForTest(scratch.target, { demoPasswords: 'keep' });
    files = await mkdtemp(path.join(tmpdir(), 'pilot-worker-crash-'));
    temporal = await createDevServerEnvironment();
    await startWorker();
    if (scratch.target.kind !== 'postgres') throw new Error('expected PostgreSQL');
    api = await startApi({
      temporalAddress: temporal.address,
      databaseUrl: scratch.target.url,
      embeddedWorker: false,
      env: {
        TEMPORAL_TASK_QUEUE: taskQueue,
        PILOT_STORAGE_DIR: files,
        WORKFLOW_UPDATE_TIMEOUT_SECONDS: String(UPDATE_TIMEOUT_SECONDS),
      },
    });
    coordinator = await api.as('coord.wang');
    firm = await api.as('firm.xiangshun');
  }, 180_000);
  afterAll(async () => {
    await api?.close();
    await killWorker();
    await temporal?.teardown();
    await scratch?.drop();
    if (files) await rm(files, { recursive: true, force: true });
  });

  it('answers 503 within the deadline while no worker runs, and applies the submission once when one is back', async () => {
    const { startDate, planOptions } = planOpenNow();
    const enrolled = await coordinator.post<{ pilot: { id: string } }>(
      '/pilots',
      enrollBody(startDate, planOptions, { name: '玫瑰家园', community: '锦水园社区' }, { name: '祥顺物业' }),
    );
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
    const pilotId = enrolled.body.pilot.id;
    const { task, items } = await openSelfInspectionAnswers(pilotId);
    const submit = () =>
      firm.post<{ resultId?: string; error?: { code: string } }>(
        `/pilots/${pilotId}/self-inspection`,
        { items },
        { 'idempotency-key': 'worker-crash-0001' },
      );
    const results = () => api.runtime.deps.prisma.inspectionResult.count({ where: { taskId: task.id } });

    await killWorker();
    const started = Date.now();
    const refused = await submit();
    expect(refused.status, JSON.stringify(refused.body)).toBe(503);
    expect(refused.body.error?.code).toBe('unavailable');
    expect(Date.now() - started).toBeLessThan((UPDATE_TIMEOUT_SECONDS + 10) * 1000);
    // Reads are PostgreSQL's and go on.
    expect((await coordinator.get(`/pilots/${pilotId}`)).status).toBe(200);
    expect(await results()).toBe(0);

    await startWorker();
    const recorded = await eventually(
      async () => {
        const answer = await submit();
        return answer.status === 200 ? answer : undefined;
      },
      'the retried submission to be answered',
      60_000,
    );
    expect(recorded.body.resultId).toBeTruthy();
    expect(await results()).toBe(1);
    const audit = await api.runtime.deps.prisma.auditLog.count({
      where: { action: 'inspection.submit', entityId: task.id },
    });
    expect(audit).toBe(1);
  }, 240_000);

  it('loses and duplicates nothing when the worker dies in the middle of a submission', async () => {
    const { startDate, planOptions } = planOpenNow();
    const enrolled = await coordinator.post<{ pilot: { id: string } }>(
      '/pilots',
      enrollBody(startDate, planOptions, { name: '锦水花园', community: '锦水园社区' }, { name: '祥顺物业' }),
    );
    const pilotId = enrolled.body.pilot.id;
    const { task, items } = await openSelfInspectionAnswers(pilotId);
    const submit = () =>
      firm.post<{ resultId?: string }>(
        `/pilots/${pilotId}/self-inspection`,
        { items },
        { 'idempotency-key': 'worker-crash-0002' },
      );
    const inFlight = submit();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await killWorker();
    const first = await inFlight;
    expect([200, 503]).toContain(first.status);
    await startWorker();
    const retried = await eventually(
      async () => {
        const answer = await submit();
        return answer.status === 200 ? answer : undefined;
      },
      'the retried submission to be answered',
      60_000,
    );
    if (first.status === 200) expect(retried.body).toEqual(first.body);
    expect(await api.runtime.deps.prisma.inspectionResult.count({ where: { taskId: task.id } })).toBe(1);
    expect(
      await api.runtime.deps.prisma.auditLog.count({
        where: { action: 'inspection.submit', entityId: task.id },
      }),
    ).toBe(1);
  }, 240_000);
});

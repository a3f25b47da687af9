// One crash must not take the rest down: the Temporal dev server is killed (-9) while the API runs,
// also in the middle of a submission. Meanwhile reads still answer, writes answer 503 and /ready says
// not ready; once the server is back (same SQLite file, as the start command runs it) the API
// recovers by itself, and a retried submission with its Idempotency-Key is recorded exactly once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startPersistentDevServer, type PersistentDevServer } from '@pilot/infra';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiClient, type ApiHarness } from '../test-support/api-harness.js';
import {
  answersFor,
  enrollBody,
  eventually,
  planOpenNow,
  type TaskDetailBody,
} from '../test-support/pilot-fixtures.js';

interface Page<T> {
  items: T[];
}

describe('the API while the Temporal server crashes', () => {
  let dir: string;
  let temporal: PersistentDevServer;
  let api: ApiHarness;
  let coordinator: ApiClient;
  let firm: ApiClient;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'pilot-crash-'));
    temporal = await startPersistentDevServer({ dbFile: path.join(dir, 'temporal.sqlite') });
    api = await startApi({ temporalAddress: temporal.address, embeddedWorker: true });
    coordinator = await api.as('coord.wang');
    firm = await api.as('firm.xiangshun');
  }, 180_000);
  afterAll(async () => {
    await api?.close();
    await temporal?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const ready = async () => (await api.anonymous.get('/ready')).status;

  /** Enrolls a compound and returns its self-inspection once it is open, with its checklist. */
  async function openSelfInspection(compound: { name: string; community: string }, firmName: string) {
    const { startDate, planOptions } = planOpenNow();
    const enrolled = await coordinator.post<{ pilot: { id: string } }>(
      '/pilots',
      enrollBody(startDate, planOptions, compound, { name: firmName }),
    );
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
    const pilotId = enrolled.body.pilot.id;
    const task = await eventually(async () => {
      const page = (
        await firm.get<Page<{ id: string; status: string; kind: string }>>(`/tasks?pilotId=${pilotId}`)
      ).body;
      return page.items.find((t) => t.kind === 'self' && t.status === 'open');
    }, 'the self-inspection to open');
    const detail = (await firm.get<TaskDetailBody>(`/tasks/${task.id}`)).body;
    return { pilotId, taskId: task.id, items: answersFor(detail) };
  }

  const submit = (pilotId: string, items: unknown[], key: string) =>
    firm.post<{ resultId?: string; error?: { code: string } }>(
      `/pilots/${pilotId}/self-inspection`,
      { items },
      { 'idempotency-key': key },
    );

  const results = (taskId: string) => api.runtime.deps.prisma.inspectionResult.count({ where: { taskId } });

  it('answers writes with 503 while Temporal is down, reads go on, and a retried write is recorded once after it is back', async () => {
    const { pilotId, taskId, items } = await openSelfInspection(
      { name: '玫瑰家园', community: '锦水园社区' },
      '祥顺物业',
    );
    expect(await ready()).toBe(200);

    await temporal.kill('SIGKILL');
    const started = Date.now();
    const refused = await submit(pilotId, items, 'crash-test-0001');
    expect(refused.status, JSON.stringify(refused.body)).toBe(503);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(await ready()).toBe(503);
    // The records are PostgreSQL's (here PGlite's): reading them does not need Temporal.
    expect((await coordinator.get(`/pilots?pageSize=5`)).status).toBe(200);
    expect(await results(taskId)).toBe(0);

    await temporal.restart();
    await eventually(
      async () => ((await ready()) === 200 ? true : undefined),
      'the API to be ready again',
      60_000,
    );
    const recorded = await submit(pilotId, items, 'crash-test-0001');
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
    const again = await submit(pilotId, items, 'crash-test-0001');
    expect(again.body).toEqual(recorded.body);
    expect(await results(taskId)).toBe(1);
  }, 240_000);

  it('loses and duplicates nothing when Temporal dies in the middle of a submission', async () => {
    const { pilotId, taskId, items } = await openSelfInspection(
      { name: '锦水花园', community: '锦水园社区' },
      '祥顺物业',
    );
    const inFlight = submit(pilotId, items, 'crash-test-0002');
    await new Promise((resolve) => setTimeout(resolve, 30));
    await temporal.kill('SIGKILL');
    const first = await inFlight;
    // Either it was accepted before the crash, or it was not and says so: never a bare 500.
    expect([200, 503]).toContain(first.status);

    await temporal.restart();
    await eventually(
      async () => ((await ready()) === 200 ? true : undefined),
      'the API to be ready again',
      60_000,
    );
    const retried = await eventually(
      async () => {
        const answer = await submit(pilotId, items, 'crash-test-0002');
        return answer.status === 200 ? answer : undefined;
      },
      'the retried submission to be recorded',
      60_000,
    );
    if (first.status === 200) expect(retried.body).toEqual(first.body);
    expect(await results(taskId)).toBe(1);
    const audit = await api.runtime.deps.prisma.auditLog.count({
      where: { action: 'inspection.submit', entityId: taskId },
    });
    expect(audit).toBe(1);
  }, 240_000);
});

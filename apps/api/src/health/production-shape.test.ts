// On the production shape itself (infra/bin/production): Temporal's own server on PostgreSQL, the
// records in PostgreSQL under the owner / runtime split, two standalone worker processes and the
// API, all started as the deployment starts them. A compressed pilot runs over HTTP while the worker
// holding its workflow is killed with SIGKILL: the other worker takes the pilot over, every step
// completes, and the records show each inspection, rectification and audit entry exactly once.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD, openDatabase, type Database } from '@pilot/db';
import {
  dropProductionShape,
  startProductionShape,
  type ProductionShape,
  type ShapeNames,
} from '@pilot/infra';
import { pilotWorkflowId } from '@pilot/workflows/messages';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../test-support/api-harness.js';
import {
  answersFor,
  DEMO,
  enrollBody,
  eventually,
  ordinaryStandard,
  planOpenNow,
  PNG_BYTES,
  upload,
  type TaskDetailBody,
} from '../test-support/pilot-fixtures.js';

const adminUrl = process.env['TEST_DATABASE_URL']?.trim();
const title = 'the production shape with one of its two workers killed -9';

interface Page<T> {
  items: T[];
}
interface TaskRow {
  id: string;
  kind: string;
  status: string;
}

describe.skipIf(!adminUrl)(adminUrl ? title : `${title} (skipped: TEST_DATABASE_URL is not set)`, () => {
  // Its own roles and databases, so it never meets a developer's shape or a parallel run.
  const id = randomBytes(4).toString('hex');
  const names: ShapeNames = {
    temporalRole: `temporal_e2e_${id}`,
    temporalDatabase: `temporal_e2e_${id}`,
    visibilityDatabase: `temporal_visibility_e2e_${id}`,
    appDatabase: `pilot_e2e_${id}`,
    ownerRole: `pilot_owner_e2e_${id}`,
    runtimeRole: `pilot_app_e2e_${id}`,
  };
  const fatal: string[] = [];
  let stateDir: string;
  let shape: ProductionShape | undefined;
  let db: Database;
  let connection: Connection;
  let temporal: Client;

  const up = (): ProductionShape => {
    if (!shape) throw new Error('the production shape did not come up');
    return shape;
  };

  const login = async (username: string): Promise<ApiClient> => {
    const anonymous = new ApiClient(up().apiUrl, null);
    const answer = await anonymous.post<{ token: string }>('/auth/login', {
      username,
      password: DEMO_PASSWORD,
    });
    expect(answer.status, `log-in of ${username}`).toBe(200);
    return new ApiClient(up().apiUrl, answer.body.token);
  };

  /** Identities of the workers that completed the pilot's workflow tasks, in order. */
  const workflowTaskWorkers = async (): Promise<string[]> => {
    const history = await temporal.workflow.getHandle(pilotWorkflowId(DEMO.compound)).fetchHistory();
    return (history.events ?? []).flatMap((event) => {
      const identity = event.workflowTaskCompletedEventAttributes?.identity;
      return identity ? [identity] : [];
    });
  };
  /** The worker (service name) behind an SDK identity, which is `<pid>@<host>` by default. */
  const workerOf = (identity: string | undefined): string => {
    const found = up().workers.find((name) => identity?.startsWith(`${up().pid(name)}@`));
    if (!found) throw new Error(`no worker of the shape has the identity ${identity}`);
    return found;
  };
  const otherWorker = (name: string): string => {
    const other = up().workers.find((worker) => worker !== name);
    if (!other) throw new Error('the shape has one worker only');
    return other;
  };

  beforeAll(async () => {
    stateDir = await mkdtemp(path.join(tmpdir(), 'pilot-production-shape-'));
    const started = Date.now();
    if (!adminUrl) return;
    shape = await startProductionShape({
      adminUrl,
      stateDir,
      names,
      demoData: 'keep-passwords',
      // A killed worker must stay down: the other one alone carries the pilot on.
      restart: false,
      onFatal: (reason) => fatal.push(reason),
      serviceEnv: { WORKER_LOG_LEVEL: 'WARN', LOG_LEVEL: 'warn' },
    });
    console.info(
      `production shape up in ${((Date.now() - started) / 1000).toFixed(1)} s:`,
      JSON.stringify(shape.timings),
    );
    db = await openDatabase({ kind: 'postgres', url: shape.database.ownerUrl });
    connection = await Connection.connect({ address: shape.temporalAddress });
    temporal = new Client({ connection, namespace: shape.namespace });
    // Building the server the first time (no TEMPORAL_SERVER_PATH from infra/bin/test) takes minutes.
  }, 600_000);

  afterAll(async () => {
    await connection?.close();
    await db?.close();
    await shape?.stop();
    if (adminUrl) await dropProductionShape(adminUrl, names);
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
  }, 120_000);

  it('runs a compressed pilot to its improvement round on the surviving worker, each record once', async () => {
    const s = up();
    const [coordinator, firm, zhang, admin] = await Promise.all([
      login('coord.wang'),
      login('firm.xiangshun'),
      login('insp.zhang'),
      login('admin.jinshui'),
    ]);

    // 自查自纠: enrolled, the firm's self-inspection opens at once and is submitted.
    const { startDate, planOptions } = planOpenNow();
    const enrolled = await coordinator.post<{ pilot: { id: string } }>(
      '/pilots',
      enrollBody(startDate, planOptions),
    );
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
    const pilotId = enrolled.body.pilot.id;
    const self = await eventually(async () => {
      const page = (await firm.get<Page<TaskRow>>(`/tasks?pilotId=${pilotId}`)).body;
      return page.items.find((t) => t.kind === 'self' && t.status === 'open');
    }, 'the self-inspection to open');
    const selfItems = answersFor((await firm.get<TaskDetailBody>(`/tasks/${self.id}`)).body);
    const submitSelf = () =>
      firm.post<{ resultId: string }>(
        `/pilots/${pilotId}/self-inspection`,
        { items: selfItems },
        { 'idempotency-key': `production-shape-self-${id}` },
      );
    const selfResult = await submitSelf();
    expect(selfResult.status, JSON.stringify(selfResult.body)).toBe(200);

    // The worker that ran the pilot's last workflow task holds it in its cache: that one dies.
    const victim = workerOf((await workflowTaskWorkers()).at(-1));
    const survivor = otherWorker(victim);
    const survivorPid = s.pid(survivor);
    await s.kill(victim, 'SIGKILL');
    expect(s.isRunning(victim)).toBe(false);
    // Counted once it is dead: it may have finished another task since it was picked.
    const doneBeforeKill = (await workflowTaskWorkers()).length;

    // A retried request with the same key answers the same result and records nothing new.
    const retried = await submitSelf();
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual(selfResult.body);

    // 集中检查: its timer fires with the victim gone; the survivor picks the pilot up from its
    // history and opens the inspection, which fails one item and opens a rectification.
    const concentrated = await eventually(
      async () => {
        const page = (await zhang.get<Page<TaskRow>>(`/tasks?pilotId=${pilotId}&kind=concentrated`)).body;
        return page.items.find((t) => t.status === 'open');
      },
      'the concentrated inspection to open on the surviving worker',
      60_000,
    );
    const detail = (await zhang.get<TaskDetailBody>(`/tasks/${concentrated.id}`)).body;
    const failedCode = ordinaryStandard(detail);
    const concentratedItems = answersFor(detail, [failedCode]);
    const inspected = await zhang.post<{ resultId: string; rectifications: Array<{ id: string }> }>(
      `/tasks/${concentrated.id}/submit`,
      { items: concentratedItems, notes: '集中检查' },
      { 'idempotency-key': `production-shape-concentrated-${id}` },
    );
    expect(inspected.status, JSON.stringify(inspected.body)).toBe(200);
    expect(inspected.body.rectifications).toHaveLength(1);
    const [rectification] = inspected.body.rectifications;
    if (!rectification) throw new Error('the failed item opened no rectification');
    const rectificationId = rectification.id;

    // 整改: the firm answers with a photo (stored where API and workers share files), the inspector accepts.
    const photo = await upload(firm, { pilotId }, [
      { name: '整改后照片.png', type: 'image/png', bytes: PNG_BYTES },
    ]);
    expect(photo.status, JSON.stringify(photo.body)).toBe(201);
    const answered = await firm.post<{ status: string }>(`/rectifications/${rectificationId}/respond`, {
      response: '已清理消防通道杂物，并安排每日巡查',
      evidenceRefs: photo.body.items.map((item) => item.id),
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    const accepted = await zhang.post<{ status: string }>(`/rectifications/${rectificationId}/verify`, {
      decision: 'accept',
      note: '复查合格',
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.status).toBe('closed');

    const pilot = await eventually(async () => {
      const body = (await coordinator.get<{ phase: string }>(`/pilots/${pilotId}`)).body;
      return body.phase === 'improvement_round' ? body : undefined;
    }, 'the pilot to enter its improvement round');
    expect(pilot.phase).toBe('improvement_round');

    // ── the survivor carried it: every workflow task since the kill was its own ──
    const after = (await workflowTaskWorkers()).slice(doneBeforeKill);
    expect(after.length).toBeGreaterThan(0);
    expect(new Set(after.map(workerOf))).toEqual(new Set([survivor]));
    expect(s.isRunning(survivor)).toBe(true);
    expect(s.pid(survivor)).toBe(survivorPid);
    expect(s.isRunning(victim)).toBe(false);
    expect(fatal).toEqual([]);

    // ── the records: nothing lost, nothing twice ──
    const p = db.prisma;
    expect(await p.enrollment.count({ where: { compoundId: DEMO.compound } })).toBe(1);
    const tasks = await p.inspectionTask.findMany({ where: { enrollmentId: pilotId } });
    expect(new Set(tasks.map((t) => t.key)).size).toBe(tasks.length);
    expect(tasks.find((t) => t.id === self.id)?.status).toBe('submitted');
    expect(tasks.find((t) => t.id === concentrated.id)?.status).toBe('submitted');
    const results = await p.inspectionResult.findMany({ where: { enrollmentId: pilotId } });
    expect(results.map((r) => r.taskId).sort()).toEqual([self.id, concentrated.id].sort());
    expect(await p.itemResult.count({ where: { resultId: selfResult.body.resultId } })).toBe(
      selfItems.length,
    );
    expect(await p.itemResult.count({ where: { resultId: inspected.body.resultId } })).toBe(
      concentratedItems.length,
    );
    const rectifications = await p.rectification.findMany({ where: { enrollmentId: pilotId } });
    expect(rectifications.map((r) => [r.id, r.status])).toEqual([[rectificationId, 'closed']]);
    expect(await p.rectificationResponse.count({ where: { rectificationId } })).toBe(1);
    expect(await p.rectificationVerification.count({ where: { rectificationId } })).toBe(1);

    const audited = async (action: string, entityId: string) =>
      p.auditLog.count({ where: { action, entityId } });
    expect(await p.auditLog.count({ where: { action: 'enrollment.create' } })).toBe(1);
    expect(await audited('inspection.submit', self.id)).toBe(1);
    expect(await audited('inspection.submit', concentrated.id)).toBe(1);
    expect(await audited('rectification.respond', rectificationId)).toBe(1);
    expect(await audited('rectification.accept', rectificationId)).toBe(1);
    // Every stream is a chain numbered without gaps, keyed by the one audit key API and workers share.
    const check = await admin.get<{ ok: boolean; firstBreak: unknown }>('/audit/verify');
    expect(check.status).toBe(200);
    expect(check.body.firstBreak).toBeNull();
    expect(check.body.ok).toBe(true);
  }, 180_000);
});

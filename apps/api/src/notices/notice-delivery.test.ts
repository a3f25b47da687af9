// A reminder made by a real pilot on the time-skipping Temporal server reaches the inspector once:
// in the inbox, and by e-mail at a real SMTP server started here. The server is down when the
// reminder is made, so the delivery is retried with backoff while the pilot goes on; the worker is
// then replaced by a new one (a restart), the SMTP server comes up, and the mail arrives — once,
// also when the pilot's batch is run again as after a crash between its commit and its completion.
// Databases: PGlite always, PostgreSQL with TEST_DATABASE_URL.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createActivities } from '@pilot/activities';
import { freePort, startTestMailServer, type TestMailServer } from '@pilot/activities/testing';
import {
  createPilotWorker,
  ensureSearchAttributes,
  installWorkerRuntime,
  type PilotWorker,
} from '@pilot/activities/worker';
import {
  createAuditSigner,
  createFileStorage,
  seedDemoDatabaseForTest,
  openDatabase,
  testTargets,
  type Database,
  type ScratchDatabase,
} from '@pilot/db';
import {
  DEFAULT_PLAN,
  formatLocalDate,
  noticeEnvSchema,
  wakeOffsetMs,
  type ApplyTaskChangesInput,
  type NoticeSettings,
} from '@pilot/domain';
import { createTimeSkippingEnvironment } from '@pilot/infra';
import { workflowBundlePath } from '@pilot/workflows/bundle';
import { noticeDeliveryStarter, startPilot, type StartedPilot } from '@pilot/workflows/client';
import {
  noticeDeliveryQueue,
  noticeDeliveryWorkflowId,
  scheduledWorkQueue,
  searchAttributes,
  snapshotQuery,
} from '@pilot/workflows/messages';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NoticeRepository } from './notice.repository.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ZHANG = 'usr-insp-zhang';
const ADDRESS = 'zhang.wei@jinshui.example.cn';
const LIU = 'usr-coord-liu';
const LIU_ADDRESS = 'liu.xiaoyan@jinshui.example.cn';

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  ms = 30_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each(testTargets())('a pilot’s reminder by e-mail on %s', ({ create }) => {
  let scratch: ScratchDatabase;
  let db: Database;
  let env: TestWorkflowEnvironment;
  let files: string;
  let mail: TestMailServer | undefined;
  let smtpPort: number;
  let settings: NoticeSettings;
  const taskQueue = `notice-delivery-${process.pid}`;
  let current: { worker: PilotWorker; running: Promise<void> } | undefined;
  const audit = createAuditSigner(randomBytes(32), 'test');

  async function startWorker(): Promise<{ worker: PilotWorker; running: Promise<void> }> {
    const worker = await createPilotWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      scheduledTaskQueue: scheduledWorkQueue(taskQueue),
      noticeTaskQueue: noticeDeliveryQueue(taskQueue),
      workflowBundlePath,
      prisma: db.prisma,
      storage: createFileStorage(files),
      audit,
      notices: { settings, startDelivery: noticeDeliveryStarter(env.client, taskQueue) },
      shutdownGraceTime: '2 seconds',
      // No cache, hence no sticky queue: the Java test server leaves a stopped worker's sticky
      // workflow tasks where they are (a real server moves them to the shared queue when the worker
      // says it shut down, or after five seconds), so the new worker would never see them.
      maxCachedWorkflows: 0,
    });
    return { worker, running: worker.run() };
  }

  beforeAll(async () => {
    installWorkerRuntime('WARN');
    scratch = await create();
    await seedDemoDatabaseForTest(scratch.target, { demoPasswords: 'keep' });
    db = await openDatabase(scratch.target, { asRuntime: true });
    files = await mkdtemp(path.join(tmpdir(), 'pilot-notice-delivery-'));
    env = await createTimeSkippingEnvironment();
    await ensureSearchAttributes(
      env.nativeConnection,
      env.namespace ?? 'default',
      Object.values(searchAttributes),
    );
    // Nothing listens there yet: the mail server "is down" until the test starts it on this port.
    smtpPort = await freePort();
    settings = noticeEnvSchema.parse({
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtpPort),
      SMTP_TLS: 'none',
      SMTP_FROM: '锦水街道试点平台 <notices@jinshui.example.cn>',
    });
    await db.prisma.user.update({
      where: { id: ZHANG },
      data: { noticeChannels: ['email'], email: ADDRESS },
    });
  }, 180_000);
  afterAll(async () => {
    current?.worker.shutdown();
    await current?.running.catch(() => undefined);
    await mail?.close().catch(() => undefined);
    await env?.teardown();
    await db?.close();
    await scratch?.drop();
    if (files) await rm(files, { recursive: true, force: true });
  });

  it('retries with backoff while the pilot goes on, arrives once after a worker restart, and fails without blocking', async () => {
    current = await startWorker();
    const now = await env.currentTimeMs();
    const started: StartedPilot = await startPilot(env.client, taskQueue, {
      compoundId: 'cmp-meiguijiayuan',
      firmId: 'firm-xiangshun',
      startDate: formatLocalDate(now + DAY),
      catalogueVersionId: '2024.1',
      inspectorAssignments: [
        { inspectorId: ZHANG, kinds: ['concentrated', 'weekly'] },
        { inspectorId: 'usr-insp-li', kinds: ['monthly', 'quarterly', 'consolidation'] },
      ],
      enrolledBy: { userId: 'usr-coord-wang', role: 'coordinator' },
    });
    const snapshot = await waitFor('the pilot to answer', () =>
      started.handle.query(snapshotQuery).catch(() => null),
    );
    // The concentrated inspection is 张伟's; its reminder comes a day before its due time, when the
    // pilot wakes (its fixed offset after that instant).
    const task = [...snapshot.openTasks, ...snapshot.upcomingTasks].find((t) => t.kind === 'concentrated')!;
    expect(task.assigneeId).toBe(ZHANG);
    const offset = wakeOffsetMs(started.enrollmentId, DEFAULT_PLAN);
    const dedupeKey = `${task.id}:remind:${task.dueAt}`;
    const sleepUntil = async (at: number) => env.sleep(Math.max(1, at - (await env.currentTimeMs())));

    // ── the mail server is down when the reminder is made ──
    await sleepUntil(task.remindAt + offset + 1_000);
    const notice = await waitFor('the reminder', () =>
      db.prisma.notification.findUnique({ where: { id: dedupeKey } }),
    );
    expect(notice).toMatchObject({
      userId: ZHANG,
      kind: 'reminder',
      entityType: 'inspection_task',
      entityId: task.id,
    });
    const delivery = await waitFor('the first failed attempt', async () => {
      const row = await db.prisma.noticeDelivery.findFirst({ where: { notificationId: dedupeKey } });
      return row && row.attempts >= 1 && row.lastError ? row : null;
    });
    expect(delivery).toMatchObject({ userId: ZHANG, channel: 'email', address: ADDRESS, status: 'pending' });
    expect(delivery.lastError).toMatch(/ECONNREFUSED/);

    // Twenty minutes of workflow time: retries 30 s, 1, 2, 4 and 8 minutes apart give six attempts
    // by then (a fixed 30 s interval would give forty).
    await env.sleep(20 * MINUTE);
    const retried = await waitFor('the retries', async () => {
      const row = await db.prisma.noticeDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
      return row.attempts >= 5 ? row : null;
    });
    expect(retried.attempts).toBeLessThanOrEqual(7);
    expect(retried.status).toBe('pending');

    // ── a restart: this worker stops, a new one takes over, the mail server comes up ──
    current.worker.shutdown();
    await current.running;
    current = await startWorker();
    mail = await startTestMailServer({ port: smtpPort });
    await env.sleep(2 * HOUR);
    await waitFor('the e-mail', async () => mail!.received.length > 0);

    // The pilot's batch once more, as a retry after a crash between its commit and its completion
    // would run it: the notice and its delivery are there, and the start finds the workflow.
    const rerun: ApplyTaskChangesInput = {
      enrollmentId: started.enrollmentId,
      changes: [],
      rectifications: [],
      notifications: [
        {
          dedupeKey,
          userId: ZHANG,
          role: null,
          kind: 'reminder',
          title: notice.title,
          body: notice.body,
          entityType: 'inspection_task',
          entityId: task.id,
        },
      ],
      at: notice.createdAt.getTime(),
    };
    const activities = createActivities({
      prisma: db.prisma,
      storage: createFileStorage(files),
      audit,
      notices: { settings, startDelivery: noticeDeliveryStarter(env.client, taskQueue) },
    });
    await new MockActivityEnvironment({ activityId: 'rerun' }).run(activities.applyTaskChanges, rerun);
    await env.sleep(HOUR);
    const outcome: unknown = await env.client.workflow
      .getHandle(noticeDeliveryWorkflowId(dedupeKey))
      .result();
    expect(outcome).toEqual({ sent: 1, failed: 0 });
    const mails = mail.received.filter((m) => m.headers['x-pilot-notice'] === dedupeKey);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual([ADDRESS]);
    expect(mails[0]!.messageId).toBe(`<${delivery.id}@jinshui.example.cn>`);
    expect(mails[0]!.subject).toBe(notice.title);
    expect(mails[0]!.text).toContain(notice.body);
    const sent = await db.prisma.noticeDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(sent).toMatchObject({ status: 'sent', lastError: null });
    expect(sent.attempts).toBeGreaterThan(retried.attempts);
    expect(await db.prisma.noticeDelivery.count({ where: { notificationId: dedupeKey } })).toBe(1);

    // In the inbox once, unread, until 张伟 reads it.
    const inbox = new NoticeRepository(db.prisma);
    const reader = { userId: ZHANG, role: 'inspector' as const, firmId: null };
    const mine = await inbox.list(reader, { take: 100 });
    expect(mine.filter((n) => n.id === dedupeKey)).toHaveLength(1);
    expect(mine.find((n) => n.id === dedupeKey)!.readAt).toBeNull();
    expect(await inbox.unreadCount(reader)).toBe(mine.filter((n) => n.readAt === null).length);

    // ── the mail server goes away for good: the escalation to the coordinators fails, the pilot does not ──
    await mail.close();
    await db.prisma.user.update({
      where: { id: LIU },
      data: { noticeChannels: ['email'], email: LIU_ADDRESS },
    });
    const escalationKey = `${task.id}:escalate:${task.dueAt}`;
    await sleepUntil(task.dueAt + offset + 1_000);
    await waitFor('the escalation', () =>
      db.prisma.notification.findUnique({ where: { id: escalationKey } }),
    );
    const escalation = await waitFor('the escalation’s delivery', () =>
      db.prisma.noticeDelivery.findFirst({ where: { notificationId: escalationKey } }),
    );
    expect(escalation).toMatchObject({ userId: LIU, address: LIU_ADDRESS });
    // Its twelve attempts take about six hours; the task is marked missed two days after its due time.
    await sleepUntil(task.missedAt + offset + 1_000);
    await waitFor('the 漏检 mark', () =>
      db.prisma.notification.findUnique({ where: { id: `${task.id}:missed` } }),
    );
    expect((await started.handle.query(snapshotQuery)).openTasks.map((t) => t.id)).not.toContain(task.id);
    const gaveUp: unknown = await env.client.workflow
      .getHandle(noticeDeliveryWorkflowId(escalationKey))
      .result();
    expect(gaveUp).toEqual({ sent: 0, failed: 1 });
    const failed = await db.prisma.noticeDelivery.findUniqueOrThrow({ where: { id: escalation.id } });
    expect(failed).toMatchObject({ status: 'failed', attempts: 12, sentAt: null });
    expect(failed.lastError).toMatch(/ECONNREFUSED/);
  });
});

// Records the notice delivery workflow's replay fixture (scenario `notice-delivery`):
// RECORD_HISTORIES=notice-delivery (or 1 / all). One notice for 张伟 on two channels against a real
// local HTTP server standing for the group robots: 企业微信 refuses twice with a rate limit and then
// takes it (two retries with backoff), 钉钉 answers 404 (refused for good, marked failed). The
// fixture then holds both paths — sent after retries, failed — for replay.test.ts.
import { randomBytes } from 'node:crypto';
import { createActivities } from '@pilot/activities';
import { startTestWebhookServer, type TestWebhookServer } from '@pilot/activities/testing';
import { createPilotWorker } from '@pilot/activities/worker';
import { createAuditSigner } from '@pilot/db';
import { noticeEnvSchema, type ApplyTaskChangesInput } from '@pilot/domain';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeDeliveryStarter } from '../client.js';
import { noticeDeliveryQueue, noticeDeliveryWorkflowId, scheduledWorkQueue } from '../messages.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { saveHistories, writeIndex } from '../test-support/histories.js';
import { workflowBundlePath } from '../bundle-path.js';

const wanted = (process.env.RECORD_HISTORIES ?? '').split(',');
const recording = ['1', 'all', 'notice-delivery'].some((name) => wanted.includes(name));

describe.skipIf(!recording)('record the notice delivery fixture', () => {
  let h: Harness;
  let robots: TestWebhookServer;
  beforeAll(async () => {
    h = await createHarness('time-skipping');
    robots = await startTestWebhookServer();
  }, 300_000);
  afterAll(async () => {
    await robots?.close();
    await h?.close();
  });

  it('records a delivery sent after retries and one refused for good', async () => {
    let wecomCalls = 0;
    robots.answerWith((request) => {
      if (request.path === '/robot/send') return { status: 404, body: { error: 'no such robot' } };
      wecomCalls++;
      return wecomCalls <= 2
        ? { status: 200, body: { errcode: 45009, errmsg: 'api freq out of limit' } }
        : { status: 200, body: { errcode: 0, errmsg: 'ok' } };
    });
    const settings = noticeEnvSchema.parse({
      WECOM_WEBHOOK_URL: robots.url('/cgi-bin/webhook/send?key=fixture'),
      DINGTALK_WEBHOOK_URL: robots.url('/robot/send?access_token=fixture'),
    });
    const taskQueue = `notice-fixture-${process.pid}`;
    const startDelivery = noticeDeliveryStarter(h.env.client, taskQueue);
    const audit = createAuditSigner(randomBytes(32), 'fixture');
    const worker = await createPilotWorker({
      connection: h.env.nativeConnection,
      namespace: h.env.namespace ?? 'default',
      taskQueue,
      scheduledTaskQueue: scheduledWorkQueue(taskQueue),
      noticeTaskQueue: noticeDeliveryQueue(taskQueue),
      workflowBundlePath,
      prisma: h.db.prisma,
      storage: h.storage,
      audit,
      notices: { settings, startDelivery },
    });
    await h.db.prisma.user.update({
      where: { id: 'usr-insp-zhang' },
      data: { noticeChannels: ['wecom', 'dingtalk'] },
    });
    const dedupeKey = 'enr-notice-fixture:r1-weekly-01:remind:1';
    const activities = createActivities({
      prisma: h.db.prisma,
      storage: h.storage,
      audit,
      notices: { settings, startDelivery },
    });
    const reminderBatch = async (): Promise<ApplyTaskChangesInput> => ({
      enrollmentId: 'enr-notice-fixture',
      changes: [],
      rectifications: [],
      notifications: [
        {
          dedupeKey,
          userId: 'usr-insp-zhang',
          role: null,
          kind: 'reminder',
          title: '周检查即将到期',
          body: '请于期限前完成周检查（r1-weekly-01）。',
          entityType: 'inspection_task',
          entityId: 'enr-notice-fixture:r1-weekly-01',
        },
      ],
      at: await h.env.currentTimeMs(),
    });
    // The harness's own worker runs alongside (idle), so the harness can close its connection after.
    const outcome = await h.run(() =>
      worker.runUntil(async () => {
        await new MockActivityEnvironment({ activityId: 'fixture' }).run(
          activities.applyTaskChanges,
          await reminderBatch(),
        );
        return h.env.client.workflow.getHandle(noticeDeliveryWorkflowId(dedupeKey)).result();
      }),
    );
    expect(outcome).toEqual({ sent: 1, failed: 1 });
    expect(wecomCalls).toBe(3);
    const workflowId = noticeDeliveryWorkflowId(dedupeKey);
    const runId = (await h.env.client.workflow.getHandle(workflowId).describe()).runId;
    await writeIndex(await saveHistories(h.env.client, 'notice-delivery', workflowId, [runId]));
  });
});

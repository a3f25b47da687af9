// Notices and their deliveries against real databases (PGlite always, PostgreSQL with
// TEST_DATABASE_URL), a real SMTP server and a real HTTP server standing for the group robots:
// who gets a delivery on which channel, that a retried batch adds nothing, what each channel puts
// on the wire, and how a refusal, an unreachable server and a robot's errcode are recorded.
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createAuditSigner,
  createFileStorage,
  deployMigrationsForTest,
  openDatabase,
  seedDemoRecords,
  testTargets,
  type Database,
  type ScratchDatabase,
} from '@pilot/db';
import {
  DEFAULT_PLAN,
  dingtalkRobotMessageSchema,
  noticeEnvSchema,
  wecomRobotMessageSchema,
  type ApplyTaskChangesInput,
  type NoticeSettings,
} from '@pilot/domain';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../index.js';
import { deliveryIdOf } from './record-notices.js';
import {
  freePort,
  startTestMailServer,
  startTestWebhookServer,
  type TestMailServer,
  type TestWebhookServer,
} from './testing.js';
import type { NoticeDeliveryStarter } from './types.js';

const enrollmentId = 'enr-notice-delivery';
const compoundId = 'cmp-meiguijiayuan';
const t0 = Date.UTC(2026, 4, 11, 1);
const SECRET = 'SEC0123456789abcdef';

function execution(activityId: string) {
  const env = new MockActivityEnvironment({
    activityId,
    workflowExecution: { workflowId: `pilot:${compoundId}`, runId: 'run-notices' },
  });
  return <A extends unknown[], R>(fn: (...args: A) => Promise<R>, ...args: A): Promise<R> =>
    env.run<A, R, typeof fn>(fn, ...args);
}

function batch(notices: ApplyTaskChangesInput['notifications'], at = t0): ApplyTaskChangesInput {
  return { enrollmentId, changes: [], notifications: notices, rectifications: [], at };
}

const reminder = (
  dedupeKey: string,
  userId: string | null,
  role: 'firm' | 'coordinator' | 'inspector' | null,
) => ({
  dedupeKey,
  userId,
  role,
  kind: 'reminder' as const,
  title: '周检查即将到期',
  body: `请于 2026-05-18 18:00 前完成周检查（${dedupeKey}）。`,
  entityType: 'inspection_task' as const,
  entityId: `${enrollmentId}:r1-weekly-01`,
});

/** What Temporal would do with the failure: retry it, or give up at once. */
async function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ApplicationFailure))
    throw new Error(`expected an ApplicationFailure, got ${String(error)}`);
  return error;
}

describe.each(testTargets())('notice deliveries on %s', ({ create }) => {
  let scratch: ScratchDatabase;
  let db: Database;
  let files: string;
  let mail: TestMailServer;
  let robots: TestWebhookServer;
  let settings: NoticeSettings;
  const started: string[] = [];
  const startDelivery: NoticeDeliveryStarter = async ({ dedupeKey }) => {
    started.push(dedupeKey);
  };
  let activities: ReturnType<typeof createActivities>;

  const activitiesWith = (noticeSettings: NoticeSettings) =>
    createActivities({
      prisma: db.prisma,
      storage: createFileStorage(files),
      audit: createAuditSigner(randomBytes(32), 'test'),
      notices: { settings: noticeSettings, startDelivery },
    });

  beforeAll(async () => {
    scratch = await create();
    await deployMigrationsForTest(scratch.target);
    db = await openDatabase(scratch.target);
    await seedDemoRecords(db.prisma);
    files = await mkdtemp(path.join(tmpdir(), 'pilot-notices-'));
    mail = await startTestMailServer({ refuseRecipients: /^nobody@/ });
    robots = await startTestWebhookServer();
    settings = noticeEnvSchema.parse({
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(mail.port),
      SMTP_TLS: 'none',
      SMTP_FROM: '锦水街道试点平台 <notices@jinshui.example.cn>',
      WECOM_WEBHOOK_URL: robots.url('/cgi-bin/webhook/send?key=test-key'),
      DINGTALK_WEBHOOK_URL: robots.url('/robot/send?access_token=test-token'),
      DINGTALK_SECRET: SECRET,
      NOTICE_LINK_BASE_URL: 'https://pilot.jinshui.example.cn/',
    });
    activities = activitiesWith(settings);
    await execution('enroll')(activities.recordEnrollment, {
      enrollmentId,
      workflowId: `pilot:${compoundId}`,
      compoundId,
      firmId: 'firm-xiangshun',
      catalogueVersionId: '2026.1',
      startDate: t0,
      plan: DEFAULT_PLAN,
      originEnrollmentId: null,
      stage: 'improvement',
      phase: 'self_inspection',
      assignments: [{ inspectorId: 'usr-insp-zhang', kinds: ['weekly'] }],
      actor: { userId: 'usr-coord-wang', role: 'coordinator', requestId: null },
      at: t0,
    });
    const set = (
      id: string,
      data: { noticeChannels: Array<'email' | 'wecom' | 'dingtalk'>; email?: string | null },
    ) => db.prisma.user.update({ where: { id }, data });
    await set('usr-insp-zhang', {
      noticeChannels: ['email', 'wecom', 'dingtalk'],
      email: 'zhang.wei@jinshui.example.cn',
    });
    await set('usr-firm-xiangshun', { noticeChannels: ['dingtalk'] });
    await set('usr-firm-jinrun', { noticeChannels: ['dingtalk'] });
    // Chose e-mail but gave no address: nothing can be sent there.
    await set('usr-coord-wang', { noticeChannels: ['email'], email: null });
    await set('usr-coord-liu', { noticeChannels: ['email'], email: 'liu.xiaoyan@jinshui.example.cn' });
    // Not this pilot's inspector.
    await set('usr-insp-li', { noticeChannels: ['email'], email: 'li.na@jinshui.example.cn' });
  });
  afterAll(async () => {
    await mail?.close();
    await robots?.close();
    await db?.close();
    await scratch?.drop();
    if (files) await rm(files, { recursive: true, force: true });
  });

  const deliveriesOf = (notificationId: string) =>
    db.prisma.noticeDelivery.findMany({
      where: { notificationId },
      orderBy: [{ userId: 'asc' }, { channel: 'asc' }],
      select: { userId: true, channel: true, address: true, status: true },
    });

  it('writes one delivery per recipient and chosen channel with an address, once however often the batch runs', async () => {
    const input = batch([
      reminder('k-zhang', 'usr-insp-zhang', null),
      reminder('k-firm', null, 'firm'),
      reminder('k-coord', null, 'coordinator'),
      reminder('k-insp', null, 'inspector'),
    ]);
    const run = execution('apply-1');
    await run(activities.applyTaskChanges, input);
    // The retry after a crash between the commit and the activity's completion.
    await run(activities.applyTaskChanges, input);

    expect(await deliveriesOf('k-zhang')).toEqual([
      {
        userId: 'usr-insp-zhang',
        channel: 'email',
        address: 'zhang.wei@jinshui.example.cn',
        status: 'pending',
      },
      { userId: 'usr-insp-zhang', channel: 'wecom', address: '13805310021', status: 'pending' },
      { userId: 'usr-insp-zhang', channel: 'dingtalk', address: '13805310021', status: 'pending' },
    ]);
    // The pilot's firm only, on its one channel, by the contact's mobile number.
    const firm = await deliveriesOf('k-firm');
    expect(firm.map((d) => [d.userId, d.channel])).toEqual([['usr-firm-xiangshun', 'dingtalk']]);
    expect(firm[0]!.address).toMatch(/^1\d{10}$/);
    // 王 chose e-mail without an address; 刘 gets it.
    expect((await deliveriesOf('k-coord')).map((d) => d.userId)).toEqual(['usr-coord-liu']);
    // The inspector notice reaches the pilot's inspector, not 李娜.
    expect((await deliveriesOf('k-insp')).map((d) => [d.userId, d.channel])).toEqual([
      ['usr-insp-zhang', 'email'],
      ['usr-insp-zhang', 'wecom'],
      ['usr-insp-zhang', 'dingtalk'],
    ]);
    expect(await db.prisma.noticeDelivery.count()).toBe(8);
    const notice = await db.prisma.notification.findUniqueOrThrow({ where: { id: 'k-zhang' } });
    expect(notice).toMatchObject({ entityType: 'inspection_task', entityId: `${enrollmentId}:r1-weekly-01` });
    // Each notice with deliveries handed to its workflow on each run: the workflow id makes it once.
    expect(started.filter((key) => key === 'k-zhang')).toHaveLength(2);
  });

  it('makes no delivery where no channel is configured, and links an old run’s notice to its pilot', async () => {
    const inboxOnly = activitiesWith(noticeEnvSchema.parse({}));
    const before = started.length;
    const { entityType: _t, entityId: _i, ...old } = reminder('k-inbox-only', 'usr-insp-zhang', null);
    await execution('apply-2')(inboxOnly.applyTaskChanges, batch([old]));
    expect(await deliveriesOf('k-inbox-only')).toEqual([]);
    expect(started.length).toBe(before);
    expect(await db.prisma.notification.findUniqueOrThrow({ where: { id: 'k-inbox-only' } })).toMatchObject({
      entityType: 'enrollment',
      entityId: enrollmentId,
    });
  });

  it('sends the e-mail once, with a Message-ID derived from the delivery', async () => {
    const id = deliveryIdOf('k-zhang', 'usr-insp-zhang', 'email');
    expect(await execution('send-1')(activities.sendNoticeDelivery, { deliveryId: id })).toEqual({
      outcome: 'sent',
    });
    expect(await execution('send-1')(activities.sendNoticeDelivery, { deliveryId: id })).toEqual({
      outcome: 'already_sent',
    });
    const mails = mail.received.filter((m) => m.headers['x-pilot-notice'] === 'k-zhang');
    expect(mails).toHaveLength(1);
    const [sent] = mails;
    expect(sent!.messageId).toBe(`<${id}@jinshui.example.cn>`);
    expect(sent!.to).toEqual(['zhang.wei@jinshui.example.cn']);
    expect(sent!.from).toBe('notices@jinshui.example.cn');
    expect(sent!.subject).toBe('周检查即将到期');
    expect(sent!.headers['auto-submitted']).toBe('auto-generated');
    expect(sent!.text).toContain('张伟，您好：');
    expect(sent!.text).toContain('请于 2026-05-18 18:00 前完成周检查（k-zhang）。');
    expect(sent!.text).toContain('https://pilot.jinshui.example.cn/inbox/k-zhang/open');
    const row = await db.prisma.noticeDelivery.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(row.sentAt).not.toBeNull();
  });

  it('posts the 企业微信 text message mentioning the mobile number, and its markdown', async () => {
    const id = deliveryIdOf('k-zhang', 'usr-insp-zhang', 'wecom');
    await execution('send-2')(activities.sendNoticeDelivery, { deliveryId: id });
    const request = robots.requests.at(-1)!;
    expect(request.path).toBe('/cgi-bin/webhook/send');
    expect(request.query.get('key')).toBe('test-key');
    const message = wecomRobotMessageSchema.parse(request.body);
    expect(message).toEqual({
      msgtype: 'text',
      text: {
        content: [
          '【周检查即将到期】',
          '请于 2026-05-18 18:00 前完成周检查（k-zhang）。',
          '查看详情：https://pilot.jinshui.example.cn/inbox/k-zhang/open',
        ].join('\n'),
        mentioned_mobile_list: ['13805310021'],
      },
    });

    const markdown = activitiesWith({ ...settings, wecom: { ...settings.wecom!, msgtype: 'markdown' } });
    const other = deliveryIdOf('k-insp', 'usr-insp-zhang', 'wecom');
    await execution('send-3')(markdown.sendNoticeDelivery, { deliveryId: other });
    const md = wecomRobotMessageSchema.parse(robots.requests.at(-1)!.body);
    expect(md.msgtype).toBe('markdown');
    if (md.msgtype !== 'markdown') throw new Error('unreachable');
    expect(md.markdown.content).toContain('### 周检查即将到期');
    expect(md.markdown.content).toContain('[查看详情](https://pilot.jinshui.example.cn/inbox/k-insp/open)');
    expect(md.markdown.content).toContain('提醒对象：张伟');
  });

  it('signs the 钉钉 request and mentions the mobile number in markdown and text', async () => {
    const id = deliveryIdOf('k-firm', 'usr-firm-xiangshun', 'dingtalk');
    const firmPhone = (await db.prisma.noticeDelivery.findUniqueOrThrow({ where: { id } })).address;
    const before = Date.now();
    await execution('send-4')(activities.sendNoticeDelivery, { deliveryId: id });
    const request = robots.requests.at(-1)!;
    expect(request.path).toBe('/robot/send');
    expect(request.query.get('access_token')).toBe('test-token');
    // What 钉钉 checks: the timestamp is now, and the sign is its HMAC under the robot's secret.
    const timestamp = Number(request.query.get('timestamp'));
    expect(timestamp).toBeGreaterThanOrEqual(before);
    expect(timestamp).toBeLessThanOrEqual(Date.now());
    const expected = createHmac('sha256', SECRET).update(`${timestamp}\n${SECRET}`).digest('base64');
    expect(request.query.get('sign')).toBe(expected);
    const message = dingtalkRobotMessageSchema.parse(request.body);
    expect(message).toMatchObject({
      msgtype: 'markdown',
      markdown: { title: '周检查即将到期' },
      at: { atMobiles: [firmPhone], isAtAll: false },
    });
    if (message.msgtype !== 'markdown') throw new Error('unreachable');
    expect(message.markdown.text).toContain(`@${firmPhone}`);

    const text = activitiesWith({ ...settings, dingtalk: { ...settings.dingtalk!, msgtype: 'text' } });
    await execution('send-5')(text.sendNoticeDelivery, {
      deliveryId: deliveryIdOf('k-zhang', 'usr-insp-zhang', 'dingtalk'),
    });
    const plain = dingtalkRobotMessageSchema.parse(robots.requests.at(-1)!.body);
    expect(plain).toEqual({
      msgtype: 'text',
      text: {
        content: [
          '【周检查即将到期】请于 2026-05-18 18:00 前完成周检查（k-zhang）。',
          '查看详情：https://pilot.jinshui.example.cn/inbox/k-zhang/open',
          '@13805310021',
        ].join('\n'),
      },
      at: { atMobiles: ['13805310021'], isAtAll: false },
    });
  });

  it('records a robot’s refusal: an errcode is retried, a wrong URL is not', async () => {
    const id = deliveryIdOf('k-insp', 'usr-insp-zhang', 'dingtalk');
    robots.answerWith(() => ({ status: 200, body: { errcode: 130101, errmsg: 'send too fast' } }));
    const limited = await failureOf(execution('send-6')(activities.sendNoticeDelivery, { deliveryId: id }));
    expect(limited.nonRetryable).toBe(false);
    expect(await db.prisma.noticeDelivery.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'webhook: errcode 130101 send too fast',
    });
    robots.answerWith(() => ({ status: 404, body: { error: 'no such robot' } }));
    const gone = await failureOf(execution('send-6')(activities.sendNoticeDelivery, { deliveryId: id }));
    expect(gone.nonRetryable).toBe(true);
    expect(gone.type).toBe('NoticeDeliveryRefused');
    robots.answerWith(() => ({ status: 200, body: { errcode: 0, errmsg: 'ok' } }));
    await execution('send-6')(activities.failNoticeDelivery, { deliveryId: id, error: gone.message });
    const row = await db.prisma.noticeDelivery.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'failed', attempts: 2 });
    expect(row.lastError).toMatch(/^webhook: HTTP 404/);
  });

  it('gives up at once on a mailbox the server refuses, and retries a server that does not answer', async () => {
    await db.prisma.user.update({
      where: { id: 'usr-coord-liu' },
      data: { email: 'nobody@jinshui.example.cn' },
    });
    await execution('apply-3')(
      activities.applyTaskChanges,
      batch([reminder('k-refused', null, 'coordinator')]),
    );
    const refusedId = deliveryIdOf('k-refused', 'usr-coord-liu', 'email');
    const refused = await failureOf(
      execution('send-7')(activities.sendNoticeDelivery, { deliveryId: refusedId }),
    );
    expect(refused.nonRetryable).toBe(true);
    expect(
      (await db.prisma.noticeDelivery.findUniqueOrThrow({ where: { id: refusedId } })).lastError,
    ).toMatch(/^SMTP: .*550/);

    const closed = await freePort();
    const unreachable = activitiesWith({ ...settings, email: { ...settings.email!, port: closed } });
    const id = deliveryIdOf('k-insp', 'usr-insp-zhang', 'email');
    for (const attempt of [1, 2]) {
      const failure = await failureOf(
        execution('send-8')(unreachable.sendNoticeDelivery, { deliveryId: id }),
      );
      expect(failure.nonRetryable, `attempt ${attempt}`).toBe(false);
    }
    const row = await db.prisma.noticeDelivery.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'pending', attempts: 2 });
    expect(row.lastError).toMatch(/ECONNREFUSED/);
    // A sent delivery is never marked failed afterwards.
    await execution('send-9')(activities.failNoticeDelivery, {
      deliveryId: deliveryIdOf('k-zhang', 'usr-insp-zhang', 'email'),
      error: 'late',
    });
    expect(
      (
        await db.prisma.noticeDelivery.findUniqueOrThrow({
          where: { id: deliveryIdOf('k-zhang', 'usr-insp-zhang', 'email') },
        })
      ).status,
    ).toBe('sent');
    expect(mail.received.filter((m) => m.to.includes('zhang.wei@jinshui.example.cn'))).toHaveLength(1);
  });
});

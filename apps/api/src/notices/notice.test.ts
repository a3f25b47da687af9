// 消息中心 over HTTP against the real API on PGlite (and PostgreSQL with TEST_DATABASE_URL): who
// sees which notice, per-user read state of role-addressed notices, mark read / mark all read,
// keyset paging, the account's channel choice with its field errors, and the admins' delivery log.
// The notices are written as the pilot's activity writes them (rows in `notification`); making them
// through a running pilot is notice-delivery.test.ts's part.
import { seedDemoDatabaseForTest, scratchPostgres, type PrismaClient, type ScratchDatabase } from '@pilot/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiClient, type ApiHarness } from '../test-support/api-harness.js';
import type {
  NoticeDeliveryPage,
  NoticePage,
  NoticeSettingsView,
  ReadAllResult,
  UnreadCount,
} from './notice.dto.js';

const T0 = Date.UTC(2026, 4, 11, 1);
const MINUTE = 60_000;
const A = 'enr-notice-a';
const B = 'enr-notice-b';

interface Fixture {
  id: string;
  userId?: string;
  role?: 'firm' | 'coordinator' | 'inspector';
  enrollmentId: string;
  minute: number;
  entityType?: string;
}

const FIXTURES: Fixture[] = [
  { id: 'n-zhang', userId: 'usr-insp-zhang', enrollmentId: A, minute: 1, entityType: 'inspection_task' },
  { id: 'n-li', userId: 'usr-insp-li', enrollmentId: B, minute: 2, entityType: 'inspection_task' },
  { id: 'n-firm-a', role: 'firm', enrollmentId: A, minute: 3, entityType: 'inspection_task' },
  { id: 'n-firm-b', role: 'firm', enrollmentId: B, minute: 4, entityType: 'inspection_task' },
  { id: 'n-coord-a', role: 'coordinator', enrollmentId: A, minute: 5, entityType: 'rectification' },
  { id: 'n-coord-b', role: 'coordinator', enrollmentId: B, minute: 6 },
  { id: 'n-insp-b', role: 'inspector', enrollmentId: B, minute: 7, entityType: 'enrollment' },
];

async function writeFixtures(prisma: PrismaClient): Promise<void> {
  const enrollment = (id: string, compoundId: string, firmId: string) => ({
    id,
    workflowId: `pilot:${compoundId}`,
    compoundId,
    firmId,
    catalogueVersionId: '2024.1',
    stage: 'improvement' as const,
    phase: 'improvement_round',
    startDate: new Date(T0),
    plan: {},
  });
  await prisma.enrollment.createMany({
    data: [
      enrollment(A, 'cmp-meiguijiayuan', 'firm-xiangshun'),
      enrollment(B, 'cmp-jinguiyuan', 'firm-jinrun'),
    ],
  });
  await prisma.inspectorAssignment.createMany({
    data: [
      { enrollmentId: A, userId: 'usr-insp-zhang' },
      { enrollmentId: B, userId: 'usr-insp-li' },
    ],
  });
  await prisma.notification.createMany({
    data: FIXTURES.map((f) => ({
      id: f.id,
      dedupeKey: f.id,
      userId: f.userId ?? null,
      role: f.role ?? null,
      enrollmentId: f.enrollmentId,
      kind: f.role === 'coordinator' ? ('escalation' as const) : ('reminder' as const),
      title: `标题 ${f.id}`,
      body: `正文 ${f.id}`,
      entityType: f.entityType ?? null,
      entityId: f.entityType ? `${f.enrollmentId}:r1-weekly-01` : null,
      createdAt: new Date(T0 + f.minute * MINUTE),
    })),
  });
}

const ids = (page: NoticePage) => page.items.map((n) => n.id);
const path = (id: string) => `/notices/${encodeURIComponent(id)}/read`;

const targets = [
  { name: 'pglite', adminUrl: null },
  ...(process.env.TEST_DATABASE_URL ? [{ name: 'postgres', adminUrl: process.env.TEST_DATABASE_URL }] : []),
];

describe.each(targets)('消息中心 on $name', ({ adminUrl }) => {
  let api: ApiHarness;
  let scratch: ScratchDatabase | undefined;
  let prisma: PrismaClient;
  const as: Record<string, ApiClient> = {};

  beforeAll(async () => {
    let databaseUrl: string | undefined;
    if (adminUrl) {
      scratch = await scratchPostgres(adminUrl);
      await seedDemoDatabaseForTest(scratch.target, { demoPasswords: 'keep' });
      if (scratch.target.kind !== 'postgres') throw new Error('expected PostgreSQL');
      databaseUrl = scratch.target.url;
    }
    // No Temporal: the inbox never needs it.
    api = await startApi({ temporalAddress: '127.0.0.1:1', ...(databaseUrl ? { databaseUrl } : {}) });
    prisma = api.runtime.deps.prisma;
    await writeFixtures(prisma);
    for (const username of [
      'insp.zhang',
      'insp.li',
      'firm.xiangshun',
      'firm.jinrun',
      'coord.wang',
      'coord.liu',
      'admin.jinshui',
      'resident.han',
    ])
      as[username] = await api.as(username);
  }, 180_000);
  afterAll(async () => {
    await api?.close();
    await scratch?.drop();
  });

  it('shows each user what is addressed to them, or to their role within its scope', async () => {
    const seen = async (username: string) => ids((await as[username]!.get<NoticePage>('/notices')).body);
    expect(await seen('insp.zhang')).toEqual(['n-zhang']);
    // Newest first; the inspector notice of pilot B reaches only B's inspector.
    expect(await seen('insp.li')).toEqual(['n-insp-b', 'n-li']);
    expect(await seen('firm.xiangshun')).toEqual(['n-firm-a']);
    expect(await seen('firm.jinrun')).toEqual(['n-firm-b']);
    expect(await seen('coord.wang')).toEqual(['n-coord-b', 'n-coord-a']);
    expect(await seen('coord.liu')).toEqual(['n-coord-b', 'n-coord-a']);
    expect(await seen('admin.jinshui')).toEqual([]);
    expect(await seen('resident.han')).toEqual([]);

    const page = (await as['insp.zhang']!.get<NoticePage>('/notices')).body;
    expect(page.unread).toBe(1);
    expect(page.items[0]).toMatchObject({
      kind: 'reminder',
      title: '标题 n-zhang',
      addressedTo: 'user',
      subject: { type: 'inspection_task', id: `${A}:r1-weekly-01` },
      pilot: { id: A, compoundName: '玫瑰家园' },
      readAt: null,
    });
    expect(page.items[0]!.createdAt).toBe('2026-05-11T09:01:00.000+08:00');
    const coord = (await as['coord.wang']!.get<NoticePage>('/notices')).body;
    expect(coord.items.find((n) => n.id === 'n-coord-b')).toMatchObject({
      addressedTo: 'role',
      subject: null,
    });
  });

  it('keeps read state per reader for role notices, and answers 404 for a notice that is not theirs', async () => {
    const wang = as['coord.wang']!;
    const liu = as['coord.liu']!;
    expect((await wang.get<UnreadCount>('/notices/unread-count')).body).toEqual({ unread: 2 });
    const read = await wang.post<UnreadCount>(path('n-coord-a'));
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ unread: 1 });
    expect((await liu.get<UnreadCount>('/notices/unread-count')).body).toEqual({ unread: 2 });
    const readAt = (await wang.get<NoticePage>('/notices')).body.items.find(
      (n) => n.id === 'n-coord-a',
    )!.readAt;
    expect(readAt).not.toBeNull();
    // Reading again keeps the first time.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await wang.post<UnreadCount>(path('n-coord-a'))).body).toEqual({ unread: 1 });
    const again = (await wang.get<NoticePage>('/notices')).body.items.find(
      (n) => n.id === 'n-coord-a',
    )!.readAt;
    expect(again).toBe(readAt);
    expect(await prisma.notificationReceipt.count({ where: { notificationId: 'n-coord-a' } })).toBe(1);

    // Someone else's notice, another firm's, an unknown one: all simply not found.
    const one = await as['insp.zhang']!.get<NoticePage['items'][number]>(
      `/notices/${encodeURIComponent('n-zhang')}`,
    );
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: 'n-zhang', subject: { type: 'inspection_task' }, readAt: null });
    expect((await as['insp.zhang']!.get('/notices/n-li')).status).toBe(404);
    expect((await as['insp.zhang']!.post(path('n-li'))).status).toBe(404);
    expect((await as['firm.xiangshun']!.post(path('n-firm-b'))).status).toBe(404);
    expect((await as['insp.zhang']!.post(path('n-insp-b'))).status).toBe(404);
    expect((await as['insp.zhang']!.post(path('nothing-here'))).status).toBe(404);
    // A user-addressed notice carries its own read time; nobody else's state moved.
    expect((await as['insp.zhang']!.post<UnreadCount>(path('n-zhang'))).body).toEqual({ unread: 0 });
    expect(await prisma.notification.count({ where: { readAt: { not: null } } })).toBe(1);
    expect((await as['insp.li']!.get<UnreadCount>('/notices/unread-count')).body).toEqual({ unread: 2 });
  });

  it('marks all read up to the newest the reader saw, and filters the unread', async () => {
    const liu = as['coord.liu']!;
    const extra = new Date(T0 + 60 * MINUTE);
    await prisma.notification.create({
      data: {
        id: 'n-coord-late',
        dedupeKey: 'n-coord-late',
        role: 'coordinator',
        enrollmentId: A,
        kind: 'missed',
        title: '迟到的通知',
        body: '在读者打开页面之后到达',
        createdAt: extra,
      },
    });
    const before = (await liu.get<NoticePage>('/notices?unread=true')).body;
    expect(ids(before)).toEqual(['n-coord-late', 'n-coord-b', 'n-coord-a']);
    const all = await liu.post<ReadAllResult>('/notices/read-all', { upTo: '2026-05-11T09:06:00.000+08:00' });
    expect(all.status).toBe(200);
    expect(all.body).toEqual({ marked: 2, unread: 1 });
    expect(ids((await liu.get<NoticePage>('/notices?unread=true')).body)).toEqual(['n-coord-late']);
    // The other coordinator's state is theirs: wang read only n-coord-a.
    expect(ids((await as['coord.wang']!.get<NoticePage>('/notices?unread=true')).body)).toEqual([
      'n-coord-late',
      'n-coord-b',
    ]);
    expect((await liu.post<ReadAllResult>('/notices/read-all', {})).body).toEqual({ marked: 1, unread: 0 });
    expect((await liu.post<ReadAllResult>('/notices/read-all', {})).body).toEqual({ marked: 0, unread: 0 });

    const bad = await liu.post<{ error: { issues: Array<{ path: string; message: string }> } }>(
      '/notices/read-all',
      { upTo: 'yesterday' },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i) => i.path)).toEqual(['upTo']);
    expect(bad.body.error.issues[0]!.message).toContain('截至');
  });

  it('pages by cursor without repeating or skipping, and refuses a forged cursor in Chinese', async () => {
    await prisma.notification.createMany({
      data: Array.from({ length: 23 }, (_, i) => ({
        id: `n-page-${String(i).padStart(2, '0')}`,
        dedupeKey: `n-page-${String(i).padStart(2, '0')}`,
        userId: 'usr-insp-sun',
        enrollmentId: null,
        kind: 'reminder' as const,
        title: `第 ${i} 条`,
        body: '分页',
        // Pairs share an instant, so the id breaks the tie.
        createdAt: new Date(T0 + Math.floor(i / 2) * MINUTE),
      })),
    });
    const sun = await api.as('insp.sun');
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?pageSize=10&cursor=${encodeURIComponent(cursor)}` : '?pageSize=10';
      const page: NoticePage = (await sun.get<NoticePage>(`/notices${query}`)).body;
      seen.push(...ids(page));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => `n-page-${String(22 - i).padStart(2, '0')}`));
    const forged = await sun.get<{ error: { issues: Array<{ path: string; message: string }> } }>(
      '/notices?cursor=bm90LWEtY3Vyc29y',
    );
    expect(forged.status).toBe(400);
    expect(forged.body.error.issues).toEqual([
      { path: 'cursor', message: expect.stringContaining('分页游标') },
    ]);
    expect((await sun.get('/notices?pageSize=500')).status).toBe(400);
  });

  it('keeps the unread count equal to the unread list for every reader', async () => {
    for (const [username, client] of Object.entries(as)) {
      const count = (await client.get<UnreadCount>('/notices/unread-count')).body.unread;
      const list = (await client.get<NoticePage>('/notices?unread=true&pageSize=50')).body;
      expect(list.items.length, username).toBe(count);
      expect(list.unread, username).toBe(count);
    }
  });

  it('saves the channel choice with field errors for what it lacks, audited', async () => {
    const zhang = as['insp.zhang']!;
    const initial = (await zhang.get<NoticeSettingsView>('/me/notice-settings')).body;
    // The embedded default: nothing configured, so the inbox is the only channel on offer.
    expect(initial).toEqual({ channels: [], email: null, phone: '13805310021', available: [] });

    type Failure = { error: { issues: Array<{ path: string; message: string }> } };
    const noEmail = await zhang.patch<Failure>('/me/notice-settings', { channels: ['email'] });
    expect(noEmail.status).toBe(400);
    expect(noEmail.body.error.issues).toEqual([
      { path: 'email', message: '「电子邮箱」：选择了邮件提醒，请填写接收提醒的电子邮箱。' },
    ]);
    const badEmail = await zhang.patch<Failure>('/me/notice-settings', {
      channels: ['email'],
      email: 'zhang@',
    });
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.error.issues.map((i) => i.path)).toEqual(['email']);
    expect(badEmail.body.error.issues[0]!.message).toContain('不是有效的电子邮箱地址');
    const twice = await zhang.patch<Failure>('/me/notice-settings', { channels: ['wecom', 'wecom'] });
    expect(twice.body.error.issues.map((i) => i.path)).toEqual(['channels']);
    const unknown = await zhang.patch<Failure>(
      '/me/notice-settings',
      { channels: ['sms'] },
      { 'accept-language': 'en' },
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.issues[0]!.path).toBe('channels.0');

    const saved = await zhang.patch<NoticeSettingsView>('/me/notice-settings', {
      channels: ['email', 'dingtalk'],
      email: ' zhang.wei@jinshui.example.cn ',
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      channels: ['email', 'dingtalk'],
      email: 'zhang.wei@jinshui.example.cn',
    });
    const audit = await prisma.auditLog.findFirst({
      where: { action: 'user.notice_settings', entityId: 'usr-insp-zhang' },
    });
    expect(audit?.actorId).toBe('usr-insp-zhang');
    // Keeping the address, changing only the channels.
    expect(
      (await zhang.patch<NoticeSettingsView>('/me/notice-settings', { channels: ['email'] })).body,
    ).toMatchObject({ channels: ['email'], email: 'zhang.wei@jinshui.example.cn' });

    // The admin account has no mobile number: the robots could not mention it.
    const admin = await as['admin.jinshui']!.patch<Failure>('/me/notice-settings', { channels: ['wecom'] });
    expect(admin.status).toBe(400);
    expect(admin.body.error.issues.map((i) => i.path)).toEqual(['channels']);
    expect(admin.body.error.issues[0]!.message).toContain('未登记手机号');
    expect((await as['admin.jinshui']!.get<NoticeSettingsView>('/me/notice-settings')).body.channels).toEqual(
      [],
    );
  });

  it('lists deliveries for admins only, filtered by state, with each state counted', async () => {
    const at = (minute: number) => new Date(T0 + minute * MINUTE);
    await prisma.noticeDelivery.createMany({
      data: [
        {
          id: 'dlv-1',
          notificationId: 'n-zhang',
          userId: 'usr-insp-zhang',
          channel: 'email',
          address: 'z@example.cn',
          status: 'sent',
          attempts: 1,
          sentAt: at(2),
          lastAttemptAt: at(2),
          createdAt: at(1),
        },
        {
          id: 'dlv-2',
          notificationId: 'n-coord-a',
          userId: 'usr-coord-wang',
          channel: 'dingtalk',
          address: '13805310011',
          status: 'failed',
          attempts: 12,
          lastError: 'webhook: errcode 310000 sign not match',
          lastAttemptAt: at(400),
          createdAt: at(5),
        },
        {
          id: 'dlv-3',
          notificationId: 'n-coord-a',
          userId: 'usr-coord-liu',
          channel: 'email',
          address: 'liu@example.cn',
          status: 'pending',
          attempts: 3,
          lastError: 'SMTP: connect ECONNREFUSED 127.0.0.1:2525',
          lastAttemptAt: at(9),
          createdAt: at(5),
        },
      ],
    });
    const admin = as['admin.jinshui']!;
    const all = (await admin.get<NoticeDeliveryPage>('/notice-deliveries')).body;
    expect(all.counts).toEqual({ pending: 1, sent: 1, failed: 1 });
    expect(all.items.map((d) => d.id)).toEqual(['dlv-3', 'dlv-2', 'dlv-1']);
    const failed = (await admin.get<NoticeDeliveryPage>('/notice-deliveries?status=failed')).body;
    expect(failed.items).toEqual([
      expect.objectContaining({
        id: 'dlv-2',
        status: 'failed',
        attempts: 12,
        lastError: 'webhook: errcode 310000 sign not match',
        recipient: { id: 'usr-coord-wang', displayName: '王志刚（街道工作专班）', role: 'coordinator' },
        notice: { id: 'n-coord-a', kind: 'escalation', title: '标题 n-coord-a' },
      }),
    ]);
    const email = (await admin.get<NoticeDeliveryPage>('/notice-deliveries?channel=email&pageSize=1')).body;
    expect(email.items.map((d) => d.id)).toEqual(['dlv-3']);
    expect(email.counts).toEqual({ pending: 1, sent: 1, failed: 0 });
    const next = (
      await admin.get<NoticeDeliveryPage>(
        `/notice-deliveries?channel=email&pageSize=1&cursor=${encodeURIComponent(email.nextCursor!)}`,
      )
    ).body;
    expect(next.items.map((d) => d.id)).toEqual(['dlv-1']);
    expect(next.nextCursor).toBeNull();

    const wrong = await admin.get<{ error: { issues: Array<{ path: string }> } }>(
      '/notice-deliveries?status=lost',
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.issues.map((i) => i.path)).toEqual(['status']);
    for (const username of ['coord.wang', 'insp.zhang', 'firm.xiangshun', 'resident.han'])
      expect((await as[username]!.get('/notice-deliveries')).status, username).toBe(403);
  });
});

// 整改 list over HTTP: search, filters, paging and order over records written straight into the
// read model (so every count is known), each within the caller's scope.
import type { PrismaClient } from '@pilot/db';
import { CATALOGUE_2026_1, DAY_MS } from '@pilot/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiClient, type ApiHarness } from '../test-support/api-harness.js';
import type { ErrorBody } from '../test-support/pilot-fixtures.js';
import { createPilotRecords, daysFromNow } from '../test-support/report-fixtures.js';
import { expectShape } from '../test-support/response-shape.js';
import { rectificationPageSchema, type RectificationPage } from './rectification.dto.js';

const P1 = 'enr-l-meigui'; // 玫瑰家园 · 祥顺物业 · 锦水园社区 · insp.zhang · catalogue 2026.1
const P2 = 'enr-l-jingui'; // 金桂园 · 锦润物业 · 锦水园社区 · insp.li
const P3 = 'enr-l-donghu'; // 东湖雅苑 · 锦润物业 · 东湖社区 · insp.sun
const sameDeadline = daysFromNow(9);

interface Item {
  id: string;
  enrollmentId: string;
  task: string;
  code: string;
  finding: string;
  status: 'open' | 'controlled' | 'responded' | 'reopened' | 'closed' | 'cancelled';
  deadline: Date;
  severity?: 'minor' | 'major' | 'critical';
  critical?: boolean;
  keyPart?: string;
  closedAt?: Date;
}

const ITEMS: Item[] = [
  {
    id: 'rl-m1',
    enrollmentId: P1,
    task: 'r1-weekly-01',
    code: 'A-01',
    finding: '消防通道堆放杂物',
    status: 'open',
    deadline: daysFromNow(-2),
    severity: 'minor',
  },
  {
    id: 'rl-m2',
    enrollmentId: P1,
    task: 'r1-monthly-01',
    code: 'C-05',
    finding: '电梯年检标志过期',
    status: 'controlled',
    deadline: daysFromNow(5),
    severity: 'critical',
    critical: true,
    keyPart: 'fire_control_room',
  },
  {
    id: 'rl-m3',
    enrollmentId: P1,
    task: 'r1-weekly-01',
    code: 'E-01',
    finding: '值班记录缺失',
    status: 'closed',
    deadline: daysFromNow(-10),
    closedAt: daysFromNow(-11),
  },
  {
    id: 'rl-j1',
    enrollmentId: P2,
    task: 'r1-weekly-01',
    code: 'A-02',
    finding: '公示栏信息未更新',
    status: 'reopened',
    deadline: daysFromNow(-1),
    severity: 'major',
  },
  {
    id: 'rl-j2',
    enrollmentId: P2,
    task: 'r1-weekly-01',
    code: 'F-02',
    finding: '楼道卫生不达标',
    status: 'responded',
    deadline: daysFromNow(-3),
  },
  // Two items due at the same moment: the list keeps them in id order.
  {
    id: 'rl-o2',
    enrollmentId: P3,
    task: 'r1-weekly-01',
    code: 'G-01',
    finding: '绿地黄土裸露',
    status: 'open',
    deadline: sameDeadline,
  },
  {
    id: 'rl-o1',
    enrollmentId: P3,
    task: 'r1-weekly-01',
    code: 'G-02',
    finding: '绿篱缺株',
    status: 'open',
    deadline: sameDeadline,
  },
];

async function seed(prisma: PrismaClient): Promise<void> {
  const submitted = daysFromNow(-20);
  const result = (key: string, kind: 'weekly' | 'monthly', assigneeId: string) => ({
    key,
    kind,
    submittedAt: submitted,
    pass: 1,
    fail: 0,
    assigneeId,
  });
  await createPilotRecords(prisma, {
    id: P1,
    compoundId: 'cmp-meiguijiayuan',
    firmId: 'firm-xiangshun',
    stage: 'improvement',
    phase: 'improvement_round',
    inspectorId: 'usr-insp-zhang',
    results: [
      result('r1-weekly-01', 'weekly', 'usr-insp-zhang'),
      result('r1-monthly-01', 'monthly', 'usr-insp-zhang'),
    ],
  });
  // The pilot runs on 2026.1, whose critical C-05 names what counts as control (已管控).
  await prisma.enrollment.update({ where: { id: P1 }, data: { catalogueVersionId: '2026.1' } });
  await createPilotRecords(prisma, {
    id: P2,
    compoundId: 'cmp-jinguiyuan',
    firmId: 'firm-jinrun',
    stage: 'improvement',
    phase: 'improvement_round',
    inspectorId: 'usr-insp-li',
    results: [result('r1-weekly-01', 'weekly', 'usr-insp-li')],
  });
  await createPilotRecords(prisma, {
    id: P3,
    compoundId: 'cmp-donghuyayuan',
    firmId: 'firm-jinrun',
    stage: 'improvement',
    phase: 'improvement_round',
    inspectorId: 'usr-insp-sun',
    results: [result('r1-weekly-01', 'weekly', 'usr-insp-sun')],
  });
  for (const item of ITEMS) {
    await prisma.rectification.create({
      data: {
        id: item.id,
        enrollmentId: item.enrollmentId,
        taskId: `${item.enrollmentId}:${item.task}`,
        standardCode: item.code,
        finding: item.finding,
        severity: item.severity ?? 'minor',
        critical: item.critical ?? false,
        keyPart: item.keyPart ?? null,
        status: item.status,
        deadline: item.deadline,
        openedAt: new Date(item.deadline.getTime() - 5 * DAY_MS),
        controlledAt: item.status === 'controlled' ? daysFromNow(-1) : null,
        closedAt: item.closedAt ?? null,
      },
    });
  }
}

type Failure = ErrorBody & { error: { issues: Array<{ path: string; message: string }> } };

describe('rectification list over HTTP: search, filters, paging', () => {
  let api: ApiHarness;
  let admin: ApiClient;
  const ids = async (client: ApiClient, query = '') => {
    const response = await client.get<RectificationPage>(`/rectifications?pageSize=100${query}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.items.map((item) => item.id);
  };

  beforeAll(async () => {
    api = await startApi();
    await seed(api.runtime.deps.prisma);
    admin = await api.as('admin.jinshui');
  });
  afterAll(async () => api?.close());

  it('lists by deadline, earliest first, with ties in id order, and pages', async () => {
    const all = await ids(admin);
    expect(all).toEqual(['rl-m3', 'rl-j2', 'rl-m1', 'rl-j1', 'rl-m2', 'rl-o1', 'rl-o2']);
    expect(await ids(admin, '&sortOrder=desc')).toEqual([
      'rl-o1',
      'rl-o2',
      'rl-m2',
      'rl-j1',
      'rl-m1',
      'rl-j2',
      'rl-m3',
    ]);
    const page = await admin.get<RectificationPage>('/rectifications?pageSize=3&page=2');
    expect(page.body).toMatchObject({ total: 7, page: 2, pageSize: 3 });
    expect(page.body.items.map((item) => item.id)).toEqual(['rl-j1', 'rl-m2', 'rl-o1']);
    expectShape(rectificationPageSchema, page.body);
  });

  it('searches compound and firm names, standard codes and finding text', async () => {
    const q = (text: string) => ids(admin, `&q=${encodeURIComponent(text)}`);
    expect(await q('玫瑰')).toEqual(['rl-m3', 'rl-m1', 'rl-m2']);
    expect(await q('锦润')).toEqual(['rl-j2', 'rl-j1', 'rl-o1', 'rl-o2']);
    expect(await q('c-05')).toEqual(['rl-m2']);
    expect(await q('绿')).toEqual(['rl-o1', 'rl-o2']);
    expect(await q('不相干的词')).toEqual([]);
  });

  it('filters by place, status, severity, category, inspection kind, key part and overdue', async () => {
    expect(await ids(admin, '&communityId=com-donghu')).toEqual(['rl-o1', 'rl-o2']);
    expect(await ids(admin, '&firmId=firm-jinrun&communityId=com-jinshuiyuan')).toEqual(['rl-j2', 'rl-j1']);
    expect(await ids(admin, '&compoundId=cmp-meiguijiayuan')).toEqual(['rl-m3', 'rl-m1', 'rl-m2']);
    expect(await ids(admin, '&status=controlled')).toEqual(['rl-m2']);
    expect(await ids(admin, '&status=closed')).toEqual(['rl-m3']);
    expect(await ids(admin, '&severity=major')).toEqual(['rl-j1']);
    expect(await ids(admin, '&category=G')).toEqual(['rl-o1', 'rl-o2']);
    expect(await ids(admin, '&kind=monthly')).toEqual(['rl-m2']);
    expect(await ids(admin, '&kind=weekly&pilotId=enr-l-meigui')).toEqual(['rl-m3', 'rl-m1']);
    expect(await ids(admin, '&kind=quarterly')).toEqual([]);
    expect(await ids(admin, '&keyPart=fire_control_room')).toEqual(['rl-m2']);
    // Overdue: the firm still owes the work (a responded item waits for the inspector) and the deadline passed.
    expect(await ids(admin, '&overdue=true')).toEqual(['rl-m1', 'rl-j1']);
    expect(await ids(admin, '&overdue=false')).toEqual(['rl-m3', 'rl-j2', 'rl-m2', 'rl-o1', 'rl-o2']);
    expect(await ids(admin, '&overdue=true&q=%E9%87%91%E6%A1%82')).toEqual(['rl-j1']); // 金桂
  });

  it('says which items may be controlled (已管控) and what counts as control', async () => {
    const page = (await admin.get<RectificationPage>('/rectifications?pilotId=enr-l-meigui')).body;
    const lift = page.items.find((item) => item.id === 'rl-m2')!;
    const c05 = CATALOGUE_2026_1.standards.find((s) => s.code === 'C-05')!;
    expect(lift.interimControl).toEqual(c05.interimControl);
    expect(lift.interimControl!.zh).toContain('停用电梯');
    expect(page.items.find((item) => item.id === 'rl-m1')!.interimControl).toBeNull(); // not critical
    // Critical on 2024.1, which names no interim control: it may not be controlled.
    const onOld = (await admin.get<RectificationPage>('/rectifications?pilotId=enr-l-jingui')).body;
    expect(onOld.items.every((item) => item.interimControl === null)).toBe(true);
  });

  it('keeps each caller in their scope whatever the filters ask', async () => {
    const xiangshun = await api.as('firm.xiangshun');
    expect(await ids(xiangshun)).toEqual(['rl-m3', 'rl-m1', 'rl-m2']);
    expect(await ids(xiangshun, '&firmId=firm-jinrun')).toEqual([]);
    expect(await ids(xiangshun, '&q=%E7%BB%BF')).toEqual([]); // 绿: another firm's findings
    const jinrun = await api.as('firm.jinrun');
    expect(await ids(jinrun, '&overdue=true')).toEqual(['rl-j1']);
    const zhang = await api.as('insp.zhang');
    expect(await ids(zhang)).toEqual(['rl-m3', 'rl-m1', 'rl-m2']);
    expect(await ids(zhang, '&communityId=com-donghu')).toEqual([]);
    const sun = await api.as('insp.sun');
    expect(await ids(sun)).toEqual(['rl-o1', 'rl-o2']);
  });

  it('answers bad filter values with 400 naming each field, in the caller language', async () => {
    const zh = await admin.get<Failure>(
      '/rectifications?status=done&kind=daily&keyPart=Fire%20Room&overdue=maybe&severity=huge&sortOrder=up',
    );
    expect(zh.status).toBe(400);
    expect(zh.body.error.issues.map((i) => i.path).sort()).toEqual([
      'keyPart',
      'kind',
      'overdue',
      'severity',
      'sortOrder',
      'status',
    ]);
    expect(zh.body.error.issues.find((i) => i.path === 'status')!.message).toMatch(/^「状态」必须是以下之一/);
    expect(zh.body.error.issues.find((i) => i.path === 'status')!.message).toContain('controlled');
    const en = await admin.get<Failure>('/rectifications?q=&pageSize=500', { 'accept-language': 'en' });
    expect(en.body.error.issues).toEqual([
      { path: 'q', message: 'Search text must not be empty' },
      { path: 'pageSize', message: 'Page size must be at most 100' },
    ]);
  });

  // Last: it adds records the list tests above do not expect.
  it('shows a closed item’s ledger closing time or none, never "now", and its refusal says the same', async () => {
    const prisma = api.runtime.deps.prisma;
    const closed = (id: string) => ({
      id,
      enrollmentId: P2,
      taskId: `${P2}:r1-weekly-01`,
      standardCode: 'A-01',
      finding: '纸质台账记录',
      severity: 'minor' as const,
      status: 'closed' as const,
      openedAt: daysFromNow(-40),
      deadline: daysFromNow(-33),
    });
    // Neither a closing time nor a ledger: nothing says when it was closed.
    await prisma.rectification.create({ data: closed('rl-bare') });
    // No closing time on the record, but the ledger has the step to closed.
    await prisma.rectification.create({
      data: {
        ...closed('rl-ledger'),
        events: {
          create: [
            { id: 'rl-ledger:opened', toStatus: 'open', at: daysFromNow(-40) },
            { id: 'rl-ledger:closed', fromStatus: 'open', toStatus: 'closed', at: daysFromNow(-37) },
          ],
        },
      },
    });
    const firm = await api.as('firm.jinrun');
    type Detail = RectificationPage['items'][number];
    const bare = (await firm.get<Detail>('/rectifications/rl-bare')).body;
    expect(bare).toMatchObject({ status: 'closed', closedAt: null, events: [] });
    const ledger = (await firm.get<Detail>('/rectifications/rl-ledger')).body;
    const closedEvent = ledger.events.find((e) => e.to === 'closed')!;
    expect(ledger.closedAt).toBe(closedEvent.at);
    expect(Date.parse(ledger.closedAt!)).toBeLessThan(Date.now() - 30 * DAY_MS);

    const body = { response: '已经整改完毕，附照片', evidenceRefs: ['ev-x'] };
    const refusedBare = await firm.post<ErrorBody>('/rectifications/rl-bare/respond', body);
    expect(refusedBare.status).toBe(409);
    expect(refusedBare.body.error.message).toBe('该整改事项已核验销号，无需再办理。');
    const refusedLedger = await firm.post<ErrorBody>('/rectifications/rl-ledger/respond', body);
    expect(refusedLedger.body.error.message).toBe(
      `该整改事项已于 ${closedEvent.at.slice(0, 10)} 核验销号，无需再办理。`,
    );
  });
});

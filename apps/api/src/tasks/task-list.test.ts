// 我的任务 over HTTP: search, filters, paging and order over tasks written straight into the read
// model (so every count is known), each within the caller's scope.
import { HOUR_MS } from '@pilot/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiClient, type ApiHarness } from '../test-support/api-harness.js';
import type { ErrorBody } from '../test-support/pilot-fixtures.js';
import { createPilotRecords, daysFromNow } from '../test-support/report-fixtures.js';
import { expectShape } from '../test-support/response-shape.js';
import { taskPageSchema, type TaskPage } from './task.dto.js';

const P1 = 'enr-t-meigui'; // 玫瑰家园 · 祥顺物业 · 锦水园社区 · insp.zhang
const P2 = 'enr-t-jingui'; // 金桂园 · 锦润物业 · 锦水园社区 · insp.li
const P3 = 'enr-t-donghu'; // 东湖雅苑 · 锦润物业 · 东湖社区 · insp.li
const sameDue = daysFromNow(4);

type Failure = ErrorBody & { error: { issues: Array<{ path: string; message: string }> } };

describe('task list over HTTP: search, filters, paging', () => {
  let api: ApiHarness;
  let admin: ApiClient;
  const keys = async (client: ApiClient, query = '') => {
    const response = await client.get<TaskPage>(`/tasks?pageSize=100${query}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.items.map((task) => task.id);
  };

  beforeAll(async () => {
    api = await startApi();
    const prisma = api.runtime.deps.prisma;
    await createPilotRecords(prisma, {
      id: P1,
      compoundId: 'cmp-meiguijiayuan',
      firmId: 'firm-xiangshun',
      stage: 'improvement',
      phase: 'improvement_round',
      inspectorId: 'usr-insp-zhang',
      tasks: [
        // The firm's own self-inspection, an hour past due.
        {
          key: 'self',
          kind: 'self',
          dueAt: new Date(Date.now() - HOUR_MS),
          status: 'open',
          assigneeId: null,
        },
        {
          key: 'r1-weekly-02',
          kind: 'weekly',
          dueAt: daysFromNow(-2),
          status: 'open',
          assigneeId: 'usr-insp-zhang',
        },
        {
          key: 'r1-monthly-01',
          kind: 'monthly',
          dueAt: daysFromNow(10),
          status: 'scheduled',
          assigneeId: 'usr-insp-zhang',
        },
      ],
    });
    await createPilotRecords(prisma, {
      id: P2,
      compoundId: 'cmp-jinguiyuan',
      firmId: 'firm-jinrun',
      stage: 'improvement',
      phase: 'improvement_round',
      inspectorId: 'usr-insp-li',
      tasks: [
        {
          key: 'r1-weekly-02',
          kind: 'weekly',
          dueAt: daysFromNow(-1),
          status: 'open',
          assigneeId: 'usr-insp-li',
        },
        // Two tasks due at the same moment: the list keeps them in id order.
        { key: 'r1-weekly-03', kind: 'weekly', dueAt: sameDue, status: 'open', assigneeId: 'usr-insp-li' },
      ],
    });
    await createPilotRecords(prisma, {
      id: P3,
      compoundId: 'cmp-donghuyayuan',
      firmId: 'firm-jinrun',
      stage: 'improvement',
      phase: 'improvement_round',
      inspectorId: 'usr-insp-li',
      tasks: [
        {
          key: 'r1-quarterly-01',
          kind: 'quarterly',
          dueAt: sameDue,
          status: 'open',
          assigneeId: 'usr-insp-li',
        },
        { key: 'self', kind: 'self', dueAt: daysFromNow(2), status: 'open', assigneeId: null },
      ],
    });
    admin = await api.as('admin.jinshui');
  });
  afterAll(async () => api?.close());

  it('lists by due time, earliest first, ties in id order, and pages', async () => {
    expect(await keys(admin)).toEqual([
      `${P1}:r1-weekly-02`,
      `${P2}:r1-weekly-02`,
      `${P1}:self`,
      `${P3}:self`,
      `${P3}:r1-quarterly-01`, // same due time as P2's weekly-03: enr-t-donghu < enr-t-jingui
      `${P2}:r1-weekly-03`,
      `${P1}:r1-monthly-01`,
    ]);
    const page = await admin.get<TaskPage>('/tasks?pageSize=2&page=3&sortOrder=desc');
    expect(page.body).toMatchObject({ total: 7, page: 3, pageSize: 2 });
    expect(page.body.items.map((t) => t.id)).toEqual([`${P1}:self`, `${P2}:r1-weekly-02`]);
    expectShape(taskPageSchema, page.body);
  });

  it('searches compound and firm names, task keys and the kind’s name', async () => {
    const q = (text: string) => keys(admin, `&q=${encodeURIComponent(text)}`);
    expect(await q('玫瑰')).toEqual([`${P1}:r1-weekly-02`, `${P1}:self`, `${P1}:r1-monthly-01`]);
    expect(await q('锦润物业')).toEqual([
      `${P2}:r1-weekly-02`,
      `${P3}:self`,
      `${P3}:r1-quarterly-01`,
      `${P2}:r1-weekly-03`,
    ]);
    expect(await q('WEEKLY-03')).toEqual([`${P2}:r1-weekly-03`]);
    expect(await q('季度')).toEqual([`${P3}:r1-quarterly-01`]);
    expect(await q('自查')).toEqual([`${P1}:self`, `${P3}:self`]);
    expect(await q('不相干的词')).toEqual([]);
  });

  it('filters by place, kind, status and overdue, and marks overdue tasks in the list', async () => {
    expect(await keys(admin, '&communityId=com-donghu')).toEqual([`${P3}:self`, `${P3}:r1-quarterly-01`]);
    expect(await keys(admin, '&firmId=firm-jinrun&kind=weekly')).toEqual([
      `${P2}:r1-weekly-02`,
      `${P2}:r1-weekly-03`,
    ]);
    expect(await keys(admin, '&compoundId=cmp-meiguijiayuan&status=upcoming')).toEqual([
      `${P1}:r1-monthly-01`,
    ]);
    const overdue = await admin.get<TaskPage>('/tasks?overdue=true');
    expect(overdue.body.items.map((t) => t.id)).toEqual([
      `${P1}:r1-weekly-02`,
      `${P2}:r1-weekly-02`,
      `${P1}:self`,
    ]);
    expect(overdue.body.items.every((t) => t.overdue && t.status === 'open')).toBe(true);
    const notOverdue = await admin.get<TaskPage>('/tasks?overdue=false&pageSize=100');
    expect(notOverdue.body.total).toBe(4);
    expect(notOverdue.body.items.some((t) => t.overdue)).toBe(false);
  });

  it('keeps each caller in their scope whatever the filters ask', async () => {
    // A firm sees its compounds' self-inspections only.
    const xiangshun = await api.as('firm.xiangshun');
    expect(await keys(xiangshun)).toEqual([`${P1}:self`]);
    expect(await keys(xiangshun, '&overdue=true')).toEqual([`${P1}:self`]);
    expect(await keys(xiangshun, '&firmId=firm-jinrun')).toEqual([]);
    const jinrun = await api.as('firm.jinrun');
    expect(await keys(jinrun, '&q=%E4%B8%9C%E6%B9%96')).toEqual([`${P3}:self`]); // 东湖
    // An inspector sees the tasks assigned to them.
    const zhang = await api.as('insp.zhang');
    expect(await keys(zhang)).toEqual([`${P1}:r1-weekly-02`, `${P1}:r1-monthly-01`]);
    expect(await keys(zhang, '&communityId=com-donghu')).toEqual([]);
    const li = await api.as('insp.li');
    expect(await keys(li, '&overdue=true')).toEqual([`${P2}:r1-weekly-02`]);
  });

  it('answers bad filter values with 400 naming each field, in the caller language', async () => {
    const zh = await admin.get<Failure>('/tasks?overdue=maybe&kind=daily&status=doing&communityId=');
    expect(zh.status).toBe(400);
    expect(zh.body.error.issues.map((i) => i.path).sort()).toEqual([
      'communityId',
      'kind',
      'overdue',
      'status',
    ]);
    expect(zh.body.error.issues.find((i) => i.path === 'kind')!.message).toMatch(
      /^「检查类型」必须是以下之一/,
    );
    expect(zh.body.error.issues.find((i) => i.path === 'communityId')!.message).toBe('「社区编号」不能为空');
    const en = await admin.get<Failure>(`/tasks?q=${'x'.repeat(101)}`, { 'accept-language': 'en' });
    expect(en.body.error.issues).toEqual([
      { path: 'q', message: 'Search text must be at most 100 characters long' },
    ]);
  });
});

// The coordinator's and the admin's routes over HTTP, against the real API, a real Temporal dev
// server and a migrated PGlite: preview, enroll, read, pause/resume, extend, reassign, promote,
// roll out, withdraw — and what each refuses.
import { formatLocalDate } from '@pilot/domain';
import { pilotWorkflowId } from '@pilot/workflows/messages';
import { WorkflowNotFoundError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectShape } from '../test-support/response-shape.js';
import type { ApiClient } from '../test-support/api-harness.js';
import { startApi, type ApiHarness } from '../test-support/api-harness.js';
import {
  ASSIGNMENTS,
  DEMO,
  enrollBody,
  eventually,
  planOpenNow,
  recordCounts,
  type ErrorBody,
} from '../test-support/pilot-fixtures.js';
import {
  enrollResultSchema,
  pilotDetailSchema,
  pilotPageSchema,
  schedulePreviewSchema,
} from './pilot.dto.js';

/** The body matches the documented response schema (the OpenAPI document is rendered from it). */
interface Page<T> {
  items: T[];
  total: number;
}
interface PilotRow {
  id: string;
  status: string;
  paused: boolean;
  compound: { id: string; name: string };
  inspectors: Array<{ id: string }>;
}
interface PilotDetailBody extends PilotRow {
  live: boolean;
  snapshot: { phase: string; paused: boolean } | null;
  timeline: {
    rounds: Array<{ number: number }>;
    audit: {
      items: Array<{ action: string; actor: { id: string; displayName: string | null } | null }>;
      nextCursor: string | null;
    };
  };
}
interface TaskRow {
  id: string;
  kind: string;
  status: string;
  assignee: { id: string } | null;
}

describe('pilot routes over HTTP: enroll and steer a pilot', () => {
  let api: ApiHarness;
  let coordinator: ApiClient;
  let admin: ApiClient;
  let zhang: ApiClient;
  let sun: ApiClient;
  let firm: ApiClient;
  let pilotId: string;
  const plan = planOpenNow();

  beforeAll(async () => {
    api = await startApi();
    [coordinator, admin, zhang, sun, firm] = await Promise.all([
      api.as('coord.wang'),
      api.as('admin.jinshui'),
      api.as('insp.zhang'),
      api.as('insp.sun'),
      api.as('firm.xiangshun'),
    ]);
  });
  afterAll(async () => api?.close());

  it('previews the schedule without starting anything', async () => {
    const preview = await coordinator.post<{
      compound: { id: string };
      existingPilotId: string | null;
      rounds: Array<{
        round: number;
        stage: string;
        tasks: Array<{ kind: string; assignee: { id: string } | null }>;
      }>;
    }>('/pilots/preview', enrollBody(plan.startDate, plan.planOptions));
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expectShape(schedulePreviewSchema, preview.body);
    expect(preview.body.compound.id).toBe(DEMO.compound);
    expect(preview.body.existingPilotId).toBeNull();
    expect(preview.body.rounds.map((r) => [r.round, r.stage])).toEqual([
      [1, 'improvement'],
      [2, 'consolidation'],
    ]);
    const first = preview.body.rounds[0]!.tasks;
    expect(first[0]).toMatchObject({ kind: 'self', assignee: null });
    expect(first.find((t) => t.kind === 'concentrated')?.assignee?.id).toBe(DEMO.zhang);
    expect(await api.runtime.deps.prisma.enrollment.count()).toBe(0);
  });

  it('refuses an enrollment the registry contradicts, naming each field, and starts nothing', async () => {
    const before = await recordCounts(api.runtime.deps.prisma);
    const yesterday = formatLocalDate(Date.now() - 24 * 3600 * 1000);
    const wrong = await coordinator.post<ErrorBody>(
      '/pilots',
      {
        ...enrollBody(yesterday, plan.planOptions, { name: '金桂园', community: '锦水园社区' }),
        inspectorAssignments: [
          { inspectorId: 'usr-coord-liu', kinds: ['concentrated', 'weekly'] },
          { inspectorId: 'usr-nobody', kinds: ['monthly', 'quarterly', 'consolidation'] },
        ],
        catalogueVersion: '1999.1',
      },
      { 'accept-language': 'en' },
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.issues?.map((i) => i.path).sort()).toEqual([
      'catalogueVersion',
      'compound',
      'inspectorAssignments.0.inspectorId',
      'inspectorAssignments.1.inspectorId',
      'startDate',
    ]);
    expect(wrong.body.error.issues?.find((i) => i.path === 'compound')?.message).toContain('锦润物业');
    const unknown = await coordinator.post<ErrorBody>(
      '/pilots',
      enrollBody(
        plan.startDate,
        plan.planOptions,
        { name: '不存在小区', community: '锦水园社区' },
        { name: '无名物业' },
      ),
    );
    expect(unknown.body.error.issues?.map((i) => i.path).sort()).toEqual(['compound.name', 'firm.name']);
    expect(await recordCounts(api.runtime.deps.prisma)).toEqual(before);
    await expect(
      api.runtime.deps.temporalClient.workflow.getHandle(pilotWorkflowId('cmp-jinguiyuan')).describe(),
    ).rejects.toBeInstanceOf(WorkflowNotFoundError);
  });

  it('enrolls by compound id, then lists and shows the pilot with its timeline and live state', async () => {
    const enrolled = await coordinator.post<{ enrollmentId: string; pilot: PilotRow }>('/pilots', {
      ...enrollBody(plan.startDate, plan.planOptions),
      compound: { id: DEMO.compound, name: '玫瑰家园', community: '锦水园社区' },
      firm: { id: DEMO.firm, name: '祥顺物业' },
    });
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
    pilotId = enrolled.body.enrollmentId;
    expectShape(enrollResultSchema, enrolled.body);
    expect(enrolled.body.pilot.inspectors.map((i) => i.id)).toEqual([DEMO.zhang, DEMO.li]);

    const list = async (query: string) => (await coordinator.get<Page<PilotRow>>(`/pilots?${query}`)).body;
    expect((await list(`communityId=${DEMO.community}`)).total).toBe(1);
    expect((await list('communityId=com-donghu')).total).toBe(0);
    expect((await list(`q=${encodeURIComponent('玫瑰')}&stage=improvement&paused=false`)).total).toBe(1);
    expect((await list(`inspectorId=${DEMO.zhang}&sortBy=name`)).total).toBe(1);
    expect((await list('stars=5')).total).toBe(0);
    expect((await coordinator.get<ErrorBody>('/pilots?stars=9')).status).toBe(400);

    const detail = await eventually(async () => {
      const body = (await coordinator.get<PilotDetailBody>(`/pilots/${pilotId}`)).body;
      return body.live ? body : undefined;
    }, 'the live snapshot');
    expectShape(pilotDetailSchema, detail);
    expectShape(pilotPageSchema, await list(''));
    expect(detail.snapshot?.phase).toBe('self_inspection');
    expect(detail.timeline.rounds.map((r) => r.number)).toEqual([1]);
    // The pilot's tasks are its list, not part of its page.
    const tasks = await coordinator.get<Page<TaskRow>>(`/tasks?pilotId=${pilotId}&pageSize=100`);
    expect(tasks.body.total).toBeGreaterThan(10);
    // Newest first: a new pilot's whole history fits its first page, its enrollment last.
    expect(detail.timeline.audit.nextCursor).toBeNull();
    expect(detail.timeline.audit.items.at(-1)).toMatchObject({
      action: 'enrollment.create',
      actor: { id: 'usr-coord-wang', displayName: '王志刚（街道工作专班）' },
    });

    // Participants read the pilot; others do not find it, and may not steer it.
    expect((await zhang.get(`/pilots/${pilotId}`)).status).toBe(200);
    expect((await firm.get(`/pilots/${pilotId}`)).status).toBe(200);
    expect((await sun.get(`/pilots/${pilotId}`)).status).toBe(404);
    expect((await coordinator.get('/pilots/enr-nope')).status).toBe(404);
    expect((await zhang.post(`/pilots/${pilotId}/pause`, { reason: '检查员想暂停' })).status).toBe(403);
  });

  it('pauses and resumes; a paused pilot refuses field work with the reason', async () => {
    const paused = await coordinator.post<{ paused: boolean }>(`/pilots/${pilotId}/pause`, {
      reason: '业主大会换届选举期间',
    });
    expect(paused.status, JSON.stringify(paused.body)).toBe(200);
    expect(paused.body.paused).toBe(true);
    const twice = await coordinator.post<ErrorBody>(`/pilots/${pilotId}/pause`, { reason: '再次暂停' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.reasons?.map((r) => r.code)).toEqual(['already_paused']);
    expect((await coordinator.get<Page<PilotRow>>('/pilots?paused=true')).body.total).toBe(1);

    const self = await firm.post<ErrorBody>(`/pilots/${pilotId}/self-inspection`, {
      items: [{ code: 'A-01', outcome: 'pass' }],
    });
    expect(self.status).toBe(409);
    expect(self.body.error.reasons?.[0]?.code).toBe('pilot_paused');
    expect(self.body.error.message).toBe('试点已暂停，恢复后才能办理。');

    const resumed = await coordinator.post<{ paused: boolean }>(`/pilots/${pilotId}/resume`, {
      note: '换届完成',
    });
    expect(resumed.status).toBe(200);
    expect(resumed.body.paused).toBe(false);
    const audit = await api.runtime.deps.prisma.auditLog.findMany({
      where: { entityId: pilotId, action: { in: ['pilot.pause', 'pilot.resume'] } },
      orderBy: { seq: 'asc' },
    });
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ['pilot.pause', 'usr-coord-wang'],
      ['pilot.resume', 'usr-coord-wang'],
    ]);
  });

  it('extends a deadline and hands an inspector’s work over to another', async () => {
    const tasks = (await coordinator.get<Page<TaskRow>>(`/tasks?pilotId=${pilotId}&pageSize=100`)).body.items;
    const weekly = tasks.find((t) => t.kind === 'weekly' && t.status === 'scheduled')!;
    const extended = await coordinator.post<{ targetId: string; deadline: number }>(
      `/pilots/${pilotId}/extend`,
      {
        targetType: 'task',
        targetId: weekly.id,
        days: 3,
        reason: '暴雨天气，现场无法检查',
      },
    );
    expect(extended.status, JSON.stringify(extended.body)).toBe(200);
    expect(extended.body.targetId).toBe(weekly.id);
    const foreign = await coordinator.post<ErrorBody>(`/pilots/${pilotId}/extend`, {
      targetType: 'rectification',
      targetId: 'enr-other:r1-weekly-01:A-01',
      days: 3,
      reason: '等待配件',
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.issues?.map((i) => i.path)).toEqual(['targetId']);

    const notInspector = await coordinator.post<ErrorBody>(`/pilots/${pilotId}/reassign`, {
      fromInspectorId: DEMO.zhang,
      toInspectorId: 'usr-firm-xiangshun',
    });
    expect(notInspector.status).toBe(400);
    expect(notInspector.body.error.issues?.map((i) => i.path)).toEqual(['toInspectorId']);
    const notAssigned = await coordinator.post<ErrorBody>(`/pilots/${pilotId}/reassign`, {
      fromInspectorId: 'usr-insp-ma',
      toInspectorId: DEMO.sun,
    });
    expect(notAssigned.status).toBe(409);
    expect(notAssigned.body.error.reasons?.[0]?.code).toBe('inspector_not_assigned');

    const handed = await coordinator.post<{ reassignedTasks: string[] }>(`/pilots/${pilotId}/reassign`, {
      fromInspectorId: DEMO.zhang,
      toInspectorId: DEMO.sun,
      kinds: ['weekly'],
      reason: '张伟借调区住建局',
    });
    expect(handed.status, JSON.stringify(handed.body)).toBe(200);
    expect(handed.body.reassignedTasks).toContain(weekly.id);
    // The new inspector now finds the pilot and the weekly tasks; the old one keeps the concentrated one.
    expect((await sun.get(`/pilots/${pilotId}`)).status).toBe(200);
    const sunTasks = (await sun.get<Page<{ kind: string }>>('/tasks?pageSize=100')).body.items;
    expect(new Set(sunTasks.map((t) => t.kind))).toEqual(new Set(['weekly']));
  });

  it('refuses promotion with the eligibility reasons, in Chinese or in English', async () => {
    expect((await coordinator.post(`/pilots/${pilotId}/promote`, {})).status).toBe(403);
    const zh = await admin.post<ErrorBody>(`/pilots/${pilotId}/promote`, { note: '申请评定' });
    expect(zh.status).toBe(409);
    expect(zh.body.error.code).toBe('refused');
    expect(zh.body.error.reasons?.length).toBeGreaterThan(0);
    expect(zh.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    const en = await admin.post<ErrorBody>(`/pilots/${pilotId}/promote`, {}, { 'accept-language': 'en' });
    expect(en.status).toBe(409);
    expect(en.body.error.message).not.toMatch(/[\u4e00-\u9fff]/);
    expect(en.body.error.message).toBe(en.body.error.reasons?.map((r) => r.en).join(' '));
    expect(en.body.error.reasons).toEqual(zh.body.error.reasons);

    const rollout = await coordinator.post<ErrorBody>(`/pilots/${pilotId}/rollout`, {
      startDate: plan.startDate,
      catalogueVersion: '2024.1',
      targets: [{ firm: { name: '锦润物业' }, compound: { name: '金桂园', community: '锦水园社区' } }],
      inspectorAssignments: ASSIGNMENTS,
    });
    expect(rollout.status, JSON.stringify(rollout.body)).toBe(409);
    expect(rollout.body.error.reasons?.[0]?.code).toBe('stage_not_rollout');
  });

  it('answers malformed bodies of every pilot route with 400 naming the field, writing nothing', async () => {
    const before = await recordCounts(api.runtime.deps.prisma);
    const cases: Array<[ApiClient, string, unknown, string]> = [
      [
        coordinator,
        '/pilots',
        { ...enrollBody(plan.startDate, plan.planOptions), startDate: '2025-02-30' },
        'startDate',
      ],
      [coordinator, '/pilots', { ...enrollBody(plan.startDate, { timeScale: 0 }) }, 'planOptions.timeScale'],
      [coordinator, '/pilots/preview', { firm: { name: '祥顺物业' } }, 'compound'],
      [coordinator, `/pilots/${pilotId}/pause`, { reason: '' }, 'reason'],
      [coordinator, `/pilots/${pilotId}/pause`, { pilotId: 'enr-other', reason: '另一个试点' }, 'pilotId'],
      [coordinator, `/pilots/${pilotId}/resume`, { note: 42 }, 'note'],
      [
        coordinator,
        `/pilots/${pilotId}/extend`,
        { targetType: 'task', targetId: 'x', days: 0, reason: '理由' },
        'days',
      ],
      [
        coordinator,
        `/pilots/${pilotId}/reassign`,
        { fromInspectorId: DEMO.zhang, toInspectorId: DEMO.zhang },
        'toInspectorId',
      ],
      [coordinator, `/pilots/${pilotId}/withdraw`, { reason: '短' }, 'reason'],
      [
        coordinator,
        `/pilots/${pilotId}/rollout`,
        {
          startDate: plan.startDate,
          catalogueVersion: '2024.1',
          targets: [],
          inspectorAssignments: ASSIGNMENTS,
        },
        'targets',
      ],
      [admin, `/pilots/${pilotId}/promote`, { note: 7 }, 'note'],
      [firm, `/pilots/${pilotId}/self-inspection`, {}, 'items'],
    ];
    for (const [client, path, body, field] of cases) {
      const response = await client.post<ErrorBody>(path, body);
      expect(response.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(
        response.body.error.issues?.map((i) => i.path),
        `${path}`,
      ).toContain(field);
      expect(response.body.error.issues?.find((i) => i.path === field)?.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await recordCounts(api.runtime.deps.prisma)).toEqual(before);
  });

  it('withdraws the pilot; afterwards it takes no more requests', async () => {
    const withdrawn = await coordinator.post<{ stage: string }>(
      `/pilots/${pilotId}/withdraw`,
      { reason: '物业服务合同到期不再续签' },
      { 'idempotency-key': 'withdraw-rose-0001' },
    );
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect(withdrawn.body.stage).toBe('withdrawn');
    const row = await eventually(async () => {
      const body = (await coordinator.get<PilotRow>(`/pilots/${pilotId}`)).body;
      return body.status === 'withdrawn' ? body : undefined;
    }, 'the withdrawn status');
    expect(row.status).toBe('withdrawn');
    const pause = await coordinator.post<ErrorBody>(`/pilots/${pilotId}/pause`, { reason: '已退出还想暂停' });
    expect(pause.status).toBe(409);
    expect(['pilot_withdrawn', 'pilot_closed']).toContain(pause.body.error.reasons?.[0]?.code);
    // Enrolling the compound again answers the withdrawn pilot: a compound is piloted once.
    const again = await coordinator.post<{ alreadyEnrolled: boolean; enrollmentId: string }>(
      '/pilots',
      enrollBody(plan.startDate, plan.planOptions),
    );
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ alreadyEnrolled: true, enrollmentId: pilotId });
  });
});

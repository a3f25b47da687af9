// 已管控 over HTTP, against the real API, a Temporal dev server and PGlite: an inspector fails a
// critical standard whose 2026.1 text names an interim control; the firm contains the hazard with
// evidence (the critical clock stops, the fix gets the plan's own period), answers, and the
// inspector closes it, so the ledger keeps both dates. A non-critical item cannot be controlled.
import { CATALOGUE_2026_1, pilotPlanSchema, workingDayDeadline } from '@pilot/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../audit-log/audit-log.dto.js';
import { startApi, type ApiClient, type ApiHarness } from '../test-support/api-harness.js';
import {
  answersFor,
  ASSIGNMENTS,
  eventually,
  planOpenNow,
  PNG_BYTES,
  upload,
  type ErrorBody,
  type TaskDetailBody,
} from '../test-support/pilot-fixtures.js';
import { expectShape } from '../test-support/response-shape.js';
import { rectificationSchema, type RectificationPage, type RectificationView } from './rectification.dto.js';

/** 电梯定期检验: critical; 2026.1 says the lift is stopped and signed off meanwhile. */
const LIFT = 'C-05';
const ORDINARY = CATALOGUE_2026_1.standards.find(
  (s) => !s.critical && s.scoring.mode === 'binary' && s.kinds.includes('concentrated'),
)!.code;

describe('controlling a critical hazard (已管控) over HTTP', () => {
  let api: ApiHarness;
  let firm: ApiClient;
  let zhang: ApiClient;
  let pilotId: string;
  let lift: RectificationView;
  let ordinary: RectificationView;
  let stopNotice: string;

  beforeAll(async () => {
    api = await startApi();
    const coordinator = await api.as('coord.wang');
    [firm, zhang] = await Promise.all([api.as('firm.xiangshun'), api.as('insp.zhang')]);
    const { startDate, planOptions } = planOpenNow();
    const enrolled = await coordinator.post<{ enrollmentId: string }>('/pilots', {
      firm: { name: '祥顺物业' },
      compound: { name: '玫瑰家园', community: '锦水园社区' },
      startDate,
      inspectorAssignments: ASSIGNMENTS,
      catalogueVersion: '2026.1',
      planOptions,
    });
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
    pilotId = enrolled.body.enrollmentId;

    type Tasks = { items: Array<{ id: string; status: string }> };
    // The article's order: the firm's self-inspection, then the concentrated inspection.
    const self = await eventually(async () => {
      const page = (await firm.get<Tasks>('/tasks?kind=self')).body;
      return page.items[0]?.status === 'open' ? page.items[0] : undefined;
    }, 'the self-inspection to open');
    const selfDetail = (await firm.get<TaskDetailBody>(`/tasks/${self.id}`)).body;
    const selfDone = await firm.post(`/pilots/${pilotId}/self-inspection`, { items: answersFor(selfDetail) });
    expect(selfDone.status, JSON.stringify(selfDone.body)).toBe(200);
    const task = await eventually(async () => {
      const page = (await zhang.get<Tasks>('/tasks?kind=concentrated&status=open')).body;
      return page.items[0];
    }, 'the concentrated inspection to open');
    const detail = (await zhang.get<TaskDetailBody>(`/tasks/${task.id}`)).body;
    const scene = await upload(zhang, { pilotId }, [
      { name: '现场.png', type: 'image/png', bytes: PNG_BYTES },
    ]);
    const submitted = await zhang.post<{ rectifications: Array<{ id: string; standardCode: string }> }>(
      `/tasks/${task.id}/submit`,
      { items: answersFor(detail, [LIFT, ORDINARY], [scene.body.items[0]!.id]), notes: '集中检查' },
    );
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.rectifications.map((r) => r.standardCode).sort()).toEqual([LIFT, ORDINARY].sort());

    const items = (await firm.get<RectificationPage>(`/rectifications?pilotId=${pilotId}`)).body.items;
    lift = items.find((item) => item.standardCode === LIFT)!;
    ordinary = items.find((item) => item.standardCode === ORDINARY)!;
    const photo = await upload(firm, { pilotId }, [
      { name: '停用告示.png', type: 'image/png', bytes: PNG_BYTES },
    ]);
    expect(photo.status).toBe(201);
    stopNotice = photo.body.items[0]!.id;
  });
  afterAll(async () => api?.close());

  it('says which item may be controlled and what counts as control', () => {
    expect(lift).toMatchObject({ critical: true, status: 'open', controlledAt: null });
    expect(lift.interimControl).toEqual(
      CATALOGUE_2026_1.standards.find((s) => s.code === LIFT)!.interimControl,
    );
    expect(ordinary).toMatchObject({ critical: false, interimControl: null });
  });

  it('refuses to control a non-critical item with 409 and the reason', async () => {
    const refused = await firm.post<ErrorBody>(`/rectifications/${ordinary.id}/control`, {
      measures: '已设置警示标识，安排专人看护',
      evidenceRefs: [stopNotice],
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.reasons?.map((r) => r.code)).toEqual(['control_not_applicable']);
    expect(refused.body.error.message).toBe('只有不能当日整改完毕的关键项可以先行管控。');
    const after = (await firm.get<RectificationView>(`/rectifications/${ordinary.id}`)).body;
    expect(after).toMatchObject({ status: 'open', controlledAt: null });
  });

  it('lets the firm control the critical item: the fix gets the plan’s period, the ledger keeps the evidence', async () => {
    // Only the firm reports control.
    expect(
      (
        await zhang.post(`/rectifications/${lift.id}/control`, {
          measures: '检查员代为填写',
          evidenceRefs: [stopNotice],
        })
      ).status,
    ).toBe(403);
    const measures = '2 号楼 1 号梯已停用，首层张贴停用告示，维保单位与项目经理签字确认。';
    const controlled = await firm.post<{ rectificationId: string; status: string; deadline: string }>(
      `/rectifications/${lift.id}/control`,
      { measures, evidenceRefs: [stopNotice] },
    );
    expect(controlled.status, JSON.stringify(controlled.body)).toBe(200);
    expect(controlled.body).toMatchObject({ rectificationId: lift.id, status: 'controlled' });

    const detail = (await firm.get<RectificationView>(`/rectifications/${lift.id}`)).body;
    expectShape(rectificationSchema, detail);
    expect(detail.status).toBe('controlled');
    expect(detail.controlledAt).not.toBeNull();
    expect(detail.closedAt).toBeNull();
    const step = detail.events.find((e) => e.to === 'controlled')!;
    expect(step).toMatchObject({
      from: 'open',
      note: measures,
      evidenceIds: [stopNotice],
      actorId: 'usr-firm-xiangshun',
    });
    expect(step.at).toBe(detail.controlledAt);
    // The deadline is the plan's controlled-fix period counted from the moment of control.
    const plan = pilotPlanSchema.parse((await firm.get<{ plan: unknown }>(`/pilots/${pilotId}`)).body.plan);
    const fixDue = workingDayDeadline(plan, Date.parse(step.at), plan.controlledFixWorkingDays).dueAt;
    expect(Date.parse(detail.deadline)).toBe(fixDue);
    expect(Date.parse(controlled.body.deadline)).toBe(fixDue);
    expect(Date.parse(detail.deadline)).toBeGreaterThan(Date.parse(lift.deadline));

    // The audit log says it in words, and finds it by them.
    const admin = await api.as('admin.jinshui');
    const audit = (await admin.get<AuditPage>(`/audit?q=${encodeURIComponent('管控')}&entityId=${lift.id}`))
      .body;
    expect(audit.items.map((e) => [e.action, e.actionLabel.zh, e.entityLabel.zh])).toEqual([
      ['rectification.control', '隐患已管控', '整改事项'],
    ]);
    // A second control is refused: it is controlled already.
    const again = await firm.post<ErrorBody>(`/rectifications/${lift.id}/control`, {
      measures,
      evidenceRefs: [stopNotice],
    });
    expect(again.status).toBe(409);
    expect(again.body.error.reasons?.map((r) => r.code)).toEqual(['already_controlled']);
  });

  it('closes the controlled item on an accepted answer, keeping both dates', async () => {
    const answered = await firm.post<{ status: string }>(`/rectifications/${lift.id}/respond`, {
      response: '电梯已完成定期检验并取得合格报告，恢复运行。',
      evidenceRefs: [stopNotice],
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body.status).toBe('responded');
    const accepted = await zhang.post<{ status: string }>(`/rectifications/${lift.id}/verify`, {
      decision: 'accept',
      note: '检验报告合格',
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.status).toBe('closed');

    const detail = (await firm.get<RectificationView>(`/rectifications/${lift.id}`)).body;
    expect(detail.status).toBe('closed');
    expect(detail.controlledAt).not.toBeNull();
    expect(detail.closedAt).not.toBeNull();
    expect(Date.parse(detail.closedAt!)).toBeGreaterThan(Date.parse(detail.controlledAt!));
    expect(detail.events.map((e) => e.to)).toEqual(['open', 'controlled', 'responded', 'closed']);
    expect(detail.overdue).toBe(false);
    const closedList = (await firm.get<RectificationPage>(`/rectifications?pilotId=${pilotId}&status=closed`))
      .body;
    expect(closedList.items.map((item) => item.id)).toEqual([lift.id]);
  });
});

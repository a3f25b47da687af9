// The field work of one pilot over HTTP, against the real API, a real Temporal dev server and a
// migrated PGlite: the coordinator enrolls, the firm self-inspects, an inspector inspects and fails
// an item, the firm answers with evidence, the inspector rejects and then accepts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectShape } from '../test-support/response-shape.js';
import { compoundPageSchema } from '../compounds/compound.dto.js';
import { evidenceUploadSchema } from '../evidence/evidence.dto.js';
import { rectificationSchema } from '../rectifications/rectification.dto.js';
import type { ApiClient } from '../test-support/api-harness.js';
import { startApi, type ApiHarness } from '../test-support/api-harness.js';
import {
  answersFor,
  DEMO,
  enrollBody,
  eventually,
  ordinaryStandard,
  planOpenNow,
  PNG_BYTES,
  recordCounts,
  upload,
  type ErrorBody,
  type TaskDetailBody,
} from '../test-support/pilot-fixtures.js';
import { submitInspectionResultSchema } from '@pilot/domain';
import { taskDetailSchema, taskPageSchema } from './task.dto.js';

/** The body matches the documented response schema (the OpenAPI document is rendered from it). */
interface Page<T> {
  items: T[];
  total: number;
}
interface TaskRow {
  id: string;
  kind: string;
  status: string;
  assignee: { id: string } | null;
  pilot: { id: string };
}
interface RectificationRow {
  id: string;
  status: string;
  standardCode: string;
  pilot: { id: string };
  responses: unknown[];
}

describe('field work over HTTP: inspections, rectifications, evidence', () => {
  let api: ApiHarness;
  let coordinator: ApiClient;
  let firm: ApiClient;
  let otherFirm: ApiClient;
  let zhang: ApiClient;
  let li: ApiClient;
  let pilotId: string;
  let failedCode: string;
  let rectificationId: string;
  let photoId: string;

  beforeAll(async () => {
    api = await startApi();
    [coordinator, firm, otherFirm, zhang, li] = await Promise.all([
      api.as('coord.wang'),
      api.as('firm.xiangshun'),
      api.as('firm.jinrun'),
      api.as('insp.zhang'),
      api.as('insp.li'),
    ]);
  });
  afterAll(async () => api?.close());

  it('enrolls once: a second enrollment of the compound answers the same pilot', async () => {
    const { startDate, planOptions } = planOpenNow();
    const first = await coordinator.post<{
      enrollmentId: string;
      alreadyEnrolled: boolean;
      pilot: { id: string };
    }>('/pilots', enrollBody(startDate, planOptions));
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.alreadyEnrolled).toBe(false);
    expect(first.body.pilot.id).toBe(first.body.enrollmentId);
    pilotId = first.body.enrollmentId;

    const again = await coordinator.post<{ enrollmentId: string; alreadyEnrolled: boolean }>(
      '/pilots',
      enrollBody(startDate, planOptions, { name: '玫瑰家园', community: '锦水园社区' }),
    );
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ enrollmentId: pilotId, alreadyEnrolled: true });
    expect(await api.runtime.deps.prisma.enrollment.count({ where: { compoundId: DEMO.compound } })).toBe(1);
  });

  it('shows each inspector only their own tasks, and the firm only its self-inspection', async () => {
    const zhangOpen = await eventually(async () => {
      const page = (await zhang.get<Page<TaskRow>>('/tasks?status=open')).body;
      return page.items.some((t) => t.kind === 'concentrated') ? page : undefined;
    }, 'the concentrated inspection to open');
    expect(zhangOpen.items.every((t) => t.assignee?.id === DEMO.zhang)).toBe(true);
    expectShape(taskPageSchema, zhangOpen);

    const liAll = (await li.get<Page<TaskRow>>('/tasks?pageSize=100')).body;
    expect(liAll.total).toBeGreaterThan(0);
    expect(liAll.items.every((t) => t.assignee?.id === DEMO.li)).toBe(true);
    expect(new Set(liAll.items.map((t) => t.kind))).toEqual(new Set(['monthly', 'quarterly']));

    // Another inspector's task is not found, not forbidden: its existence is not disclosed.
    const concentrated = zhangOpen.items.find((t) => t.kind === 'concentrated')!;
    expect((await li.get(`/tasks/${concentrated.id}`)).status).toBe(404);

    const firmTasks = (await firm.get<Page<TaskRow>>('/tasks')).body;
    expect(firmTasks.items.map((t) => t.kind)).toEqual(['self']);
    expect((await otherFirm.get<Page<TaskRow>>('/tasks')).body.total).toBe(0);
    expect((await otherFirm.get(`/pilots/${pilotId}`)).status).toBe(404);
    expect((await otherFirm.get<Page<unknown>>('/pilots')).body.total).toBe(0);
    expect((await zhang.get<Page<unknown>>('/pilots')).body.total).toBe(1);

    // Coordinators see every task and may filter by assignee.
    const byLi = (await coordinator.get<Page<TaskRow>>(`/tasks?assigneeId=${DEMO.li}&pageSize=100`)).body;
    expect(byLi.total).toBe(liAll.total);
    const resident = await api.as('resident.han');
    expect((await resident.get('/tasks')).status).toBe(403);
  });

  it('lets the firm submit its self-inspection against the full checklist', async () => {
    const selfRow = (await firm.get<Page<TaskRow>>('/tasks?kind=self')).body.items[0]!;
    const detail = await eventually(async () => {
      const body = (await firm.get<TaskDetailBody>(`/tasks/${selfRow.id}`)).body;
      return body.status === 'open' ? body : undefined;
    }, 'the self-inspection to open');
    expect(detail.checklist.itemCount).toBe(107);
    expectShape(taskDetailSchema, detail);
    expect(detail.checklist.categories.map((c) => c.code)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']);

    // An incomplete checklist is the workflow's refusal: 409 with the reason, nothing written.
    const partial = await firm.post<ErrorBody>(`/pilots/${pilotId}/self-inspection`, {
      items: answersFor(detail).slice(0, 10),
    });
    expect(partial.status).toBe(409);
    expect(partial.body.error.reasons?.map((r) => r.code)).toContain('checklist_incomplete');

    const submitted = await firm.post<{ score: number; rectifications: unknown[] }>(
      `/pilots/${pilotId}/self-inspection`,
      { items: answersFor(detail), notes: '自查自纠完成' },
    );
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.score).toBe(100);
    expect(submitted.body.rectifications).toEqual([]);
    const again = await firm.post<ErrorBody>(`/tasks/${selfRow.id}/submit`, { items: answersFor(detail) });
    expect(again.status).toBe(409);
    expect(again.body.error.reasons?.[0]?.code).toBe('task_already_submitted');
  });

  it('records an inspection with a failed item once per Idempotency-Key, opening a rectification', async () => {
    const task = (await zhang.get<Page<TaskRow>>('/tasks?kind=concentrated')).body.items[0]!;
    const detail = (await zhang.get<TaskDetailBody>(`/tasks/${task.id}`)).body;
    failedCode = ordinaryStandard(detail);
    const body = { items: answersFor(detail, [failedCode]), notes: '集中检查' };
    const headers = { 'idempotency-key': `submit-${task.id.replace(/[^A-Za-z0-9]/g, '-')}` };

    const first = await zhang.post<{
      resultId: string;
      rectifications: Array<{ id: string; standardCode: string }>;
    }>(`/tasks/${task.id}/submit`, body, headers);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.rectifications.map((r) => r.standardCode)).toEqual([failedCode]);
    expectShape(submitInspectionResultSchema, first.body);
    const retry = await zhang.post(`/tasks/${task.id}/submit`, body, headers);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');

    const prisma = api.runtime.deps.prisma;
    expect(await prisma.inspectionResult.count({ where: { taskId: task.id } })).toBe(1);
    expect(await prisma.rectification.count({ where: { taskId: task.id } })).toBe(1);
    const audit = await prisma.auditLog.findMany({
      where: { action: 'inspection.submit', entityId: task.id },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: DEMO.zhang, actorRole: 'inspector' });
    rectificationId = first.body.rectifications[0]!.id;

    // Even if the stored answer is gone, the key is the workflow Update id: the pilot answers the
    // first result again instead of recording a second inspection.
    await prisma.idempotencyRecord.deleteMany({ where: { key: headers['idempotency-key'] } });
    const replayed = await zhang.post(`/tasks/${task.id}/submit`, body, headers);
    expect(replayed.status).toBe(200);
    expect(replayed.body).toEqual(first.body);
    expect(await prisma.inspectionResult.count({ where: { taskId: task.id } })).toBe(1);
    // A new key is a new request, which the pilot refuses: the task is done.
    const fresh = await zhang.post<ErrorBody>(`/tasks/${task.id}/submit`, body, {
      'idempotency-key': 'another-key-0001',
    });
    expect(fresh.status).toBe(409);
    expect(fresh.body.error.reasons?.[0]?.code).toBe('task_already_submitted');
  });

  it('takes evidence uploads within the limits, and only the uploader may attach them', async () => {
    const uploaded = await upload(firm, { pilotId }, [
      { name: '整改后照片.png', type: 'image/png', bytes: PNG_BYTES },
    ]);
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    expectShape(evidenceUploadSchema, uploaded.body);
    const [photo] = uploaded.body.items;
    photoId = photo!.id;
    expect(photo!.sizeBytes).toBe(PNG_BYTES.byteLength);
    expect(photo!.sha256).toMatch(/^[0-9a-f]{64}$/);
    const audit = await api.runtime.deps.prisma.auditLog.findMany({ where: { entityId: photoId } });
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([['evidence.upload', 'usr-firm-xiangshun']]);

    const download = await fetch(`${api.baseUrl}/evidence/${photoId}`, {
      headers: { authorization: `Bearer ${zhang.token}` },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await download.arrayBuffer()).equals(PNG_BYTES)).toBe(true);
    expect((await otherFirm.get(`/evidence/${photoId}`)).status).toBe(404);
    expect((await firm.get('/evidence/ev-nope')).status).toBe(404);

    // A scanned record of several megabytes is well within the limit.
    const scan = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(6 * 1024 * 1024, 0x20)]);
    const pdf = await upload(firm, { pilotId }, [
      { name: '设备巡检记录.pdf', type: 'application/pdf', bytes: scan },
    ]);
    expect(pdf.status, JSON.stringify(pdf.body)).toBe(201);
    expect(pdf.body.items[0]!.sizeBytes).toBe(scan.byteLength);

    const before = await recordCounts(api.runtime.deps.prisma);
    const big = await upload(firm, { pilotId }, [
      { name: 'big.png', type: 'image/png', bytes: Buffer.alloc(10 * 1024 * 1024 + 1, 1) },
    ]);
    expect(big.status).toBe(413);
    const text = await upload(firm, { pilotId }, [
      { name: 'notes.txt', type: 'text/plain', bytes: Buffer.from('hello') },
    ]);
    expect(text.status).toBe(415);
    const disguised = await upload(firm, { pilotId }, [
      { name: 'fake.jpg', type: 'image/jpeg', bytes: Buffer.from('MZ not really a jpeg') },
    ]);
    expect(disguised.status).toBe(415);
    expect((await firm.post('/evidence', { pilotId })).status).toBe(415);
    // Without a pilot an inspector's file is a patrol finding's photo: a document is refused.
    const inspectorNoPilot = await upload(zhang, {}, [
      { name: 'a.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF-1.4\n%%EOF\n') },
    ]);
    expect(inspectorNoPilot.status).toBe(415);
    const foreign = await upload(otherFirm, { pilotId }, [
      { name: 'a.png', type: 'image/png', bytes: PNG_BYTES },
    ]);
    expect(foreign.status).toBe(404);
    expect(await recordCounts(api.runtime.deps.prisma)).toEqual(before);
    // Without a pilot a photo waits for the matter it goes with: a firm's answer to a 群众诉求, an
    // inspector's patrol finding.
    for (const who of [firm, zhang]) {
      const noPilot = await upload(who, {}, [{ name: 'a.png', type: 'image/png', bytes: PNG_BYTES }]);
      expect(noPilot.status).toBe(201);
      expect(
        await api.runtime.deps.prisma.evidence.findUniqueOrThrow({
          where: { id: noPilot.body.items[0]!.id },
        }),
      ).toMatchObject({ enrollmentId: null, matterId: null });
    }
  });

  it('runs the rectification loop: answer, reject, answer again, accept', async () => {
    const open = (await firm.get<Page<RectificationRow>>('/rectifications?status=open')).body;
    expect(open.items.map((r) => r.id)).toEqual([rectificationId]);
    expect((await otherFirm.get<Page<RectificationRow>>('/rectifications')).body.total).toBe(0);

    // Evidence someone else uploaded cannot be attached.
    const inspectorPhoto = await upload(zhang, { pilotId }, [
      { name: 'scene.png', type: 'image/png', bytes: PNG_BYTES },
    ]);
    const borrowed = await firm.post<ErrorBody>(`/rectifications/${rectificationId}/respond`, {
      response: '已清理消防通道杂物',
      evidenceRefs: [inspectorPhoto.body.items[0]!.id],
    });
    expect(borrowed.status).toBe(400);
    expect(borrowed.body.error.issues?.map((i) => i.path)).toEqual(['evidenceRefs.0']);

    const answered = await firm.post<{ status: string }>(`/rectifications/${rectificationId}/respond`, {
      response: '已清理消防通道杂物，并安排每日巡查',
      evidenceRefs: [photoId],
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body.status).toBe('responded');

    const rejected = await zhang.post<{ status: string }>(`/rectifications/${rectificationId}/verify`, {
      decision: 'reject',
      reason: '照片未显示通道全貌',
    });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    expect(rejected.body.status).toBe('reopened');
    const reopened = (await firm.get<Page<RectificationRow>>('/rectifications?status=reopened')).body;
    expect(reopened.items.map((r) => r.id)).toEqual([rectificationId]);

    expect(
      (
        await firm.post(`/rectifications/${rectificationId}/respond`, {
          response: '补充通道全景照片，杂物已全部清走',
          evidenceRefs: [photoId],
        })
      ).status,
    ).toBe(200);
    const accepted = await li.post<{ status: string }>(`/rectifications/${rectificationId}/verify`, {
      decision: 'accept',
      note: '复查合格',
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.status).toBe('closed');

    const detail = (
      await firm.get<{ status: string; events: Array<{ to: string; actorId: string }> }>(
        `/rectifications/${rectificationId}`,
      )
    ).body;
    expect(detail.status).toBe('closed');
    expectShape(rectificationSchema, detail);
    expect(detail.events.map((e) => e.to)).toEqual(['open', 'responded', 'reopened', 'responded', 'closed']);
    const actions = await api.runtime.deps.prisma.auditLog.findMany({
      where: { entityId: rectificationId },
      orderBy: { seq: 'asc' },
    });
    expect(actions.map((a) => [a.action, a.actorId])).toEqual([
      ['rectification.respond', 'usr-firm-xiangshun'],
      ['rectification.reject', DEMO.zhang],
      ['rectification.respond', 'usr-firm-xiangshun'],
      ['rectification.accept', DEMO.li],
    ]);
  });

  it('shows the firm its compounds with the pilot, the score and the open items', async () => {
    const page = (
      await firm.get<
        Page<{
          id: string;
          firm: { id: string };
          pilot: { id: string; stage: string } | null;
          rectifications: { awaitingAnswer: number } | null;
        }>
      >('/compounds')
    ).body;
    expect(page.items.every((c) => c.firm.id === DEMO.firm)).toBe(true);
    expect(page.total).toBe(4);
    expectShape(compoundPageSchema, page);
    const rose = page.items.find((c) => c.id === DEMO.compound)!;
    expect(rose.pilot).toMatchObject({ id: pilotId, stage: 'improvement' });
    expect(rose.rectifications).toEqual({ awaitingAnswer: 0, awaitingVerification: 0, overdue: 0 });
    const enrolledOnly = (await coordinator.get<Page<{ id: string }>>('/compounds?enrolled=true')).body;
    expect(enrolledOnly.items.map((c) => c.id)).toEqual([DEMO.compound]);
    expect((await zhang.get('/compounds')).status).toBe(403);
  });

  it('answers malformed bodies of every field-work route with 400 naming the field, writing nothing', async () => {
    const task = (await zhang.get<Page<TaskRow>>('/tasks?kind=weekly')).body.items[0]!;
    const before = await recordCounts(api.runtime.deps.prisma);
    const cases: Array<[ApiClient, string, unknown, string]> = [
      [zhang, `/tasks/${task.id}/submit`, { items: [] }, 'items'],
      [zhang, `/tasks/${task.id}/submit`, { items: [{ code: 'A-01', outcome: 'fail' }] }, 'items.0.note'],
      [
        zhang,
        `/tasks/${task.id}/submit`,
        { taskId: 'other-task', items: [{ code: 'A-01', outcome: 'pass' }] },
        'taskId',
      ],
      [firm, `/pilots/${pilotId}/self-inspection`, { items: 'all good' }, 'items'],
      [firm, `/rectifications/${rectificationId}/respond`, { response: 'ok', evidenceRefs: [] }, 'response'],
      [firm, `/rectifications/${rectificationId}/respond`, { response: '已经整改完毕了' }, 'evidenceRefs'],
      [zhang, `/rectifications/${rectificationId}/verify`, { decision: 'maybe' }, 'decision'],
      [zhang, `/rectifications/${rectificationId}/verify`, { decision: 'reject' }, 'reason'],
    ];
    for (const [client, path, body, field] of cases) {
      const response = await client.post<ErrorBody>(path, body, { 'accept-language': 'en' });
      expect(response.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(
        response.body.error.issues?.map((i) => i.path),
        path,
      ).toContain(field);
    }
    expect(await recordCounts(api.runtime.deps.prisma)).toEqual(before);
  });
});

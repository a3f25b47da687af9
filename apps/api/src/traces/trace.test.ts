// 痕迹化管理 over HTTP, against the real API, a Temporal dev server and PGlite: a firm registers a
// lift on its compound's register and prints its QR label; records a maintenance with a photo, a
// patrol round that misses a checkpoint, a visitor and a correction; entries cannot be back-dated,
// edited or pointed at another compound's items; visitors' names are the firm's alone; a steward is
// assigned and the resident of that building sees them. Other firms and roles are refused, and a
// refused write leaves nothing behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR_MS } from '@pilot/domain';
import { startApi, type ApiClient, type ApiHarness } from '../test-support/api-harness.js';
import { pdfText } from '../test-support/pdf-tools.js';
import { expectShape } from '../test-support/response-shape.js';
import { answersFor, enrollBody, eventually, planOpenNow } from '../test-support/pilot-fixtures.js';
import type { MatterDetail } from '../matters/matter.dto.js';
import type { TaskDetail } from '../tasks/task.dto.js';
import {
  compoundStaffSchema,
  compoundTracesSchema,
  equipmentRecordSchema,
  logbookEntryPageSchema,
  logbookEntryViewSchema,
  patrolRouteRecordSchema,
  type CompoundStaff,
  type CompoundTraces,
  type EquipmentRecord,
  type EquipmentView,
  type LogbookEntryPage,
  type LogbookEntryView,
  type MyStewards,
  type PatrolRouteRecord,
  type PatrolRouteView,
  type StewardView,
} from './trace.dto.js';

interface ErrorBody {
  error: { code: string; issues?: Array<{ path: string; message: string }> };
}

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const COMPOUND = 'cmp-meiguijiayuan';

async function uploadPhoto(api: ApiHarness, client: ApiClient): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([PNG], { type: 'image/png' }), 'maintenance.png');
  const response = await fetch(`${api.baseUrl}/evidence`, {
    method: 'POST',
    headers: { authorization: `Bearer ${client.token ?? ''}` },
    body: form,
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { items: Array<{ id: string }> }).items[0]!.id;
}

describe('痕迹化管理 over HTTP', () => {
  let api: ApiHarness;
  let firm: ApiClient;
  let otherFirm: ApiClient;
  let coordinator: ApiClient;
  let inspector: ApiClient;
  let resident: ApiClient;
  let lift: EquipmentView;
  let route: PatrolRouteView;
  let correctionId: string;

  const lastEntries = async () =>
    api.runtime.deps.prisma.logbookEntry.count({ where: { compoundId: COMPOUND } });

  beforeAll(async () => {
    api = await startApi();
    [firm, otherFirm, coordinator, inspector, resident] = await Promise.all([
      api.as('firm.xiangshun'),
      api.as('firm.jinrun'),
      api.as('coord.wang'),
      api.as('insp.zhang'),
      api.as('resident.han'),
    ]);
  }, 180_000);
  afterAll(async () => api?.close());

  it('registers a lift with its default interval, reads it back and prints its label', async () => {
    const created = await firm.post<EquipmentView>('/traces/equipment', {
      compoundId: COMPOUND,
      equipmentType: 'lift',
      assetCode: '5号楼-DT-01',
      name: '5号楼2单元客梯',
      keyPart: null,
      site: '5号楼2单元',
      responsibleName: '王建华',
      responsiblePhone: '13805310088',
      contractor: '平阴通达电梯维保有限公司',
      contractorPhone: '0531-87881234',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    lift = created.body;
    // TSG T5002's 15 days, the lift's daily round and its post come from the type.
    expect(lift).toMatchObject({
      maintenanceIntervalDays: 15,
      inspectionIntervalDays: 1,
      staffRole: { code: 'engineering' },
      labelPath: `/traces/equipment/${lift.id}`,
      nextMaintenance: { state: 'scheduled' },
    });

    // The compound's upkeep workflow was started by the first item and planned its next maintenance.
    const upkeep = api.runtime.deps.temporalClient.workflow.getHandle(`compound-upkeep:${COMPOUND}`);
    await eventually(
      async () => ((await upkeep.describe()).status.name === 'RUNNING' ? true : undefined),
      'the upkeep workflow',
    );
    await eventually(async () => {
      const history = await upkeep.fetchHistory();
      return history.events?.some((e) => e.activityTaskCompletedEventAttributes) ? true : undefined;
    }, 'the upkeep workflow’s first plan');

    const twice = await firm.post<ErrorBody>('/traces/equipment', {
      compoundId: COMPOUND,
      equipmentType: 'lift',
      assetCode: '5号楼-DT-01',
      name: '重复的电梯',
      site: '5号楼',
      responsibleName: '王建华',
    });
    expect(twice.status).toBe(400);
    expect(twice.body.error.issues?.map((i) => i.path)).toEqual(['assetCode']);

    // Another firm cannot put items on this compound's register, nor read it.
    const foreign = await otherFirm.post<ErrorBody>('/traces/equipment', {
      compoundId: COMPOUND,
      equipmentType: 'gate',
      assetCode: 'DZ-01',
      name: '北门道闸',
      site: '北门',
      responsibleName: '李四',
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.issues?.map((i) => i.path)).toEqual(['compoundId']);
    expect((await otherFirm.get(`/traces/compounds/${COMPOUND}`)).status).toBe(404);
    expect((await otherFirm.get(`/traces/equipment/${lift.id}`)).status).toBe(404);
    // The working group reads; a resident has no business with the register.
    const overview = await coordinator.get<CompoundTraces>(`/traces/compounds/${COMPOUND}`);
    expect(overview.status).toBe(200);
    expectShape(compoundTracesSchema, overview.body);
    expect(overview.body.equipment.map((e) => e.assetCode)).toContain('5号楼-DT-01');
    expect(overview.body.writable).toBe(false);
    expect((await resident.get(`/traces/compounds/${COMPOUND}`)).status).toBe(403);
    // An inspector sees the records of the pilots they inspect only (none here yet).
    expect((await inspector.get(`/traces/compounds/${COMPOUND}`)).status).toBe(404);

    const label = await fetch(
      `${api.baseUrl}/traces/compounds/${COMPOUND}/labels.pdf?equipmentId=${lift.id}`,
      {
        headers: { authorization: `Bearer ${firm.token ?? ''}` },
      },
    );
    expect(label.status).toBe(200);
    expect(label.headers.get('content-type')).toContain('application/pdf');
    const labelBytes = new Uint8Array(await label.arrayBuffer());
    const text = (await pdfText(labelBytes)).replace(/\s+/g, '');
    expect(text).toContain('设施设备标识牌');
    expect(text).toContain('5号楼-DT-01');
    expect(text).toContain('责任人王建华');
    expect(text).toContain('电话13805310088');
    expect(text).toContain('维保单位平阴通达电梯维保有限公司');
  });

  it('records a maintenance with a photo, refuses back-dating and edits, and takes a correction once', async () => {
    const photo = await uploadPhoto(api, firm);
    const before = await lastEntries();
    const backdated = await firm.post<ErrorBody>('/traces/entries', {
      entryKind: 'maintenance',
      compoundId: COMPOUND,
      equipmentId: lift.id,
      occurredAt: new Date(Date.now() - 30 * HOUR_MS).toISOString(),
      summary: '半月保养',
      photoIds: [photo],
      technician: '赵工',
      result: 'normal',
    });
    expect(backdated.status).toBe(400);
    expect(backdated.body.error.issues?.map((i) => i.path)).toEqual(['occurredAt']);
    expect(await lastEntries()).toBe(before);

    const recorded = await firm.post<LogbookEntryView>('/traces/entries', {
      entryKind: 'maintenance',
      compoundId: COMPOUND,
      equipmentId: lift.id,
      summary: '半月保养：曳引机、制动器、门锁回路检查正常',
      photoIds: [photo],
      technician: '赵工',
      result: 'normal',
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    expectShape(logbookEntryViewSchema, recorded.body);
    expect(recorded.body).toMatchObject({
      entryKind: { code: 'maintenance' },
      technician: '赵工',
      result: 'normal',
      equipment: { id: lift.id, assetCode: '5号楼-DT-01' },
      recordedBy: { id: 'usr-firm-xiangshun' },
    });
    expect(recorded.body.photos.map((p) => p.id)).toEqual([photo]);
    // The photo is taken: it cannot go on a second entry.
    const reused = await firm.post<ErrorBody>('/traces/entries', {
      entryKind: 'operation',
      compoundId: COMPOUND,
      equipmentId: lift.id,
      summary: '运行正常',
      photoIds: [photo],
    });
    expect(reused.status).toBe(400);
    expect(reused.body.error.issues?.map((i) => i.path)).toEqual(['photoIds.0']);

    // No route changes an entry; the table refuses it too.
    expect((await firm.patch(`/traces/entries/${recorded.body.id}`, { summary: 'x' })).status).toBe(404);
    await expect(
      api.runtime.deps.prisma.logbookEntry.update({
        where: { id: recorded.body.id },
        data: { summary: 'x' },
      }),
    ).rejects.toThrow();

    const correction = await firm.post<LogbookEntryView>('/traces/entries', {
      entryKind: 'maintenance',
      compoundId: COMPOUND,
      equipmentId: lift.id,
      summary: '更正：维保人员为钱工',
      technician: '钱工',
      result: 'normal',
      correctsId: recorded.body.id,
    });
    expect(correction.status, JSON.stringify(correction.body)).toBe(201);
    correctionId = correction.body.id;
    const again = await firm.post<ErrorBody>('/traces/entries', {
      entryKind: 'maintenance',
      compoundId: COMPOUND,
      equipmentId: lift.id,
      summary: '再次更正',
      technician: '孙工',
      result: 'normal',
      correctsId: recorded.body.id,
    });
    expect(again.status).toBe(400);
    expect(again.body.error.issues?.map((i) => i.path)).toEqual(['correctsId']);
    const original = await coordinator.get<LogbookEntryView>(`/traces/entries/${recorded.body.id}`);
    expect(original.body.correctedBy).toEqual([correction.body.id]);
    // The working group may open the photo; another firm may not.
    expect((await coordinator.get(`/evidence/${photo}`)).status).toBe(200);
    expect((await otherFirm.get(`/evidence/${photo}`)).status).toBe(404);

    const record = await firm.get<EquipmentRecord>(`/traces/equipment/${lift.id}`);
    expectShape(equipmentRecordSchema, record.body);
    expect(record.body).toMatchObject({ writable: true, graceHours: 12 });
    expect(record.body.entries.map((e) => e.id)).toEqual([correction.body.id, recorded.body.id]);
    expect(record.body.equipment.lastMaintenanceAt).toBe(correction.body.occurredAt);
  });

  it('walks a patrol route and shows the checkpoint it missed', async () => {
    const created = await firm.post<PatrolRouteView>('/traces/routes', {
      compoundId: COMPOUND,
      name: '夜间安防巡逻',
      staffRole: 'security',
      checkpoints: [
        { code: 'gate-n', name: '北门岗' },
        { code: 'garage', name: '地下车库', keyPart: 'garage' },
        { code: 'pump', name: '二次供水泵房' },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    route = created.body;
    const stray = await firm.post<ErrorBody>('/traces/entries', {
      entryKind: 'patrol',
      compoundId: COMPOUND,
      routeId: route.id,
      summary: '夜间巡逻',
      visited: ['gate-n', 'roof'],
    });
    expect(stray.status).toBe(400);
    expect(stray.body.error.issues?.map((i) => i.path)).toEqual(['visited.1']);
    const round = await firm.post<LogbookEntryView>('/traces/entries', {
      entryKind: 'patrol',
      compoundId: COMPOUND,
      routeId: route.id,
      summary: '夜间巡逻，车库照明正常',
      visited: ['gate-n', 'garage'],
    });
    expect(round.status).toBe(201);
    expect(round.body).toMatchObject({ visited: ['gate-n', 'garage'], missed: ['pump'] });
    // The walk page's record: the route and its rounds, writable by the firm alone.
    const record = await firm.get<PatrolRouteRecord>(`/traces/routes/${route.id}`);
    expect(record.status).toBe(200);
    expectShape(patrolRouteRecordSchema, record.body);
    expect(record.body).toMatchObject({ writable: true, graceHours: 12, compound: { id: COMPOUND } });
    expect(record.body.rounds.map((r) => r.id)).toEqual([round.body.id]);
    expect((await coordinator.get<PatrolRouteRecord>(`/traces/routes/${route.id}`)).body.writable).toBe(
      false,
    );
    expect((await otherFirm.get(`/traces/routes/${route.id}`)).status).toBe(404);
    expect((await resident.get(`/traces/routes/${route.id}`)).status).toBe(403);

    const overview = await firm.get<CompoundTraces>(`/traces/compounds/${COMPOUND}`);
    expect(overview.body.routes.find((r) => r.id === route.id)).toMatchObject({ lastMissed: ['pump'] });
    expect(overview.body.recent.patrol).toBe(1);
    expect(overview.body.writable).toBe(true);

    const retired = await firm.post<PatrolRouteView>(`/traces/routes/${route.id}/active`, { active: false });
    expect(retired.body.active).toBe(false);
    const late = await firm.post<ErrorBody>('/traces/entries', {
      entryKind: 'patrol',
      compoundId: COMPOUND,
      routeId: route.id,
      summary: '巡逻',
      visited: ['gate-n'],
    });
    expect(late.body.error.issues?.map((i) => i.path)).toEqual(['routeId']);
  });

  it('keeps a visitor’s name for the firm alone, out of the audit log, with a stated deletion date', async () => {
    const visit = await firm.post<LogbookEntryView>('/traces/entries', {
      entryKind: 'visitor',
      compoundId: COMPOUND,
      summary: '送快递',
      visitorName: '刘洋',
      visitorPhone: '13912345678',
      visiting: '5号楼2单元',
    });
    expect(visit.status, JSON.stringify(visit.body)).toBe(201);
    expect(visit.body.visitor).toEqual({ name: '刘洋', phone: '13912345678', visiting: '5号楼2单元' });
    const purge = Date.parse(visit.body.visitorPurgeAfter ?? '');
    expect(purge - Date.parse(visit.body.recordedAt)).toBe(30 * 24 * HOUR_MS);

    const seen = await coordinator.get<LogbookEntryPage>(
      `/traces/entries?compoundId=${COMPOUND}&kind=visitor`,
    );
    expectShape(logbookEntryPageSchema, seen.body);
    expect(seen.body.items).toHaveLength(1);
    expect(seen.body.items[0]).toMatchObject({ visitor: null, summary: '访客登记' });
    expect(JSON.stringify(seen.body)).not.toContain('刘洋');
    const audit = await api.runtime.deps.prisma.auditLog.findMany({ where: { entityId: visit.body.id } });
    expect(audit).toHaveLength(1);
    const written = JSON.stringify(audit, (_, value: unknown) =>
      typeof value === 'bigint' ? value.toString() : value,
    );
    expect(written).not.toContain('刘洋');
    expect(written).not.toContain('13912345678');
  });

  it('assigns a steward from the firm’s staff, whom the resident of that building sees and reports to', async () => {
    const staff = await firm.get<CompoundStaff>(`/traces/compounds/${COMPOUND}/staff`);
    expect(staff.status).toBe(200);
    expectShape(compoundStaffSchema, staff.body);
    expect(staff.body.staff.map((s) => s.id)).toContain('usr-firm-xiangshun');
    expect(staff.body.staff.map((s) => s.id)).not.toContain('usr-coord-wang');
    expect((await otherFirm.get(`/traces/compounds/${COMPOUND}/staff`)).status).toBe(404);
    expect((await inspector.get(`/traces/compounds/${COMPOUND}/staff`)).status).toBe(403);

    const assigned = await firm.post<StewardView>('/traces/stewards', {
      compoundId: COMPOUND,
      userId: 'usr-firm-xiangshun',
      servedBuildings: ['5号楼', '6号楼'],
      phone: '13805310099',
      note: '工作日 8:30–17:30',
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(201);
    const notStaff = await firm.post<ErrorBody>('/traces/stewards', {
      compoundId: COMPOUND,
      userId: 'usr-coord-wang',
      servedBuildings: ['7号楼'],
      phone: '13805310099',
    });
    expect(notStaff.body.error.issues?.map((i) => i.path)).toEqual(['userId']);

    const mine = await resident.get<MyStewards>('/traces/my-stewards');
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ matched: true, compound: { id: COMPOUND } });
    expect(mine.body.stewards.map((s) => s.phone)).toEqual(['13805310099']);
    expect((await firm.get('/traces/my-stewards')).status).toBe(403);

    // 向管家反映: the matter goes straight to the firm, and the steward is told in person.
    const report = {
      category: 'facilities',
      location: '5号楼2单元楼道',
      description: '楼道声控灯不亮，晚上上楼看不见。',
    };
    const beforeMatters = await api.runtime.deps.prisma.matter.count();
    const stranger = await resident.post<ErrorBody>('/matters', { ...report, stewardId: 'stw-nobody' });
    expect(stranger.status).toBe(400);
    expect(stranger.body.error.issues?.map((i) => i.path)).toEqual(['stewardId']);
    const onBehalf = await coordinator.post<ErrorBody>('/matters', {
      ...report,
      source: 'phone',
      compoundId: COMPOUND,
      stewardId: assigned.body.id,
    });
    expect(onBehalf.status).toBe(400);
    expect(onBehalf.body.error.issues?.map((i) => i.path)).toEqual(['stewardId']);
    expect(await api.runtime.deps.prisma.matter.count()).toBe(beforeMatters);

    const told = await resident.post<MatterDetail>('/matters', { ...report, stewardId: assigned.body.id });
    expect(told.status, JSON.stringify(told.body)).toBe(201);
    expect(told.body).toMatchObject({
      source: { code: 'steward', label: { zh: '向管家反映' } },
      status: { code: 'assigned' },
      steward: { phone: '13805310099' },
      mine: true,
    });
    const notices = await eventually(async () => {
      const rows = await api.runtime.deps.prisma.notification.findMany({
        where: { entityId: told.body.id },
      });
      return rows.length > 0 ? rows : undefined;
    }, 'the steward’s notice');
    expect(notices.map((n) => n.userId)).toEqual(['usr-firm-xiangshun']);
    expect(notices[0]!.title).toContain('居民向您反映');
    const queue = await firm.get<MatterDetail>(`/matters/${told.body.id}`);
    expect(queue.body.actions).toContain('accept');

    const ended = await firm.post(`/traces/stewards/${assigned.body.id}/end`, {});
    expect(ended.status).toBe(204);
    expect((await resident.get<MyStewards>('/traces/my-stewards')).body.stewards).toEqual([]);
    const afterEnd = await resident.post<ErrorBody>('/matters', {
      ...report,
      location: '6号楼',
      stewardId: assigned.body.id,
    });
    expect(afterEnd.body.error.issues?.map((i) => i.path)).toEqual(['stewardId']);
  });

  it('shows the inspector the entries under the standards that check them, and takes one as evidence', async () => {
    const { startDate, planOptions } = planOpenNow();
    const enrolled = await coordinator.post<{ enrollmentId: string }>(
      '/pilots',
      enrollBody(startDate, planOptions),
    );
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
    const task = await eventually(async () => {
      const page = (
        await inspector.get<{ items: Array<{ id: string; kind: string; status: string }> }>(
          '/tasks?kind=concentrated',
        )
      ).body;
      return page.items.find((t) => t.status === 'open');
    }, 'the concentrated inspection to open');
    const detail = await inspector.get<TaskDetail>(`/tasks/${task.id}`);
    expect(detail.status).toBe(200);
    const byCode = new Map(detail.body.traces.standards.map((s) => [s.code, s.sources]));
    // C-06 reads the lifts' maintenance: the correction counts, the corrected entry stays listed.
    const lifts = byCode.get('C-06')?.[0];
    expect(lifts).toMatchObject({ source: 'maintenance', count: 1 });
    expect(lifts?.entries.map((e) => [e.id, e.corrected])).toEqual([
      [correctionId, false],
      [expect.any(String), true],
    ]);
    // Security's night patrol under D-03 with its missed checkpoint; the visit under D-02, anonymous.
    expect(byCode.get('D-03')?.[0]?.entries[0]).toMatchObject({
      missed: [{ code: 'pump', name: '二次供水泵房' }],
    });
    expect(byCode.get('D-02')?.[0]).toMatchObject({ source: 'visitor', count: 1 });
    expect(JSON.stringify(detail.body.traces)).not.toContain('刘洋');
    // Now the pilot's inspector reads the compound's records.
    expect((await inspector.get(`/traces/compounds/${COMPOUND}`)).status).toBe(200);

    const answers = answersFor(detail.body).map((item) =>
      item.code === 'C-06' ? { ...item, evidenceRefs: [`trace:${correctionId}`] } : item,
    );
    const c06 = answers.findIndex((item) => item.code === 'C-06');
    const foreign = await inspector.post<ErrorBody>(`/tasks/${task.id}/submit`, {
      items: answers.map((item, index) =>
        index === c06 ? { ...item, evidenceRefs: ['trace:lb-elsewhere'] } : item,
      ),
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.issues?.map((i) => i.path)).toEqual([`items.${c06}.evidenceRefs.0`]);
    const submitted = await inspector.post(`/tasks/${task.id}/submit`, { items: answers });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    const done = await eventually(async () => {
      const body = (await inspector.get<TaskDetail>(`/tasks/${task.id}`)).body;
      return body.items.length > 0 ? body : undefined;
    }, 'the inspection to be recorded');
    expect(done.items.find((i) => i.code === 'C-06')?.evidenceIds).toEqual([`trace:${correctionId}`]);
  });
});

// 常态化巡查 and 四方联席 over HTTP, against the real API, a Temporal dev server and PGlite (with
// the seeded governance history): a month's plan made twice is one plan on working days; a visit
// completed from a phone makes the firm's matters, on the ledger; refusals change nothing. A
// meeting collects a resident's opinion, is held with a resolution that becomes a matter, and
// closes with its feedback; a resident of another community does not reach it.
import {
  DAY_MS,
  addCalendarMonths,
  defaultCalendarRelease,
  formatLocalDate,
  releaseWorkingCalendar,
  workingDayTest,
  workingDaysOfMonth,
} from '@pilot/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiClient, type ApiHarness } from '../test-support/api-harness.js';
import { PNG_BYTES, upload } from '../test-support/pilot-fixtures.js';
import type { MatterDetail } from '../matters/matter.dto.js';
import type { MeetingDetail } from '../meetings/meeting.dto.js';
import type { PatrolLedger, PatrolPlanDetail, PatrolVisitDone, PatrolVisitList } from './patrol.dto.js';

interface ErrorBody {
  error: {
    code: string;
    issues?: Array<{ path: string; message: string }>;
    reasons?: Array<{ code: string }>;
  };
}

const PHONE = {
  'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148',
  'idempotency-key': 'patrol-phone-0001',
};

describe('patrols and meetings over HTTP', () => {
  let api: ApiHarness;
  let coordinator: ApiClient;
  let inspector: ApiClient;
  let committee: ApiClient;
  let firm: ApiClient;
  let han: ApiClient;
  let feng: ApiClient;

  const today = formatLocalDate(Date.now());
  const thisMonth = today.slice(0, 7);
  const nextMonth = formatLocalDate(addCalendarMonths(Date.parse(`${thisMonth}-01T00:00:00+08:00`), 1)).slice(
    0,
    7,
  );

  beforeAll(async () => {
    api = await startApi();
    [coordinator, inspector, committee, firm, han, feng] = await Promise.all([
      api.as('coord.wang'),
      api.as('insp.zhang'),
      api.as('party.jsyjwh'),
      api.as('firm.xiangshun'),
      api.as('resident.han'),
      api.as('resident.feng'),
    ]);
  });
  afterAll(async () => api?.close());

  it('makes one plan per month and title, on the month’s working days', async () => {
    const first = await coordinator.post<PatrolPlanDetail>('/patrols/plans', { month: nextMonth });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await coordinator.post<PatrolPlanDetail>('/patrols/plans', { month: nextMonth });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const compounds = await api.runtime.deps.prisma.compound.count({ where: { active: true } });
    expect(first.body.visits).toHaveLength(compounds);
    const [year, month] = nextMonth.split('-').map(Number) as [number, number];
    const days = new Set(
      workingDaysOfMonth(workingDayTest(releaseWorkingCalendar(defaultCalendarRelease())), year, month),
    );
    expect(first.body.visits.every((v) => days.has(v.plannedOn))).toBe(true);
    expect(new Set(first.body.visits.map((v) => v.plannedOn)).size).toBeGreaterThan(3);

    // The seeded plan of this month is the answer for this month's default title.
    const seeded = await coordinator.post<PatrolPlanDetail>('/patrols/plans', { month: thisMonth });
    expect(seeded.status).toBe(200);
    expect(seeded.body.id).toBe(`pp-demo-${thisMonth}`);
    expect((await firm.post('/patrols/plans', { month: nextMonth })).status).toBe(403);
  });

  it('turns a visit’s findings into the firm’s matters, once, and puts them on the ledger', async () => {
    const before = (await coordinator.get<PatrolLedger>('/patrols/ledger')).body.totals;
    expect(before.patrols).toBe(64);
    expect(before.findings).toBeGreaterThanOrEqual(160);
    expect(before.rectified).toBe(before.findings);

    const month = `from=${thisMonth}-01&to=${nextMonth}-01`;
    const visits = await inspector.get<PatrolVisitList>(
      `/patrols/visits?${month}&compoundId=cmp-meiguijiayuan`,
    );
    expect(visits.status, JSON.stringify(visits.body)).toBe(200);
    const visit = visits.body.items.find((v) => v.planId === `pp-demo-${thisMonth}`)!;
    expect(visit.status.code).toBe('planned');
    // The community committee sees its own community's visits only.
    const theirs = (await committee.get<PatrolVisitList>(`/patrols/visits?${month}`)).body.items;
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.every((v) => v.community.id === 'com-jinshuiyuan')).toBe(true);
    const elsewhere = (await coordinator.get<PatrolVisitList>(`/patrols/visits?${month}`)).body.items.find(
      (v) => v.community.id !== 'com-jinshuiyuan' && v.status.code === 'planned',
    )!;

    const body = {
      patrollers: ['王志刚（街道）', '李秀梅（社区）'],
      findings: [
        { topic: 'sanitation', location: '3号楼垃圾分类点', description: '垃圾满溢未及时清运。' },
        { topic: 'parking', location: '南门消防通道', description: '消防通道有车辆长期占用。' },
      ],
    };
    const bad = await inspector.post<ErrorBody>(`/patrols/visits/${visit.id}/complete`, {
      ...body,
      findings: [{ ...body.findings[0], topic: 'nonsense' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues?.[0]?.message).toContain('「问题类别」');
    expect((await han.post(`/patrols/visits/${visit.id}/complete`, body)).status).toBe(403);
    expect((await committee.post(`/patrols/visits/${elsewhere.id}/complete`, body)).status).toBe(404);

    const done = await committee.post<PatrolVisitDone>(`/patrols/visits/${visit.id}/complete`, body, PHONE);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ status: { code: 'done' }, findingCount: 2, openFindings: 2 });
    expect(done.body.findings.map((f) => f.assignee?.id)).toEqual(['firm-xiangshun', 'firm-xiangshun']);
    expect(done.body.findings.map((f) => f.id)).toEqual([`mt-${visit.id}-1`, `mt-${visit.id}-2`]);
    const replay = await committee.post<PatrolVisitDone>(`/patrols/visits/${visit.id}/complete`, body, PHONE);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.findings.map((f) => f.number)).toEqual(done.body.findings.map((f) => f.number));
    const twice = await inspector.post<ErrorBody>(`/patrols/visits/${visit.id}/complete`, body);
    expect(twice.status).toBe(409);
    expect(twice.body.error.reasons?.map((r) => r.code)).toEqual(['patrol_visit_done']);
    expect(await api.runtime.deps.prisma.matter.count({ where: { patrolVisitId: visit.id } })).toBe(2);

    // The subdistrict's inspector patrols anywhere, with a photo of what was found.
    const photo = await upload(inspector, {}, [{ name: 'drain.png', type: 'image/png', bytes: PNG_BYTES }]);
    expect(photo.status, JSON.stringify(photo.body)).toBe(201);
    const withPhoto = await inspector.post<PatrolVisitDone>(`/patrols/visits/${elsewhere.id}/complete`, {
      patrollers: ['张检查员（街道）'],
      findings: [
        {
          topic: 'drainage',
          location: '地下车库入口',
          description: '排水沟堵塞，雨后积水。',
          evidenceRefs: [photo.body.items[0]!.id],
        },
      ],
    });
    expect(withPhoto.status, JSON.stringify(withPhoto.body)).toBe(200);
    // One visit as the phone page reads it: what it found, and nobody else's.
    const read = await inspector.get<PatrolVisitDone>(`/patrols/visits/${visit.id}`);
    expect(read.status).toBe(200);
    expect(read.body.findings.map((f) => f.id)).toEqual(done.body.findings.map((f) => f.id));
    expect((await han.get(`/patrols/visits/${visit.id}`)).status).toBe(403);
    expect((await committee.get(`/patrols/visits/${elsewhere.id}`)).status).toBe(404);
    expect((await inspector.get('/patrols/visits/pv-nonexistent')).status).toBe(404);
    const found = await coordinator.get<MatterDetail>(`/matters/${withPhoto.body.findings[0]!.id}`);
    expect(found.body.evidence.map((e) => e.id)).toEqual([photo.body.items[0]!.id]);

    const matter = await firm.get<MatterDetail>(`/matters/${done.body.findings[0]!.id}`);
    expect(matter.status).toBe(200);
    expect(matter.body).toMatchObject({ source: { code: 'patrol' }, status: { code: 'assigned' } });

    const ledger = await coordinator.get<PatrolLedger>(
      '/patrols/ledger?open=true&compoundId=cmp-meiguijiayuan',
    );
    expect(ledger.body.items.map((i) => i.id).sort()).toEqual(done.body.findings.map((f) => f.id).sort());
    const totals = (await coordinator.get<PatrolLedger>('/patrols/ledger')).body.totals;
    expect(totals).toEqual({
      patrols: before.patrols + 2,
      findings: before.findings + 3,
      rectified: before.rectified,
      open: 3,
    });
    const theFirms = await firm.get<PatrolLedger>('/patrols/ledger?open=true');
    expect(theFirms.body.items.map((i) => i.id).sort()).toEqual(done.body.findings.map((f) => f.id).sort());
    const sheet = await coordinator.get('/patrols/ledger.xlsx');
    expect(sheet.status).toBe(200);
    expect(sheet.headers.get('content-type')).toContain('spreadsheetml');
    expect(sheet.headers.get('x-row-count')).toBe(String(totals.findings));
  });

  it('runs a 四方联席 meeting from opinions to feedback, its resolution a matter', async () => {
    const soon = Date.now() + DAY_MS;
    const create = {
      communityId: 'com-jinshuiyuan',
      month: nextMonth,
      opinionsUntil: new Date(soon).toISOString(),
      scheduledAt: new Date(soon + DAY_MS).toISOString(),
    };
    const created = await coordinator.post<MeetingDetail>('/meetings', create);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const meeting = created.body;
    expect(meeting).toMatchObject({ phase: { code: 'opinions' }, opinionsOpen: true });
    const second = await coordinator.post<ErrorBody>('/meetings', create);
    expect(second.status).toBe(409);
    expect(second.body.error.reasons?.map((r) => r.code)).toEqual(['meeting_exists']);

    const opinion = { source: 'resident', text: '希望增加电动车充电桩。' };
    expect((await feng.post(`/meetings/${meeting.id}/opinions`, opinion)).status).toBe(404);
    const said = await han.post<MeetingDetail>(`/meetings/${meeting.id}/opinions`, opinion);
    expect(said.status, JSON.stringify(said.body)).toBe(200);
    expect(said.body.opinionList).toHaveLength(1);
    expect(said.body.opinionList[0]).toMatchObject({ mine: true, resident: null });
    const seen = (await coordinator.get<MeetingDetail>(`/meetings/${meeting.id}`)).body;
    expect(seen.opinionList[0]?.resident?.id).toBe('usr-resident-han');
    const notTheirs = await coordinator.post<ErrorBody>(`/meetings/${meeting.id}/opinions`, opinion);
    expect(notTheirs.status).toBe(409);

    const dueOn = formatLocalDate(Date.now() + 14 * DAY_MS);
    const resolution = {
      text: '在5号楼北侧增设电动车充电区。',
      category: 'ev_charging',
      compoundId: 'cmp-meiguijiayuan',
      assignee: { kind: 'firm', firmId: 'firm-xiangshun' },
      dueOn,
    };
    const hold = {
      attendance: {
        subdistrict: ['王志刚'],
        community: ['李秀梅'],
        owners: ['韩秀英'],
        firm: ['祥顺物业 赵经理'],
      },
      minutes: '会议听取了居民关于电动车充电的意见，议定增设充电区。',
      resolutions: [resolution],
    };
    const unknown = await coordinator.post<ErrorBody>(`/meetings/${meeting.id}/hold`, {
      ...hold,
      resolutions: [{ ...resolution, assignee: { kind: 'firm', firmId: 'firm-nonexistent' } }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.issues?.[0]?.path).toBe('resolutions.0.assignee.firmId');
    const held = await coordinator.post<MeetingDetail>(`/meetings/${meeting.id}/hold`, hold);
    expect(held.status, JSON.stringify(held.body)).toBe(200);
    expect(held.body.phase.code).toBe('follow_up');
    const [decided] = held.body.resolutions;
    expect(decided?.matter.number).toMatch(/^SX\d{4}-\d{5}$/);
    expect(decided?.matter.assignee?.id).toBe('firm-xiangshun');
    expect(decided?.matter.resolveBy?.slice(0, 10)).toBe(dueOn);
    expect((await firm.get(`/matters/${decided!.matter.id}`)).status).toBe(200);
    expect((await han.get<MeetingDetail>(`/meetings/${meeting.id}`)).body.attendance).toBeNull();

    const feedback = { feedback: '议定事项已交祥顺物业办理，两周内完成充电区建设。' };
    const closed = await coordinator.post<MeetingDetail>(`/meetings/${meeting.id}/feedback`, feedback);
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.phase.code).toBe('closed');
    const again = await coordinator.post<ErrorBody>(`/meetings/${meeting.id}/feedback`, feedback);
    expect(again.status).toBe(409);
    expect(
      (await han.get<{ items: Array<{ id: string }> }>('/meetings')).body.items.map((m) => m.id),
    ).toContain(meeting.id);
    expect(
      (await feng.get<{ items: Array<{ id: string }> }>('/meetings')).body.items.map((m) => m.id),
    ).not.toContain(meeting.id);
  });
});

// 工作日历 over HTTP, on the real API, database and Temporal: release 1 (2024–2026) as the seed
// publishes it; a plan running into 2027 is warned about at preview and enrolment; an admin drafts
// and publishes release 2 with 2027 (test days: 2027 is not announced) and applies it to the
// running pilots, one and then all, whose tasks not yet open move off the 2027 holidays.
import {
  CALENDAR_RELEASE_1,
  CN_HOLIDAYS_2024_2026,
  calendarReleaseFingerprint,
  formatLocalDate,
  type CalendarReleaseData,
  type PilotPlan,
} from '@pilot/domain';
import type { PrismaClient } from '@pilot/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrollResult, PilotDetail, SchedulePreview } from '../pilots/pilot.dto.js';
import { startApi, type ApiClient, type ApiHarness } from '../test-support/api-harness.js';
import { ASSIGNMENTS } from '../test-support/pilot-fixtures.js';
import type {
  CalendarAdoptionBatch,
  CalendarAdoptionItem,
  CalendarReleaseDetail,
  CalendarReleaseList,
  CalendarReleaseSummary,
} from './calendar.dto.js';

interface ErrorBody {
  error: {
    code: string;
    issues?: Array<{ path: string; message: string }>;
    reasons?: Array<{ code: string; zh: string; en: string }>;
  };
}

/** Plausible 2027 days for this test only: the State Council has not announced 2027. */
const SPRING_FESTIVAL_2027 = ['05', '06', '07', '08', '09', '10', '11', '12', '13'].map(
  (d) => `2027-02-${d}`,
);
const DAYS_2027 = {
  holidays: [
    '2027-01-01',
    '2027-01-02',
    '2027-01-03',
    ...SPRING_FESTIVAL_2027,
    ...['01', '02', '03', '04', '05', '06', '07'].map((d) => `2027-10-${d}`),
  ],
  makeUpWorkdays: ['2027-02-20', '2027-10-09'],
};

const draft2 = {
  source: '国务院办公厅关于2027年部分节假日安排的通知（测试数据）',
  firstYear: 2024,
  lastYear: 2027,
  holidays: [...CALENDAR_RELEASE_1.holidays, ...DAYS_2027.holidays],
  makeUpWorkdays: [...CALENDAR_RELEASE_1.makeUpWorkdays, ...DAYS_2027.makeUpWorkdays],
};

const tomorrow = () => formatLocalDate(Date.now() + 24 * 3600_000);

function form(compound: string) {
  return {
    firm: { name: '祥顺物业' },
    compound: { name: compound, community: '锦水园社区' },
    startDate: tomorrow(),
    inspectorAssignments: ASSIGNMENTS,
    catalogueVersion: '2026.1',
  };
}

describe('working-calendar releases over HTTP', () => {
  let api: ApiHarness;
  let admin: ApiClient;
  let coordinator: ApiClient;
  let prisma: PrismaClient;
  let first: EnrollResult;
  let second: EnrollResult;

  beforeAll(async () => {
    api = await startApi();
    admin = await api.as('admin.jinshui');
    coordinator = await api.as('coord.wang');
    prisma = api.runtime.deps.prisma;
  });
  afterAll(async () => api?.close());

  const festivalTasks = async (enrollmentId: string) =>
    (await prisma.inspectionTask.findMany({ where: { enrollmentId }, orderBy: { dueAt: 'asc' } })).filter(
      (t) => SPRING_FESTIVAL_2027.includes(formatLocalDate(t.dueAt.getTime())),
    );

  it('serves release 1 (2024–2026) to coordinators, and only admins may draft', async () => {
    const list = await coordinator.get<CalendarReleaseList>('/calendars');
    expect(list.status).toBe(200);
    expect(list.body.latestPublished).toBe(1);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      version: 1,
      status: 'published',
      firstYear: 2024,
      lastYear: 2026,
      editable: false,
      fingerprint: calendarReleaseFingerprint(CALENDAR_RELEASE_1),
      counts: { holidays: CN_HOLIDAYS_2024_2026.length, makeUpWorkdays: 19, localHolidays: 0 },
    });
    const detail = await coordinator.get<CalendarReleaseDetail>('/calendars/1');
    expect(detail.body.holidays).toEqual(expect.arrayContaining(['2026-10-01', '2026-02-16', '2024-02-10']));
    expect(detail.body.makeUpWorkdays).toContain('2026-10-10');
    expect(detail.body.source).toContain('国务院办公厅关于2026年部分节假日安排的通知');
    expect((await coordinator.post('/calendars', draft2)).status).toBe(403);
    expect((await (await api.as('insp.zhang')).get('/calendars')).status).toBe(403);
    expect((await coordinator.get('/calendars/99')).status).toBe(404);
    expect((await coordinator.get('/calendars/abc')).status).toBe(404);
  });

  it('warns at preview and enrolment that a plan into 2027 has no 2027 holidays, in zh-CN and en', async () => {
    const preview = await coordinator.post<SchedulePreview>('/pilots/preview', form('玫瑰家园'));
    expect(preview.status).toBe(200);
    expect(preview.body.calendar).toMatchObject({ version: 1, firstYear: 2024, lastYear: 2026 });
    expect(preview.body.warnings.map((w) => w.code)).toEqual(['calendar_years_missing']);
    expect(preview.body.warnings[0]!.zh).toContain('工作日历第 1 版只有 2024–2026 年的节假日安排：2027 年');
    expect(preview.body.warnings[0]!.en).toContain('in 2027 only weekends are rest days');

    const enrolled = await coordinator.post<EnrollResult>('/pilots', form('玫瑰家园'));
    expect(enrolled.status).toBe(201);
    first = enrolled.body;
    expect(first.warnings.map((w) => w.code)).toEqual(['calendar_years_missing']);
    expect(first.calendar).toMatchObject({ version: 1, behind: false });
    const again = await coordinator.post<EnrollResult>('/pilots', form('锦水花园'));
    expect(again.status).toBe(201);
    second = again.body;
    const detail = await coordinator.get<PilotDetail>(`/pilots/${first.enrollmentId}`);
    expect(detail.body.calendar).toMatchObject({
      version: 1,
      firstYear: 2024,
      lastYear: 2026,
      behind: false,
      label: { zh: '工作日历第 1 版（2024–2026 年）' },
      warning: { code: 'calendar_years_missing' },
    });
    // On release 1, 2027 knows only weekends: some check falls due on the Spring Festival.
    expect((await festivalTasks(first.enrollmentId)).length).toBeGreaterThan(0);
  });

  it('checks a draft field by field, then drafts, edits and publishes release 2 with 2027', async () => {
    const conflict = await admin.post<ErrorBody>('/calendars', {
      ...draft2,
      makeUpWorkdays: [...draft2.makeUpWorkdays, '2027-02-06'],
    });
    expect(conflict.status).toBe(400);
    expect(conflict.body.error.issues?.map((i) => i.path)).toEqual(['makeUpWorkdays']);
    expect(conflict.body.error.issues?.[0]?.message).toContain('2027-02-06 不能既是法定节假日又是调休工作日');
    const narrower = await admin.post<ErrorBody>(
      '/calendars',
      {
        ...draft2,
        firstYear: 2025,
        holidays: draft2.holidays.filter((d) => !d.startsWith('2024')),
        makeUpWorkdays: draft2.makeUpWorkdays.filter((d) => !d.startsWith('2024')),
      },
      { 'accept-language': 'en' },
    );
    expect(narrower.status).toBe(400);
    expect(narrower.body.error.issues?.[0]?.message).toContain('must cover at least the years of release 1');

    const created = await admin.post<CalendarReleaseDetail>('/calendars', draft2);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ version: 2, status: 'draft', editable: true, lastYear: 2027 });
    expect(created.body.changes).toMatchObject({ comparedWith: 1, addedYears: [2027] });
    expect(created.body.changes?.added.holidays).toEqual(DAYS_2027.holidays);
    // A draft is the admin's work in progress: coordinators neither list nor read it.
    expect(
      (await coordinator.get<CalendarReleaseList>('/calendars')).body.items.map((r) => r.version),
    ).toEqual([1]);
    expect((await coordinator.get('/calendars/2')).status).toBe(404);

    // The county's own day off (a Monday in March), added to the official days.
    const edited = await admin.patch<CalendarReleaseDetail>('/calendars/2', {
      ...draft2,
      localHolidays: ['2027-03-08'],
    });
    expect(edited.status).toBe(200);
    expect(edited.body.localHolidays).toEqual(['2027-03-08']);
    const stale = await admin.post<ErrorBody>('/calendars/2/publish', {
      fingerprint: created.body.fingerprint,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.reasons?.[0]?.code).toBe('calendar_fingerprint_changed');
    const published = await admin.post<CalendarReleaseSummary>('/calendars/2/publish', {
      fingerprint: edited.body.fingerprint,
    });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ version: 2, status: 'published', editable: false });
    expect(
      (await admin.post<ErrorBody>('/calendars/2/publish', { fingerprint: edited.body.fingerprint })).status,
    ).toBe(409);
    expect((await admin.patch<ErrorBody>('/calendars/2', draft2)).body.error.reasons?.[0]?.code).toBe(
      'calendar_release_published',
    );
    const audit = await prisma.auditLog.findMany({
      where: { entityType: 'calendar_release', entityId: '2' },
      orderBy: { seq: 'asc' },
    });
    expect(audit.map((entry) => entry.action)).toEqual([
      'calendar.create_draft',
      'calendar.update_draft',
      'calendar.publish',
    ]);

    // New plans are computed on release 2: into 2027 without a warning.
    const preview = await coordinator.post<SchedulePreview>('/pilots/preview', form('玫瑰家园'));
    expect(preview.body.calendar.version).toBe(2);
    expect(preview.body.warnings).toEqual([]);
    const days = preview.body.rounds.flatMap((round) => round.tasks.map((task) => task.calendarDueDate));
    expect(days.filter((d) => SPRING_FESTIVAL_2027.includes(d))).toEqual([]);
  });

  it('applies release 2 to one running pilot, then to all, moving only work not yet open', async () => {
    const behind = await coordinator.get<PilotDetail>(`/pilots/${first.enrollmentId}`);
    expect(behind.body.calendar).toMatchObject({ version: 1, latestPublished: 2, behind: true });
    expect((await coordinator.post(`/calendars/2/pilots/${first.enrollmentId}/adopt`)).status).toBe(403);

    const one = await admin.post<CalendarAdoptionItem>(`/calendars/2/pilots/${first.enrollmentId}/adopt`);
    expect(one.status).toBe(200);
    expect(one.body.outcome).toBe('adopted');
    if (one.body.outcome !== 'adopted') throw new Error('not adopted');
    expect(one.body.result).toMatchObject({ version: 2, previousVersion: 1, lastYear: 2027 });
    expect(one.body.result.moved.length).toBeGreaterThan(0);
    expect(one.body.result.moved.every((m) => !SPRING_FESTIVAL_2027.includes(m.calendarDueDate))).toBe(true);
    expect(await festivalTasks(first.enrollmentId)).toEqual([]);
    const row = await prisma.enrollment.findUniqueOrThrow({ where: { id: first.enrollmentId } });
    expect(row.calendarVersion).toBe(2);
    expect((row.plan as PilotPlan).calendar.holidays).toEqual(
      expect.arrayContaining(['2027-02-08', '2027-03-08']),
    );
    // Applying it again changes nothing, and says why.
    const repeat = await admin.post<ErrorBody>(`/calendars/2/pilots/${first.enrollmentId}/adopt`);
    expect(repeat.status).toBe(409);
    expect(repeat.body.error.reasons?.map((r) => r.code)).toEqual(['calendar_already_followed']);
    expect((await coordinator.get<PilotDetail>(`/pilots/${first.enrollmentId}`)).body.calendar).toMatchObject(
      {
        version: 2,
        behind: false,
        label: { zh: '工作日历第 2 版（2024–2027 年）' },
        warning: null,
      },
    );

    // Every running pilot behind release 2: only the second one is left.
    const release = await admin.get<CalendarReleaseDetail>('/calendars/2');
    expect(release.body.runningPilotsBehind).toBe(1);
    const all = await admin.post<CalendarAdoptionBatch>('/calendars/2/adopt', {});
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({
      version: 2,
      requested: 1,
      adopted: 1,
      unchanged: 0,
      refused: 0,
      failed: 0,
    });
    expect(all.body.items[0]).toMatchObject({ pilotId: second.enrollmentId, outcome: 'adopted' });
    expect(all.body.movedTasks).toBeGreaterThan(0);
    expect(await festivalTasks(second.enrollmentId)).toEqual([]);
    // Named again, with a pilot that does not exist: nothing changes, each says why.
    const named = await admin.post<CalendarAdoptionBatch>('/calendars/2/adopt', {
      pilotIds: [first.enrollmentId, second.enrollmentId, 'enr-nowhere'],
    });
    expect(named.body).toMatchObject({ requested: 3, adopted: 0, unchanged: 2, refused: 1, movedTasks: 0 });
    expect(named.body.items.map((item) => item.outcome)).toEqual(['unchanged', 'unchanged', 'refused']);
    const list = await admin.get<CalendarReleaseList>('/calendars');
    expect(list.body.items.find((r) => r.version === 2)?.runningPilots).toBe(2);
    const adoptions = await prisma.auditLog.count({ where: { action: 'pilot.adopt_calendar' } });
    expect(adoptions).toBe(2);
  });

  it('publishes releases in order: an older draft cannot follow a newer published one', async () => {
    const data: CalendarReleaseData & { source: string } = {
      ...draft2,
      localHolidays: [],
      localMakeUpWorkdays: [],
    };
    const three = await admin.post<CalendarReleaseDetail>('/calendars', data);
    const four = await admin.post<CalendarReleaseDetail>('/calendars', {
      ...data,
      localHolidays: ['2027-03-09'],
    });
    expect([three.body.version, four.body.version]).toEqual([3, 4]);
    expect((await admin.post('/calendars/4/publish', { fingerprint: four.body.fingerprint })).status).toBe(
      200,
    );
    const late = await admin.post<ErrorBody>('/calendars/3/publish', { fingerprint: three.body.fingerprint });
    expect(late.status).toBe(409);
    expect(late.body.error.reasons?.map((r) => r.code)).toEqual(['release_not_newer']);
    expect((await coordinator.get<CalendarReleaseList>('/calendars')).body.latestPublished).toBe(4);
  });
});

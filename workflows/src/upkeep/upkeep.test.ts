// A compound's upkeep on the time-skipping server, against the seeded database: two lifts on a
// 15-day maintenance whose due day falls on a (local) holiday and so comes a day earlier; the firm
// reminded two working days before it (the responsible person for one lift, the firm's staff for the
// other), the marks set and the overdue notices sent once the day has passed, a maintenance recorded
// and signalled starting a new cycle with nothing overdue, and visitors' data deleted at the end of
// its retention with one audit entry. RECORD_HISTORIES=upkeep keeps both runs as replay fixtures.
import {
  addLocalDays,
  formatLocalDate,
  nextUpkeep,
  releaseWorkingCalendar,
  startOfLocalDay,
  workingDayTest,
  type UpkeepState,
} from '@pilot/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signalUpkeep } from '../client.js';
import { upkeepStateQuery, upkeepWorkflowId } from '../messages.js';
import { releaseWith2027 } from '../test-support/calendar-2027.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { saveHistories, writeIndex } from '../test-support/histories.js';
import { DAY, HOUR } from '../test-support/pilot-driver.js';
import { UPKEEP_WAKES_PER_RUN } from './upkeep-run.js';

const recording = ['1', 'all', 'upkeep'].some((name) =>
  (process.env.RECORD_HISTORIES ?? '').split(',').includes(name),
);
const compoundId = 'cmp-lijingyuan';
const firmId = 'firm-xiangshun';
const manager = 'usr-firm-xiangshun';
const engineer = 'usr-firm-xiangshun-eng';
const MINUTE = 60_000;

/** Polls (in real time) until `check` holds: the first wake after a signal runs on its own. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const value = await read();
    if (check(value) || attempt >= 200) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** At `ms`'s timer: the server fires it a few milliseconds after the instant, never before. */
function expectSoonAfter(at: Date | null, ms: number): void {
  expect(at).not.toBeNull();
  expect(at!.getTime()).toBeGreaterThanOrEqual(ms);
  expect(at!.getTime()).toBeLessThan(ms + MINUTE);
}

describe('the compound upkeep workflow on the time-skipping server', () => {
  let h: Harness;
  // One worker for both cases (a worker runs once): started here, stopped before the harness closes.
  let worker: Promise<void> | undefined;
  beforeAll(async () => {
    h = await createHarness('time-skipping');
    worker = h.worker.run();
    // A worker that fails early is reported by afterAll's await, not as an unhandled rejection.
    worker.catch(() => undefined);
  });
  afterAll(async () => {
    h?.worker.shutdown();
    await worker;
    await h?.close();
  });

  it('reminds before a holiday-shifted due day, marks it overdue, restarts on a maintenance and deletes visitors on time', async () => {
    const p = h.db.prisma;
    const now = await h.env.currentTimeMs();
    // The last maintenance X: a day whose nominal due day X+15 and the day before are working days,
    // so making X+15 a local holiday moves the due day back by exactly one day.
    const base = workingDayTest(releaseWorkingCalendar(releaseWith2027()));
    let lastDay = addLocalDays(startOfLocalDay(now), -1);
    while (!(base(addLocalDays(lastDay, 15)) && base(addLocalDays(lastDay, 14))))
      lastDay = addLocalDays(lastDay, -1);
    const holiday = formatLocalDate(addLocalDays(lastDay, 15));
    const release = releaseWith2027([holiday]);
    const isWorking = workingDayTest(releaseWorkingCalendar(release));
    const lastDoneMs = lastDay + 10 * HOUR;
    const due = nextUpkeep(isWorking, lastDoneMs, 15);
    expect(due.shift).toBe('previous');
    expect(formatLocalDate(due.dueDayMs)).toBe(formatLocalDate(addLocalDays(lastDay, 14)));
    const dueOn = formatLocalDate(due.dueDayMs);

    // An admin publishes a release with the county's own day off (the activity reads the newest).
    await p.calendarRelease.create({
      data: {
        version: 2,
        status: 'published',
        ...release,
        source: `测试：${holiday} 本地休息日`,
        createdAt: new Date(now - DAY),
        publishedAt: new Date(now - DAY),
      },
    });
    await p.user.create({
      data: {
        id: engineer,
        username: 'firm.xiangshun.eng',
        displayName: '工程部 刘工',
        passwordHash: 'x',
        role: 'firm',
        firmId,
      },
    });
    const lift = (id: string, code: string, responsibleUserId: string | null) => ({
      id,
      compoundId,
      code,
      type: 'lift' as const,
      name: `${code} 电梯`,
      location: '1号楼',
      responsibleUserId,
      responsibleName: responsibleUserId ? '刘工' : '项目经理',
      maintenanceIntervalDays: 15,
      inspectionIntervalDays: 1,
      staffRole: 'engineering' as const,
      createdById: manager,
      createdAt: new Date(lastDoneMs - 30 * DAY),
    });
    await p.equipment.createMany({
      data: [lift('eq-up-1', '1号楼-DT-01', null), lift('eq-up-2', '1号楼-DT-02', engineer)],
    });
    const entry = (
      id: string,
      kind: 'maintenance' | 'visitor',
      atMs: number,
      equipmentId: string | null,
    ) => ({
      id,
      compoundId,
      firmId,
      kind,
      equipmentId,
      occurredAt: new Date(atMs),
      recordedAt: new Date(atMs),
      recordedById: manager,
      recordedByName: '项目经理',
      summary: kind === 'maintenance' ? '半月维保，运行正常' : '访客登记',
      details: {},
    });
    await p.logbookEntry.createMany({
      data: [
        entry('lb-up-m1', 'maintenance', lastDoneMs, 'eq-up-1'),
        entry('lb-up-m2', 'maintenance', lastDoneMs, 'eq-up-2'),
        entry('lb-up-v1', 'visitor', now - 29 * DAY, null),
        entry('lb-up-v2', 'visitor', now - HOUR, null),
      ],
    });
    const firstPurge = now + DAY + 3 * HOUR;
    await p.visitorRecord.createMany({
      data: [
        {
          entryId: 'lb-up-v1',
          compoundId,
          name: '张三',
          visiting: '3号楼',
          purgeAfter: new Date(firstPurge),
        },
        {
          entryId: 'lb-up-v2',
          compoundId,
          name: '李四',
          visiting: '5号楼',
          purgeAfter: new Date(now + 30 * DAY),
        },
      ],
    });

    const workflowId = upkeepWorkflowId(compoundId);
    const handle = h.env.client.workflow.getHandle(workflowId);
    const state = () => handle.query(upkeepStateQuery);
    const upkeepNotices = (where: object = {}) =>
      p.notification.findMany({
        where: { entityType: 'equipment', entityId: { in: ['eq-up-1', 'eq-up-2'] }, ...where },
      });
    const recipients = (rows: Array<{ entityId: string | null; userId: string | null }>) =>
      rows.map((n) => `${n.entityId} → ${n.userId}`).sort();
    const marks = () => p.upkeepMark.findMany({ orderBy: [{ equipmentId: 'asc' }, { dueOn: 'asc' }] });

    {
      await signalUpkeep(h.env.client, h.taskQueue, { compoundId, firmId });
      // A second signal (another register change) plans again and writes nothing new.
      await signalUpkeep(h.env.client, h.taskQueue, { compoundId, firmId });
      const first = await eventually(state, (s: UpkeepState) => s.wakes >= 1);
      expect(first.wakeAtMs).toBe(firstPurge);
      expect(await upkeepNotices()).toEqual([]);

      // The first visitor's retention ends: their data goes, the entry stays, one audit entry says so.
      await h.env.sleep(firstPurge - now + MINUTE);
      expect((await p.visitorRecord.findMany()).map((v) => v.entryId)).toEqual(['lb-up-v2']);
      expect(await p.logbookEntry.count({ where: { id: 'lb-up-v1' } })).toBe(1);
      const purges = await p.auditLog.findMany({ where: { stream: `logbook:${compoundId}` } });
      expect(purges.map((a) => [a.action, a.entityId, a.actorRole, a.after])).toEqual([
        ['visitor.purge', compoundId, 'system', { count: 1, entryIds: ['lb-up-v1'] }],
      ]);
      expect(purges[0]!.at.getTime()).toBe((await state()).lastRunAtMs);
      // Next: the reminder, before the second visitor's retention end.
      expect((await state()).wakeAtMs).toBe(due.remindAtMs);

      // Two working days before the (brought-forward) due day, at 09:00: not a minute earlier.
      await h.env.sleep(due.remindAtMs - (await h.env.currentTimeMs()) - MINUTE);
      expect(await upkeepNotices()).toEqual([]);
      await h.env.sleep(2 * MINUTE);
      const reminders = await upkeepNotices({ kind: 'reminder' });
      // The lift without a responsible person tells the firm's staff, the other only its person.
      expect(recipients(reminders)).toEqual([
        `eq-up-1 → ${manager}`,
        `eq-up-1 → ${engineer}`,
        `eq-up-2 → ${engineer}`,
      ]);
      expect(reminders.map((n) => n.id)).toContain(`upkeep:eq-up-1:${dueOn}:remind:0:${manager}`);
      expect(reminders.every((n) => n.title.startsWith('维保将到期') && n.body.includes(dueOn))).toBe(true);
      expect((await marks()).map((m) => [m.equipmentId, m.dueOn, m.overdueAt])).toEqual([
        ['eq-up-1', dueOn, null],
        ['eq-up-2', dueOn, null],
      ]);
      for (const m of await marks()) expectSoonAfter(m.remindedAt, due.remindAtMs);
      expect((await state()).wakeAtMs).toBe(due.overdueAtMs);

      // The due day ends without a maintenance recorded: overdue, and the firm hears it once.
      await h.env.sleep(due.overdueAtMs - (await h.env.currentTimeMs()) + MINUTE);
      const overdue = await upkeepNotices({ kind: 'overdue' });
      expect(recipients(overdue)).toEqual([
        `eq-up-1 → ${manager}`,
        `eq-up-1 → ${engineer}`,
        `eq-up-2 → ${engineer}`,
      ]);
      expect(overdue.every((n) => n.title.startsWith('维保已逾期') && n.body.includes(dueOn))).toBe(true);
      for (const m of await marks()) expectSoonAfter(m.overdueAt, due.overdueAtMs);
      // Overdue waits for a maintenance; the only timer left is the second visitor's retention end.
      expect((await state()).wakeAtMs).toBe(now + 30 * DAY);

      // Lift 1 is serviced; the register change is signalled and the next cycle starts from it.
      const servicedMs = await h.env.currentTimeMs();
      await p.logbookEntry.createMany({ data: [entry('lb-up-m3', 'maintenance', servicedMs, 'eq-up-1')] });
      const before = (await state()).wakes;
      await signalUpkeep(h.env.client, h.taskQueue, { compoundId, firmId });
      const after = await eventually(state, (s: UpkeepState) => s.wakes > before);
      const next = nextUpkeep(isWorking, servicedMs, 15);
      expect(after.wakeAtMs).toBe(Math.min(next.remindAtMs, now + 30 * DAY));
      // A week on (before its next reminder): nothing new is overdue, nothing new is sent.
      const sent = (await upkeepNotices()).length;
      await h.env.sleep(7 * DAY);
      expect((await upkeepNotices()).length).toBe(sent);
      expect((await marks()).filter((m) => m.overdueAt !== null).map((m) => m.equipmentId)).toEqual([
        'eq-up-1',
        'eq-up-2',
      ]);
      expect(await p.upkeepMark.count({ where: { equipmentId: 'eq-up-1', dueOn: { not: dueOn } } })).toBe(0);
    }
    if (recording) {
      const { runId } = await handle.describe();
      await writeIndex(await saveHistories(h.env.client, 'upkeep', workflowId, [runId]));
    }
  });

  it('continues as new after a bounded number of wakes, and the new run plans at once', async () => {
    const other = 'cmp-jinshuihuayuan';
    const handle = h.env.client.workflow.getHandle(upkeepWorkflowId(other));
    const state = () => handle.query(upkeepStateQuery);
    {
      await signalUpkeep(h.env.client, h.taskQueue, { compoundId: other });
      await eventually(state, (s: UpkeepState) => s.wakes >= 1);
      const firstRun = (await handle.describe()).runId;
      // Each register change is one wake; waiting for each keeps two from folding into one.
      for (let wakes = 1; wakes < UPKEEP_WAKES_PER_RUN; wakes++) {
        await signalUpkeep(h.env.client, h.taskQueue, { compoundId: other });
        await eventually(state, (s: UpkeepState) => s.wakes > wakes);
      }
      expect((await state()).wakes).toBe(UPKEEP_WAKES_PER_RUN);
      expect((await handle.describe()).runId).toBe(firstRun);
      await signalUpkeep(h.env.client, h.taskQueue, { compoundId: other });
      const renewed = await eventually(
        () => handle.describe(),
        (d) => d.runId !== firstRun,
      );
      expect(renewed.status.name).toBe('RUNNING');
      expect(
        (await h.env.client.workflow.getHandle(upkeepWorkflowId(other), firstRun).describe()).status.name,
      ).toBe('CONTINUED_AS_NEW');
      const fresh = await eventually(state, (s: UpkeepState) => s.wakes >= 1);
      expect(fresh).toMatchObject({ wakes: 1, wakeAtMs: null });
      // The run that continued as new pins that branch's commands.
      if (recording)
        await writeIndex(
          await saveHistories(h.env.client, 'upkeep-renewed', upkeepWorkflowId(other), [firstRun]),
        );
    }
  });
});

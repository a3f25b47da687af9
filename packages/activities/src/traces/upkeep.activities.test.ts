// The upkeep wake against real databases (PGlite always, PostgreSQL when TEST_DATABASE_URL is set):
// the same instant planned twice — a retried activity, or a second wake at the same workflow time —
// writes nothing the first did not, and a corrected maintenance entry counts as its correction.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createAuditSigner,
  createFileStorage,
  deployMigrationsForTest,
  openDatabase,
  seedDemoRecords,
  testTargets,
  type Database,
  type ScratchDatabase,
} from '@pilot/db';
import {
  DAY_MS,
  HOUR_MS,
  defaultCalendarRelease,
  formatLocalDate,
  localMidnight,
  nextUpkeep,
  releaseWorkingCalendar,
  workingDayTest,
  type RunUpkeepInput,
} from '@pilot/domain';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../index.js';

const compoundId = 'cmp-meiguijiayuan';
const firmId = 'firm-xiangshun';
const isWorking = workingDayTest(releaseWorkingCalendar(defaultCalendarRelease()));

/** One activity execution of the compound's workflow run: a retry is the same run and activity id. */
function execution(activityId: string) {
  const env = new MockActivityEnvironment({
    activityId,
    workflowExecution: { workflowId: `compound-upkeep:${compoundId}`, runId: 'run-1' },
  });
  return {
    run: <A extends unknown[], R>(fn: (...args: A) => Promise<R>, ...args: A): Promise<R> =>
      env.run<A, R, typeof fn>(fn, ...args),
  };
}

describe.each(testTargets())('the upkeep wake on %s', ({ create }) => {
  let scratch: ScratchDatabase;
  let db: Database;
  let files: string;
  let activities: ReturnType<typeof createActivities>;
  // A lift serviced on Monday 2 March 2026 at 10:00, then on the 5th — an entry corrected on the
  // spot by one saying the visit was on the 4th.
  const first = localMidnight(2026, 3, 2) + 10 * HOUR_MS;
  const corrected = localMidnight(2026, 3, 5) + 10 * HOUR_MS;
  const correction = localMidnight(2026, 3, 4) + 15 * HOUR_MS;
  const due = nextUpkeep(isWorking, correction, 15);
  const dueOn = formatLocalDate(due.dueDayMs);

  const counts = async () => ({
    marks: await db.prisma.upkeepMark.findMany({ orderBy: { dueOn: 'asc' } }),
    notices: await db.prisma.notification.count({ where: { entityType: 'equipment' } }),
    audit: await db.prisma.auditLog.count({ where: { stream: `logbook:${compoundId}` } }),
    visitors: await db.prisma.visitorRecord.count(),
  });
  const wake = (activityId: string, input: RunUpkeepInput) =>
    execution(activityId).run(activities.runUpkeep, input);

  beforeAll(async () => {
    scratch = await create();
    await deployMigrationsForTest(scratch.target);
    db = await openDatabase(scratch.target);
    await seedDemoRecords(db.prisma);
    files = await mkdtemp(path.join(tmpdir(), 'pilot-upkeep-'));
    activities = createActivities({
      prisma: db.prisma,
      storage: createFileStorage(files),
      audit: createAuditSigner(randomBytes(32), 'test'),
    });
    const p = db.prisma;
    await p.equipment.create({
      data: {
        id: 'eq-lift-1',
        compoundId,
        code: '1号楼-DT-01',
        type: 'lift',
        name: '1号楼1单元客梯',
        location: '1号楼1单元',
        responsibleName: '项目经理',
        maintenanceIntervalDays: 15,
        staffRole: 'engineering',
        createdById: 'usr-firm-xiangshun',
        createdAt: new Date(first - 30 * DAY_MS),
      },
    });
    const entry = (id: string, kind: 'maintenance' | 'visitor', atMs: number, correctsId: string | null) => ({
      id,
      compoundId,
      firmId,
      kind,
      equipmentId: kind === 'maintenance' ? 'eq-lift-1' : null,
      occurredAt: new Date(atMs),
      recordedAt: new Date(atMs),
      recordedById: 'usr-firm-xiangshun',
      recordedByName: '项目经理',
      summary: kind === 'maintenance' ? '半月维保' : '访客',
      details: {},
      correctsId,
    });
    await p.logbookEntry.createMany({
      data: [
        entry('lb-m1', 'maintenance', first, null),
        entry('lb-m2', 'maintenance', corrected, null),
        entry('lb-m3', 'maintenance', correction, 'lb-m2'),
        entry('lb-v1', 'visitor', first, null),
        entry('lb-v2', 'visitor', first + HOUR_MS, null),
      ],
    });
    await p.visitorRecord.createMany({
      data: ['lb-v1', 'lb-v2'].map((entryId) => ({
        entryId,
        compoundId,
        name: '访客',
        visiting: '1号楼',
        purgeAfter: new Date(first + 3 * DAY_MS),
      })),
    });
  });
  afterAll(async () => {
    await db?.close();
    await scratch?.drop();
    if (files) await rm(files, { recursive: true, force: true });
  });

  it('counts the correction, not the entry it corrects', () => {
    // Planned from the 5th the lift would be due on the 20th, from the 4th it is due on the 19th.
    expect(dueOn).toBe('2026-03-19');
  });

  it('before anything is due: deletes the visitors past retention once and wakes for the reminder', async () => {
    const atMs = first + 3 * DAY_MS;
    const result = await wake('w1', { compoundId, atMs });
    expect(result).toEqual({ wakeAtMs: due.remindAtMs, reminded: 0, markedOverdue: 0, visitorsDeleted: 2 });
    const after = await counts();
    expect(after).toEqual({ marks: [], notices: 0, audit: 1, visitors: 0 });
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { stream: `logbook:${compoundId}` } });
    expect(audit).toMatchObject({
      action: 'visitor.purge',
      entityType: 'compound',
      entityId: compoundId,
      actorRole: 'system',
      after: { count: 2, entryIds: ['lb-v1', 'lb-v2'] },
    });
    // A retry of the activity, and another wake at the same instant, find nothing left to do.
    expect(await wake('w1', { compoundId, atMs })).toEqual({ ...result, visitorsDeleted: 0 });
    expect(await wake('w1-again', { compoundId, atMs })).toEqual({ ...result, visitorsDeleted: 0 });
    expect(await counts()).toEqual(after);
  });

  it('reminds once, then marks overdue once, however often the same instant is planned', async () => {
    const remindAt = due.remindAtMs + HOUR_MS;
    expect(await wake('w2', { compoundId, atMs: remindAt })).toEqual({
      wakeAtMs: due.overdueAtMs,
      reminded: 1,
      markedOverdue: 0,
      visitorsDeleted: 0,
    });
    const reminded = await counts();
    expect(reminded.marks.map((m) => [m.dueOn, m.remindedAt?.getTime(), m.overdueAt])).toEqual([
      [dueOn, remindAt, null],
    ]);
    // The firm's one account hears it (the lift has no responsible account).
    expect(reminded.notices).toBe(1);
    const notice = await db.prisma.notification.findFirstOrThrow({ where: { entityType: 'equipment' } });
    expect(notice).toMatchObject({
      id: `upkeep:eq-lift-1:${dueOn}:remind:0:usr-firm-xiangshun`,
      userId: 'usr-firm-xiangshun',
      kind: 'reminder',
      entityId: 'eq-lift-1',
    });
    expect(notice.title).toContain('维保将到期');
    expect(notice.body).toContain(dueOn);
    for (const id of ['w2', 'w2-again']) {
      expect((await wake(id, { compoundId, atMs: remindAt })).reminded).toBe(0);
    }
    expect(await counts()).toEqual(reminded);

    const lateAt = due.overdueAtMs + HOUR_MS;
    // Overdue waits for a maintenance entry: no timer is left.
    expect(await wake('w3', { compoundId, atMs: lateAt })).toEqual({
      wakeAtMs: null,
      reminded: 0,
      markedOverdue: 1,
      visitorsDeleted: 0,
    });
    const overdue = await counts();
    expect(overdue.marks.map((m) => [m.dueOn, m.remindedAt?.getTime(), m.overdueAt?.getTime()])).toEqual([
      [dueOn, remindAt, lateAt],
    ]);
    expect(overdue.notices).toBe(2);
    for (const id of ['w3', 'w3-again']) {
      expect((await wake(id, { compoundId, atMs: lateAt })).markedOverdue).toBe(0);
    }
    expect(await counts()).toEqual(overdue);
  });

  it('plans nothing for a compound that is not on the register', async () => {
    expect(await wake('w4', { compoundId: 'cmp-missing', atMs: first })).toEqual({
      wakeAtMs: null,
      reminded: 0,
      markedOverdue: 0,
      visitorsDeleted: 0,
    });
  });
});

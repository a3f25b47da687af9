// A running pilot adopts a newly published calendar release (应用新版工作日历): enrolled on release
// 1 (2024–2026, by reference), it runs into the 2027 Spring Festival, for which release 1 has no
// data; an admin publishes release 2 with 2027 and applies it. The pilot's tasks that have not
// opened move off the holidays; what is open or submitted, and the rectification deadline running,
// stay exactly as they were; the round goes on to its evaluation on the new calendar.
import {
  CALENDAR_RELEASE_1,
  calendarReleaseRef,
  formatLocalDate,
  localDateParts,
  parseLocalDate,
  workingDayTest,
  type PilotPlan,
} from '@pilot/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adoptCalendarUpdate } from '../messages.js';
import { releaseWith2027, SPRING_FESTIVAL_2027 } from '../test-support/calendar-2027.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import {
  actors,
  checklistCodes,
  DAY,
  demo,
  HOUR,
  PilotDriver,
  refusedCodes,
  startDemoPilot,
} from '../test-support/pilot-driver.js';

interface TaskRow {
  id: string;
  key: string;
  status: string;
  opensAt: Date;
  dueAt: Date;
  remindAt: Date | null;
  missedAt: Date | null;
}

const festival = new Set(SPRING_FESTIVAL_2027);
const localDay = (at: Date | number) => formatLocalDate(typeof at === 'number' ? at : at.getTime());
const times = (t: TaskRow) => [t.opensAt, t.remindAt, t.dueAt, t.missedAt].map((d) => d?.getTime() ?? null);

describe('adopting a newly published calendar on the time-skipping server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('time-skipping');
  });
  afterAll(async () => h?.close());

  it('moves only work not yet open off the 2027 holidays, and the round goes on', async () => {
    await h.run(async () => {
      const p = h.db.prisma;
      const started = await startDemoPilot(h, { calendar: calendarReleaseRef(CALENDAR_RELEASE_1) });
      const enrollmentId = started.enrollmentId;
      const tasksOf = async (): Promise<TaskRow[]> =>
        p.inspectionTask.findMany({
          where: { enrollmentId },
          orderBy: { dueAt: 'asc' },
          select: {
            id: true,
            key: true,
            status: true,
            opensAt: true,
            dueAt: true,
            remindAt: true,
            missedAt: true,
          },
        });
      // Checks are done on the last day before they fall due (after their reminder), so some are
      // open whenever the release comes; the first weekly check leaves a finding the firm does not
      // answer: a deadline that runs.
      let failed = false;
      const driver = new PilotDriver(h.env, started.handle, {
        firmId: demo.firmId,
        submit: (task, _snap, now) => now >= task.remindAt,
        stopsAt: (snap) => snap.openTasks.map((t) => t.remindAt + HOUR),
        failuresFor: (task) => {
          if (task.kind !== 'weekly' || failed) return [];
          failed = true;
          return checklistCodes('weekly').slice(0, 1);
        },
        respond: () => false,
      });
      await driver.until((s) => s.phase === 'improvement_round', 20);
      const enrolled = await p.enrollment.findUniqueOrThrow({ where: { id: enrollmentId } });
      expect(enrolled.calendarVersion).toBe(1);

      // On release 1, 2027 only has weekends: some check of the round falls due in the festival.
      const planned = await tasksOf();
      const inFestival = planned.filter((t) => festival.has(localDay(t.dueAt)));
      expect(inFestival.length, 'the round reaches the 2027 Spring Festival').toBeGreaterThan(0);
      const firstFestive = inFestival[0]!;
      // The release comes three days before that task opens: it is still ahead, others are open.
      const adoptAt = firstFestive.opensAt.getTime() - 3 * DAY;
      expect(adoptAt).toBeGreaterThan(await driver.now());
      await driver.untilTime(adoptAt);

      const before = await tasksOf();
      const snapBefore = await driver.snapshot();
      const now = await driver.now();
      const open = before.filter((t) => t.status === 'open');
      const submitted = before.filter((t) => t.status === 'submitted');
      const notYetOpen = before.filter((t) => t.status === 'scheduled' && t.opensAt.getTime() > now);
      expect(open.length).toBeGreaterThan(0);
      expect(submitted.length).toBeGreaterThan(0);
      expect(notYetOpen.some((t) => festival.has(localDay(t.dueAt)))).toBe(true);
      const rectification = snapBefore.openRectifications[0]!;
      expect(rectification).toBeDefined();
      // The county also gives a day off of its own on the due day of an open check: a local
      // adjustment added to the official days. The open check keeps its time all the same.
      const openOnWeekday = open.find(
        (t) =>
          localDay(t.dueAt).startsWith('2027') && ![0, 6].includes(localDateParts(t.dueAt.getTime()).weekday),
      );
      const localHolidays = openOnWeekday ? [localDay(openOnWeekday.dueAt)] : [];

      const ref2 = calendarReleaseRef({ version: 2, ...releaseWith2027(localHolidays) });
      expect(ref2.content).not.toBeNull();
      // Only an admin applies a calendar, and release 1 changes nothing for this pilot.
      expect(
        await refusedCodes(
          started.handle.executeUpdate(adoptCalendarUpdate, {
            args: [{ actor: actors.coordinator, release: ref2 }],
          }),
        ),
      ).toEqual(['role_not_allowed']);
      expect(
        await refusedCodes(
          started.handle.executeUpdate(adoptCalendarUpdate, {
            args: [{ actor: actors.admin, release: calendarReleaseRef(CALENDAR_RELEASE_1) }],
          }),
        ),
      ).toEqual(['calendar_already_followed']);
      expect(
        await refusedCodes(
          started.handle.executeUpdate(adoptCalendarUpdate, {
            args: [{ actor: actors.admin, release: { ...ref2, fingerprint: 'fnv1a64:forged' } }],
          }),
        ),
      ).toEqual(['calendar_release_unknown']);

      const request = { actor: actors.admin, release: ref2 };
      const result = await started.handle.executeUpdate(adoptCalendarUpdate, {
        args: [request],
        updateId: 'adopt-2',
      });
      expect(result).toMatchObject({ version: 2, previousVersion: 1, firstYear: 2024, lastYear: 2027 });
      expect(result.moved.length).toBeGreaterThan(0);
      for (const moved of result.moved) {
        expect(festival.has(moved.calendarDueDate), moved.key).toBe(false);
        expect(notYetOpen.map((t) => t.id)).toContain(moved.taskId);
      }
      // The same request again (a retry) answers the same and changes nothing more.
      expect(
        await started.handle.executeUpdate(adoptCalendarUpdate, { args: [request], updateId: 'adopt-2' }),
      ).toEqual(result);
      // A second adoption of the same release is refused with the reason.
      expect(
        await refusedCodes(started.handle.executeUpdate(adoptCalendarUpdate, { args: [request] })),
      ).toEqual(['calendar_already_followed']);

      const after = new Map((await tasksOf()).map((t) => [t.id, t]));
      // Open and submitted work: exactly as it was, even the open check due on the new local day off.
      for (const task of [...open, ...submitted])
        expect(times(after.get(task.id)!), task.key).toEqual(times(task));
      // Work not yet open: off the festival, on working days of the new calendar, never in the past.
      const enrollment = await p.enrollment.findUniqueOrThrow({ where: { id: enrollmentId } });
      expect(enrollment.calendarVersion).toBe(2);
      const plan = enrollment.plan as PilotPlan;
      expect(plan.calendar.holidays).toEqual(
        expect.arrayContaining([...SPRING_FESTIVAL_2027, ...localHolidays]),
      );
      const isWorking = workingDayTest(plan.calendar);
      for (const task of notYetOpen) {
        const now2 = after.get(task.id)!;
        expect(festival.has(localDay(now2.dueAt)), task.key).toBe(false);
        expect(now2.opensAt.getTime()).toBeGreaterThan(now);
        const moved = result.moved.find((m) => m.taskId === task.id);
        if (moved) {
          expect(now2.dueAt.getTime()).toBe(moved.toDueAt);
          expect(isWorking(parseLocalDate(localDay(now2.dueAt))!), task.key).toBe(true);
        } else {
          expect(times(now2)).toEqual(times(task));
        }
      }
      const snapAfter = await driver.snapshot();
      expect(snapAfter.openRectifications.find((r) => r.id === rectification.id)?.deadline).toBe(
        rectification.deadline,
      );
      const audit = await p.auditLog.findMany({
        where: { stream: `enrollment:${enrollmentId}`, action: 'pilot.adopt_calendar' },
      });
      expect(audit).toHaveLength(1);
      expect(audit[0]!.actorRole).toBe('admin');

      // The round runs on: the moved checks open and are done at their new times, and the round
      // is evaluated; no check of it was due in the festival.
      const evaluated = await driver.until((s) => s.rounds.length === 1);
      expect(evaluated.rounds[0]!.number).toBe(1);
      const round1 = (await tasksOf()).filter((t) => t.key.startsWith('r1-'));
      const festive = round1.filter((t) => t.status === 'submitted' && festival.has(localDay(t.dueAt)));
      // Only the one open at the adoption could still be there (it kept its time).
      expect(festive.every((t) => open.some((o) => o.id === t.id))).toBe(true);
      for (const moved of result.moved) {
        expect(round1.find((t) => t.id === moved.taskId)?.status, moved.key).toBe('submitted');
      }
    });
  }, 600_000);
});

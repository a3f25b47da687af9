// Pausing a pilot stops its clock: while paused nothing becomes due, late or missed, people's
// requests are refused, and on resume every deadline still ahead moves by the paused time.
import type { SnapshotTask } from '@pilot/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRoundSchedule, DEFAULT_PLAN } from '@pilot/domain';
import {
  pauseUpdate,
  respondRectificationUpdate,
  resumeUpdate,
  submitInspectionUpdate,
  extendDeadlineUpdate,
} from '../messages.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import {
  actors,
  DAY,
  demo,
  itemsFor,
  PilotDriver,
  refusedCodes,
  startDemoPilot,
} from '../test-support/pilot-driver.js';

describe('pause and resume across a round boundary on the time-skipping server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('time-skipping');
  });
  afterAll(async () => h?.close());

  it('freezes the round while paused and shifts its end and open deadlines by the paused time', async () => {
    await h.run(async () => {
      const started = await startDemoPilot(h);
      let heldBack: string[] = [];
      let resumed = false;
      const driver = new PilotDriver(h.env, started.handle, {
        firmId: demo.firmId,
        // After the resume they are done once their (shifted) reminder has gone out.
        submit: (task, _snap, now) => !heldBack.includes(task.key) || (resumed && now > task.remindAt),
        stopsAt: (snap) =>
          snap.openTasks.filter((t) => heldBack.includes(t.key)).map((t) => t.remindAt + 3600_000),
      });
      const first = await driver.snapshot();
      const roundEnd = first.currentRound!.endsAt;
      // Shortly before round 1 ends: half a day before the reminder of its last task is due. Tasks
      // open by then whose reminder is still ahead are held back until after the pause, so open
      // deadlines span it (which tasks these are depends on the calendar of the start date).
      // The whole schedule, from the same pure function the workflow uses (the snapshot lists only
      // the next few upcoming tasks).
      const schedule = buildRoundSchedule(DEFAULT_PLAN, first.currentRound!.startsAt, 1, {
        stage: 'improvement',
        includeOpening: true,
      }).tasks;
      expect(schedule.map((t) => t.key)).toEqual(
        expect.arrayContaining(first.upcomingTasks.map((t) => t.key)),
      );
      const last = [...schedule].sort((a, b) => b.dueAt - a.dueAt)[0]!;
      const pauseAt = last.remindAt - 12 * 3600_000;
      expect(roundEnd - pauseAt).toBeLessThan(7 * DAY);
      heldBack = schedule.filter((t) => t.opensAt < pauseAt && t.remindAt > pauseAt).map((t) => t.key);
      expect(heldBack.length).toBeGreaterThan(0);
      await driver.untilTime(pauseAt);
      const before = await driver.snapshot();
      const held = before.openTasks.filter((t) => heldBack.includes(t.key));
      expect(held.map((t) => t.key).sort()).toEqual([...heldBack].sort());
      expect(held.every((t) => t.remindAt > pauseAt && t.remindedAt === null)).toBe(true);
      expect(before.rounds).toEqual([]);

      const paused = await started.handle.executeUpdate(pauseUpdate, {
        args: [{ actor: actors.coordinator, reason: '街道集中整治，暂停试点' }],
      });
      expect(paused).toMatchObject({ paused: true, stage: 'improvement', phase: 'improvement_round' });
      const pausedSnap = await driver.snapshot();
      expect(pausedSnap.paused).toBe(true);
      const pausedAt = pausedSnap.pausedAt!;

      // While paused: requests are refused with pilot_paused, and a second pause is pointless.
      const heldTask = held[0]!;
      expect(
        await refusedCodes(
          started.handle.executeUpdate(submitInspectionUpdate, {
            args: [
              {
                actor: actors.inspector(heldTask.assigneeId!),
                taskId: heldTask.id,
                items: itemsFor(heldTask, []),
              },
            ],
          }),
        ),
      ).toEqual(['pilot_paused']);
      expect(
        await refusedCodes(
          started.handle.executeUpdate(respondRectificationUpdate, {
            args: [
              {
                actor: actors.firm(demo.firmId),
                rectificationId: 'any',
                text: '已整改',
                evidenceIds: ['ev-1'],
              },
            ],
          }),
        ),
      ).toEqual(['pilot_paused']);
      expect(
        await refusedCodes(
          started.handle.executeUpdate(extendDeadlineUpdate, {
            args: [
              {
                actor: actors.coordinator,
                targetType: 'task',
                targetId: heldTask.id,
                days: 3,
                reason: '延期',
              },
            ],
          }),
        ),
      ).toEqual(['pilot_paused']);
      expect(
        await refusedCodes(
          started.handle.executeUpdate(pauseUpdate, {
            args: [{ actor: actors.coordinator, reason: '再次暂停' }],
          }),
        ),
      ).toEqual(['already_paused']);
      expect(
        await refusedCodes(
          started.handle.executeUpdate(resumeUpdate, {
            args: [{ actor: actors.inspector('usr-insp-zhang') }],
          }),
        ),
      ).toEqual(['role_not_allowed']);

      // Twenty days pass; the round end and every due time of the held tasks lie inside them.
      await driver.sleepUntil(pausedAt + 20 * DAY);
      expect(await driver.now()).toBeGreaterThan(roundEnd);
      const still = await driver.snapshot();
      expect(still.paused).toBe(true);
      expect(still.rounds).toEqual([]);
      expect(still.currentRound!.endsAt).toBe(roundEnd);
      expect(still.openTasks.map((t) => [t.key, t.status, t.remindedAt, t.escalatedAt])).toEqual(
        held.map((t) => [t.key, 'open', null, null]),
      );
      const p = h.db.prisma;
      const enrollmentId = started.enrollmentId;
      expect((await p.enrollment.findUniqueOrThrow({ where: { id: enrollmentId } })).status).toBe('paused');
      const heldRows = await p.inspectionTask.findMany({ where: { id: { in: held.map((t) => t.id) } } });
      expect(heldRows.map((r) => [r.status, r.remindedAt, r.escalatedAt])).toEqual(
        heldRows.map(() => ['open', null, null]),
      );
      expect(await p.inspectionTask.count({ where: { enrollmentId, status: 'missed' } })).toBe(0);
      expect(
        await p.notification.count({ where: { enrollmentId, createdAt: { gte: new Date(pausedAt) } } }),
      ).toBe(0);
      expect((await p.round.findFirstOrThrow({ where: { enrollmentId, number: 1 } })).status).toBe('running');

      // Resume: the paused time is added to the round end and every deadline still ahead.
      const back = await started.handle.executeUpdate(resumeUpdate, {
        args: [{ actor: actors.coordinator, note: '恢复试点' }],
      });
      expect(back.paused).toBe(false);
      const resumeEntry = await p.auditLog.findFirstOrThrow({ where: { action: 'pilot.resume' } });
      const pausedMs = (resumeEntry.after as { pausedMs: number }).pausedMs;
      expect(pausedMs).toBeGreaterThanOrEqual(20 * DAY);
      expect(pausedMs).toBeLessThan(20 * DAY + 60_000);
      const after = await driver.snapshot();
      expect(after.paused).toBe(false);
      expect(after.currentRound!.endsAt).toBe(roundEnd + pausedMs);
      const moved = (t: SnapshotTask) => after.openTasks.find((o) => o.id === t.id)!;
      for (const task of held) {
        expect(moved(task)).toMatchObject({
          status: 'open',
          opensAt: task.opensAt, // already open at the pause: its opening stays in the past
          remindAt: task.remindAt + pausedMs,
          dueAt: task.dueAt + pausedMs,
          missedAt: task.missedAt + pausedMs,
        });
      }
      const dbRound = await p.round.findFirstOrThrow({ where: { enrollmentId, number: 1 } });
      expect(dbRound.endsAt.getTime()).toBe(roundEnd + pausedMs);
      const shiftedRows = await p.inspectionTask.findMany({ where: { id: { in: held.map((t) => t.id) } } });
      for (const task of held) {
        const row = shiftedRows.find((r) => r.id === task.id)!;
        expect(row.dueAt.getTime()).toBe(task.dueAt + pausedMs);
        expect(row.missedAt!.getTime()).toBe(task.missedAt + pausedMs);
      }
      expect((await p.enrollment.findUniqueOrThrow({ where: { id: enrollmentId } })).status).toBe('active');

      // The round then runs to its shifted end and is evaluated with nothing missed.
      resumed = true;
      const evaluated = await driver.until((s) => s.rounds.length === 1);
      expect(evaluated.rounds[0]).toMatchObject({ number: 1, passed: true, missed: 0 });
      expect(evaluated.rounds[0]!.evaluatedAt).toBeGreaterThanOrEqual(roundEnd + pausedMs);
      const heldDone = await p.inspectionTask.findMany({ where: { id: { in: held.map((t) => t.id) } } });
      expect(heldDone.map((r) => r.status)).toEqual(held.map(() => 'submitted'));
      // Reminders came after the resume, at the shifted time and for the shifted due time.
      for (const task of held) {
        const reminder = await p.notification.findUniqueOrThrow({
          where: { dedupeKey: `${task.id}:remind:${task.dueAt + pausedMs}` },
        });
        expect(reminder.createdAt.getTime()).toBeGreaterThanOrEqual(task.remindAt + pausedMs);
        expect(reminder.createdAt.getTime()).toBeLessThan(task.dueAt + pausedMs);
      }
      expect(await p.inspectionTask.count({ where: { enrollmentId, status: 'missed' } })).toBe(0);
      const actions = (
        await p.auditLog.findMany({ where: { action: { startsWith: 'pilot.' } }, orderBy: { seq: 'asc' } })
      ).map((e) => [e.action, e.actorId]);
      expect(actions).toEqual(
        expect.arrayContaining([
          ['pilot.pause', 'usr-coord-wang'],
          ['pilot.resume', 'usr-coord-wang'],
        ]),
      );
      expect(actions.filter(([a]) => a === 'pilot.pause')).toHaveLength(1);
    });
  });
});

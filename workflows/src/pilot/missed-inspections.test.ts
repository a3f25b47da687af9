// Late and missed inspections: reminders before the due time, escalations after it, "missed" at the
// grace limit, and a pilot that keeps going whatever people fail to do.
import type { SnapshotTask } from '@pilot/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../test-support/harness.js';
import { demo, HOUR, nextLocalWeekday, PilotDriver, startDemoPilot } from '../test-support/pilot-driver.js';

describe('late and missed inspections on the time-skipping server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('time-skipping');
  });
  afterAll(async () => h?.close());

  it('reminds, escalates and marks missed; misses never block the round, and enough of them fail it', async () => {
    await h.run(async () => {
      // A Sunday start puts the self-inspection's due day on Monday (day 7 is a Saturday), so its
      // grace period still runs when the concentrated inspection opens: the inspector can finish
      // the concentrated inspection before the firm's self-inspection is marked missed.
      const startDate = await nextLocalWeekday(h.env, 0);
      const started = await startDemoPilot(h, { startDate });
      const skipped = ['r1-weekly-02', 'r1-weekly-03', 'r1-weekly-04'];
      const late = 'r1-weekly-01';
      const driver = new PilotDriver(h.env, started.handle, {
        firmId: demo.firmId,
        submit: (task, _snap, now) => {
          if (task.round !== 1) return true;
          if (task.kind === 'self' || skipped.includes(task.key)) return false;
          // Submitted after its due time (so after the escalation), before it counts as missed.
          if (task.key === late) return now > task.dueAt;
          return true;
        },
        stopsAt: (snap) => snap.openTasks.filter((t) => t.key === late).map((t) => t.dueAt + 6 * HOUR),
      });

      const first = await driver.snapshot();
      const tasks = new Map<string, SnapshotTask>(
        [...first.openTasks, ...first.upcomingTasks].map((t) => [t.key, t]),
      );
      const self = tasks.get('r1-self-01')!;
      const concentrated = tasks.get('r1-concentrated-01')!;
      // The precondition the Sunday start is for.
      expect(self.missedAt).toBeGreaterThan(concentrated.opensAt);

      // Concentrated inspection done while the firm's self-inspection is still within its grace period.
      await driver.until(
        (s) =>
          !s.openTasks.some((t) => t.key === 'r1-concentrated-01') &&
          s.upcomingTasks.every((t) => t.key !== 'r1-concentrated-01'),
        20,
      );
      expect(await driver.now()).toBeLessThan(self.missedAt);
      expect((await driver.snapshot()).phase).toBe('self_inspection');
      // Once the self-inspection is missed the opening phases are over: the round goes on.
      const afterOpening = await driver.until((s) => s.phase === 'improvement_round', 5);
      expect(afterOpening.openTasks.map((t) => t.key)).not.toContain('r1-self-01');
      expect(await driver.now()).toBeGreaterThanOrEqual(self.missedAt);

      // Round 1 ends, is evaluated with its misses, and a second improvement round starts.
      const next = await driver.until((s) => s.rounds.length === 1 && s.currentRound?.number === 2);
      const round1 = next.rounds[0]!;
      expect(round1).toMatchObject({ number: 1, stage: 'improvement', passed: false, missed: 3 });
      expect(round1.reasons.map((r) => r.code)).toContain('too_many_missed_inspections');
      expect(next.stage).toBe('improvement');
      expect(next.phase).toBe('improvement_round');
      expect(next.currentRound).toMatchObject({ number: 2, stage: 'improvement' });
      expect(next.currentRound!.startsAt).toBeGreaterThanOrEqual(round1.evaluatedAt);
      expect(driver.runIds.size).toBeGreaterThanOrEqual(2);

      // ── the records ──
      const p = h.db.prisma;
      const enrollmentId = started.enrollmentId;
      const rows = await p.inspectionTask.findMany({ where: { enrollmentId, key: { startsWith: 'r1-' } } });
      const row = (key: string) => rows.find((r) => r.key === key)!;
      const notes = await p.notification.findMany({ where: { enrollmentId } });
      const note = (key: string) => notes.find((n) => n.dedupeKey === key);
      const audit = await p.auditLog.findMany({ where: { action: 'task.missed' } });

      for (const key of ['r1-self-01', ...skipped]) {
        const task = row(key);
        expect(task.status, key).toBe('missed');
        const remindAt = task.remindAt!.getTime();
        const dueAt = task.dueAt.getTime();
        const missedAt = task.missedAt!.getTime();
        // The reminder went out at its time, before the due time; the escalation after it.
        expect(task.remindedAt!.getTime()).toBeGreaterThanOrEqual(remindAt);
        expect(task.remindedAt!.getTime()).toBeLessThan(dueAt);
        expect(task.escalatedAt!.getTime()).toBeGreaterThanOrEqual(dueAt);
        expect(task.escalatedAt!.getTime()).toBeLessThan(missedAt);
        const reminder = note(`${task.id}:remind:${dueAt}`);
        expect(reminder).toMatchObject({ kind: 'reminder' });
        expect(reminder!.createdAt.getTime()).toBeLessThan(dueAt);
        const escalation = note(`${task.id}:escalate:${dueAt}`);
        expect(escalation).toMatchObject({ kind: 'escalation', role: 'coordinator' });
        expect(escalation!.createdAt.getTime()).toBeGreaterThanOrEqual(dueAt);
        const missed = note(`${task.id}:missed`);
        expect(missed).toMatchObject({ kind: 'missed', role: 'coordinator' });
        // Marked missed at missedAt, not at the round end.
        expect(missed!.createdAt.getTime()).toBeGreaterThanOrEqual(missedAt);
        expect(missed!.createdAt.getTime()).toBeLessThan(missedAt + HOUR);
        const entries = audit.filter((a) => a.entityId === task.id);
        expect(entries).toHaveLength(1);
        expect(entries[0]!.actorRole).toBe('system');
      }
      // The self-inspection reminder goes to the firm, the inspectors' to the assignee.
      expect(note(`${row('r1-self-01').id}:remind:${row('r1-self-01').dueAt.getTime()}`)).toMatchObject({
        role: 'firm',
        userId: null,
      });
      expect(note(`${row('r1-weekly-02').id}:remind:${row('r1-weekly-02').dueAt.getTime()}`)).toMatchObject({
        userId: 'usr-insp-zhang',
      });

      // The late one: escalated, then submitted and counted.
      const lateRow = row(late);
      expect(lateRow.status).toBe('submitted');
      expect(lateRow.escalatedAt!.getTime()).toBeGreaterThanOrEqual(lateRow.dueAt.getTime());
      expect(lateRow.submittedAt!.getTime()).toBeGreaterThan(lateRow.dueAt.getTime());
      expect(lateRow.submittedAt!.getTime()).toBeLessThan(lateRow.missedAt!.getTime());
      expect(await p.inspectionResult.count({ where: { taskId: lateRow.id } })).toBe(1);

      // Every other round-1 task was submitted; the evaluation counted them.
      const counted = rows.filter((r) => r.kind !== 'self');
      expect(counted.filter((r) => r.status === 'missed')).toHaveLength(3);
      expect(round1.completed).toBe(counted.filter((r) => r.status === 'submitted').length);
      expect(rows.filter((r) => r.status === 'open' || r.status === 'scheduled')).toEqual([]);

      const dbRounds = await p.round.findMany({ where: { enrollmentId }, orderBy: { number: 'asc' } });
      expect(dbRounds.map((r) => [r.number, r.kind, r.status, r.passed])).toEqual([
        [1, 'improvement', 'evaluated', false],
        [2, 'improvement', 'running', null],
      ]);
      expect(dbRounds[0]!.assessment).toMatchObject({ missed: 3, completed: round1.completed });
      // A repeated improvement round starts straight with the special inspections.
      const round2Kinds = new Set(
        (await p.inspectionTask.findMany({ where: { roundId: dbRounds[1]!.id } })).map((t) => t.kind),
      );
      expect([...round2Kinds].sort()).toEqual(['monthly', 'quarterly', 'weekly']);
      const enrollment = await p.enrollment.findUniqueOrThrow({ where: { id: enrollmentId } });
      expect(enrollment).toMatchObject({ stage: 'improvement', phase: 'improvement_round', currentRound: 2 });
      expect(await p.auditLog.count({ where: { action: 'round.evaluate', entityId: dbRounds[0]!.id } })).toBe(
        1,
      );
    });
  });
});

// 重点部位 are places: the consolidation round checks the compound's key parts (from its features),
// a part that failed is re-checked once its rectifications close, and its improvement is scored.
// Also the order of work of round 1: 自查自纠 first, then 集中检查, then the special checks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CATALOGUE, keyPartStateSchema, type PilotSnapshot, type SnapshotTask } from '@pilot/domain';
import { createHarness, type Harness } from '../test-support/harness.js';
import { demo, PilotDriver, startDemoPilot } from '../test-support/pilot-driver.js';

/** A pass/fail, non-critical standard checked in the lift machine room (C-02: equipment tags). */
const liftRoomCode = 'C-02';

describe('the order of work and key parts as places, on the time-skipping server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('time-skipping');
  });
  afterAll(async () => h?.close());

  it('opens special checks after the concentrated inspection, then re-checks a failed key part and scores its improvement', async () => {
    await h.run(async () => {
      const started = await startDemoPilot(h);
      const submittedKinds: Array<SnapshotTask['kind']> = [];
      let failLiftRoom = true;
      const driver = new PilotDriver(h.env, started.handle, {
        firmId: demo.firmId,
        submit: (task) => {
          submittedKinds.push(task.kind);
          return true;
        },
        // The first key-part check finds one problem in the lift machine room, nowhere else.
        failuresFor: (task) => {
          if (task.kind !== 'consolidation' || !failLiftRoom) return [];
          failLiftRoom = false;
          return [`lift_machine_room/${liftRoomCode}`];
        },
      });

      // ── round 1: the article's order ──
      const first = await driver.snapshot();
      expect(first.openTasks.map((t) => t.kind)).toEqual([]);
      const concentrated = first.upcomingTasks.find((t) => t.kind === 'concentrated')!;
      const monthly = [...first.upcomingTasks].find((t) => t.kind === 'monthly')!;
      expect(monthly.opensAt > concentrated.dueAt).toBe(true);
      await driver.until((s) => s.phase === 'improvement_round');
      const opening = submittedKinds.slice(0, 2);
      expect(opening).toEqual(['self', 'concentrated']);
      const p = h.db.prisma;
      const specials = await p.inspectionTask.findMany({
        where: { enrollmentId: started.enrollmentId, kind: { in: ['weekly', 'monthly', 'quarterly'] } },
      });
      const concentratedRow = await p.inspectionTask.findFirstOrThrow({
        where: { enrollmentId: started.enrollmentId, kind: 'concentrated' },
      });
      for (const task of specials)
        expect(task.opensAt.getTime()).toBeGreaterThan(concentratedRow.dueAt.getTime());

      // ── round 2: key parts from the compound's features ──
      const consolidation = await driver.until((s) => s.phase === 'consolidation_round');
      const parts = consolidation.currentRound!.keyParts;
      const codes = parts.map((part) => part.code);
      // 玫瑰家园 has lifts, a fire-control room, secondary water, a garage and e-bike charging, no septic tank.
      expect(codes).toEqual(expect.arrayContaining(['lift_machine_room', 'fire_control_room', 'pump_room']));
      expect(codes).not.toContain('septic_tank');
      expect(consolidation.features).not.toContain('septic_tank');
      // Parts holding the weak categories of round 1 come first.
      const focusFlags = parts.map((part) => part.focus);
      expect(focusFlags).toEqual([...focusFlags].sort((a, b) => Number(b) - Number(a)));
      const check = [...consolidation.openTasks, ...consolidation.upcomingTasks].find(
        (t) => t.kind === 'consolidation',
      )!;
      expect(check.scope?.keyParts).toEqual(codes);

      const liftRoom = (s: PilotSnapshot) =>
        s.currentRound?.keyParts.find((part) => part.code === 'lift_machine_room');
      // The finding opens a rectification at that part; its close schedules the part's re-check.
      const rechecking = await driver.until(
        (s) => liftRoom(s)?.recheckTaskId != null || liftRoom(s)?.status === 'improved',
      );
      const recheckId = liftRoom(rechecking)!.recheckTaskId;
      const improved = await driver.until((s) => liftRoom(s)?.status === 'improved');
      const part = liftRoom(improved)!;
      expect(part.before).not.toBeNull();
      expect(part.after).toBe(100);
      expect(part.after!).toBeGreaterThan(part.before!);
      expect(part.openRectifications).toBe(0);

      // ── the round's outcome and the records ──
      const done = await driver.until((s) => s.rounds.length === 2);
      const outcome = done.rounds[1]!.keyParts.find((k) => k.code === 'lift_machine_room')!;
      expect(outcome).toMatchObject({ before: part.before, after: 100, rechecks: 1 });
      expect(outcome.improvement).toBeCloseTo(100 - part.before!, 2);
      expect(done.rounds[1]!.operationRate).not.toBeNull();

      const rectification = await p.rectification.findFirstOrThrow({
        where: { enrollmentId: started.enrollmentId, keyPart: 'lift_machine_room' },
      });
      expect(rectification).toMatchObject({ standardCode: liftRoomCode, status: 'closed' });
      const recheck = await p.inspectionTask.findFirstOrThrow({
        where: { enrollmentId: started.enrollmentId, kind: 'recheck' },
        include: { result: { include: { items: true } } },
      });
      if (recheckId) expect(recheck.id).toBe(recheckId);
      expect(recheck.scope).toEqual({ keyParts: ['lift_machine_room'] });
      expect(recheck.assigneeId).toBe('usr-insp-li');
      expect(recheck.status).toBe('submitted');
      const recheckCodes = recheck.result!.items.map((item) => [item.keyPart, item.standardCode]);
      const liftStandards = parts.find((p) => p.code === 'lift_machine_room')!.standards;
      expect(recheckCodes).toEqual(
        expect.arrayContaining(liftStandards.map((code) => ['lift_machine_room', code])),
      );
      expect(recheckCodes).toHaveLength(liftStandards.length);
      const round2 = await p.round.findFirstOrThrow({
        where: { enrollmentId: started.enrollmentId, number: 2 },
      });
      // The round keeps each part's loop: the check that failed and the re-check that passed.
      const stored = keyPartStateSchema
        .array()
        .parse(round2.keyParts)
        .find((k) => k.code === 'lift_machine_room')!;
      expect(stored.checks.map((c) => c.kind)).toEqual(expect.arrayContaining(['consolidation', 'recheck']));
      expect(DEFAULT_CATALOGUE.standards.find((s) => s.code === liftRoomCode)!.critical).toBe(false);
    });
  });
});

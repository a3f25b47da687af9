// A failed overall assessment (总体评估) sends the pilot into another consolidation round on the same
// key areas; passing that one completes the consolidation stage.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../test-support/harness.js';
import { checklistCodes, demo, PilotDriver, startDemoPilot } from '../test-support/pilot-driver.js';

describe('a failed consolidation round on the time-skipping server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('time-skipping');
  });
  afterAll(async () => h?.close());

  it('fails round 2, runs a third (consolidation) round on the same focus, passes it and reaches rollout', async () => {
    await h.run(async () => {
      const started = await startDemoPilot(h);
      const driver = new PilotDriver(h.env, started.handle, {
        firmId: demo.firmId,
        // Round 2: every fourth standard on each checklist fails, about 75 points against the 80
        // required (more failures only cost time: each one is answered and verified).
        failuresFor: (task, snap) =>
          task.round === 2
            ? checklistCodes(task.kind, snap.currentRound?.focusCategories ?? []).filter(
                (_, i) => i % 4 === 0,
              )
            : [],
      });

      const third = await driver.until((s) => s.currentRound?.number === 3);
      expect(third.stage).toBe('consolidation');
      expect(third.phase).toBe('consolidation_round');
      expect(third.rounds.map((r) => [r.number, r.stage, r.passed])).toEqual([
        [1, 'improvement', true],
        [2, 'consolidation', false],
      ]);
      const failed = third.rounds[1]!;
      expect(failed.score).toBeLessThan(80);
      expect(failed.reasons.map((r) => r.code)).toContain('score_below_minimum');
      // The retry keeps the key areas (重点部位) of the round it repeats.
      const round2Focus = (await h.db.prisma.round.findFirstOrThrow({ where: { number: 2 } }))
        .focusCategories;
      expect(round2Focus.length).toBeGreaterThan(0);
      expect(third.currentRound).toMatchObject({ stage: 'consolidation', focusCategories: round2Focus });
      // The third round starts when the second was assessed, without another archiving gap.
      expect(third.currentRound!.startsAt - failed.evaluatedAt).toBeGreaterThanOrEqual(0);
      expect(third.currentRound!.startsAt - failed.evaluatedAt).toBeLessThan(60_000);

      const eligible = await driver.until((s) => s.phase === 'eligible');
      expect(eligible.stage).toBe('rollout');
      expect(eligible.rounds.map((r) => [r.number, r.stage, r.passed])).toEqual([
        [1, 'improvement', true],
        [2, 'consolidation', false],
        [3, 'consolidation', true],
      ]);
      expect(eligible.rounds[2]!.score!).toBeGreaterThan(failed.score!);
      // One run per round at least: continue-as-new at every round boundary.
      expect(driver.runIds.size).toBeGreaterThanOrEqual(4);

      // ── the records ──
      const p = h.db.prisma;
      const enrollmentId = started.enrollmentId;
      const rounds = await p.round.findMany({ where: { enrollmentId }, orderBy: { number: 'asc' } });
      expect(rounds.map((r) => [r.number, r.kind, r.status, r.passed])).toEqual([
        [1, 'improvement', 'archived', true],
        [2, 'consolidation', 'evaluated', false],
        [3, 'consolidation', 'evaluated', true],
      ]);
      expect(rounds[2]!.focusCategories).toEqual(round2Focus);
      // Only the improvement round is archived (建档建册); consolidation rounds are not.
      expect(await p.archive.count({ where: { enrollmentId } })).toBe(1);
      const round3Kinds = new Set(
        (await p.inspectionTask.findMany({ where: { roundId: rounds[2]!.id } })).map((t) => t.kind),
      );
      expect([...round3Kinds].sort()).toEqual(['consolidation', 'quarterly', 'weekly']);
      // Round 2's many findings were all rectified and closed.
      const round2Rect = await p.rectification.groupBy({
        by: ['status'],
        where: { roundId: rounds[1]!.id },
        _count: { _all: true },
      });
      expect(round2Rect.map((r) => r.status)).toEqual(['closed']);
      expect(round2Rect[0]!._count._all).toBeGreaterThan(10);
      const evaluations = await p.auditLog.findMany({
        where: { action: 'round.evaluate' },
        orderBy: { seq: 'asc' },
      });
      expect(evaluations.map((e) => [e.entityId, (e.after as { passed: boolean }).passed])).toEqual([
        [rounds[0]!.id, true],
        [rounds[1]!.id, false],
        [rounds[2]!.id, true],
      ]);
      const enrollment = await p.enrollment.findUniqueOrThrow({ where: { id: enrollmentId } });
      expect(enrollment).toMatchObject({ stage: 'rollout', phase: 'eligible', currentRound: 3 });
      expect(enrollment.experienceSummary).toMatchObject({
        rounds: [
          { number: 1, passed: true },
          { number: 2, passed: false },
          { number: 3, passed: true },
        ],
      });
    });
  });
});

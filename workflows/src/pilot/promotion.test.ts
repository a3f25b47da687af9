// Promotion to 示范小区: refused with the rule's reasons until the pilot is eligible and an admin asks,
// accepted once, refused as already done afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pauseUpdate, promoteUpdate, resumeUpdate } from '../messages.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { actors, demo, PilotDriver, refusedCodes, startDemoPilot } from '../test-support/pilot-driver.js';

describe('promotion to demonstration compound on the time-skipping server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('time-skipping');
  });
  afterAll(async () => h?.close());

  it('refuses with reasons until eligible and asked by an admin, then promotes once', async () => {
    await h.run(async () => {
      const started = await startDemoPilot(h);
      const driver = new PilotDriver(h.env, started.handle, { firmId: demo.firmId });
      const handle = started.handle;
      const promote = (actor: (typeof actors)['admin'] | (typeof actors)['coordinator']) =>
        refusedCodes(handle.executeUpdate(promoteUpdate, { args: [{ actor }] }));

      // During improvement: not in the rollout stage, and no round score yet.
      const improving = await driver.until((s) => s.phase === 'improvement_round');
      expect(improving.stage).toBe('improvement');
      const early = await promote(actors.admin);
      expect(early).toContain('stage_not_rollout');
      expect(early).toContain('no_score');
      expect(await promote(actors.coordinator)).toEqual(['role_not_allowed']);
      expect(
        await refusedCodes(
          handle.executeUpdate(promoteUpdate, { args: [{ actor: actors.inspector('usr-insp-li') }] }),
        ),
      ).toEqual(['role_not_allowed']);

      // During consolidation, with a passed first round: still not the rollout stage.
      const consolidating = await driver.until((s) => s.phase === 'consolidation_round');
      expect(consolidating.rounds[0]!.passed).toBe(true);
      expect(await promote(actors.admin)).toContain('stage_not_rollout');

      const eligible = await driver.until((s) => s.phase === 'eligible');
      expect(eligible.promotedAt).toBeNull();
      // Eligible but paused: the pause is the reason.
      await handle.executeUpdate(pauseUpdate, {
        args: [{ actor: actors.coordinator, reason: '等待评审会' }],
      });
      expect(await promote(actors.admin)).toEqual(['paused']);
      await handle.executeUpdate(resumeUpdate, { args: [{ actor: actors.coordinator }] });
      expect(await promote(actors.coordinator)).toEqual(['role_not_allowed']);

      const p = h.db.prisma;
      // Nothing the refusals touched: the compound is not a demonstration compound yet.
      expect((await p.compound.findUniqueOrThrow({ where: { id: demo.compoundId } })).isDemonstration).toBe(
        false,
      );
      expect(await p.auditLog.count({ where: { action: 'compound.promote_demonstration' } })).toBe(0);

      const promoted = await handle.executeUpdate(promoteUpdate, {
        args: [{ actor: actors.admin, note: '经评审，评为示范小区' }],
        updateId: 'promote-1',
      });
      expect(promoted).toEqual({ stage: 'rollout', phase: 'demonstration', paused: false });
      const after = await driver.snapshot();
      expect(after.phase).toBe('demonstration');
      expect(after.promotedAt).not.toBeNull();
      expect(await promote(actors.admin)).toEqual(['already_demonstration']);

      // ── the records ──
      const compound = await p.compound.findUniqueOrThrow({ where: { id: demo.compoundId } });
      expect(compound.isDemonstration).toBe(true);
      expect(compound.demonstrationAt!.getTime()).toBe(after.promotedAt);
      const enrollment = await p.enrollment.findUniqueOrThrow({ where: { id: started.enrollmentId } });
      expect(enrollment).toMatchObject({ stage: 'rollout', phase: 'demonstration', status: 'active' });
      const entries = await p.auditLog.findMany({ where: { action: 'compound.promote_demonstration' } });
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        actorId: 'usr-admin-jinshui',
        actorRole: 'admin',
        entityId: demo.compoundId,
      });
      const met = (entries[0]!.after as { reasons: Array<{ code: string }>; note: string }).reasons.map(
        (r) => r.code,
      );
      expect(met).toEqual(
        expect.arrayContaining(['stage_rollout', 'score_meets_minimum', 'compliance_meets_minimum']),
      );
      expect(await p.auditLog.count({ where: { action: 'pilot.demonstration_promoted' } })).toBe(1);
    });
  });
});

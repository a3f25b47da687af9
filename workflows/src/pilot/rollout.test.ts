// 全面推广: a pilot in the rollout stage enrolls further firms' compounds as pilots of their own,
// linked back to it; a wrong target is refused before anything starts.
import type { Actor, RolloutTarget, StartRolloutRequest } from '@pilot/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowNotFoundError } from '@temporalio/client';
import { enrollmentIdFor, pilotWorkflowId, snapshotQuery, startRolloutUpdate } from '../messages.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import {
  actors,
  demo,
  PilotDriver,
  refusedCodes,
  startDateIn,
  startDemoPilot,
} from '../test-support/pilot-driver.js';

/** 金桂苑, served by 金润物业 (see the seed). */
const target: RolloutTarget = { compoundId: 'cmp-jinguiyuan', firmId: 'firm-jinrun' };
/** 和平里 is served by 中诚物业, not by 金润物业. */
const wrongFirm: RolloutTarget = { compoundId: 'cmp-hepingli', firmId: 'firm-jinrun' };

describe('rollout to other firms on the time-skipping server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('time-skipping');
  });
  afterAll(async () => h?.close());

  it('starts linked pilots for valid targets, refuses wrong ones without starting anything, and is idempotent', async () => {
    await h.run(async () => {
      const startDate = await startDateIn(h.env);
      const started = await startDemoPilot(h, { startDate });
      const driver = new PilotDriver(h.env, started.handle, { firmId: demo.firmId });
      const handle = started.handle;
      // The rolled-out pilots start the day after the request (set once the source is eligible).
      let rolloutStart = startDate;
      const rollout = (targets: RolloutTarget[], actor: Actor = actors.coordinator): StartRolloutRequest => ({
        actor,
        startDate: rolloutStart,
        catalogueVersionId: demo.catalogueVersionId,
        targets,
        inspectorAssignments: [
          {
            inspectorId: 'usr-insp-sun',
            kinds: ['concentrated', 'weekly', 'monthly', 'quarterly', 'consolidation'],
          },
        ],
      });
      const p = h.db.prisma;
      const notStarted = async (compoundId: string) => {
        await expect(
          h.env.client.workflow.getHandle(pilotWorkflowId(compoundId)).describe(),
        ).rejects.toBeInstanceOf(WorkflowNotFoundError);
        expect(await p.enrollment.count({ where: { compoundId } })).toBe(0);
      };

      // Not before the rollout stage.
      await driver.until((s) => s.phase === 'improvement_round');
      expect(
        await refusedCodes(handle.executeUpdate(startRolloutUpdate, { args: [rollout([target])] })),
      ).toEqual(['stage_not_rollout']);
      const eligible = await driver.until((s) => s.phase === 'eligible');
      expect(eligible.stage).toBe('rollout');
      rolloutStart = await startDateIn(h.env);
      expect(
        await refusedCodes(
          handle.executeUpdate(startRolloutUpdate, {
            args: [rollout([target], actors.inspector('usr-insp-zhang'))],
          }),
        ),
      ).toEqual(['role_not_allowed']);

      // A target whose firm does not serve the compound spoils the whole request: nothing starts.
      expect(
        await refusedCodes(
          handle.executeUpdate(startRolloutUpdate, { args: [rollout([target, wrongFirm])] }),
        ),
      ).toEqual(['firm_does_not_serve_compound']);
      expect(
        await refusedCodes(
          handle.executeUpdate(startRolloutUpdate, {
            args: [rollout([{ compoundId: 'cmp-does-not-exist', firmId: 'firm-jinrun' }])],
          }),
        ),
      ).toEqual(['compound_not_found']);
      await notStarted(target.compoundId);
      await notStarted(wrongFirm.compoundId);
      expect((await driver.snapshot()).rollouts).toEqual([]);

      // A valid target: a new pilot of its own, linked to this one.
      const result = await handle.executeUpdate(startRolloutUpdate, {
        args: [rollout([target])],
        updateId: 'rollout-1',
      });
      const enrollmentId = enrollmentIdFor(target.compoundId);
      expect(result.enrolled).toEqual([
        {
          compoundId: target.compoundId,
          enrollmentId,
          workflowId: pilotWorkflowId(target.compoundId),
          alreadyEnrolled: false,
        },
      ]);
      const child = h.env.client.workflow.getHandle(pilotWorkflowId(target.compoundId));
      const childDriver = new PilotDriver(h.env, child, { firmId: target.firmId });
      const childSnap = await childDriver.snapshot();
      expect(childSnap).toMatchObject({
        enrollmentId,
        compoundId: target.compoundId,
        firmId: target.firmId,
        stage: 'improvement',
        phase: 'self_inspection',
      });
      expect(childSnap.assignments.map((a) => a.inspectorId)).toEqual(['usr-insp-sun']);
      expect((await driver.snapshot()).rollouts).toEqual([enrollmentId]);
      // The new pilot writes its own enrollment once its first task ran.
      let enrollment = await p.enrollment.findUnique({ where: { id: enrollmentId } });
      for (let i = 0; i < 50 && !enrollment; i++) {
        await new Promise((r) => setTimeout(r, 100));
        enrollment = await p.enrollment.findUnique({ where: { id: enrollmentId } });
      }
      expect(enrollment).toMatchObject({
        compoundId: target.compoundId,
        firmId: target.firmId,
        originEnrollmentId: started.enrollmentId,
        stage: 'improvement',
        status: 'active',
      });
      const created = await p.auditLog.findFirstOrThrow({
        where: { action: 'enrollment.create', entityId: enrollmentId },
      });
      expect(created.after).toMatchObject({ originEnrollmentId: started.enrollmentId });
      expect(created.actorId).toBe('usr-coord-wang');

      // Rolling out to the same compound again finds the running pilot.
      const runId = (await child.describe()).runId;
      const again = await handle.executeUpdate(startRolloutUpdate, { args: [rollout([target])] });
      expect(again.enrolled).toEqual([{ ...result.enrolled[0], alreadyEnrolled: true }]);
      expect((await child.describe()).runId).toBe(runId);
      expect(await p.enrollment.count({ where: { compoundId: target.compoundId } })).toBe(1);
      expect((await driver.snapshot()).rollouts).toEqual([enrollmentId]);
      expect(await child.query(snapshotQuery)).toMatchObject({ phase: 'self_inspection' });
    });
  });
});

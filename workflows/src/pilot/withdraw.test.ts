// Withdrawing (退出试点) ends a pilot for good: open work is cancelled, the records say so, the
// workflow completes with its result and accepts nothing more.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowNotFoundError } from '@temporalio/client';
import { startPilot } from '../client.js';
import { respondRectificationUpdate, withdrawUpdate } from '../messages.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import {
  actors,
  checklistCodes,
  demo,
  PilotDriver,
  refusedCodes,
  startDateIn,
} from '../test-support/pilot-driver.js';

describe('withdrawing a pilot on the time-skipping server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('time-skipping');
  });
  afterAll(async () => h?.close());

  it('cancels open tasks and rectifications, completes with a result and refuses further updates', async () => {
    await h.run(async () => {
      const request = {
        compoundId: demo.compoundId,
        firmId: demo.firmId,
        startDate: await startDateIn(h.env),
        catalogueVersionId: demo.catalogueVersionId,
        inspectorAssignments: demo.assignments(),
        enrolledBy: actors.coordinator,
      };
      const started = await startPilot(h.env.client, h.taskQueue, request);
      const failing = checklistCodes('concentrated').slice(0, 2);
      const driver = new PilotDriver(h.env, started.handle, {
        firmId: demo.firmId,
        // The concentrated inspection finds two problems the firm does not answer before withdrawing.
        failuresFor: (task) => (task.kind === 'concentrated' ? failing : []),
        respond: () => false,
      });
      const midRound = await driver.until(
        (s) => s.phase === 'improvement_round' && s.openRectifications.length === 2,
      );
      const p = h.db.prisma;
      const enrollmentId = started.enrollmentId;
      const pending = await p.inspectionTask.findMany({
        where: { enrollmentId, status: { in: ['scheduled', 'open'] } },
      });
      const submittedBefore = await p.inspectionTask.count({ where: { enrollmentId, status: 'submitted' } });
      expect(pending.length).toBeGreaterThan(5);
      expect(submittedBefore).toBeGreaterThan(0);

      // Only a coordinator or admin withdraws, and only with a reason.
      expect(
        await refusedCodes(
          started.handle.executeUpdate(withdrawUpdate, {
            args: [{ actor: actors.firm(demo.firmId), reason: '企业退出' }],
          }),
        ),
      ).toEqual(['role_not_allowed']);
      expect(
        await refusedCodes(
          started.handle.executeUpdate(withdrawUpdate, {
            args: [{ actor: actors.coordinator, reason: ' ' }],
          }),
        ),
      ).toEqual(['reason_required']);

      const change = await started.handle.executeUpdate(withdrawUpdate, {
        args: [{ actor: actors.coordinator, reason: '企业合同到期，退出试点' }],
        updateId: 'withdraw-1',
      });
      expect(change).toEqual({ stage: 'withdrawn', phase: 'withdrawn', paused: false });
      const outcome = await started.handle.result();
      expect(outcome).toEqual({ enrollmentId, stage: 'withdrawn', phase: 'withdrawn', rounds: [] });
      expect((await started.handle.describe()).status.name).toBe('COMPLETED');

      // ── the records ──
      const enrollment = await p.enrollment.findUniqueOrThrow({ where: { id: enrollmentId } });
      expect(enrollment).toMatchObject({ status: 'withdrawn', stage: 'withdrawn', phase: 'withdrawn' });
      const tasks = await p.inspectionTask.findMany({ where: { enrollmentId } });
      expect(
        tasks
          .filter((t) => t.status === 'cancelled')
          .map((t) => t.id)
          .sort(),
      ).toEqual(pending.map((t) => t.id).sort());
      expect(tasks.filter((t) => t.status === 'submitted')).toHaveLength(submittedBefore);
      expect(tasks.filter((t) => t.status === 'open' || t.status === 'scheduled')).toEqual([]);
      const rectifications = await p.rectification.findMany({
        where: { enrollmentId },
        include: { events: { orderBy: { at: 'asc' } } },
      });
      expect(rectifications.map((r) => r.id).sort()).toEqual(
        midRound.openRectifications.map((r) => r.id).sort(),
      );
      for (const item of rectifications) {
        expect(item.status).toBe('cancelled');
        expect(item.events.map((e) => e.toStatus)).toEqual(['open', 'cancelled']);
      }
      const audit = await p.auditLog.findMany({
        where: { action: { in: ['pilot.withdrawn', 'task.cancelled'] } },
      });
      const withdrawn = audit.filter((a) => a.action === 'pilot.withdrawn');
      expect(withdrawn).toHaveLength(1);
      expect(withdrawn[0]).toMatchObject({
        actorId: 'usr-coord-wang',
        actorRole: 'coordinator',
        entityId: enrollmentId,
      });
      expect(withdrawn[0]!.after).toEqual({ stage: 'withdrawn', phase: 'withdrawn' });
      expect(audit.filter((a) => a.action === 'task.cancelled')).toHaveLength(pending.length);

      // A finished pilot takes no more updates, and nothing more is written.
      const auditCount = await p.auditLog.count();
      const respond = started.handle.executeUpdate(respondRectificationUpdate, {
        args: [
          {
            actor: actors.firm(demo.firmId),
            rectificationId: rectifications[0]!.id,
            text: '已整改',
            evidenceIds: ['ev-1'],
          },
        ],
      });
      await expect(respond).rejects.toBeInstanceOf(WorkflowNotFoundError);
      const another = started.handle.executeUpdate(withdrawUpdate, {
        args: [{ actor: actors.coordinator, reason: '再次退出' }],
      });
      await expect(another).rejects.toBeInstanceOf(WorkflowNotFoundError);
      // A retry of the withdrawal itself (same update id) gets the first answer back from the server.
      const retried = await started.handle.executeUpdate(withdrawUpdate, {
        args: [{ actor: actors.coordinator, reason: '企业合同到期，退出试点' }],
        updateId: 'withdraw-1',
      });
      expect(retried).toEqual(change);
      expect(await p.auditLog.count()).toBe(auditCount);
      expect(await p.rectificationResponse.count()).toBe(0);

      // The compound keeps its finished pilot: enrolling it again starts nothing new.
      const reenrolled = await startPilot(h.env.client, h.taskQueue, request);
      expect(reenrolled.alreadyEnrolled).toBe(true);
      expect((await reenrolled.handle.describe()).runId).toBe((await started.handle.describe()).runId);
    });
  });
});

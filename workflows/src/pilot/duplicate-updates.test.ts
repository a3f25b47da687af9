// A retried request (same update id) gets the first answer and writes nothing again, within a run
// and across continue-as-new, where the workflow's own memory of applied ids takes over.
import type { SubmitInspectionRequest } from '@pilot/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { respondRectificationUpdate, submitInspectionUpdate } from '../messages.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import {
  actors,
  checklistCodes,
  demo,
  itemsFor,
  PilotDriver,
  refusedCodes,
  startDemoPilot,
} from '../test-support/pilot-driver.js';

describe('duplicate update ids on the time-skipping server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('time-skipping');
  });
  afterAll(async () => h?.close());

  it('answers a repeated update id with the first result and writes once, also after continue-as-new', async () => {
    await h.run(async () => {
      const started = await startDemoPilot(h);
      const manual = new Set(['r1-weekly-01']);
      let answerRectifications = false;
      const driver = new PilotDriver(h.env, started.handle, {
        firmId: demo.firmId,
        submit: (task) => !manual.has(task.key),
        respond: () => answerRectifications,
      });
      const p = h.db.prisma;
      const handle = started.handle;

      // ── within one run ──
      const open = await driver.until((s) => s.openTasks.some((t) => t.key === 'r1-weekly-01'));
      const task = open.openTasks.find((t) => t.key === 'r1-weekly-01')!;
      const failing = checklistCodes('weekly').slice(0, 1);
      const request: SubmitInspectionRequest = {
        actor: actors.inspector(task.assigneeId!),
        taskId: task.id,
        items: itemsFor(task, [], failing),
      };
      const firstRunId = await driver.currentRunId();
      const first = await handle.executeUpdate(submitInspectionUpdate, {
        args: [request],
        updateId: 'req-submit-1',
      });
      expect(first.rectifications).toHaveLength(1);
      const second = await handle.executeUpdate(submitInspectionUpdate, {
        args: [request],
        updateId: 'req-submit-1',
      });
      expect(second).toEqual(first);
      // Even a changed body under the same id is the same request: the first answer stands.
      const changed = await handle.executeUpdate(submitInspectionUpdate, {
        args: [{ ...request, items: itemsFor(task, []) }],
        updateId: 'req-submit-1',
      });
      expect(changed).toEqual(first);
      // A new id for the same task is a new request, and the rules refuse it.
      expect(await refusedCodes(handle.executeUpdate(submitInspectionUpdate, { args: [request] }))).toEqual([
        'task_already_submitted',
      ]);

      const rectification = first.rectifications[0]!;
      const respondRequest = {
        actor: actors.firm(demo.firmId),
        rectificationId: rectification.id,
        text: '已整改，附照片。',
        evidenceIds: ['ev-after-1'],
      };
      const responded = await handle.executeUpdate(respondRectificationUpdate, {
        args: [respondRequest],
        updateId: 'req-respond-1',
      });
      expect(responded.status).toBe('responded');
      expect(
        await handle.executeUpdate(respondRectificationUpdate, {
          args: [respondRequest],
          updateId: 'req-respond-1',
        }),
      ).toEqual(responded);

      // ── across continue-as-new: the same ids again once round 2 runs in a new run ──
      answerRectifications = true;
      const round2 = await driver.until((s) => s.currentRound?.number === 2);
      expect(round2.rounds[0]!.passed).toBe(true);
      const laterRunId = await driver.currentRunId();
      expect(laterRunId).not.toBe(firstRunId);
      // The round-1 task is gone from the new run's state: only the remembered id can answer.
      expect(await refusedCodes(handle.executeUpdate(submitInspectionUpdate, { args: [request] }))).toEqual([
        'task_not_found',
      ]);
      const afterCan = await handle.executeUpdate(submitInspectionUpdate, {
        args: [request],
        updateId: 'req-submit-1',
      });
      expect(afterCan).toEqual(first);
      const respondedAfterCan = await handle.executeUpdate(respondRectificationUpdate, {
        args: [respondRequest],
        updateId: 'req-respond-1',
      });
      expect(respondedAfterCan).toEqual(responded);
      expect((await handle.describe()).runId).toBe(laterRunId);

      // ── the records: one of each ──
      expect(await p.inspectionResult.count({ where: { taskId: task.id } })).toBe(1);
      expect(await p.auditLog.count({ where: { action: 'inspection.submit', entityId: task.id } })).toBe(1);
      expect(await p.rectification.count({ where: { taskId: task.id } })).toBe(1);
      const responses = await p.rectificationResponse.findMany({
        where: { rectificationId: rectification.id },
      });
      expect(responses).toHaveLength(1);
      expect(
        await p.auditLog.count({ where: { action: 'rectification.respond', entityId: rectification.id } }),
      ).toBe(1);
      // The stored result is the first submission's: one failure, not the changed body's none.
      const items = await p.itemResult.findMany({ where: { resultId: first.resultId, outcome: 'fail' } });
      expect(items.map((i) => i.standardCode)).toEqual(failing);
    });
  });
});

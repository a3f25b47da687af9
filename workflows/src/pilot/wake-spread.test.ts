// Spread wake-ups (错峰): a pilot acts on its due times a fixed offset later, so a county's pilots
// enrolled on one day do not all wake in one second; the due times themselves never move.
import { resolvePlan, wakeOffsetMs } from '@pilot/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitInspectionUpdate } from '../messages.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import {
  actors,
  demo,
  itemsFor,
  PilotDriver,
  refusedCodes,
  startDemoPilot,
} from '../test-support/pilot-driver.js';

describe('spread wake-ups on the time-skipping server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('time-skipping');
  });
  afterAll(async () => h?.close());

  it('wakes a fixed spread after due times without moving them: open from its opening, closed from its missed time', async () => {
    await h.run(async () => {
      const planOverrides = { wakeSpreadMinutes: 120 };
      const started = await startDemoPilot(h, { compoundId: 'cmp-jinshuihuayuan', planOverrides });
      const driver = new PilotDriver(h.env, started.handle, { firmId: demo.firmId, submit: () => false });
      const p = h.db.prisma;
      const status = async (id: string) =>
        (await p.inspectionTask.findUniqueOrThrow({ where: { id } })).status;
      const first = await driver.snapshot();
      const offset = first.wakeOffsetMs;
      expect(offset).toBe(wakeOffsetMs(started.enrollmentId, resolvePlan(planOverrides)));
      expect(offset).toBeGreaterThan(0);
      expect(offset).toBeLessThan(120 * 60_000);

      // Past its opening time but before the run woke: the record still says scheduled, and the
      // firm's self-inspection is taken all the same (the Update's own workflow task reads the
      // clock; a query would still see the time of the last one).
      const self = first.upcomingTasks.find((t) => t.kind === 'self')!;
      await driver.sleepUntil(self.opensAt + Math.floor(offset / 2));
      expect(await status(self.id)).toBe('scheduled');
      // (Taken now, the snapshot knows the compound's features; the checklist depends on them.)
      const result = await driver.submitTask(self, await driver.snapshot());
      expect(result.resultId).toBe(`${self.id}:result`);
      expect(await status(self.id)).toBe('submitted');
      const opened = await driver.snapshot();

      // Past its missed time but before the run woke: refused as closed though the record says open.
      const concentrated =
        opened.openTasks.find((t) => t.kind === 'concentrated') ??
        opened.upcomingTasks.find((t) => t.kind === 'concentrated')!;
      await driver.sleepUntil(concentrated.missedAt + Math.floor(offset / 2));
      expect(await status(concentrated.id)).toBe('open');
      const late = await driver.snapshot();
      expect(
        await refusedCodes(
          started.handle.executeUpdate(submitInspectionUpdate, {
            args: [
              {
                actor: actors.inspector(concentrated.assigneeId!),
                taskId: concentrated.id,
                items: itemsFor(concentrated, late),
              },
            ],
          }),
        ),
      ).toEqual(['task_closed']);
      // The run wakes its offset after the missed time and records what the rule said already.
      await driver.sleepUntil(concentrated.missedAt + offset + 1000);
      const row = await p.inspectionTask.findUniqueOrThrow({ where: { id: concentrated.id } });
      expect(row.status).toBe('missed');
      expect(row.missedAt!.getTime()).toBe(concentrated.missedAt);
    });
  });
});

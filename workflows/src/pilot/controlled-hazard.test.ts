// 已管控: a critical item that cannot be fixed in a day (a lift overdue for its periodic inspection)
// is contained first — the lift stopped and signed off — which stops the one-day critical clock;
// the fix then has its own period, and the ledger keeps both dates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE_2026_1, DEFAULT_PLAN, workingDayDeadline } from '@pilot/domain';
import { controlRectificationUpdate } from '../messages.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import {
  actors,
  demo,
  HOUR,
  PilotDriver,
  refusedCodes,
  startDemoPilot,
} from '../test-support/pilot-driver.js';

/** 电梯定期检验: critical, and 2026.1 says what counts as control meanwhile. */
const liftInspection = 'C-05';
const ordinary = CATALOGUE_2026_1.standards.find(
  (s) => !s.critical && s.scoring.mode === 'binary' && s.kinds.includes('concentrated'),
)!.code;

describe('a controlled critical hazard on the time-skipping server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('time-skipping');
  });
  afterAll(async () => h?.close());

  it('stops the critical clock at control, gives the fix its own period, and closes with both dates', async () => {
    expect(CATALOGUE_2026_1.standards.find((s) => s.code === liftInspection)?.interimControl).toBeDefined();
    await h.run(async () => {
      const started = await startDemoPilot(h, { catalogueVersionId: '2026.1' });
      let answer = false;
      const driver = new PilotDriver(h.env, started.handle, {
        firmId: demo.firmId,
        catalogue: CATALOGUE_2026_1,
        failuresFor: (task) => (task.kind === 'concentrated' ? [liftInspection, ordinary] : []),
        respond: () => answer,
      });
      const found = await driver.until((s) =>
        s.openRectifications.some((r) => r.standardCode === liftInspection),
      );
      const hazard = found.openRectifications.find((r) => r.standardCode === liftInspection)!;
      const minor = found.openRectifications.find((r) => r.standardCode === ordinary)!;
      expect(hazard).toMatchObject({ critical: true, status: 'open', controlledAt: null });

      const control = (rectificationId: string, evidenceIds = ['ev-stop-notice']) =>
        started.handle.executeUpdate(controlRectificationUpdate, {
          args: [
            {
              actor: actors.firm(demo.firmId),
              rectificationId,
              text: '2 号楼 1 号梯已停用，首层张贴停用告示，维保单位与项目经理签字确认。',
              evidenceIds,
            },
          ],
        });
      // Only a critical item whose standard names an interim control, with evidence, by its firm.
      expect(await refusedCodes(control(minor.id))).toEqual(['control_not_applicable']);
      expect(await refusedCodes(control(hazard.id, []))).toEqual(['evidence_required']);

      const controlledAt = await driver.now();
      const controlled = await control(hazard.id);
      expect(controlled.status).toBe('controlled');
      const fixDue = workingDayDeadline(
        DEFAULT_PLAN,
        controlledAt,
        DEFAULT_PLAN.controlledFixWorkingDays,
      ).dueAt;
      expect(Math.abs(controlled.deadline - fixDue)).toBeLessThan(HOUR);
      expect(controlled.deadline - hazard.deadline).toBeGreaterThan(10 * 24 * HOUR);
      expect(await refusedCodes(control(hazard.id))).toEqual(['already_controlled']);

      // Past the old one-day deadline nothing is overdue: the hazard is contained.
      await driver.sleepUntil(hazard.deadline + 2 * HOUR);
      const later = await driver.snapshot();
      const held = later.openRectifications.find((r) => r.id === hazard.id)!;
      expect(held).toMatchObject({ status: 'controlled', escalatedFor: null });
      expect(held.controlledAt).not.toBeNull();

      // The fix is done: answered, verified, 销号.
      answer = true;
      await driver.until((s) => !s.openRectifications.some((r) => r.id === hazard.id));
      const row = await h.db.prisma.rectification.findUniqueOrThrow({
        where: { id: hazard.id },
        include: { events: { orderBy: { at: 'asc' } } },
      });
      expect(row.status).toBe('closed');
      expect(row.controlledAt).not.toBeNull();
      expect(row.closedAt!.getTime()).toBeGreaterThan(row.controlledAt!.getTime());
      expect(row.events.map((e) => e.toStatus)).toEqual(['open', 'controlled', 'responded', 'closed']);
      expect(row.events[1]!.evidenceIds).toEqual(['ev-stop-notice']);
      const overdue = await h.db.prisma.notification.count({
        where: { kind: 'overdue', dedupeKey: { startsWith: `${hazard.id}:` } },
      });
      expect(overdue).toBe(0);
    });
  });
});

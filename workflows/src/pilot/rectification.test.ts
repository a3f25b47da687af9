// The rectification loop (问题收集 → 分类定责 → 联动处置 → 反馈评价): a rejected answer reopens the item
// with a new deadline, an unanswered item is escalated once per deadline, and accepted items close.
import type { SnapshotRectification } from '@pilot/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CATALOGUE, DEFAULT_PLAN, rectificationDeadline } from '@pilot/domain';
import { verifyRectificationUpdate } from '../messages.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import {
  actors,
  checklistCodes,
  demo,
  HOUR,
  PilotDriver,
  refusedCodes,
  startDemoPilot,
} from '../test-support/pilot-driver.js';

/** Two ordinary (non-critical) standards on the weekly form. */
const [codeA, codeB] = checklistCodes('weekly').filter(
  (code) => !DEFAULT_CATALOGUE.standards.find((s) => s.code === code)!.critical,
) as [string, string];

describe('rectification loop on the time-skipping server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('time-skipping');
  });
  afterAll(async () => h?.close());

  it('reopens a rejected item with a new deadline, escalates overdue items once per deadline, then closes them', async () => {
    await h.run(async () => {
      const started = await startDemoPilot(h);
      let firmAnswers = false;
      const driver = new PilotDriver(h.env, started.handle, {
        firmId: demo.firmId,
        failuresFor: (task) => (task.key === 'r1-weekly-01' ? [codeA, codeB] : []),
        respond: () => firmAnswers,
      });
      const opened = await driver.until((s) => s.openRectifications.length === 2);
      const byCode = (items: SnapshotRectification[], code: string) =>
        items.find((r) => r.standardCode === code)!;
      const a0 = byCode(opened.openRectifications, codeA);
      const b0 = byCode(opened.openRectifications, codeB);
      expect(a0).toMatchObject({ status: 'open', responses: 0, rejections: 0, escalatedFor: null });
      const inspector = 'usr-insp-zhang';

      // A: answered a few days later, then rejected — a reason is required, and the item reopens
      // with the severity's full period again, counted from the later of the rejection and the old
      // deadline (so a rejection never leaves the firm less time than before).
      await driver.sleepUntil((await driver.now()) + 3 * 24 * HOUR);
      await driver.respondTo(a0);
      const missingReason = await refusedCodes(
        started.handle.executeUpdate(verifyRectificationUpdate, {
          args: [
            { actor: actors.inspector(inspector), rectificationId: a0.id, decision: 'reject', reason: ' ' },
          ],
        }),
      );
      expect(missingReason).toEqual(['reject_needs_reason']);
      const rejectedAt = await driver.now();
      const rejected = await driver.verify({ id: a0.id, responses: 1 }, 'reject', inspector);
      expect(rejected.status).toBe('reopened');
      const expected = rectificationDeadline(
        DEFAULT_PLAN,
        Math.max(rejectedAt, a0.deadline),
        a0.severity,
      ).dueAt;
      expect(Math.abs(rejected.deadline - expected)).toBeLessThan(HOUR);
      expect(rejected.deadline).toBeGreaterThan(a0.deadline);
      const a1 = byCode((await driver.snapshot()).openRectifications, codeA);
      expect(a1).toMatchObject({
        status: 'reopened',
        rejections: 1,
        responses: 1,
        deadline: rejected.deadline,
      });

      // B is not answered: past its deadline it is escalated to the coordinator, once.
      await driver.sleepUntil(b0.deadline + HOUR);
      const b1 = byCode((await driver.snapshot()).openRectifications, codeB);
      expect(b1).toMatchObject({ status: 'open', escalatedFor: b0.deadline });
      // A's new deadline passes unanswered as well: escalated for that deadline.
      await driver.sleepUntil(Math.max(a1.deadline, b0.deadline) + 2 * 24 * HOUR);
      const late = await driver.snapshot();
      expect(byCode(late.openRectifications, codeA).escalatedFor).toBe(a1.deadline);
      expect(byCode(late.openRectifications, codeB).escalatedFor).toBe(b0.deadline);

      // The firm answers both late; the inspector accepts: 销号.
      firmAnswers = true;
      const closed = await driver.actNow();
      expect(closed.openRectifications).toEqual([]);

      // ── the records ──
      const p = h.db.prisma;
      const rows = await p.rectification.findMany({
        where: { enrollmentId: started.enrollmentId },
        include: {
          events: { orderBy: { at: 'asc' } },
          verifications: { orderBy: { verifiedAt: 'asc' } },
          responses: true,
        },
      });
      const rowA = rows.find((r) => r.id === a0.id)!;
      const rowB = rows.find((r) => r.id === b0.id)!;
      expect(rows).toHaveLength(2);
      expect(rowA.status).toBe('closed');
      expect(rowA.deadline.getTime()).toBe(a1.deadline);
      expect(rowA.events.map((e) => e.toStatus)).toEqual([
        'open',
        'responded',
        'reopened',
        'responded',
        'closed',
      ]);
      expect(rowA.verifications.map((v) => [v.verdict, v.newDeadline?.getTime() ?? null])).toEqual([
        ['reject', a1.deadline],
        ['accept', null],
      ]);
      expect(rowA.responses).toHaveLength(2);
      expect(rowB.status).toBe('closed');
      expect(rowB.events.map((e) => e.toStatus)).toEqual(['open', 'responded', 'closed']);
      expect(rowB.escalatedAt!.getTime()).toBeGreaterThanOrEqual(b0.deadline);
      expect(rowB.closedAt).not.toBeNull();

      const overdue = await p.notification.findMany({
        where: { enrollmentId: started.enrollmentId, kind: 'overdue' },
        orderBy: { createdAt: 'asc' },
      });
      // One per item and deadline: B once, A once for its second deadline. A's first deadline lay
      // after the rejection, so it never went overdue.
      expect(overdue.map((n) => n.dedupeKey).sort()).toEqual(
        [`${a0.id}:overdue:${a1.deadline}`, `${b0.id}:overdue:${b0.deadline}`].sort(),
      );
      expect(overdue.every((n) => n.role === 'coordinator')).toBe(true);
      const bNote = overdue.find((n) => n.dedupeKey.startsWith(b0.id))!;
      expect(bNote.createdAt.getTime()).toBeGreaterThanOrEqual(b0.deadline);

      const audit = await p.auditLog.findMany({
        where: { entityType: 'rectification' },
        orderBy: { seq: 'asc' },
      });
      expect(audit.filter((e) => e.entityId === a0.id).map((e) => e.action)).toEqual([
        'rectification.respond',
        'rectification.reject',
        'rectification.respond',
        'rectification.accept',
      ]);
      expect(audit.filter((e) => e.entityId === b0.id).map((e) => e.action)).toEqual([
        'rectification.respond',
        'rectification.accept',
      ]);
      const rejectEntry = audit.find((e) => e.action === 'rectification.reject')!;
      expect(rejectEntry).toMatchObject({ actorId: inspector, actorRole: 'inspector' });
      expect(rejectEntry.after).toMatchObject({ status: 'reopened', newDeadline: a1.deadline });
    });
  });
});

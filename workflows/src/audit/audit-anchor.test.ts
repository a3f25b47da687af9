// The audit anchor on the time-skipping server: it checkpoints the log on its interval and keeps the
// anchors in its history, where a database owner cannot reach them; verification against them finds
// a log truncated after an anchor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, defaultAuditKeyring, verifyAudit } from '@pilot/db';
import { ensureAuditAnchor } from '../client.js';
import { AUDIT_ANCHOR_WORKFLOW_ID, anchorsQuery, checkpointNowUpdate } from '../messages.js';
import { createHarness, type Harness } from '../test-support/harness.js';

const MINUTE = 60_000;

describe('the audit anchor on the time-skipping server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('time-skipping');
  });
  afterAll(async () => h?.close());

  it('anchors checkpoints outside the database, and verification holds the log to them', async () => {
    await h.run(async () => {
      const { signer } = await defaultAuditKeyring();
      const keyring = await defaultAuditKeyring();
      const p = h.db.prisma;
      const append = (stream: string) =>
        p.$transaction((tx) =>
          appendAudit(tx, signer, {
            stream,
            action: 'task.missed',
            entityType: 'inspection_task',
            entityId: stream,
          }),
        );
      await append('enrollment:enr-anchor-a');
      await append('enrollment:enr-anchor-a');

      await ensureAuditAnchor(h.env.client, h.taskQueue, 10);
      // A second start (another worker) finds the running anchor.
      await ensureAuditAnchor(h.env.client, h.taskQueue, 10);
      const handle = h.env.client.workflow.getHandle(AUDIT_ANCHOR_WORKFLOW_ID);
      await h.env.sleep(11 * MINUTE);
      const first = await handle.query(anchorsQuery);
      expect(first).toHaveLength(1);
      // The seed's entry and the two above.
      expect(first[0]).toMatchObject({ checkpointId: 1 });
      expect(first[0]!.entryCount).toBeGreaterThanOrEqual(3);

      // Nothing moved: no checkpoint. Something moved: one, on demand.
      expect(await handle.executeUpdate(checkpointNowUpdate, { args: [] })).toBeNull();
      await append('enrollment:enr-anchor-b');
      const second = await handle.executeUpdate(checkpointNowUpdate, { args: [] });
      expect(second).toMatchObject({ checkpointId: 2 });
      const anchors = await handle.query(anchorsQuery);
      expect(anchors.map((a) => a.checkpointId)).toEqual([1, 2]);
      expect((await verifyAudit(p, keyring, anchors)).ok).toBe(true);

      // The owner removes stream b's entry and the checkpoint that saw it: the anchor remembers.
      const b = await p.auditLog.findFirstOrThrow({ where: { stream: 'enrollment:enr-anchor-b' } });
      for (const sql of [
        'ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete',
        `DELETE FROM audit_log WHERE seq = ${b.seq}`,
        'ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete',
        "DELETE FROM audit_stream WHERE stream = 'enrollment:enr-anchor-b'",
        'ALTER TABLE audit_checkpoint DISABLE TRIGGER audit_checkpoint_no_update_delete',
        'DELETE FROM audit_checkpoint WHERE id = 2',
        'ALTER TABLE audit_checkpoint ENABLE TRIGGER audit_checkpoint_no_update_delete',
      ]) {
        await h.asOwner((owner) => owner.$executeRawUnsafe(sql));
      }
      const check = await verifyAudit(p, keyring, await handle.query(anchorsQuery));
      expect(check.ok).toBe(false);
      expect(check.firstBreak).toMatchObject({ kind: 'checkpoint_missing', position: 2 });
      expect(check.lastGoodAnchor?.checkpointId).toBe(1);
    });
  });
});

// The audit log against its own database owner: keyed streams, checkpoints anchored outside, and an
// attacker who holds the database (disables the trigger, edits, recomputes a plain hash, deletes the
// newest rows or the newest checkpoint). Runs on PGlite and, when configured, PostgreSQL.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../client.js';
import { deployMigrations } from '../migrate.js';
import { testTargets, type ScratchDatabase } from '../scratch.js';
import { appendAudit, legacyHashedText } from './append.js';
import type { AuditAnchor } from '@pilot/domain';
import { anchorOf, checkpointAudit } from './checkpoint.js';
import { createAuditKeyring, createAuditSigner, type AuditKeyring } from './signer.js';
import { verifyAudit } from './verify.js';

const keyring: AuditKeyring = createAuditKeyring([createAuditSigner(randomBytes(32), 'test')]);

describe.each(testTargets())('audit log on %s', ({ create }) => {
  let scratch: ScratchDatabase;
  let db: Database;
  const anchors: AuditAnchor[] = [];

  beforeAll(async () => {
    scratch = await create();
    await deployMigrations(scratch.target);
    db = await openDatabase(scratch.target);
  });
  afterAll(async () => {
    await db?.close();
    await scratch?.drop();
  });

  const append = (stream: string, n: number) =>
    db.prisma.$transaction((tx) =>
      appendAudit(tx, keyring.signer, {
        stream,
        actorId: 'usr-coord-wang',
        actorRole: 'coordinator',
        action: 'pilot.pause',
        entityType: 'enrollment',
        entityId: stream.split(':')[1] ?? stream,
        before: { status: 'active' },
        after: { status: 'paused', note: `春节暂停 ${n}` },
      }),
    );
  const owner = async (sql: string) => {
    await db.prisma.$executeRawUnsafe('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete');
    try {
      await db.prisma.$executeRawUnsafe(sql);
    } finally {
      await db.prisma.$executeRawUnsafe('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete');
    }
  };

  it('chains each stream without gaps, with HMAC-SM3 under the key, also under 40 parallel writers', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => append(`enrollment:enr-${i % 8}`, i)));
    const rows = await db.prisma.auditLog.findMany({ orderBy: [{ stream: 'asc' }, { streamSeq: 'asc' }] });
    expect(rows).toHaveLength(40);
    expect(new Set(rows.map((r) => r.keyId))).toEqual(new Set(['hmac-sm3:test']));
    for (let s = 0; s < 8; s++) {
      const stream = rows.filter((r) => r.stream === `enrollment:enr-${s}`);
      expect(stream.map((r) => r.streamSeq)).toEqual([1, 2, 3, 4, 5]);
      for (let i = 1; i < stream.length; i++) expect(stream[i]!.prevHash).toBe(stream[i - 1]!.hash);
    }
    const check = await verifyAudit(db.prisma, keyring);
    expect(check).toMatchObject({ ok: true, entries: 40, streams: 8, firstBreak: null });
  });

  it('refuses UPDATE, DELETE and TRUNCATE of entries and checkpoints', async () => {
    await expect(db.prisma.$executeRaw`UPDATE audit_log SET action = 'x'`).rejects.toThrow(/append-only/);
    await expect(db.prisma.$executeRaw`DELETE FROM audit_log`).rejects.toThrow(/append-only/);
    await expect(db.prisma.$executeRaw`TRUNCATE audit_log`).rejects.toThrow(/append-only/);
    anchors.push(anchorOf((await checkpointAudit(db.prisma, keyring.signer))!));
    await expect(db.prisma.$executeRaw`DELETE FROM audit_checkpoint`).rejects.toThrow(/append-only/);
    expect(await db.prisma.auditLog.count()).toBe(40);
  });

  it('checkpoints only the streams that moved, and nothing when none did', async () => {
    expect(await checkpointAudit(db.prisma, keyring.signer)).toBeNull();
    await append('enrollment:enr-3', 99);
    const second = (await checkpointAudit(db.prisma, keyring.signer))!;
    expect(second.streams).toEqual([expect.objectContaining({ stream: 'enrollment:enr-3', seq: 6 })]);
    expect(second.entryCount).toBe(41);
    anchors.push(anchorOf(second));
    const check = await verifyAudit(db.prisma, keyring, anchors);
    expect(check).toMatchObject({ ok: true, checkpoints: 2 });
    expect(check.lastGoodAnchor?.checkpointId).toBe(2);
  });

  it('finds an entry the owner rewrote behind the trigger with a recomputed plain hash, and names it', async () => {
    const victim = await db.prisma.auditLog.findFirstOrThrow({
      where: { stream: 'enrollment:enr-5', streamSeq: 3 },
    });
    // The attack that passed before: edit, then recompute an unkeyed SHA-256 over the new content.
    const forged = createHash('sha256').update(`${victim.prevHash}\n{"forged":true}`).digest('hex');
    await owner(
      `UPDATE audit_log SET after = '{"status":"active"}', hash = '${forged}' WHERE seq = ${victim.seq}`,
    );
    const check = await verifyAudit(db.prisma, keyring, anchors);
    expect(check.ok).toBe(false);
    expect(check.firstBreak).toEqual({
      kind: 'hash_mismatch',
      stream: 'enrollment:enr-5',
      position: 3,
      seq: victim.seq.toString(),
    });
    // The anchored checkpoints saw enr-5 at 5 entries: the rewrite breaks what they vouched for.
    expect(check.lastGoodAnchor).toBeNull();
  });

  it('finds the newest entries deleted after a checkpoint, and the newest checkpoint deleted', async () => {
    const other = await scratchWith(create);
    try {
      const append2 = (stream: string) =>
        other.db.prisma.$transaction((tx) =>
          appendAudit(tx, keyring.signer, {
            stream,
            action: 'task.missed',
            entityType: 'inspection_task',
            entityId: stream,
          }),
        );
      for (let i = 0; i < 3; i++) await append2('enrollment:a');
      for (let i = 0; i < 2; i++) await append2('enrollment:b');
      const first = anchorOf((await checkpointAudit(other.db.prisma, keyring.signer))!);
      await append2('enrollment:a');
      const second = anchorOf((await checkpointAudit(other.db.prisma, keyring.signer))!);
      expect((await verifyAudit(other.db.prisma, keyring, [first, second])).ok).toBe(true);

      // Delete the newest entry of stream a and make the head table agree: the chain is consistent
      // again, but the anchored checkpoint saw 4 entries.
      const last = await other.db.prisma.auditLog.findFirstOrThrow({
        where: { stream: 'enrollment:a', streamSeq: 4 },
      });
      await other.owner(`DELETE FROM audit_log WHERE seq = ${last.seq}`);
      await other.db.prisma.$executeRawUnsafe(
        `UPDATE audit_stream SET seq = 3, head = '${last.prevHash}' WHERE stream = 'enrollment:a'`,
      );
      const truncated = await verifyAudit(other.db.prisma, keyring, [first, second]);
      expect(truncated.ok).toBe(false);
      expect(truncated.firstBreak).toMatchObject({
        kind: 'stream_truncated',
        stream: 'enrollment:a',
        position: 4,
      });
      expect(truncated.lastGoodAnchor?.checkpointId).toBe(1);

      // Without the anchor from outside, removing the newest checkpoint too would look clean; with it, not.
      await other.db.prisma.$executeRawUnsafe(
        'ALTER TABLE audit_checkpoint DISABLE TRIGGER audit_checkpoint_no_update_delete',
      );
      await other.db.prisma.$executeRawUnsafe('DELETE FROM audit_checkpoint WHERE id = 2');
      await other.db.prisma.$executeRawUnsafe(
        'ALTER TABLE audit_checkpoint ENABLE TRIGGER audit_checkpoint_no_update_delete',
      );
      expect((await verifyAudit(other.db.prisma, keyring, [first])).ok).toBe(true);
      const missing = await verifyAudit(other.db.prisma, keyring, [first, second]);
      expect(missing.firstBreak).toMatchObject({ kind: 'checkpoint_missing', position: 2 });
      expect(missing.lastGoodAnchor?.checkpointId).toBe(1);
    } finally {
      await other.close();
    }
  });

  it('verifies legacy entries by their plain chain, and refuses entries of an unknown key', async () => {
    const other = await scratchWith(create);
    try {
      // Two entries as the log wrote them before streams existed.
      let prev = '0'.repeat(64);
      for (const [seq, action] of [
        [1, 'seed.demo_data'],
        [2, 'user.create'],
      ] as const) {
        const at = new Date(Date.UTC(2026, 0, seq));
        const hash = createHash('sha256')
          .update(
            legacyHashedText(prev, {
              at,
              actorId: null,
              actorRole: null,
              action,
              entityType: 'system',
              entityId: 'x',
              before: null,
              after: null,
              requestId: null,
            }),
          )
          .digest('hex');
        await other.db.prisma.auditLog.create({
          data: {
            stream: 'legacy',
            streamSeq: seq,
            at,
            action,
            entityType: 'system',
            entityId: 'x',
            prevHash: prev,
            hash,
            keyId: 'sha256',
          },
        });
        prev = hash;
      }
      await other.db.prisma.$transaction((tx) =>
        appendAudit(tx, createAuditSigner(randomBytes(32), 'old', 'sha256'), {
          action: 'user.create',
          entityType: 'user',
          entityId: 'u1',
        }),
      );
      const check = await verifyAudit(other.db.prisma, keyring);
      expect(check.legacyEntries).toBe(2);
      expect(check.firstBreak).toMatchObject({ kind: 'unknown_key', stream: 'user:u1', position: 1 });
    } finally {
      await other.close();
    }
  });

  it('rolls an entry back with the change that failed, leaving its stream without a gap', async () => {
    const before = await db.prisma.auditLog.count();
    await expect(
      db.prisma.$transaction(async (tx) => {
        await appendAudit(tx, keyring.signer, {
          stream: 'enrollment:enr-7',
          action: 'x',
          entityType: 'y',
          entityId: 'z',
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await db.prisma.auditLog.count()).toBe(before);
    const next = await append('enrollment:enr-7', 100);
    expect(next.streamSeq).toBe(6);
  });
});

async function scratchWith(create: () => Promise<ScratchDatabase>) {
  const scratch = await create();
  await deployMigrations(scratch.target);
  const db = await openDatabase(scratch.target);
  return {
    db,
    owner: async (sql: string) => {
      await db.prisma.$executeRawUnsafe('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete');
      try {
        await db.prisma.$executeRawUnsafe(sql);
      } finally {
        await db.prisma.$executeRawUnsafe('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete');
      }
    },
    close: async () => {
      await db.close();
      await scratch.drop();
    },
  };
}

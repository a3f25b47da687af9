import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from './audit.js';
import { openDatabase, type Database } from './client.js';
import { deployMigrations } from './migrate.js';
import { testTargets, type ScratchDatabase } from './scratch.js';

describe.each(testTargets())('audit log on %s', ({ create }) => {
  let scratch: ScratchDatabase;
  let db: Database;

  beforeAll(async () => {
    scratch = await create();
    await deployMigrations(scratch.target);
    db = await openDatabase(scratch.target);
  });
  afterAll(async () => {
    await db?.close();
    await scratch?.drop();
  });

  it('chains entries and verifies the chain', async () => {
    for (let i = 0; i < 5; i++) {
      await db.prisma.$transaction((tx) =>
        appendAudit(tx, {
          actorId: 'u-coordinator',
          actorRole: 'coordinator',
          action: 'enrollment.pause',
          entityType: 'enrollment',
          entityId: `e-${i}`,
          before: { status: 'active' },
          after: { status: 'paused', note: '春节暂停' },
        }),
      );
    }
    const rows = await db.prisma.auditLog.findMany({ orderBy: { seq: 'asc' } });
    expect(rows).toHaveLength(5);
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(await verifyAuditChain(db.prisma)).toEqual({ ok: true, checked: 5 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(db.prisma.$executeRaw`UPDATE audit_log SET action = 'x'`).rejects.toThrow(/append-only/);
    await expect(db.prisma.$executeRaw`DELETE FROM audit_log`).rejects.toThrow(/append-only/);
    await expect(db.prisma.$executeRaw`TRUNCATE audit_log`).rejects.toThrow(/append-only/);
    expect(await db.prisma.auditLog.count()).toBe(5);
  });

  it('detects a row edited behind the trigger', async () => {
    await db.prisma.$executeRaw`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete`;
    await db.prisma
      .$executeRaw`UPDATE audit_log SET after = '{"status":"active"}' WHERE seq = (SELECT min(seq) + 2 FROM audit_log)`;
    await db.prisma.$executeRaw`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete`;
    const check = await verifyAuditChain(db.prisma);
    expect(check.ok).toBe(false);
    expect(check.checked).toBe(2);
  });

  it('rolls the audit row back with a failed change', async () => {
    const before = await db.prisma.auditLog.count();
    await expect(
      db.prisma.$transaction(async (tx) => {
        await appendAudit(tx, { action: 'x', entityType: 'y', entityId: 'z' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await db.prisma.auditLog.count()).toBe(before);
  });
});

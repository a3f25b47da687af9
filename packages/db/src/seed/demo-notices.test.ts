import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../client.js';
import { deployMigrations } from '../migrate.js';
import { testTargets, type ScratchDatabase } from '../scratch.js';
import { DEMO_USERS, seedDemoData } from './index.js';
import { seedDemoNotices } from './demo-notices.js';

describe.each(testTargets())('demo notices on %s', ({ create }) => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await create();
    await deployMigrations(scratch.target);
    await seedDemoData(scratch.target, { demoPasswords: 'keep' });
  });
  afterAll(async () => scratch?.drop());

  it('gives the demo accounts’ inbox a few notices once, each saying it is demo data', async () => {
    const asOf = new Date('2026-05-11T09:00:00+08:00');
    expect(await seedDemoNotices(scratch.target, asOf)).toBe(6);
    expect(await seedDemoNotices(scratch.target, new Date(asOf.getTime() + 86_400_000))).toBe(0);
    const db = await openDatabase(scratch.target);
    try {
      const rows = await db.prisma.notification.findMany({ orderBy: { createdAt: 'desc' } });
      expect(rows).toHaveLength(6);
      const users = new Set(DEMO_USERS.map((u) => u.id));
      for (const row of rows) {
        expect(row.body).toContain('（演示数据）');
        expect(row.createdAt.getTime()).toBeLessThan(asOf.getTime());
        expect(row.entityType).toBe('enrollment');
        // Either a demo account's own, or its role's.
        expect(row.userId === null ? row.role !== null : users.has(row.userId)).toBe(true);
      }
      expect(await db.prisma.noticeDelivery.count()).toBe(0);
    } finally {
      await db.close();
    }
  });
});

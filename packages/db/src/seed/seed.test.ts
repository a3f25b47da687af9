import {
  CALENDAR_RELEASE_1,
  CATALOGUE_2026_1,
  DEFAULT_CATALOGUE,
  PUBLISHED_CATALOGUES,
  catalogueFingerprint,
  catalogueVersionSchema,
} from '@pilot/domain';
import { verifyPassword } from '@pilot/security';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAuditKeyring, verifyAudit } from '../audit/index.js';
import { openDatabase, type Database } from '../client.js';
import { deployMigrations } from '../migrate.js';
import { testTargets, type ScratchDatabase } from '../scratch.js';
import {
  demoPasswordsFromEnv,
  DEMO_COMPOUNDS,
  DEMO_IDS,
  DEMO_PASSWORD,
  DEMO_USERS,
  LATEST_FEE_COLLECTION_RATE,
  LATEST_SATISFACTION,
  formatSeedReport,
  seedDemoData,
  seedDemoRecords,
} from './index.js';

const asOf = new Date('2025-06-15T10:00:00+08:00');

/** Everything the seed writes, in a comparable form, to prove a second run changes nothing. */
async function snapshot(db: Database): Promise<string> {
  const p = db.prisma;
  const rows = await Promise.all([
    p.community.findMany({ orderBy: { id: 'asc' } }),
    p.firm.findMany({ orderBy: { id: 'asc' } }),
    p.compound.findMany({ orderBy: { id: 'asc' } }),
    p.user.findMany({ orderBy: { id: 'asc' } }),
    p.catalogueVersion.findMany({ orderBy: { id: 'asc' } }),
    p.compoundMonthlyMetric.findMany({ orderBy: [{ compoundId: 'asc' }, { month: 'asc' }] }),
    p.auditLog.findMany({ orderBy: { seq: 'asc' } }),
  ]);
  return JSON.stringify(rows, (_key, value: unknown) =>
    typeof value === 'bigint' ? value.toString() : value,
  );
}

describe.each(testTargets())('demo seed on %s', ({ create }) => {
  let scratch: ScratchDatabase;
  let db: Database;
  let firstSummary: string;

  beforeAll(async () => {
    scratch = await create();
    await deployMigrations(scratch.target);
    firstSummary = await seedDemoData(scratch.target, { asOf });
    db = await openDatabase(scratch.target);
  });
  afterAll(async () => {
    await db?.close();
    await scratch?.drop();
  });

  it('reports what it created and the documented demo password, nothing else secret', () => {
    expect(firstSummary).toContain('created 5 communities, 6 firms, 28 compounds');
    expect(firstSummary).toContain('2 published catalogue versions');
    expect(firstSummary).toContain('336 monthly metrics 2024-07..2025-06');
    expect(firstSummary).not.toContain('already present');
    expect(firstSummary).toContain(DEMO_PASSWORD);
    expect(firstSummary).not.toMatch(/scrypt\$/);
  });

  it('creates the subdistrict: communities, firms and 28 compounds', async () => {
    expect(await db.prisma.community.count({ where: { subdistrict: '锦水街道' } })).toBe(5);
    expect(await db.prisma.firm.count()).toBe(6);
    expect(await db.prisma.compound.count()).toBe(28);
    const compound = await db.prisma.compound.findUniqueOrThrow({
      where: { id: DEMO_IDS.compound },
      include: { firm: true, community: true },
    });
    expect(compound.name).toBe('玫瑰家园');
    expect(compound.firm.name).toBe('祥顺物业');
    expect(compound.firm.id).toBe(DEMO_IDS.firm);
    expect(compound.community.name).toBe('锦水园社区');
    expect(compound.isDemonstration).toBe(false);
  });

  it('creates users for every role, firm users tied to their firm', async () => {
    const byRole = await db.prisma.user.groupBy({ by: ['role'], _count: { _all: true } });
    const counts = Object.fromEntries(byRole.map((g) => [g.role, g._count._all]));
    expect(counts).toEqual({ admin: 2, coordinator: 2, inspector: 6, firm: 6, resident: 2, party: 3 });
    const firmUser = await db.prisma.user.findUniqueOrThrow({ where: { username: 'firm.xiangshun' } });
    expect(firmUser.firmId).toBe(DEMO_IDS.firm);
    expect(await db.prisma.user.count({ where: { role: 'firm', firmId: null } })).toBe(0);
  });

  it('stores one password hash that verifies with the demo password only', async () => {
    const users = await db.prisma.user.findMany({ select: { passwordHash: true } });
    expect(users).toHaveLength(DEMO_USERS.length);
    expect(new Set(users.map((u) => u.passwordHash)).size).toBe(1);
    const hash = users[0]!.passwordHash;
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword(DEMO_PASSWORD, hash)).toBe(true);
    expect(await verifyPassword('wrong-password', hash)).toBe(false);
  });

  it('makes every demo account choose its own password at first log-in, and says how to keep it', async () => {
    expect(await db.prisma.user.count({ where: { mustChangePassword: false } })).toBe(0);
    expect(firstSummary).toContain('must choose its own password at first log-in (PILOT_DEMO_PASSWORDS=keep');
    expect(demoPasswordsFromEnv({ PILOT_DEMO_PASSWORDS: 'keep' })).toBe('keep');
    expect(demoPasswordsFromEnv({})).toBe('change-at-first-login');
  });

  it('publishes working-calendar release 1: the official 2024–2026 days, from the code', async () => {
    const releases = await db.prisma.calendarRelease.findMany({ orderBy: { version: 'asc' } });
    expect(releases).toHaveLength(1);
    const [release] = releases;
    expect(release).toMatchObject({
      version: 1,
      status: 'published',
      firstYear: 2024,
      lastYear: 2026,
      holidays: [...CALENDAR_RELEASE_1.holidays],
      makeUpWorkdays: [...CALENDAR_RELEASE_1.makeUpWorkdays],
      localHolidays: [],
      source: CALENDAR_RELEASE_1.source,
    });
    expect(release!.holidays).toEqual(expect.arrayContaining(['2026-02-16', '2026-10-07']));
    expect(firstSummary).toContain('1 published calendar releases');
  });

  it('publishes every shipped catalogue version, 2024.1 and 2026.1, each with its 107 standards', async () => {
    const published = await db.prisma.catalogueVersion.findMany({
      where: { status: 'published' },
      orderBy: { createdAt: 'asc' },
    });
    expect(published.map((v) => v.id)).toEqual(['2024.1', '2026.1']);
    for (const [version, catalogue] of published.map((v, i) => [v, PUBLISHED_CATALOGUES[i]!] as const)) {
      expect(version.fingerprint, version.id).toBe(catalogueFingerprint(catalogue));
      expect(version.title, version.id).toBe(catalogue.title);
      expect(version.publishedAt, version.id).toEqual(new Date(catalogue.effectiveFrom));
      expect(version.createdAt, version.id).toEqual(new Date(catalogue.effectiveFrom));
      // The stored JSON is the catalogue itself: its fingerprint recomputes to the stored one.
      expect(catalogueFingerprint(catalogueVersionSchema.parse(version.content)), version.id).toBe(
        version.fingerprint,
      );
    }
    const latest = catalogueVersionSchema.parse(published[1]!.content);
    expect(latest.standards).toHaveLength(107);
    expect(latest.categories).toHaveLength(8);
    expect(latest.weeklyChecklist).toHaveLength(35);
    expect(latest.keyParts).toHaveLength(10);
    expect(catalogueVersionSchema.parse(published[0]!.content).keyParts).toBeUndefined();
  });

  it('stores 12 distinct first-of-month rows per compound with figures in range', async () => {
    const metrics = await db.prisma.compoundMonthlyMetric.findMany({ orderBy: { month: 'asc' } });
    expect(metrics).toHaveLength(28 * 12);
    const months = [...new Set(metrics.map((m) => m.month.toISOString()))];
    expect(months).toHaveLength(12);
    expect(months[0]).toBe('2024-07-01T00:00:00.000Z');
    expect(months.at(-1)).toBe('2025-06-01T00:00:00.000Z');
    for (const m of metrics) {
      expect(m.complaints).toBeGreaterThanOrEqual(0);
      expect(m.feeCollectionRate).toBeGreaterThan(0);
      expect(m.feeCollectionRate).toBeLessThanOrEqual(1);
      expect(m.satisfaction).toBeGreaterThan(0);
      expect(m.satisfaction).toBeLessThanOrEqual(1);
    }
    // The column is a DATE: the database itself must see the first of the month.
    const days = await db.prisma.$queryRaw<Array<{ day: number }>>`
      SELECT DISTINCT EXTRACT(DAY FROM month)::int AS day FROM compound_monthly_metric`;
    expect(days).toEqual([{ day: 1 }]);

    const pilot = metrics.filter((m) => m.compoundId === DEMO_IDS.compound);
    expect(pilot[0]!.complaints).toBe(16);
    expect(pilot.at(-1)!.complaints).toBe(2);

    const latest = metrics.filter((m) => m.month.toISOString() === months.at(-1));
    const households = new Map(DEMO_COMPOUNDS.map((c) => [c.id, c.households]));
    const weight = latest.reduce((s, m) => s + households.get(m.compoundId)!, 0);
    const mean = (pick: (m: (typeof latest)[number]) => number): number =>
      latest.reduce((s, m) => s + pick(m) * households.get(m.compoundId)!, 0) / weight;
    expect(mean((m) => m.feeCollectionRate!)).toBeCloseTo(LATEST_FEE_COLLECTION_RATE, 2);
    expect(mean((m) => m.satisfaction!)).toBeCloseTo(LATEST_SATISFACTION, 2);
  });

  it('records the seed in the audit log, with an intact chain', async () => {
    const entries = await db.prisma.auditLog.findMany({ where: { action: 'seed.demo_data' } });
    expect(entries).toHaveLength(1);
    expect(await verifyAudit(db.prisma, await defaultAuditKeyring())).toMatchObject({ ok: true, entries: 1 });
  });

  it('changes nothing on a second run and says so', async () => {
    const before = await snapshot(db);
    const summary = await seedDemoData(scratch.target, { asOf });
    expect(summary).toContain('nothing to create');
    expect(summary).toContain(
      'already present 5 communities, 6 firms, 28 compounds, 10 partner units, 21 users',
    );
    expect(await snapshot(db)).toBe(before);
  });

  it('leaves edited records alone and adds only the new month a month later', async () => {
    await db.prisma.compound.update({ where: { id: DEMO_IDS.compound }, data: { isDemonstration: true } });
    const report = await seedDemoRecords(db.prisma, { asOf: new Date('2025-07-02T09:00:00+08:00') });
    expect(report.counts.monthlyMetrics).toEqual({ created: 28, present: 28 * 11 });
    expect(report.counts.compounds).toEqual({ created: 0, present: 28 });
    expect(report.counts.users.created).toBe(0);
    const compound = await db.prisma.compound.findUniqueOrThrow({ where: { id: DEMO_IDS.compound } });
    expect(compound.isDemonstration).toBe(true);
    const july = await db.prisma.compoundMonthlyMetric.findUniqueOrThrow({
      where: { compoundId_month: { compoundId: DEMO_IDS.compound, month: new Date(Date.UTC(2025, 6, 1)) } },
    });
    expect(july.complaints).toBe(2);
  });

  it('reports each stored catalogue whose content no longer matches, without rewriting it', async () => {
    expect((await seedDemoRecords(db.prisma, { asOf })).catalogueDrift).toEqual([]);
    const changed = { ...DEFAULT_CATALOGUE, title: `${DEFAULT_CATALOGUE.title}（改）` };
    const changedToo = { ...CATALOGUE_2026_1, effectiveFrom: CATALOGUE_2026_1.effectiveFrom + 1 };
    const report = await seedDemoRecords(db.prisma, { asOf, catalogues: [changed, changedToo] });
    expect(report.counts.catalogues).toEqual({ created: 0, present: 2 });
    expect(report.catalogueDrift).toEqual([
      {
        id: DEFAULT_CATALOGUE.version,
        stored: catalogueFingerprint(DEFAULT_CATALOGUE),
        expected: catalogueFingerprint(changed),
      },
      {
        id: CATALOGUE_2026_1.version,
        stored: catalogueFingerprint(CATALOGUE_2026_1),
        expected: catalogueFingerprint(changedToo),
      },
    ]);
    const summary = formatSeedReport(report);
    expect(summary).toContain(`warning: catalogue 2024.1 is stored with fingerprint`);
    expect(summary).toContain(`warning: catalogue 2026.1 is stored with fingerprint`);
    const stored = await db.prisma.catalogueVersion.findUniqueOrThrow({
      where: { id: DEFAULT_CATALOGUE.version },
    });
    expect(stored.title).toBe(DEFAULT_CATALOGUE.title);
  });

  it('publishes a version added later once, next to the ones already stored', async () => {
    const fresh = await create();
    try {
      await deployMigrations(fresh.target);
      const other = await openDatabase(fresh.target);
      try {
        // A database seeded before 2026.1 existed: only 2024.1 is stored.
        const before = await seedDemoRecords(other.prisma, { asOf, catalogues: [DEFAULT_CATALOGUE] });
        expect(before.counts.catalogues).toEqual({ created: 1, present: 0 });
        const after = await seedDemoRecords(other.prisma, { asOf });
        expect(after.counts.catalogues).toEqual({ created: 1, present: 1 });
        expect(after.catalogueDrift).toEqual([]);
        const again = await seedDemoRecords(other.prisma, { asOf });
        expect(again.counts.catalogues).toEqual({ created: 0, present: 2 });
        const ids = await other.prisma.catalogueVersion.findMany({
          select: { id: true },
          orderBy: { id: 'asc' },
        });
        expect(ids.map((row) => row.id)).toEqual(['2024.1', '2026.1']);
      } finally {
        await other.close();
      }
    } finally {
      await fresh.drop();
    }
  });

  it('writes nothing when any part fails', async () => {
    const fresh = await create();
    try {
      await deployMigrations(fresh.target);
      const other = await openDatabase(fresh.target);
      try {
        // A username the seed wants, taken by someone else: the user insert fails after the
        // communities, firms and compounds were already written in the same transaction.
        await other.prisma.user.create({
          data: {
            id: 'usr-someone',
            username: 'coord.wang',
            displayName: '别人',
            passwordHash: 'x',
            role: 'resident',
          },
        });
        await expect(seedDemoRecords(other.prisma, { asOf })).rejects.toThrow(/seeding users failed/);
        expect(await other.prisma.community.count()).toBe(0);
        expect(await other.prisma.compound.count()).toBe(0);
        expect(await other.prisma.catalogueVersion.count()).toBe(0);
        expect(await other.prisma.auditLog.count()).toBe(0);
      } finally {
        await other.close();
      }
    } finally {
      await fresh.drop();
    }
  });
});

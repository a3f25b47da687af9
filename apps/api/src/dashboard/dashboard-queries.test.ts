// How many statements the dashboard costs, on every engine the tests run against: one per chart
// family (five), not one per figure (thirteen before), with the figures dashboard.test.ts checks
// over HTTP. Each single-section route answers what the whole dashboard says for that section.
import {
  seedDemoDatabaseForTest,
  openDatabase,
  testTargets,
  type Database,
  type PrismaClient,
  type ScratchDatabase,
} from '@pilot/db';
import { dashboardQuerySchema } from '@pilot/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReportScenario } from '../test-support/report-fixtures.js';
import { DashboardRepository } from './dashboard.repository.js';
import { DashboardService } from './dashboard.service.js';

const ADMIN = { role: 'admin', userId: 'usr-admin-jinshui', firmId: null } as const;
const FIRM = { role: 'firm', userId: 'usr-firm-xiangshun', firmId: 'firm-xiangshun' } as const;

describe.each(testTargets())('dashboard statements on $name', ({ create }) => {
  let scratch: ScratchDatabase;
  let db: Database;
  let statements = 0;
  let service: DashboardService;

  beforeAll(async () => {
    scratch = await create();
    await seedDemoDatabaseForTest(scratch.target, { demoPasswords: 'keep' });
    db = await openDatabase(scratch.target);
    await seedReportScenario(db.prisma);
    // Every operation the repository sends (model queries and raw SQL alike) passes through here.
    const counted = db.prisma.$extends({
      query: {
        $allOperations({ args, query }) {
          statements++;
          return query(args);
        },
      },
    });
    // The extension only observes; the client it returns has the query API the repository uses.
    service = new DashboardService(new DashboardRepository(counted as unknown as PrismaClient));
  });
  afterAll(async () => {
    await db?.close();
    await scratch?.drop();
  });

  const query = dashboardQuerySchema.parse({});

  it('answers the whole dashboard in five statements, with the seeded figures', async () => {
    statements = 0;
    const now = new Date();
    const dashboard = await service.all(ADMIN, query, now);
    expect(statements).toBe(5);
    expect(dashboard.funnel.total).toBe(3);
    expect(dashboard.starRatings).toMatchObject({ rated: 2, unrated: 1, average: 3.5 });
    expect(dashboard.categoryScores).toMatchObject({ currentPilots: 2, previousPilots: 1 });
    expect(dashboard.compliance.latest).toBe(82.5);
    expect(dashboard.compoundMetrics.compounds).toBe(28);
    expect(dashboard.rectifications).toMatchObject({ total: 7, closed: 2, unfinished: 4, onTimeRate: 50 });
    expect(dashboard.overdue.tasks.count).toBe(2);
    expect(dashboard.overdue.rectifications.items.map((item) => item.id)).toEqual(['rect-j1', 'rect-m3']);

    // Each section on its own route is the same section, from its family's one statement.
    for (const viewer of [ADMIN, FIRM]) {
      const whole = await service.all(viewer, query, now);
      statements = 0;
      expect(await service.funnel(viewer, query)).toEqual(whole.funnel);
      expect(await service.starRatings(viewer, query)).toEqual(whole.starRatings);
      expect(await service.categoryScores(viewer, query)).toEqual(whole.categoryScores);
      expect(await service.compliance(viewer, query, now)).toEqual(whole.compliance);
      expect(await service.compoundMetrics(viewer, query, now)).toEqual(whole.compoundMetrics);
      expect(await service.rectifications(viewer, query, now)).toEqual(whole.rectifications);
      expect(await service.overdue(viewer, query, now)).toEqual(whole.overdue);
      expect(statements).toBe(7);
    }
  });

  it('answers empty figures for a scope with nothing in it', async () => {
    const nobody = await service.all({ role: 'firm', userId: 'usr-x', firmId: 'firm-none' }, query);
    expect(nobody.funnel.total).toBe(0);
    expect(nobody.categoryScores).toMatchObject({ currentPilots: 0, previousPilots: 0 });
    expect(nobody.compoundMetrics).toMatchObject({ compounds: 0, latest: null });
    expect(nobody.rectifications).toMatchObject({ total: 0, closureRate: null });
    expect(nobody.overdue.tasks).toEqual({ count: 0, items: [] });
  });
});

import { DEMO_COMPOUNDS } from '@pilot/db';
import { HOUR_MS, localMidnight } from '@pilot/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiClient, type ApiHarness } from '../test-support/api-harness.js';
import { currentLocalMonth, daysFromNow, seedReportScenario } from '../test-support/report-fixtures.js';
import type { Chart } from '../reporting/charts.js';
import type { Dashboard } from './dashboard.dto.js';
import { daysOverdue } from './dashboard.service.js';

const seriesOf = (chart: Chart, key: string) => {
  const series = chart.series.find((s) => s.key === key);
  if (!series) throw new Error(`no series ${key} in ${chart.key}`);
  return Object.fromEntries(chart.categories.map((c, i) => [c.key, series.data[i]]));
};

/** Household-weighted mean of a rate over compounds, as a percent with one decimal. */
function weighted(rows: Array<{ compoundId: string; rate: number }>): number {
  const households = new Map(DEMO_COMPOUNDS.map((c) => [c.id, c.households]));
  let sum = 0;
  let weight = 0;
  for (const row of rows) {
    const w = households.get(row.compoundId)!;
    sum += row.rate * w;
    weight += w;
  }
  return Math.round((sum / weight) * 1000) / 10;
}

describe('dashboards over HTTP', () => {
  let api: ApiHarness;
  let admin: ApiClient;
  const month = currentLocalMonth();
  /** The seeded rows of the current month, summed here in plain code to check the SQL aggregates. */
  let latestMetrics: Array<{
    compoundId: string;
    complaints: number;
    feeCollectionRate: number;
    satisfaction: number;
  }>;

  beforeAll(async () => {
    api = await startApi();
    await seedReportScenario(api.runtime.deps.prisma);
    // 锦水花园's self-inspection (自查), an hour past due: the firm's task, nobody's assignment.
    await api.runtime.deps.prisma.inspectionTask.create({
      data: {
        id: 'enr-test-jinshui:self',
        enrollmentId: 'enr-test-jinshui',
        key: 'self',
        kind: 'self',
        opensAt: daysFromNow(-5),
        dueAt: new Date(Date.now() - HOUR_MS),
        status: 'open',
        assigneeId: null,
      },
    });
    const rows = await api.runtime.deps.prisma.compoundMonthlyMetric.findMany({
      where: { month: new Date(`${month.key}-01T00:00:00Z`) },
    });
    latestMetrics = rows.map((row) => ({
      compoundId: row.compoundId,
      complaints: row.complaints,
      feeCollectionRate: row.feeCollectionRate!,
      satisfaction: row.satisfaction!,
    }));
    expect(latestMetrics).toHaveLength(28);
    // This month's 群众诉求 in 玫瑰家园: two reports count; a patrol finding and a cancelled report do not.
    const matter = (id: string, source: 'resident' | 'hotline' | 'patrol', cancelled = false) => ({
      id,
      number: `SX-DASH-${id}`,
      workflowId: `matter:${id}`,
      source,
      compoundId: 'cmp-meiguijiayuan',
      communityId: 'com-jinshuiyuan',
      firmId: 'firm-xiangshun',
      category: 'parking',
      location: '南门',
      description: '车辆乱停',
      status: cancelled ? ('closed' as const) : ('reported' as const),
      closeKind: cancelled ? ('cancelled' as const) : null,
      ruleVersion: 1,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    await api.runtime.deps.prisma.matter.createMany({
      data: [
        matter('dash-1', 'resident'),
        matter('dash-2', 'hotline'),
        matter('dash-3', 'patrol'),
        matter('dash-4', 'resident', true),
      ],
    });
    admin = await api.as('admin.jinshui');
  });
  afterAll(async () => api?.close());

  it('answers every section at once with the seeded figures (admin sees everything)', async () => {
    const response = await admin.get<Dashboard>('/dashboard');
    expect(response.status).toBe(200);
    const d = response.body;
    expect(d.window).toEqual({ from: expect.any(String), to: month.key, months: 12 });

    expect(d.funnel.total).toBe(3);
    expect(seriesOf(d.funnel.byStage, 'pilots')).toEqual({
      improvement: 2,
      consolidation: 1,
      rollout: 0,
      withdrawn: 0,
    });
    const phases = seriesOf(d.funnel.byPhase, 'pilots');
    expect([phases['self_inspection'], phases['improvement_round'], phases['consolidation_round']]).toEqual([
      1, 1, 1,
    ]);
    expect(d.funnel.byPhase.categories.find((c) => c.key === 'archiving')).toMatchObject({
      group: 'consolidation',
      label: { zh: '制度化规范化建档建册' },
    });

    expect(d.starRatings).toMatchObject({ rated: 2, unrated: 1, average: 3.5 });
    expect(seriesOf(d.starRatings.chart, 'pilots')).toEqual({
      '1': 0,
      '2': 0,
      '3': 1,
      '4': 1,
      '5': 0,
      unrated: 1,
    });

    // Latest evaluated round of each pilot: 玫瑰家园 r2 (A 90, B 85) and 金桂园 r1 (A 60, B 70).
    expect(d.categoryScores).toMatchObject({ currentPilots: 2, previousPilots: 1 });
    expect(seriesOf(d.categoryScores.chart, 'current')).toMatchObject({ A: 75, B: 77.5, C: null });
    expect(seriesOf(d.categoryScores.chart, 'previous')).toMatchObject({ A: 70, B: 80, H: null });

    // 规范操作执行率: last month 62 / 100; this month (89 + 10) / (100 + 20), n/a items left out.
    const compliance = seriesOf(d.compliance.chart, 'complianceRate');
    expect(compliance[month.previousKey]).toBe(62);
    expect(compliance[month.key]).toBe(82.5);
    expect(seriesOf(d.compliance.chart, 'inspections')[month.key]).toBe(2);
    expect(d.compliance).toMatchObject({ first: 62, latest: 82.5 });
    expect(d.compliance.chart.categories).toHaveLength(12);
    expect(d.compliance.chart.categories.at(-1)!.label.zh).toMatch(/^\d{4}年\d{1,2}月$/);

    // CompoundMonthlyMetric: 28 compounds; the subdistrict's latest month is the reported 74% / 92%.
    expect(d.compoundMetrics.compounds).toBe(28);
    // Complaints are the month's 群众诉求 once the platform has matters (the demo history has them
    // from six months back); the months before keep the imported figures.
    expect(d.compoundMetrics.latest).toEqual({
      month: month.key,
      complaints: 2,
      feeCollectionRate: weighted(
        latestMetrics.map((m) => ({ compoundId: m.compoundId, rate: m.feeCollectionRate })),
      ),
      satisfaction: weighted(latestMetrics.map((m) => ({ compoundId: m.compoundId, rate: m.satisfaction }))),
    });
    expect(d.compoundMetrics.latest!.feeCollectionRate).toBeCloseTo(74, 0);
    expect(d.compoundMetrics.latest!.satisfaction).toBeCloseTo(92, 0);
    expect(d.compoundMetrics.complaintChange).toBeLessThan(0);
    expect(d.compoundMetrics.complaints.series[0]!.data.every((v) => typeof v === 'number')).toBe(true);
    const firstKey = d.compoundMetrics.complaints.categories[0]!.key;
    const imported = await api.runtime.deps.prisma.compoundMonthlyMetric.aggregate({
      where: { month: new Date(`${firstKey}-01T00:00:00Z`) },
      _sum: { complaints: true },
    });
    expect(seriesOf(d.compoundMetrics.complaints, 'complaints')[firstKey]).toBe(imported._sum.complaints);

    // 7 items: 2 closed (3 and 5 days, one on time), 1 cancelled, 4 unfinished.
    expect(d.rectifications).toMatchObject({
      total: 7,
      closed: 2,
      unfinished: 4,
      closureRate: 33.3,
      averageDaysToClose: 4,
      onTimeRate: 50,
    });
    expect(seriesOf(d.rectifications.byStatus, 'items')).toEqual({
      open: 2,
      controlled: 0,
      responded: 1,
      reopened: 1,
      closed: 2,
      cancelled: 1,
    });
    const monthly = d.rectifications.monthly;
    const opened = monthly.series
      .find((s) => s.key === 'opened')!
      .data.reduce<number>((a, b) => a + (b ?? 0), 0);
    expect(opened).toBe(7);

    // Overdue: open tasks past due (not the scheduled one), items still with the firm past deadline.
    expect(d.overdue.tasks.count).toBe(3);
    expect(d.overdue.tasks.items.map((t) => t.id)).toEqual([
      'enr-test-meigui:r2-weekly-02',
      'enr-test-jingui:r1-weekly-02',
      'enr-test-jinshui:self',
    ]);
    expect(d.overdue.tasks.items[0]).toMatchObject({
      compound: { name: '玫瑰家园' },
      firm: { name: '祥顺物业' },
      assignee: { id: 'usr-insp-zhang' },
      responsible: { kind: 'inspector', id: 'usr-insp-zhang', name: expect.any(String) },
      kindLabel: { zh: '周检查' },
      daysOverdue: 2,
    });
    // The self-inspection is the firm's (not "unassigned"), and an hour late is late: at least 1 day.
    expect(d.overdue.tasks.items[2]).toMatchObject({
      kind: 'self',
      kindLabel: { zh: '企业自查' },
      compound: { name: '锦水花园' },
      assignee: null,
      responsible: { kind: 'firm', id: 'firm-xiangshun', name: '祥顺物业' },
      daysOverdue: 1,
    });
    expect(d.overdue.rectifications.items.map((r) => r.daysOverdue)).toEqual([3, 2]);
    expect(d.overdue.rectifications.count).toBe(2);
    expect(d.overdue.rectifications.items.map((r) => r.id)).toEqual(['rect-j1', 'rect-m3']);
  });

  it('scopes a firm user to the compounds it serves', async () => {
    const firm = await api.as('firm.xiangshun');
    const response = await firm.get<Dashboard>('/dashboard');
    expect(response.status).toBe(200);
    const d = response.body;
    expect(d.funnel.total).toBe(2);
    expect(d.starRatings).toMatchObject({ rated: 1, unrated: 1, average: 4 });
    expect(seriesOf(d.categoryScores.chart, 'current')).toMatchObject({ A: 90, B: 85 });
    const compliance = seriesOf(d.compliance.chart, 'complianceRate');
    expect([compliance[month.previousKey], compliance[month.key]]).toEqual([62, 89]);
    const own = DEMO_COMPOUNDS.filter((c) => c.firmId === 'firm-xiangshun').map((c) => c.id);
    expect(d.compoundMetrics.compounds).toBe(own.length);
    expect(d.compoundMetrics.latest!.complaints).toBe(2);
    expect(d.rectifications).toMatchObject({ total: 4, closed: 2, closureRate: 50 });
    expect(d.overdue.tasks.items.map((t) => t.compound.name)).toEqual(['玫瑰家园', '锦水花园']);
    expect(d.overdue.rectifications.items.map((r) => r.id)).toEqual(['rect-m3']);

    // Asking for another firm only narrows: the firm still sees nothing of it.
    const other = await firm.get<Dashboard>('/dashboard?firmId=firm-jinrun');
    expect(other.body.funnel.total).toBe(0);
    expect(other.body.compoundMetrics.compounds).toBe(0);
    expect(other.body.compoundMetrics.latest).toBeNull();
  });

  it('scopes an inspector to their pilots, and single charts answer on their own routes', async () => {
    const inspector = await api.as('insp.zhang');
    const funnel = await inspector.get<Dashboard['funnel']>('/dashboard/pilot-funnel');
    expect(funnel.body.total).toBe(1);
    const metrics = await inspector.get<Dashboard['compoundMetrics']>('/dashboard/compound-metrics?months=3');
    expect(metrics.body.compounds).toBe(1);
    expect(metrics.body.latest!.complaints).toBe(2); // 玫瑰家园's two 群众诉求 of this month
    expect(metrics.body.complaints.categories).toHaveLength(3);
    const overdue = await inspector.get<Dashboard['overdue']>('/dashboard/overdue');
    expect(overdue.body.tasks.count).toBe(1);

    const li = await api.as('insp.li');
    const stars = await li.get<Dashboard['starRatings']>('/dashboard/star-ratings');
    expect(stars.body).toMatchObject({ rated: 1, unrated: 1 });
    const scores = await admin.get<Dashboard['categoryScores']>(
      '/dashboard/category-scores?pilotId=enr-test-jingui',
    );
    expect(seriesOf(scores.body.chart, 'current')).toMatchObject({ A: 60, B: 70 });
    const rect = await admin.get<Dashboard['rectifications']>(
      '/dashboard/rectifications?communityId=com-jinshuiyuan',
    );
    expect(rect.body.total).toBe(7); // 玫瑰家园 and 金桂园 are both in 锦水园社区
    const trend = await admin.get<Dashboard['compliance']>(
      `/dashboard/compliance-trend?months=1&until=${month.previousKey}`,
    );
    expect(trend.body.chart.series[0]!.data).toEqual([62]);
  });

  it('counts a controlled hazard (已管控) past its fix deadline as overdue and unfinished', async () => {
    const prisma = api.runtime.deps.prisma;
    await prisma.rectification.create({
      data: {
        id: 'rect-j4',
        enrollmentId: 'enr-test-jingui',
        taskId: 'enr-test-jingui:task',
        standardCode: 'C-05',
        finding: '电梯超期未检验',
        severity: 'critical',
        critical: true,
        status: 'controlled',
        openedAt: daysFromNow(-20),
        controlledAt: daysFromNow(-19),
        deadline: daysFromNow(-1),
      },
    });
    try {
      const stats = (await admin.get<Dashboard['rectifications']>('/dashboard/rectifications')).body;
      expect(seriesOf(stats.byStatus, 'items')['controlled']).toBe(1);
      expect(stats.byStatus.categories.find((c) => c.key === 'controlled')!.label).toEqual({
        zh: '已管控',
        en: 'Controlled',
      });
      expect(stats.unfinished).toBe(5);
      const overdue = (await admin.get<Dashboard['overdue']>('/dashboard/overdue')).body;
      expect(overdue.rectifications.count).toBe(3);
      expect(overdue.rectifications.items.find((r) => r.id === 'rect-j4')).toMatchObject({
        status: 'controlled',
        daysOverdue: 1,
      });
    } finally {
      await prisma.rectification.delete({ where: { id: 'rect-j4' } });
    }
  });

  it('refuses residents and malformed filters', async () => {
    const resident = await api.as('resident.han');
    expect((await resident.get('/dashboard')).status).toBe(403);
    const bad = await admin.get<{ error: { issues: Array<{ path: string }> } }>(
      '/dashboard?months=99&until=2025-13',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i) => i.path).sort()).toEqual(['months', 'until']);
  });
});

describe('days overdue', () => {
  // 2026-03-10 in Asia/Shanghai.
  const day = localMidnight(2026, 3, 10);
  const at = (dayOffset: number, hour: number) => new Date(day + dayOffset * 24 * HOUR_MS + hour * HOUR_MS);

  it('counts Asia/Shanghai calendar days since the due time, at least 1 once it has passed', () => {
    expect(daysOverdue(at(0, 17), at(0, 16))).toBe(0); // not due yet
    expect(daysOverdue(at(0, 17), at(0, 17))).toBe(0); // due this very moment
    expect(daysOverdue(at(0, 17), at(0, 18))).toBe(1); // an hour late: late, not "0 days"
    expect(daysOverdue(at(-1, 23), at(0, 9))).toBe(1); // 10 hours, but yesterday's task
    expect(daysOverdue(at(-1, 9), at(0, 23))).toBe(1); // 38 hours, still one calendar day
    expect(daysOverdue(at(-3, 23.99), at(0, 0.01))).toBe(3);
    // Calendar days of Shanghai, not of UTC: 07:00 and 09:00 on one local day are the same day.
    expect(daysOverdue(at(0, 7), at(0, 9))).toBe(1);
    expect(daysOverdue(at(-1, 7), at(0, 9))).toBe(1);
  });
});

// 全面推广 campaigns over HTTP on the real stack (API, Temporal dev server, PGlite) with the demo
// pilots: a coordinator drafts from 玫瑰家园, reads the forecast with a week over capacity,
// rebalances, confirms four compounds once and sees their pilots started with their lineage;
// compounds in a pilot or of a black-listed firm are refused by name; firms read only the campaigns
// they are invited to and draft nothing; bad drafts are refused field by field with nothing written.
import { formatLocalDate, type InspectorAssignment } from '@pilot/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListOverview } from '../evaluations/evaluation.dto.js';
import type { PilotDetail } from '../pilots/pilot.dto.js';
import { startApi, type ApiClient, type ApiHarness } from '../test-support/api-harness.js';
import type {
  CampaignForecastView,
  CampaignList,
  CampaignProgressView,
  CampaignView,
} from './campaign.dto.js';

interface ErrorBody {
  error: {
    code: string;
    issues?: Array<{ path: string; message: string }>;
    reasons?: Array<{ code: string; zh: string; en: string }>;
  };
}

const team = (lead: string, second: string): InspectorAssignment[] => [
  { inspectorId: lead, kinds: ['concentrated', 'weekly', 'consolidation'] },
  { inspectorId: second, kinds: ['monthly', 'quarterly'] },
];

describe('全面推广 campaigns over HTTP', () => {
  let api: ApiHarness;
  let admin: ApiClient;
  let coordinator: ApiClient;
  let firm: ApiClient;
  let inspector: ApiClient;
  let originId: string;
  /** Four compounds in no pilot and no campaign, of firms not black-listed. */
  let free: Array<{ id: string; name: string; firmId: string }>;
  let blackFirmId: string;

  const draft = (overrides: Record<string, unknown> = {}) => ({
    name: '2026年全面推广（东湖、翠屏、书院、南山）',
    originEnrollmentIds: [originId],
    invitedFirmIds: [...new Set(free.map((c) => c.firmId))],
    meetingOn: formatLocalDate(Date.now()),
    meetingPlace: '锦水街道办事处三楼会议室',
    meetingAttendees: { subdistrict: ['王主任'], community: ['东湖社区'], firms: ['锦润物业'] },
    meetingMinutes: '召集拟达标物业企业开会部署，推广玫瑰家园经验。',
    startDate: formatLocalDate(Date.now()),
    catalogueVersion: '2026.1',
    weeklyCapacity: 1,
    // Everything on the same two inspectors: their weekly inspections pile up.
    compounds: free.map((c) => ({
      compoundId: c.id,
      inspectorAssignments: team('usr-insp-zhao', 'usr-insp-gao'),
    })),
    ...overrides,
  });

  beforeAll(async () => {
    api = await startApi({ demoPilots: true });
    [admin, coordinator, firm, inspector] = await Promise.all([
      api.as('admin.jinshui'),
      api.as('coord.wang'),
      api.as('firm.xiangshun'),
      api.as('insp.zhang'),
    ]);
    const prisma = api.runtime.deps.prisma;
    // The fresh demo pilots write their records in their workflows' first activity: until then
    // their compounds would look free.
    for (let i = 0; i < 90 && (await prisma.enrollment.count()) < 8; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    originId = (await prisma.enrollment.findFirstOrThrow({ where: { compoundId: 'cmp-meiguijiayuan' } })).id;
    const black = (await admin.get<ListOverview>('/firm-lists')).body.black[0];
    expect(black, 'the demo lists one firm black').toBeDefined();
    blackFirmId = black!.firm.id;
    const compounds = await prisma.compound.findMany({
      where: {
        active: true,
        firmId: { not: blackFirmId },
        enrollments: { none: {} },
        campaignCompounds: { none: {} },
      },
      orderBy: { id: 'asc' },
      select: { id: true, name: true, firmId: true },
    });
    free = compounds.slice(0, 4);
    expect(free).toHaveLength(4);
    // The demo's own campaign took its compounds through the same workflow.
    expect(await prisma.campaignCompound.count({ where: { campaignId: 'campaign-demo-rollout' } })).toBe(4);
  }, 240_000);
  afterAll(async () => api?.close());

  it('refuses firms and inspectors, and bad drafts field by field with nothing written', async () => {
    expect((await firm.post('/campaigns', draft())).status).toBe(403);
    expect((await inspector.get('/campaigns')).status).toBe(403);
    const before = await api.runtime.deps.prisma.rolloutCampaign.count();

    const bad = await coordinator.post<ErrorBody>(
      '/campaigns',
      draft({ name: '', weeklyCapacity: 0, compounds: [] }),
      { 'accept-language': 'zh-CN' },
    );
    expect(bad.status).toBe(400);
    const paths = bad.body.error.issues?.map((i) => i.path) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['name', 'weeklyCapacity', 'compounds']));

    // A compound whose firm is not invited, an unknown pilot and a firm user as inspector.
    const unknown = await coordinator.post<ErrorBody>(
      '/campaigns',
      draft({
        originEnrollmentIds: ['no-such-pilot'],
        invitedFirmIds: [free[0]!.firmId],
        compounds: [
          { compoundId: free[0]!.id, inspectorAssignments: team('usr-insp-zhao', 'usr-insp-gao') },
          ...free
            .slice(1)
            .filter((c) => c.firmId !== free[0]!.firmId)
            .slice(0, 1)
            .map((c) => ({ compoundId: c.id, inspectorAssignments: team('usr-insp-zhao', 'usr-insp-gao') })),
        ],
      }),
      { 'accept-language': 'zh-CN' },
    );
    expect(unknown.status, JSON.stringify(unknown.body)).toBe(400);
    expect(unknown.body.error.issues?.map((i) => i.path)).toContain('originEnrollmentIds.0');
    expect(await api.runtime.deps.prisma.rolloutCampaign.count()).toBe(before);
  });

  it('drafts, forecasts a week over capacity, rebalances, confirms once and starts four pilots with their lineage', async () => {
    const created = await coordinator.post<CampaignView>('/campaigns', draft());
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({ status: 'draft', weeklyCapacity: 1 });
    expect(created.body.compounds.map((c) => c.origin.compoundName)).toEqual(Array(4).fill('玫瑰家园'));
    expect(created.body.meeting.place).toBe('锦水街道办事处三楼会议室');

    const forecast = await coordinator.get<CampaignForecastView>(`/campaigns/${id}/forecast`);
    expect(forecast.status, JSON.stringify(forecast.body)).toBe(200);
    expect(forecast.body.weeks).toHaveLength(26);
    const zhao = forecast.body.inspectors.find((i) => i.inspector.id === 'usr-insp-zhao')!;
    expect(zhao.flaggedWeeks.length).toBeGreaterThan(0);
    expect(zhao.peak).toBeGreaterThan(1);
    expect(forecast.body.flagged).toBeGreaterThan(0);

    // Two compounds move to two other inspectors: 赵丽's peak falls.
    for (const compound of free.slice(2)) {
      const moved = await coordinator.post<CampaignView>(`/campaigns/${id}/rebalance`, {
        compoundId: compound.id,
        inspectorAssignments: team('usr-insp-ma', 'usr-insp-li'),
      });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    }
    const after = await coordinator.get<CampaignForecastView>(`/campaigns/${id}/forecast`);
    const zhaoAfter = after.body.inspectors.find((i) => i.inspector.id === 'usr-insp-zhao')!;
    expect(zhaoAfter.peak).toBeLessThan(zhao.peak);
    expect(after.body.inspectors.map((i) => i.inspector.id)).toContain('usr-insp-ma');
    const badMove = await coordinator.post<ErrorBody>(`/campaigns/${id}/rebalance`, {
      compoundId: 'cmp-meiguijiayuan',
      inspectorAssignments: team('usr-insp-ma', 'usr-insp-li'),
    });
    expect(badMove.status).toBe(400);
    expect(badMove.body.error.issues?.[0]?.path).toBe('compoundId');

    // Firms read what they are invited to, nothing else.
    const invited = free[0]!.firmId;
    const seen = await firm.get<CampaignList>('/campaigns');
    expect(seen.status).toBe(200);
    expect(seen.body.items.every((c) => c.invitedFirms.some((f) => f.id === 'firm-xiangshun'))).toBe(true);
    if (invited !== 'firm-xiangshun') expect((await firm.get(`/campaigns/${id}`)).status).toBe(404);

    const confirmed = await coordinator.post<CampaignView>(`/campaigns/${id}/confirm`);
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.status).toMatch(/enrolling|enrolled/);
    expect(confirmed.body.confirmedBy?.id).toBeTruthy();
    const again = await coordinator.post<CampaignView>(`/campaigns/${id}/confirm`);
    expect(again.status).toBe(200);
    expect(again.body.confirmedAt).toBe(confirmed.body.confirmedAt);
    expect((await coordinator.request('PUT', `/campaigns/${id}`, draft())).status).toBe(409);

    let progress: CampaignProgressView | null = null;
    for (let i = 0; i < 120; i++) {
      progress = (await coordinator.get<CampaignProgressView>(`/campaigns/${id}/progress`)).body;
      if (progress.counts.started === 4) break;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    expect(progress?.counts, JSON.stringify(progress)).toMatchObject({ started: 4, failed: 0 });

    const prisma = api.runtime.deps.prisma;
    const pilots = await prisma.enrollment.findMany({ where: { campaignId: id } });
    expect(pilots).toHaveLength(4);
    expect(pilots.every((p) => p.originEnrollmentId === originId)).toBe(true);
    const detail = await coordinator.get<PilotDetail>(`/pilots/${pilots[0]!.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.origin).toEqual({ enrollmentId: originId, compoundName: '玫瑰家园' });
    expect(detail.body.campaign).toEqual({ id, name: created.body.name });
    expect(JSON.stringify(detail.body).length).toBeLessThan(40_000);

    const confirmations = await prisma.auditLog.count({
      where: { entityType: 'rollout_campaign', entityId: id, action: 'campaign.confirm' },
    });
    expect(confirmations).toBe(1);
    // A third confirmation after the starts still starts nothing more.
    expect((await coordinator.post(`/campaigns/${id}/confirm`)).status).toBe(200);
    expect(await prisma.enrollment.count({ where: { campaignId: id } })).toBe(4);
  }, 180_000);

  it('refuses, by name, a compound already in a pilot and one of a black-listed firm', async () => {
    const prisma = api.runtime.deps.prisma;
    const blackCompound = await prisma.compound.findFirstOrThrow({
      where: { firmId: blackFirmId, enrollments: { none: {} } },
    });
    const created = await admin.post<CampaignView>(
      '/campaigns',
      draft({
        name: '拒绝的推广',
        invitedFirmIds: ['firm-jinrun', blackFirmId, 'firm-xiangshun'].filter(
          (v, i, a) => a.indexOf(v) === i,
        ),
        compounds: [
          { compoundId: 'cmp-jinguiyuan', inspectorAssignments: team('usr-insp-sun', 'usr-insp-zhao') },
          { compoundId: blackCompound.id, inspectorAssignments: team('usr-insp-sun', 'usr-insp-zhao') },
        ],
      }),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    const refused = await coordinator.post<ErrorBody>(
      `/campaigns/${id}/confirm`,
      {},
      { 'accept-language': 'zh-CN' },
    );
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    const reasons = refused.body.error.reasons ?? [];
    expect(reasons.map((r) => r.code)).toEqual(
      expect.arrayContaining(['compound_in_pilot', 'firm_black_listed']),
    );
    expect(reasons.some((r) => r.zh.includes('金桂园'))).toBe(true);
    expect(reasons.some((r) => r.zh.includes(blackCompound.name))).toBe(true);
    // Indexes are those of the campaign's compounds as it lists them.
    expect(refused.body.error.issues?.map((i) => i.path).sort()).toEqual([
      'compounds.0.compoundId',
      'compounds.1.compoundId',
    ]);
    const row = await prisma.rolloutCampaign.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'draft', confirmedAt: null });

    // The invited firm reads it; it drafts nothing and cancels nothing.
    expect((await firm.get(`/campaigns/${id}`)).status).toBe(200);
    expect((await firm.post(`/campaigns/${id}/cancel`)).status).toBe(403);
    const cancelled = await coordinator.post<CampaignView>(`/campaigns/${id}/cancel`);
    expect(cancelled.body.status).toBe('cancelled');
    const audit = await prisma.auditLog.findMany({ where: { entityType: 'rollout_campaign', entityId: id } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['campaign.draft', 'campaign.cancel']));
  });
});

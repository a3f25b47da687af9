// 激励评价 over HTTP on the real stack (API, Temporal dev server, PGlite) with the demo pilots and
// their published periods: who reads what, computing and publishing once, list decisions with a
// reason, bad bodies refused field by field with nothing written, and a black-listed firm's pilot
// refused promotion.
import { EVALUATION_RULES_2 } from '@pilot/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiClient, type ApiHarness } from '../test-support/api-harness.js';
import type {
  ComputeResultView,
  EvaluationPeriodList,
  EvaluationRuleSetList,
  FirmEvaluationView,
  ListEntryView,
  ListOverview,
  RankingView,
} from './evaluation.dto.js';

interface ErrorBody {
  error: {
    code: string;
    issues?: Array<{ path: string; message: string }>;
    reasons?: Array<{ code: string; zh: string; en: string }>;
  };
}

describe('激励评价 over HTTP', () => {
  let api: ApiHarness;
  let admin: ApiClient;
  let coordinator: ApiClient;
  let firm: ApiClient;
  let resident: ApiClient;

  beforeAll(async () => {
    api = await startApi({ demoPilots: true });
    [admin, coordinator, firm, resident] = await Promise.all([
      api.as('admin.jinshui'),
      api.as('coord.wang'),
      api.as('firm.xiangshun'),
      api.as('resident.han'),
    ]);
  }, 240_000);
  afterAll(async () => api?.close());

  it('shows the demo’s latest ranking with movement to coordinators, and a firm only its own', async () => {
    const ranking = await coordinator.get<RankingView>('/evaluations/periods/latest/ranking');
    expect(ranking.status, JSON.stringify(ranking.body)).toBe(200);
    // The demo publishes with rule set 1 and leaves rule set 2 a draft, so its rankings stay put.
    expect(ranking.body.period).toMatchObject({ id: '2026-11', status: 'published', ruleVersion: 1 });
    expect(ranking.body.rows.length).toBeGreaterThan(2);
    expect(ranking.body.rows[0]!.rank).toBe(1);
    expect(ranking.body.rows.some((r) => r.movement !== null)).toBe(true);
    console.log(
      'ranking 2026-11:',
      ranking.body.rows.map((r) => `${r.rank} ${r.firm.name} ${r.score.toFixed(1)} ${r.grade} ${r.movement}`),
    );

    expect((await firm.get('/evaluations/periods/latest/ranking')).status).toBe(403);
    expect((await resident.get('/evaluations/periods')).status).toBe(403);
    expect((await resident.get('/firm-lists')).status).toBe(403);

    const own = await firm.get<FirmEvaluationView>('/evaluations/periods/2026-11/firms/firm-xiangshun');
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    const sum = own.body.components.reduce((total, c) => total + c.contribution, 0) + own.body.bonus;
    expect(sum).toBeCloseTo(own.body.score, 6);
    expect(own.body.components.find((c) => c.component === 'roundScore')?.sources?.count).toBeGreaterThan(0);
    const other = ranking.body.rows.find((r) => r.firm.id !== 'firm-xiangshun')!;
    expect((await firm.get(`/evaluations/periods/2026-11/firms/${other.firm.id}`)).status).toBe(404);
    expect((await firm.get(`/evaluations/firms/${other.firm.id}`)).status).toBe(404);
    expect((await firm.get('/evaluations/firms/firm-xiangshun')).status).toBe(200);
    const lists = await firm.get<ListOverview>('/firm-lists');
    expect(lists.status).toBe(200);
    expect(
      [...lists.body.red, ...lists.body.black, ...lists.body.candidates, ...lists.body.history].every(
        (e) => e.firm.id === 'firm-xiangshun',
      ),
    ).toBe(true);
    expect(lists.body.candidates).toEqual([]);
  });

  it('computes a draft for admins only, refuses an unfinished or published period, and publishes once', async () => {
    const bad = await admin.post<ErrorBody>('/evaluations/periods', { period: '2026-13' });
    expect(bad.status).toBe(400);
    const zh = await admin.post<ErrorBody>(
      '/evaluations/periods',
      { period: '2026-13' },
      { 'accept-language': 'zh-CN' },
    );
    expect(zh.body.error.issues?.[0]).toMatchObject({ path: 'period' });
    expect(zh.body.error.issues?.[0]?.message).toContain('评价周期');

    expect((await coordinator.post('/evaluations/periods', { period: '2026-06' })).status).toBe(403);
    expect((await firm.post('/evaluations/periods', { period: '2026-06' })).status).toBe(403);

    const notOver = await admin.post<ErrorBody>('/evaluations/periods', { period: '2026-12' });
    expect(notOver.status).toBe(409);
    expect(notOver.body.error.reasons?.[0]?.code).toBe('evaluation_period_not_over');
    const published = await admin.post<ErrorBody>('/evaluations/periods', { period: '2026-11' });
    expect(published.status).toBe(409);
    expect(published.body.error.reasons?.[0]?.code).toBe('evaluation_period_published');

    const draft = await admin.post<ComputeResultView>('/evaluations/periods', { period: '2026-06' });
    expect(draft.status, JSON.stringify(draft.body)).toBe(200);
    expect(draft.body.period).toMatchObject({ id: '2026-06', status: 'draft' });
    const again = await admin.post<ComputeResultView>('/evaluations/periods', { period: '2026-06' });
    expect(again.status).toBe(200);
    expect(again.body.proposed).toBe(0);
    // A draft is the admin's: coordinators neither list nor read it.
    const seen = await coordinator.get<EvaluationPeriodList>('/evaluations/periods');
    expect(seen.body.items.map((p) => p.id)).not.toContain('2026-06');
    expect((await coordinator.get('/evaluations/periods/2026-06/ranking')).status).toBe(404);

    expect((await coordinator.post('/evaluations/periods/2026-06/publish')).status).toBe(403);
    const first = await admin.post('/evaluations/periods/2026-06/publish');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const second = await admin.post<ErrorBody>(
      '/evaluations/periods/2026-06/publish',
      {},
      { 'accept-language': 'zh-CN' },
    );
    expect(second.status).toBe(409);
    expect(second.body.error.reasons?.[0]?.code).toBe('evaluation_period_published');
    expect(second.body.error.reasons?.[0]?.zh).toContain('已发布');
  });

  it('drafts and publishes the next rule set, with field-level refusals and 409 on a stale base', async () => {
    const list = await coordinator.get<EvaluationRuleSetList>('/evaluations/rules');
    expect(list.status).toBe(200);
    const { version, ...rules } = list.body.current.rules;
    const badWeights = await admin.post<ErrorBody>(
      '/evaluations/rules/draft',
      { ...rules, basedOn: version, components: rules.components.slice(1) },
      { 'accept-language': 'zh-CN' },
    );
    expect(badWeights.status).toBe(400);
    expect(badWeights.body.error.issues?.map((i) => i.path)).toEqual(['components']);
    expect(badWeights.body.error.issues?.[0]?.message).toContain('权重');
    const badList = await admin.post<ErrorBody>('/evaluations/rules/draft', {
      ...rules,
      basedOn: version,
      lists: { ...rules.lists, red: { grade: 'S', consecutive: 2 } },
    });
    expect(badList.body.error.issues?.map((i) => i.path)).toEqual(['lists.red.grade']);
    // The demo's draft of rule set 2 waits for an admin, untouched by the refused bodies.
    const waiting = (await admin.get<EvaluationRuleSetList>('/evaluations/rules')).body;
    expect(waiting.current).toMatchObject({ version: 1, builtIn: true });
    expect(waiting.draft).toMatchObject({ version: 2, status: 'draft', rules: EVALUATION_RULES_2 });
    expect(waiting.draft?.note).toContain('设备维保按期率');
    expect((await coordinator.post('/evaluations/rules/draft', { ...rules, basedOn: version })).status).toBe(
      403,
    );

    const draft = await admin.post('/evaluations/rules/draft', { ...rules, basedOn: version, note: '试行' });
    expect(draft.status, JSON.stringify(draft.body)).toBe(200);
    const published = await admin.post('/evaluations/rules/publish', { version: version + 1 });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    const stale = await admin.post<ErrorBody>('/evaluations/rules/draft', { ...rules, basedOn: version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.reasons?.[0]?.code).toBe('evaluation_rules_changed');
  });

  it('lets an admin decide candidates with a reason, audited, and refuses a black-listed firm’s promotion', async () => {
    const overview = await admin.get<ListOverview>('/firm-lists');
    expect(overview.status).toBe(200);
    expect(overview.body.red.length + overview.body.black.length).toBeGreaterThan(0);
    const candidate = overview.body.candidates[0];
    expect(candidate, JSON.stringify(overview.body)).toBeDefined();

    const noReason = await admin.post<ErrorBody>(
      `/firm-lists/${candidate!.id}/confirm`,
      { effectiveFrom: '2026-12-02', effectiveUntil: '2026-12-01' },
      { 'accept-language': 'zh-CN' },
    );
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.issues?.map((i) => i.path)).toEqual(['reason']);
    const backwards = await admin.post<ErrorBody>(`/firm-lists/${candidate!.id}/confirm`, {
      reason: '经专班核实确认',
      effectiveFrom: '2026-12-02',
      effectiveUntil: '2026-12-01',
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.issues?.map((i) => i.path)).toEqual(['effectiveUntil']);
    expect(noReason.body.error.issues?.find((i) => i.path === 'reason')?.message).toContain('原因');
    expect(
      (
        await coordinator.post(`/firm-lists/${candidate!.id}/confirm`, {
          reason: '很好',
          effectiveFrom: '2026-12-02',
        })
      ).status,
    ).toBe(403);
    const unchanged = await admin.get<ListOverview>('/firm-lists');
    expect(unchanged.body.candidates.map((c) => c.id)).toContain(candidate!.id);

    const confirmed = await admin.post<ListEntryView>(`/firm-lists/${candidate!.id}/confirm`, {
      reason: '经专班核实确认',
      effectiveFrom: '2026-12-01',
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body).toMatchObject({
      status: 'listed',
      decisionReason: '经专班核实确认',
      inEffect: true,
    });
    const twice = await admin.post<ErrorBody>(`/firm-lists/${candidate!.id}/dismiss`, { reason: '重复操作' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.reasons?.[0]?.code).toBe('list_entry_decided');

    const audit = await api.runtime.deps.prisma.auditLog.findMany({
      where: { entityType: 'firm_list_entry', entityId: candidate!.id },
    });
    expect(audit.map((a) => a.action)).toContain('firm_list.confirm');

    // A black listing blocks promotion of the firm's pilots until an admin ends it.
    const black = (await admin.get<ListOverview>('/firm-lists')).body.black[0];
    expect(black).toBeDefined();
    const pilot = await api.runtime.deps.prisma.enrollment.findFirstOrThrow({
      where: { firmId: black!.firm.id },
    });
    const refused = await admin.post<ErrorBody>(`/pilots/${pilot.id}/promote`, { pilotId: pilot.id });
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.body.error.reasons?.map((r) => r.code)).toEqual(['firm_black_listed']);
    const ended = await admin.post<ListEntryView>(`/firm-lists/${black!.id}/end`, {
      reason: '整改完成，予以撤榜',
    });
    expect(ended.body.status).toBe('ended');
    const firmRow = await api.runtime.deps.prisma.firm.findUniqueOrThrow({ where: { id: black!.firm.id } });
    expect(firmRow.listStatus).not.toBe('black');
  });
});

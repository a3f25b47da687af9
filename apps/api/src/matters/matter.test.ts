// The governance closed loop over HTTP, against the real API, a Temporal dev server and PGlite: a
// resident reports (numbered), the same problem again is offered as a duplicate, the coordinator
// assigns it to the firm, the firm accepts and answers, 2 stars reopen it and 5 close it. Scope:
// another resident neither sees nor rates it, a unit sees only its own; bad bodies change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiClient, type ApiHarness } from '../test-support/api-harness.js';
import { MATTER_RULES_1 } from '@pilot/domain';
import type { MatterRuleSetList, MatterRuleSetView } from './matter-rules.dto.js';
import type { MatterDetail, MatterPage } from './matter.dto.js';

interface ErrorBody {
  error: {
    code: string;
    issues?: Array<{ path: string; message: string }>;
    reasons?: Array<{ code: string }>;
  };
  [key: string]: unknown;
}

describe('matters over HTTP', () => {
  let api: ApiHarness;
  let han: ApiClient;
  let feng: ApiClient;
  let coordinator: ApiClient;
  let firm: ApiClient;
  let police: ApiClient;

  beforeAll(async () => {
    api = await startApi();
    [han, feng, coordinator, firm, police] = await Promise.all([
      api.as('resident.han'),
      api.as('resident.feng'),
      api.as('coord.wang'),
      api.as('firm.xiangshun'),
      api.as('party.pcs'),
    ]);
  });
  afterAll(async () => api?.close());

  const report = {
    category: 'facilities',
    location: '5号楼东侧路灯',
    description: '路灯坏了一周，晚上很黑。',
  };

  it('runs a resident’s report from 问题收集 to 销号, with the duplicate question and a reopening', async () => {
    const created = await han.post<MatterDetail>('/matters', report);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const matter = created.body;
    expect(matter.number).toMatch(/^SX\d{4}-\d{5}$/);
    expect(matter).toMatchObject({ status: { code: 'reported' }, urgency: { code: 'ordinary' }, mine: true });
    expect(matter.compound?.id).toBe('cmp-meiguijiayuan');

    // The same place in other words: "same problem?" — and recorded when the resident says no.
    const again = await han.post<ErrorBody & { candidates: Array<{ number: string }> }>('/matters', {
      ...report,
      location: '5号楼 东侧',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.reasons?.map((r) => r.code)).toEqual(['matter_possible_duplicate']);
    expect(JSON.stringify(again.body)).toContain(matter.number);
    const second = await han.post<MatterDetail>('/matters', {
      ...report,
      location: '5号楼 东侧',
      confirmNotDuplicate: true,
    });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect(second.body.number).not.toBe(matter.number);

    // Scope: another resident neither sees nor rates it; the police unit does not see it.
    expect((await feng.get(`/matters/${matter.id}`)).status).toBe(404);
    expect((await feng.post(`/matters/${matter.id}/rate`, { solved: true, rating: 5 })).status).toBe(404);
    // The seeded history has feng's own closed matters; this one is not among what he sees.
    expect((await feng.get<MatterPage>('/matters')).body.items.map((i) => i.id)).not.toContain(matter.id);
    expect((await police.get(`/matters/${matter.id}`)).status).toBe(404);

    // Coordinator's queue has it; assigning to a unknown or inactive unit is refused, nothing changes.
    const queue = await coordinator.get<MatterPage>('/matters?open=true');
    expect(queue.body.items.map((i) => i.id)).toContain(matter.id);
    const unknownParty = await coordinator.post<ErrorBody>(`/matters/${matter.id}/assign`, {
      category: 'facilities',
      urgency: 'ordinary',
      assignee: { kind: 'party', partyId: 'pty-nonexistent' },
    });
    expect(unknownParty.status).toBe(400);
    expect(unknownParty.body.error.issues?.[0]?.path).toBe('assignee.partyId');
    await api.runtime.deps.prisma.party.update({ where: { id: 'pty-zhzf' }, data: { active: false } });
    const inactive = await coordinator.post(`/matters/${matter.id}/assign`, {
      category: 'facilities',
      urgency: 'ordinary',
      assignee: { kind: 'party', partyId: 'pty-zhzf' },
    });
    expect(inactive.status).toBe(400);
    await api.runtime.deps.prisma.party.update({ where: { id: 'pty-zhzf' }, data: { active: true } });
    expect((await coordinator.get<MatterDetail>(`/matters/${matter.id}`)).body.status.code).toBe('reported');

    // Malformed bodies: 400 naming the field in Chinese, and the matter does not move.
    const bad = await coordinator.post<ErrorBody>(`/matters/${matter.id}/assign`, {
      category: 'nonsense',
      urgency: 'ordinary',
      assignee: { kind: 'firm', firmId: 'firm-xiangshun' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues?.[0]?.message).toContain('「所属类别」');
    const badRate = await han.post<ErrorBody>(`/matters/${matter.id}/rate`, { solved: true, rating: 9 });
    expect(badRate.status).toBe(400);
    expect(badRate.body.error.issues?.[0]?.message).toContain('「满意度评分」');

    const assigned = await coordinator.post(`/matters/${matter.id}/assign`, {
      category: 'facilities',
      urgency: 'ordinary',
      assignee: { kind: 'firm', firmId: 'firm-xiangshun' },
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    expect(assigned.body).toMatchObject({ status: 'assigned' });
    expect((await firm.get<MatterDetail>(`/matters/${matter.id}`)).body.actions).toEqual(
      expect.arrayContaining(['accept', 'return']),
    );
    expect((await firm.post(`/matters/${matter.id}/accept`)).status).toBe(200);
    const answer = { note: '已更换路灯灯头。', evidenceRefs: [] };
    expect((await firm.post(`/matters/${matter.id}/answer`, answer)).status).toBe(200);

    const reopened = await han.post<{ status: string }>(`/matters/${matter.id}/rate`, {
      solved: false,
      rating: 2,
      comment: '还是不亮',
    });
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200);
    expect(reopened.body.status).toBe('in_progress');
    expect((await firm.post(`/matters/${matter.id}/answer`, { note: '更换了整条线路，已亮。' })).status).toBe(
      200,
    );
    const closed = await han.post(`/matters/${matter.id}/rate`, { solved: true, rating: 5 });
    expect(closed.body).toMatchObject({ status: 'closed', closeKind: 'rated' });

    // The reporter's timeline: public steps, units but not the staff's names.
    const mine = (await han.get<MatterDetail>(`/matters/${matter.id}`)).body;
    expect(mine.events.map((e) => e.kind.code)).toEqual([
      'collected',
      'assigned',
      'accepted',
      'answered',
      'reopened',
      'answered',
      'rated',
    ]);
    expect(mine.events.find((e) => e.kind.code === 'accepted')).toMatchObject({ actorName: null });
    expect(mine.reopenCount).toBe(1);

    const stats = await coordinator.get<{ total: { collected: number; rated: number } }>(
      '/matters/stats?groupBy=firm',
    );
    expect(stats.status, JSON.stringify(stats.body)).toBe(200);
    expect(stats.body.total.collected).toBeGreaterThanOrEqual(2);
  });

  it('shows a unit only what is assigned to it', async () => {
    const recorded = await coordinator.post<MatterDetail>('/matters', {
      source: 'hotline',
      compoundId: 'cmp-meiguijiayuan',
      callerName: '刘先生',
      callerPhone: '13900000000',
      category: 'security',
      urgency: 'urgent',
      location: '3号楼地下车库入口',
      description: '12345转办：夜间有可疑人员徘徊。',
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    expect((await police.get<MatterPage>('/matters')).body.items.map((i) => i.id)).not.toContain(
      recorded.body.id,
    );
    const assigned = await coordinator.post(`/matters/${recorded.body.id}/assign`, {
      category: 'security',
      urgency: 'urgent',
      assignee: { kind: 'party', partyId: 'pty-pcs' },
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    const seen = (await police.get<MatterPage>('/matters?open=true')).body.items;
    expect(seen.map((i) => i.id)).toContain(recorded.body.id);
    expect(seen.every((i) => i.assignee?.id === 'pty-pcs' || i.assignee === null)).toBe(true);
    expect(seen.find((i) => i.id === recorded.body.id)?.assignee?.name).toBeTruthy();
    const detail = (await police.get<MatterDetail>(`/matters/${recorded.body.id}`)).body;
    expect(detail.callerPhone).toBeNull();
    expect((await police.post(`/matters/${recorded.body.id}/accept`)).status).toBe(200);
  });

  it('publishes the next 办理规则 for new matters, while running ones keep theirs', async () => {
    const admin = await api.as('admin.jinshui');
    const prisma = api.runtime.deps.prisma;
    const listed = await coordinator.get<MatterRuleSetList>('/matter-rules');
    expect(listed.status).toBe(200);
    expect(listed.body.current).toMatchObject({ version: 1, builtIn: true, rules: MATTER_RULES_1 });
    expect((await firm.get('/matter-rules')).status).toBe(403);

    const { version: _version, ...content } = MATTER_RULES_1;
    const next = {
      ...content,
      basedOn: 1,
      byUrgency: {
        ...content.byUrgency,
        ordinary: { ...content.byUrgency.ordinary, resolve: { unit: 'working_days', amount: 3 } },
      },
    };
    expect((await coordinator.post('/matter-rules', next)).status).toBe(403);
    const before = await prisma.matterRuleSet.count();
    const incoherent = await admin.post<ErrorBody>('/matter-rules', { ...next, satisfiedFrom: 2 });
    expect(incoherent.status).toBe(400);
    expect(incoherent.body.error.issues?.map((i) => i.path)).toEqual(['satisfiedFrom']);
    expect(incoherent.body.error.issues?.[0]?.message).toContain('「满意的评分线」');
    const none = await admin.post<ErrorBody>('/matter-rules', {
      ...next,
      byUrgency: {
        ...next.byUrgency,
        urgent: { ...next.byUrgency.urgent, accept: { unit: 'hours', amount: 0 } },
      },
    });
    expect(none.status).toBe(400);
    expect(none.body.error.issues?.map((i) => i.path)).toEqual(['byUrgency.urgent.accept.amount']);
    expect(await prisma.matterRuleSet.count()).toBe(before);

    const published = await admin.post<MatterRuleSetView>('/matter-rules', next);
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    expect(published.body).toMatchObject({
      version: 2,
      builtIn: false,
      publishedBy: { id: expect.any(String) },
    });
    expect(published.body.rules.byUrgency.ordinary.resolve).toEqual({ unit: 'working_days', amount: 3 });
    // The same form sent again was filled in against set 1, which is no longer current.
    const stale = await admin.post<ErrorBody>('/matter-rules', next);
    expect(stale.status).toBe(409);
    expect(stale.body.error.reasons?.map((r) => r.code)).toEqual(['matter_rules_changed']);
    const after = (await coordinator.get<MatterRuleSetList>('/matter-rules')).body;
    expect(after.current.version).toBe(2);
    expect(after.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(await prisma.auditLog.count({ where: { action: 'matter_rules.publish', entityId: '2' } })).toBe(1);

    const older = await prisma.matter.findMany({ select: { ruleVersion: true } });
    const created = await han.post<MatterDetail>('/matters', {
      category: 'greening',
      location: '中心花园',
      description: '草坪多处枯黄，需要补种。',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await prisma.matter.findUniqueOrThrow({ where: { id: created.body.id } })).ruleVersion).toBe(2);
    expect(older.every((m) => m.ruleVersion === 1)).toBe(true);
  });
});

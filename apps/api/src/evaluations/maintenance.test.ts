// 设备维保按期率 over HTTP on the real stack (API, Temporal dev server, PGlite): a compound's lift
// with one maintenance done on time and the next one missed counts only once an admin publishes rule
// set 2 through the draft and publish routes; the period computed with it explains the 50% and
// names the lift as its record.
import { DEMO_IDS, type PrismaClient } from '@pilot/db';
import { EVALUATION_RULES_2 } from '@pilot/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiClient, type ApiHarness } from '../test-support/api-harness.js';
import type { ComputeResultView, EvaluationRuleSetList, FirmEvaluationView } from './evaluation.dto.js';

const PERIOD = '2026-06';
/** Local (Asia/Shanghai) times as instants. */
const local = (text: string) => new Date(`${text}+08:00`);

async function registerLift(
  prisma: PrismaClient,
  input: { id: string; compoundId: string; active?: boolean; visits: string[] },
): Promise<void> {
  const compound = await prisma.compound.findUniqueOrThrow({ where: { id: input.compoundId } });
  await prisma.equipment.create({
    data: {
      id: input.id,
      compoundId: input.compoundId,
      code: `${input.id}-DT`,
      type: 'lift',
      name: '1号楼电梯',
      location: '1号楼',
      responsibleName: '李工',
      maintenanceIntervalDays: 15,
      inspectionIntervalDays: null,
      staffRole: 'engineering',
      active: input.active ?? true,
      createdById: DEMO_IDS.firmUser,
      // Registered on Monday 1 June: due by 16 June, then 15 days after each visit.
      createdAt: local('2026-06-01T09:00:00'),
    },
  });
  for (const [n, visit] of input.visits.entries()) {
    await prisma.logbookEntry.create({
      data: {
        id: `${input.id}-mt-${n}`,
        compoundId: input.compoundId,
        firmId: compound.firmId,
        kind: 'maintenance',
        equipmentId: input.id,
        occurredAt: local(visit),
        recordedAt: local(visit),
        recordedById: DEMO_IDS.firmUser,
        recordedByName: '李工',
        summary: '半月维保',
        details: {},
      },
    });
  }
}

describe('设备维保按期率 in the evaluation', () => {
  let api: ApiHarness;
  let admin: ApiClient;

  beforeAll(async () => {
    api = await startApi();
    admin = await api.as('admin.jinshui');
    const prisma = api.runtime.deps.prisma;
    // 玫瑰家园's lift: maintained on 10 June (due 16 June, on time); the next, due 25 June, never.
    await registerLift(prisma, {
      id: 'eq-test-mgjy',
      compoundId: DEMO_IDS.compound,
      visits: ['2026-06-10T10:00:00'],
    });
    // Taken off the register: its missed maintenance does not count.
    await registerLift(prisma, {
      id: 'eq-test-retired',
      compoundId: DEMO_IDS.compound,
      active: false,
      visits: [],
    });
    // Another firm's lift, kept on time (due 16 June and 26 June): counted for that firm only.
    await registerLift(prisma, {
      id: 'eq-test-yhjy',
      compoundId: 'cmp-yihejiayuan',
      visits: ['2026-06-12T10:00:00', '2026-06-26T10:00:00'],
    });
  }, 240_000);
  afterAll(async () => api?.close());

  let underRules1 = Number.NaN;
  const explanation = (firmId: string) =>
    admin.get<FirmEvaluationView>(`/evaluations/periods/${PERIOD}/firms/${firmId}`);

  it('weighs nothing of it under rule set 1', async () => {
    const computed = await admin.post<ComputeResultView>('/evaluations/periods', { period: PERIOD });
    expect(computed.status, JSON.stringify(computed.body)).toBe(200);
    expect(computed.body.period.ruleVersion).toBe(1);
    // The seed's matters rank the firm; the lift is gathered but rule set 1 does not weigh it.
    const own = await explanation(DEMO_IDS.firm);
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect(own.body.components.map((c) => c.component)).not.toContain('maintenanceOnTime');
    const row = await api.runtime.deps.prisma.firmEvaluation.findUniqueOrThrow({
      where: { periodId_firmId: { periodId: PERIOD, firmId: DEMO_IDS.firm } },
    });
    expect(row.facts).toMatchObject({ maintenanceOnTime: 0.5 });
    underRules1 = own.body.score;
  });

  it('counts the missed maintenance once rule set 2 is drafted and published', async () => {
    const { version: _version, ...rules } = EVALUATION_RULES_2;
    const draft = await admin.post('/evaluations/rules/draft', {
      ...rules,
      basedOn: 1,
      note: '新增设备维保按期率',
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(200);
    const published = await admin.post('/evaluations/rules/publish', { version: 2 });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    const list = await admin.get<EvaluationRuleSetList>('/evaluations/rules');
    expect(list.body.current.rules).toEqual(EVALUATION_RULES_2);

    const computed = await admin.post<ComputeResultView>('/evaluations/periods', { period: PERIOD });
    expect(computed.status, JSON.stringify(computed.body)).toBe(200);
    expect(computed.body.period.ruleVersion).toBe(2);

    const own = await explanation(DEMO_IDS.firm);
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    const part = own.body.components.find((c) => c.component === 'maintenanceOnTime');
    expect(part).toMatchObject({
      value: 0.5,
      weight: 0.05,
      better: 'higher',
      label: { zh: '设备维保按期率', en: 'Equipment maintenance on time' },
      sources: { kind: 'equipment', ids: ['eq-test-mgjy'], count: 1 },
    });
    // Half on time is below the no-points value of 60%.
    expect(part?.points).toBe(0);

    const other = await explanation('firm-anhe');
    expect(other.status, JSON.stringify(other.body)).toBe(200);
    expect(other.body.components.find((c) => c.component === 'maintenanceOnTime')).toMatchObject({
      value: 1,
      points: 100,
      sources: { kind: 'equipment', ids: ['eq-test-yhjy'], count: 1 },
    });
    // The same records score lower once the missed maintenance counts.
    expect(own.body.score).toBeLessThan(underRules1 - 1);
  });
});

// 批量纳入试点 over HTTP, against the real API, a Temporal dev server and a migrated PGlite: a few
// dozen compounds enrolled in one request, never more than BULK_ENROLL_CONCURRENCY starts at once,
// each form answered on its own, and a repeat under the same Idempotency-Key starting nothing.
import { DEMO_COMPOUNDS, DEMO_FIRMS } from '@pilot/db';
import { formatLocalDate } from '@pilot/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiClient, type ApiHarness } from '../test-support/api-harness.js';
import { ASSIGNMENTS, type ErrorBody } from '../test-support/pilot-fixtures.js';
import { expectShape } from '../test-support/response-shape.js';
import { PilotWorkflowGateway } from './pilot-workflow.gateway.js';
import { bulkEnrollResultSchema, type BulkEnrollResult } from './pilot.dto.js';

const CONCURRENCY = 3;

function formFor(compound: (typeof DEMO_COMPOUNDS)[number], startDate: string) {
  const firm = DEMO_FIRMS.find((f) => f.id === compound.firmId)!;
  return {
    firm: { id: firm.id, name: firm.name },
    compound: { id: compound.id, name: compound.name, community: compound.communityId },
    startDate,
    inspectorAssignments: ASSIGNMENTS,
    catalogueVersion: '2026.1',
  };
}

describe('bulk enrollment over HTTP', () => {
  let api: ApiHarness;
  let coordinator: ApiClient;
  let inspector: ApiClient;
  /** Starts the gateway is running right now, and the most it ever ran at once. */
  const starts = { running: 0, peak: 0, calls: 0 };
  const today = formatLocalDate(Date.now());
  const compounds = DEMO_COMPOUNDS.slice(0, 26);

  beforeAll(async () => {
    api = await startApi({ env: { BULK_ENROLL_CONCURRENCY: String(CONCURRENCY) } });
    [coordinator, inspector] = await Promise.all([api.as('coord.wang'), api.as('insp.zhang')]);
    // Watches the API's one door to the workflows, as the bulk route goes through it.
    const gateway = api.app.get(PilotWorkflowGateway);
    const enroll = gateway.enroll.bind(gateway);
    gateway.enroll = async (request) => {
      starts.calls++;
      starts.running++;
      starts.peak = Math.max(starts.peak, starts.running);
      try {
        return await enroll(request);
      } finally {
        starts.running--;
      }
    };
  });
  afterAll(async () => api?.close());

  const enrollments = () => api.runtime.deps.prisma.enrollment.count();
  const batchEntries = () =>
    api.runtime.deps.prisma.auditLog.count({ where: { action: 'enrollment.bulk_create' } });

  it('refuses a malformed form by its position and starts nothing', async () => {
    const forms = compounds.slice(0, 5).map((c) => formFor(c, today));
    const broken = [...forms];
    broken[3] = { ...forms[3]!, startDate: '2025-02-30' };
    const response = await coordinator.post<ErrorBody>('/pilots/bulk', { enrollments: broken });
    expect(response.status).toBe(400);
    expect(response.body.error.issues?.map((issue) => issue.path)).toEqual(['enrollments.3.startDate']);
    expect(response.body.error.issues?.[0]?.message).toContain('（第4项）');
    const tooMany = await coordinator.post<ErrorBody>(
      '/pilots/bulk',
      { enrollments: Array.from({ length: 201 }, () => forms[0]) },
      { 'accept-language': 'en' },
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.issues?.map((issue) => issue.path)).toEqual(['enrollments']);
    expect((await inspector.post('/pilots/bulk', { enrollments: forms })).status).toBe(403);
    expect(await enrollments()).toBe(0);
    expect(starts.calls).toBe(0);
  });

  it('enrolls a few dozen compounds, at most the configured number at once, each form answered', async () => {
    const forms = compounds.map((c) => formFor(c, today));
    // A form for a compound that another firm serves, and the same compound twice.
    const wrongFirm = { ...formFor(compounds[1]!, today), firm: { name: '无名物业' } };
    const body = { enrollments: [...forms, wrongFirm, formFor(compounds[0]!, today)] };
    const started = Date.now();
    const response = await coordinator.post<BulkEnrollResult>('/pilots/bulk', body, {
      'idempotency-key': 'bulk-jinshui-0001',
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expectShape(bulkEnrollResultSchema, response.body);
    console.info(`bulk enrollment of ${forms.length}: ${Date.now() - started} ms, peak ${starts.peak}`);
    expect(starts.peak).toBe(CONCURRENCY);
    expect(starts.calls).toBe(forms.length);

    const result = response.body;
    expect(result).toMatchObject({ requested: 28, created: 26, alreadyEnrolled: 0, refused: 2 });
    expect(result.items.map((item) => item.index)).toEqual([...Array(28).keys()]);
    expect(result.items.slice(0, 26).map((item) => item.outcome)).toEqual(Array(26).fill('created'));
    const [refusedFirm, duplicate] = result.items.slice(26);
    expect(refusedFirm).toMatchObject({ outcome: 'refused', reasons: [] });
    expect(refusedFirm?.outcome === 'refused' && refusedFirm.issues.map((issue) => issue.path)).toEqual([
      'enrollments.26.firm.name',
    ]);
    expect(duplicate).toMatchObject({
      outcome: 'refused',
      compound: { id: compounds[0]!.id },
      reasons: [{ code: 'duplicate_in_request' }],
    });

    // Each pilot exists with its own enrollment entry by the coordinator; the request has one entry.
    expect(await enrollments()).toBe(26);
    const created = await api.runtime.deps.prisma.auditLog.findMany({
      where: { action: 'enrollment.create' },
      select: { actorId: true },
    });
    expect(created).toHaveLength(26);
    expect(new Set(created.map((entry) => entry.actorId))).toEqual(new Set(['usr-coord-wang']));
    const [batch] = await api.runtime.deps.prisma.auditLog.findMany({
      where: { action: 'enrollment.bulk_create' },
    });
    expect(batch).toMatchObject({ actorId: 'usr-coord-wang', entityType: 'enrollment_batch' });
    expect(batch?.after).toMatchObject({ requested: 28, refused: [{ index: 26 }, { index: 27 }] });

    // The same request again under its key: the first answer, and nothing started or recorded.
    const calls = starts.calls;
    const repeat = await coordinator.post<BulkEnrollResult>('/pilots/bulk', body, {
      'idempotency-key': 'bulk-jinshui-0001',
    });
    expect(repeat.status).toBe(200);
    expect(repeat.headers.get('idempotent-replayed')).toBe('true');
    expect(repeat.body).toEqual(result);
    expect(starts.calls).toBe(calls);
    expect(await enrollments()).toBe(26);
    expect(await batchEntries()).toBe(1);
  });

  it('answers compounds enrolled already with their pilots under a new key, starting none', async () => {
    const forms = compounds.slice(0, 10).map((c) => formFor(c, today));
    const response = await coordinator.post<BulkEnrollResult>(
      '/pilots/bulk',
      { enrollments: forms },
      { 'idempotency-key': 'bulk-jinshui-0002' },
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ created: 0, alreadyEnrolled: 10, refused: 0 });
    expect(response.body.items[0]).toMatchObject({
      outcome: 'already_enrolled',
      enrollmentId: `enr-${compounds[0]!.id}`,
    });
    expect(await enrollments()).toBe(26);
    expect(await batchEntries()).toBe(2);
  });
});

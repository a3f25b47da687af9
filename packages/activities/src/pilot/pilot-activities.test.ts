// The pilot activities against real databases (PGlite always, PostgreSQL when TEST_DATABASE_URL is
// set): a retried activity — same workflow run, same activity id — writes nothing twice, and a
// write that fails half-way leaves nothing behind. The activity context comes from the SDK's
// activity test environment; the databases are real.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createAuditSigner,
  createFileStorage,
  deployMigrationsForTest,
  openDatabase,
  seedDemoRecords,
  testTargets,
  type Database,
  type ScratchDatabase,
} from '@pilot/db';
import {
  DEFAULT_PLAN,
  type RecordEnrollmentInput,
  type RecordInspectionInput,
  type TaskRow,
} from '@pilot/domain';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../index.js';

const enrollmentId = 'enr-activities-test';
const compoundId = 'cmp-meiguijiayuan';
const actor = { userId: 'usr-insp-li', role: 'inspector' as const, requestId: null };
const DAY = 24 * 3600 * 1000;
const t0 = Date.UTC(2026, 2, 2, 1);

const enrollment: RecordEnrollmentInput = {
  enrollmentId,
  workflowId: `pilot:${compoundId}`,
  compoundId,
  firmId: 'firm-xiangshun',
  catalogueVersionId: '2026.1',
  startDate: t0,
  plan: DEFAULT_PLAN,
  originEnrollmentId: null,
  stage: 'improvement',
  phase: 'self_inspection',
  assignments: [{ inspectorId: 'usr-insp-li', kinds: ['monthly', 'consolidation'] }],
  actor,
  at: t0,
};

/** One activity execution: a retry is the same run and activity id. */
function execution(activityId: string) {
  const env = new MockActivityEnvironment({
    activityId,
    workflowExecution: { workflowId: `pilot:${compoundId}`, runId: 'run-1' },
  });
  return {
    run: <A extends unknown[], R>(fn: (...args: A) => Promise<R>, ...args: A): Promise<R> =>
      env.run<A, R, typeof fn>(fn, ...args),
  };
}

function task(key: string, kind: TaskRow['kind'], opensAt: number, scope?: TaskRow['scope']): TaskRow {
  return {
    id: `${enrollmentId}:${key}`,
    key,
    kind,
    round: 1,
    opensAt,
    dueAt: opensAt + 7 * DAY,
    remindAt: opensAt + 6 * DAY,
    missedAt: opensAt + 9 * DAY,
    assigneeId: 'usr-insp-li',
    status: 'open',
    ...(scope ? { scope } : {}),
  };
}

describe.each(testTargets())('pilot activities on %s', ({ create }) => {
  let scratch: ScratchDatabase;
  let db: Database;
  let files: string;
  let activities: ReturnType<typeof createActivities>;

  beforeAll(async () => {
    scratch = await create();
    await deployMigrationsForTest(scratch.target);
    db = await openDatabase(scratch.target);
    await seedDemoRecords(db.prisma);
    files = await mkdtemp(path.join(tmpdir(), 'pilot-activities-'));
    activities = createActivities({
      prisma: db.prisma,
      storage: createFileStorage(files),
      audit: createAuditSigner(randomBytes(32), 'test'),
    });
    await execution('enroll').run(activities.recordEnrollment, enrollment);
  });
  afterAll(async () => {
    await db?.close();
    await scratch?.drop();
    if (files) await rm(files, { recursive: true, force: true });
  });

  const audits = (entityId: string) => db.prisma.auditLog.count({ where: { entityId } });

  it('enrolls once however often the activity is retried', async () => {
    await execution('enroll').run(activities.recordEnrollment, enrollment);
    expect(await db.prisma.enrollment.count({ where: { id: enrollmentId } })).toBe(1);
    expect(await db.prisma.inspectorAssignment.count({ where: { enrollmentId } })).toBe(1);
    expect(await audits(enrollmentId)).toBe(1);
  });

  it('schedules a round and its tasks once, keeping a key-part scope', async () => {
    const input = {
      enrollmentId,
      round: {
        id: `${enrollmentId}:r1`,
        number: 1,
        kind: 'consolidation' as const,
        startsAt: t0,
        endsAt: t0 + 90 * DAY,
        focusCategories: ['C' as const],
      },
      tasks: [
        task('r1-monthly-01', 'monthly', t0),
        task('r1-consolidation-01', 'consolidation', t0, { keyParts: ['pump_room', 'lift_machine_room'] }),
      ],
    };
    await execution('schedule').run(activities.scheduleRound, input);
    await execution('schedule').run(activities.scheduleRound, input);
    const rows = await db.prisma.inspectionTask.findMany({
      where: { enrollmentId },
      orderBy: { key: 'asc' },
    });
    expect(rows.map((r) => [r.key, r.scope])).toEqual([
      ['r1-consolidation-01', { keyParts: ['pump_room', 'lift_machine_room'] }],
      ['r1-monthly-01', null],
    ]);
  });

  it('records an inspection with its items, key parts, evidence and rectifications once, in one transaction', async () => {
    const taskId = `${enrollmentId}:r1-consolidation-01`;
    const input: RecordInspectionInput = {
      enrollmentId,
      resultId: `${taskId}:result`,
      taskId,
      catalogueVersionId: '2026.1',
      submittedAt: t0 + DAY,
      score: 80,
      complianceRate: 0.75,
      operationRate: 0.5,
      categoryScores: [{ category: 'C', score: 80 }],
      notes: '巩固检查',
      evidenceIds: ['ev-overview'],
      items: [
        { code: 'C-04', keyPart: 'pump_room', outcome: 'pass', evidenceIds: [] },
        {
          code: 'C-04',
          keyPart: 'lift_machine_room',
          outcome: 'fail',
          note: '机房堆放杂物',
          evidenceIds: ['ev-1'],
        },
        { code: 'C-02', keyPart: 'pump_room', outcome: 'pass', evidenceIds: [] },
        { code: 'C-02', keyPart: 'lift_machine_room', outcome: 'pass', evidenceIds: [] },
      ],
      rectifications: [
        {
          id: `${taskId}:lift_machine_room:C-04`,
          roundId: `${enrollmentId}:r1`,
          standardCode: 'C-04',
          keyPart: 'lift_machine_room',
          finding: '机房堆放杂物',
          severity: 'minor',
          critical: false,
          deadline: t0 + 8 * DAY,
        },
      ],
      actor,
    };
    await execution('inspect').run(activities.recordInspection, input);
    await execution('inspect').run(activities.recordInspection, input);
    const result = await db.prisma.inspectionResult.findUniqueOrThrow({
      where: { id: input.resultId },
      include: { items: { orderBy: [{ keyPart: 'asc' }, { standardCode: 'asc' }] } },
    });
    expect(result.evidenceIds).toEqual(['ev-overview']);
    expect(result.operationRate).toBe(0.5);
    expect(result.items.map((i) => [i.keyPart, i.standardCode, i.outcome])).toEqual([
      ['lift_machine_room', 'C-02', 'pass'],
      ['lift_machine_room', 'C-04', 'fail'],
      ['pump_room', 'C-02', 'pass'],
      ['pump_room', 'C-04', 'pass'],
    ]);
    const rectification = await db.prisma.rectification.findUniqueOrThrow({
      where: { id: input.rectifications[0]!.id },
      include: { events: true },
    });
    expect(rectification).toMatchObject({ keyPart: 'lift_machine_room', status: 'open' });
    expect(rectification.events).toHaveLength(1);
    expect((await db.prisma.inspectionTask.findUniqueOrThrow({ where: { id: taskId } })).status).toBe(
      'submitted',
    );
    expect(await audits(taskId)).toBe(1);

    // A write that fails half-way (a task that does not exist) leaves no result, item or rectification.
    const broken = {
      ...input,
      resultId: `${enrollmentId}:missing:result`,
      taskId: `${enrollmentId}:missing`,
      rectifications: [{ ...input.rectifications[0]!, id: `${enrollmentId}:missing:C-04` }],
    };
    await expect(execution('broken').run(activities.recordInspection, broken)).rejects.toThrow();
    expect(await db.prisma.inspectionResult.count({ where: { id: broken.resultId } })).toBe(0);
    expect(await db.prisma.itemResult.count({ where: { resultId: broken.resultId } })).toBe(0);
    expect(await db.prisma.rectification.count({ where: { id: broken.rectifications[0]!.id } })).toBe(0);
  });

  it('runs 已管控, the answer and the verdict once each, keeping both dates and the evidence', async () => {
    const rectificationId = `${enrollmentId}:r1-consolidation-01:lift_machine_room:C-04`;
    const controlInput = {
      rectificationId,
      controlId: `${rectificationId}:control:0`,
      text: '机房已锁闭，杂物清运中',
      evidenceIds: ['ev-locked'],
      at: t0 + 2 * DAY,
      fromStatus: 'open' as const,
      newDeadline: t0 + 30 * DAY,
      actor: { userId: 'usr-firm-xiangshun', role: 'firm' as const, requestId: null },
    };
    await execution('control').run(activities.recordRectificationControl, controlInput);
    await execution('control').run(activities.recordRectificationControl, controlInput);
    const responseInput = {
      rectificationId,
      responseId: `${rectificationId}:response:1`,
      text: '杂物已清运',
      evidenceIds: ['ev-clean'],
      at: t0 + 3 * DAY,
      fromStatus: 'controlled' as const,
      actor: { userId: 'usr-firm-xiangshun', role: 'firm' as const, requestId: null },
    };
    await execution('respond').run(activities.recordRectificationResponse, responseInput);
    await execution('respond').run(activities.recordRectificationResponse, responseInput);
    const verdict = {
      rectificationId,
      verificationId: `${rectificationId}:verification:1`,
      verdict: 'accept' as const,
      reason: null,
      newDeadline: null,
      at: t0 + 4 * DAY,
      actor,
    };
    await execution('verify').run(activities.recordRectificationVerification, verdict);
    await execution('verify').run(activities.recordRectificationVerification, verdict);
    const row = await db.prisma.rectification.findUniqueOrThrow({
      where: { id: rectificationId },
      include: { events: { orderBy: { at: 'asc' } }, responses: true, verifications: true },
    });
    expect(row.status).toBe('closed');
    expect(row.controlledAt?.getTime()).toBe(t0 + 2 * DAY);
    expect(row.closedAt?.getTime()).toBe(t0 + 4 * DAY);
    expect(row.deadline.getTime()).toBe(t0 + 30 * DAY);
    expect(row.events.map((e) => [e.toStatus, e.evidenceIds])).toEqual([
      ['open', []],
      ['controlled', ['ev-locked']],
      ['responded', ['ev-clean']],
      ['closed', []],
    ]);
    expect(row.responses).toHaveLength(1);
    expect(row.verifications).toHaveLength(1);
    expect(await audits(rectificationId)).toBe(3);
    // All of the pilot's entries are one stream, numbered without gaps.
    const stream = await db.prisma.auditLog.findMany({
      where: { stream: `enrollment:${enrollmentId}` },
      orderBy: { streamSeq: 'asc' },
    });
    expect(stream.map((e) => e.streamSeq)).toEqual(stream.map((_, i) => i + 1));
  });

  it('adds a re-check task and a notice once, and keeps the notice deduplicated by its key', async () => {
    const recheck = task('r1-recheck-lift_machine_room-01', 'recheck', t0 + 4 * DAY, {
      keyParts: ['lift_machine_room'],
    });
    const input = {
      enrollmentId,
      changes: [],
      rectifications: [],
      notifications: [
        {
          dedupeKey: `${recheck.id}:opened`,
          userId: 'usr-insp-li',
          role: null,
          kind: 'info' as const,
          title: '重点部位复查：电梯机房',
          body: '请复查',
        },
      ],
      newTasks: [recheck],
      round: { id: `${enrollmentId}:r1`, keyParts: [] },
      at: t0 + 4 * DAY,
    };
    await execution('recheck').run(activities.applyTaskChanges, input);
    await execution('recheck').run(activities.applyTaskChanges, input);
    expect(await db.prisma.inspectionTask.count({ where: { id: recheck.id } })).toBe(1);
    expect(await db.prisma.notification.count({ where: { dedupeKey: `${recheck.id}:opened` } })).toBe(1);
  });

  it('loads the catalogue without its long texts, and the compound’s features', async () => {
    const catalogue = await execution('catalogue').run(activities.loadCatalogue, '2026.1');
    expect(catalogue.version).toBe('2026.1');
    expect(catalogue.standards).toHaveLength(107);
    expect(catalogue.standards.every((s) => s.requirement === '' && s.method === '')).toBe(true);
    expect(catalogue.keyParts?.length).toBeGreaterThan(0);
    const features = await execution('features').run(activities.loadCompoundFeatures, compoundId);
    expect(features).toEqual(expect.arrayContaining(['lifts', 'fire_control_room']));
    expect(features).not.toContain('septic_tank');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAuditKeyring, verifyAudit } from '@pilot/db';
import { DEFAULT_CATALOGUE, formatLocalDate } from '@pilot/domain';
import { refusalOf, startPilot } from '../client.js';
import { promoteUpdate, startRolloutUpdate } from '../messages.js';
import { actors, DAY, PilotDriver } from '../test-support/pilot-driver.js';
import { createHarness, type Harness } from '../test-support/harness.js';

const compoundId = 'cmp-meiguijiayuan';
/** A non-critical standard on the weekly checklist, to fail once. */
const ordinaryWeeklyCode = DEFAULT_CATALOGUE.weeklyChecklist.find(
  (code) => !DEFAULT_CATALOGUE.standards.find((s) => s.code === code)!.critical,
)!;
const firmId = 'firm-xiangshun';
const inspectors = [
  { inspectorId: 'usr-insp-zhang', kinds: ['concentrated', 'weekly'] as const },
  { inspectorId: 'usr-insp-li', kinds: ['monthly', 'quarterly', 'consolidation'] as const },
];

describe('a complete pilot on the time-skipping server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('time-skipping');
  });
  afterAll(async () => h?.close());

  it('runs enrollment → 全面提升 → 总结巩固 → 全面推广 over two rounds, and leaves the records', async () => {
    const startedAt = Date.now();
    await h.run(async () => {
      const startDate = formatLocalDate((await h.env.currentTimeMs()) + DAY);
      const started = await startPilot(h.env.client, h.taskQueue, {
        compoundId,
        firmId,
        startDate,
        catalogueVersionId: '2024.1',
        inspectorAssignments: inspectors.map((a) => ({ ...a, kinds: [...a.kinds] })),
        enrolledBy: actors.coordinator,
      });
      const again = await startPilot(h.env.client, h.taskQueue, {
        compoundId,
        firmId,
        startDate,
        catalogueVersionId: '2024.1',
        inspectorAssignments: inspectors.map((a) => ({ ...a, kinds: [...a.kinds] })),
        enrolledBy: actors.coordinator,
      });
      expect(again.alreadyEnrolled).toBe(true);
      expect(again.workflowId).toBe(started.workflowId);

      let firstWeekly = true;
      const driver = new PilotDriver(h.env, started.handle, {
        firmId,
        // One ordinary failure in the first weekly check: rejected once, then accepted.
        failuresFor: (task) => {
          if (task.kind === 'weekly' && firstWeekly) {
            firstWeekly = false;
            return [ordinaryWeeklyCode];
          }
          return [];
        },
        verdictFor: (_id, rejections) => (rejections === 0 ? 'reject' : 'accept'),
      });

      const eligible = await driver.until((s) => s.phase === 'eligible');
      if (!eligible.rounds[0]!.passed)
        console.log(
          JSON.stringify(
            eligible.rounds.map((r) => ({ ...r, reasons: r.reasons.map((x) => x.en) })),
            null,
            1,
          ),
        );
      expect(eligible.stage).toBe('rollout');
      expect(eligible.rounds.map((r) => [r.number, r.stage, r.passed])).toEqual([
        [1, 'improvement', true],
        [2, 'consolidation', true],
      ]);
      const simulatedDays = ((await h.env.currentTimeMs()) - startedAt) / DAY;
      expect(simulatedDays).toBeGreaterThan(180);

      // A coordinator may not promote; an admin may.
      const refused = await started.handle
        .executeUpdate(promoteUpdate, { args: [{ actor: actors.coordinator }] })
        .catch((error: unknown) => refusalOf(error));
      expect(refused).toEqual([expect.objectContaining({ code: 'role_not_allowed' })]);
      const promoted = await started.handle.executeUpdate(promoteUpdate, {
        args: [{ actor: actors.admin }],
        updateId: 'promote-1',
      });
      expect(promoted.phase).toBe('demonstration');

      const rollout = await started.handle
        .executeUpdate(startRolloutUpdate, {
          args: [
            {
              actor: actors.coordinator,
              startDate,
              catalogueVersionId: '2024.1',
              targets: [{ compoundId: 'cmp-jinxiuhuayuan', firmId: 'firm-jinxiu' }].slice(0, 0),
              inspectorAssignments: inspectors.map((a) => ({ ...a, kinds: [...a.kinds] })),
            },
          ],
        })
        .catch((error: unknown) => refusalOf(error));
      expect(rollout).toEqual([expect.objectContaining({ code: 'no_targets' })]);

      // Records the pilot leaves behind.
      const p = h.db.prisma;
      const enrollment = await p.enrollment.findUniqueOrThrow({
        where: { id: started.enrollmentId },
        include: { compound: true },
      });
      expect(enrollment.stage).toBe('rollout');
      expect(enrollment.phase).toBe('demonstration');
      expect(enrollment.compound.isDemonstration).toBe(true);
      expect(enrollment.experienceSummary).not.toBeNull();
      const rounds = await p.round.findMany({
        where: { enrollmentId: started.enrollmentId },
        orderBy: { number: 'asc' },
      });
      expect(rounds.map((r) => [r.number, r.kind, r.status, r.passed])).toEqual([
        [1, 'improvement', 'archived', true],
        [2, 'consolidation', 'evaluated', true],
      ]);
      expect(rounds[1]!.focusCategories.length).toBeGreaterThan(0);
      const tasks = await p.inspectionTask.groupBy({
        by: ['status'],
        where: { enrollmentId: started.enrollmentId },
        _count: { _all: true },
      });
      const byStatus = Object.fromEntries(tasks.map((t) => [t.status, t._count._all]));
      expect(byStatus.submitted).toBe(driver.submitted);
      expect(byStatus.missed ?? 0).toBe(0);
      expect(await p.inspectionResult.count({ where: { enrollmentId: started.enrollmentId } })).toBe(
        driver.submitted,
      );
      const rect = await p.rectification.findFirstOrThrow({
        where: { enrollmentId: started.enrollmentId },
        include: { events: { orderBy: { at: 'asc' } }, verifications: true, responses: true },
      });
      expect(rect.status).toBe('closed');
      expect(rect.responses).toHaveLength(2);
      expect(rect.verifications.map((v) => v.verdict).sort()).toEqual(['accept', 'reject']);
      expect(rect.events.map((e) => e.toStatus)).toEqual([
        'open',
        'responded',
        'reopened',
        'responded',
        'closed',
      ]);
      const archive = await p.archive.findFirstOrThrow({ where: { enrollmentId: started.enrollmentId } });
      expect(archive.itemCount).toBeGreaterThan(10);
      expect(await h.storage.exists(archive.storageKey)).toBe(true);
      const audit = await p.auditLog.groupBy({ by: ['action'], _count: { _all: true } });
      const actions = audit.map((a) => a.action);
      expect(actions).toEqual(
        expect.arrayContaining([
          'enrollment.create',
          'inspection.submit',
          'rectification.reject',
          'rectification.accept',
          'round.evaluate',
          'round.archive',
          'compound.promote_demonstration',
        ]),
      );
      expect((await verifyAudit(p, await defaultAuditKeyring())).ok).toBe(true);
      const catalogue = await p.catalogueVersion.findUniqueOrThrow({ where: { id: '2024.1' } });
      expect(catalogue.firstUsedAt).not.toBeNull();

      // Histories stay bounded: continue-as-new at every round boundary.
      let largest = 0;
      for (const runId of driver.runIds) {
        const history = await h.env.client.workflow.getHandle(started.workflowId, runId).fetchHistory();
        largest = Math.max(largest, history.events?.length ?? 0);
      }
      expect(driver.runIds.size).toBeGreaterThanOrEqual(3);
      console.log(
        `full pilot: ${driver.runIds.size} runs, largest history ${largest} events, ${driver.submitted} inspections`,
      );
      expect(largest).toBeLessThan(5000);
    });
    expect(Date.now() - startedAt).toBeLessThan(120_000);
  });
});

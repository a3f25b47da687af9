// The pilot on a real Temporal dev server (real time, real update machinery), with the plan
// compressed so a three-month round lasts about three minutes. Every wait below is derived from
// the schedule the workflow reports, never from constants.
import type { PilotSnapshot, SnapshotTask } from '@pilot/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checklistFor, DEFAULT_CATALOGUE, defaultSeverity, formatLocalDate } from '@pilot/domain';
import { startPilot } from '../client.js';
import { pauseUpdate, resumeUpdate, submitInspectionUpdate } from '../messages.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { actors, DAY, demo, itemsFor, PilotDriver, refusedCodes } from '../test-support/pilot-driver.js';

/** 40 000×: a day of the plan lasts 2.16 s, a three-month round about 3¼ minutes. */
const TIME_SCALE = 40_000;
/** A minor, pass/fail standard of the concentrated checklist, failed once to open a rectification. */
const minorCode = checklistFor(DEFAULT_CATALOGUE, 'concentrated').find(
  (s) => defaultSeverity(s) === 'minor' && s.scoring.mode !== 'graded',
)!.code;

async function waitFor(
  driver: PilotDriver,
  done: (snap: PilotSnapshot) => boolean,
  untilMs: number,
): Promise<PilotSnapshot> {
  for (;;) {
    const snap = await driver.snapshot();
    if (done(snap)) return snap;
    if (Date.now() > untilMs) throw new Error(`condition not reached by ${new Date(untilMs).toISOString()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('a compressed pilot on the dev server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('dev-server');
  });
  afterAll(async () => h?.close());

  it('enrolls, takes submissions and a rectification loop, pauses and resumes in real time', async () => {
    const wallStart = Date.now();
    await h.run(async () => {
      const enrolledAt = Date.now();
      const started = await startPilot(h.env.client, h.taskQueue, {
        compoundId: demo.compoundId,
        firmId: demo.firmId,
        // Today: a compressed pilot whose start day has begun starts at enrollment.
        startDate: formatLocalDate(enrolledAt),
        catalogueVersionId: demo.catalogueVersionId,
        inspectorAssignments: demo.assignments(),
        planOverrides: { timeScale: TIME_SCALE },
        enrolledBy: actors.coordinator,
      });
      const driver = new PilotDriver(h.env, started.handle, { firmId: demo.firmId });
      const handle = started.handle;
      const p = h.db.prisma;

      // The self-inspection opens at the start; the special checks wait for the concentrated
      // inspection (自查自纠 → 集中检查 → 周、月、季专项检查).
      const first = await waitFor(
        driver,
        (s) => s.openTasks.some((t) => t.kind === 'self'),
        Date.now() + 10_000,
      );
      const round = first.currentRound!;
      expect(round.startsAt).toBeGreaterThanOrEqual(enrolledAt);
      const roundMs = round.endsAt - round.startsAt;
      expect(roundMs).toBeGreaterThan((89 * DAY) / TIME_SCALE);
      expect(roundMs).toBeLessThan((93 * DAY) / TIME_SCALE);
      const self = first.openTasks.find((t) => t.kind === 'self')!;
      const firstConcentrated = first.upcomingTasks.find((t) => t.kind === 'concentrated')!;
      const firstMonthly = first.upcomingTasks.find((t) => t.kind === 'monthly')!;
      expect(first.openTasks.map((t) => t.kind)).toEqual(['self']);
      expect(firstMonthly.opensAt).toBeGreaterThanOrEqual(firstConcentrated.dueAt);
      // Submitted well before its compressed due time.
      expect(Date.now()).toBeLessThan(self.remindAt);
      await driver.submitTask(self, first);

      const opening = await driver.snapshot();
      expect(opening.phase).toBe('concentrated_inspection');
      const concentrated = opening.upcomingTasks.find((t) => t.kind === 'concentrated')!;
      const openDeadlines = (s: PilotSnapshot): SnapshotTask[] => [...s.openTasks, ...s.upcomingTasks];

      // Pause for a moment of real time: the compressed clock stops with it.
      await handle.executeUpdate(pauseUpdate, { args: [{ actor: actors.coordinator, reason: '临时暂停' }] });
      const paused = await driver.snapshot();
      expect(paused.paused).toBe(true);
      expect(
        await refusedCodes(
          handle.executeUpdate(submitInspectionUpdate, {
            args: [{ actor: actors.inspector('usr-insp-zhang'), taskId: concentrated.id, items: [] }],
          }),
        ),
      ).toEqual(['pilot_paused']);
      await new Promise((r) => setTimeout(r, 1500));
      await handle.executeUpdate(resumeUpdate, { args: [{ actor: actors.coordinator }] });
      const resumeEntry = await p.auditLog.findFirstOrThrow({ where: { action: 'pilot.resume' } });
      const pausedMs = (resumeEntry.after as { pausedMs: number }).pausedMs;
      expect(pausedMs).toBeGreaterThanOrEqual(1500);
      const resumed = await driver.snapshot();
      expect(resumed.currentRound!.endsAt).toBe(round.endsAt + pausedMs);
      for (const task of openDeadlines(paused)) {
        const now = openDeadlines(resumed).find((t) => t.id === task.id)!;
        expect(now.dueAt, task.key).toBe(task.dueAt + pausedMs);
      }
      const dbConcentrated = await p.inspectionTask.findUniqueOrThrow({ where: { id: concentrated.id } });
      expect(dbConcentrated.dueAt.getTime()).toBe(concentrated.dueAt + pausedMs);
      expect((await p.round.findUniqueOrThrow({ where: { id: round.id } })).endsAt.getTime()).toBe(
        round.endsAt + pausedMs,
      );

      // The concentrated inspection opens at its (shifted) time; doing it starts the round proper.
      const shiftedOpen = concentrated.opensAt + pausedMs;
      const ready = await waitFor(
        driver,
        (s) => s.openTasks.some((t) => t.id === concentrated.id),
        shiftedOpen + 5_000,
      );
      expect(Date.now()).toBeGreaterThanOrEqual(shiftedOpen);
      // Done with one minor finding: a rectification loop, answered and accepted in real time.
      const concentratedResult = await handle.executeUpdate(submitInspectionUpdate, {
        args: [
          {
            actor: actors.inspector(concentrated.assigneeId!),
            taskId: concentrated.id,
            items: itemsFor(concentrated, ready, [minorCode]),
          },
        ],
        updateId: `submit:${concentrated.id}`,
      });
      expect(concentratedResult.rectifications).toHaveLength(1);
      const item = concentratedResult.rectifications[0]!;
      expect(item.deadline).toBeGreaterThan(Date.now());
      const responded = await driver.respondTo({ id: item.id, responses: 0 });
      expect(responded.status).toBe('responded');
      const verified = await driver.verify({ id: item.id, responses: 1 }, 'accept', 'usr-insp-zhang');
      expect(verified.status).toBe('closed');
      const running = await driver.snapshot();
      expect(running.phase).toBe('improvement_round');
      expect(running.rounds).toEqual([]);

      // Then the first monthly check opens, and is done.
      const monthlyOpen = await waitFor(
        driver,
        (s) => s.openTasks.some((t) => t.kind === 'monthly'),
        firstMonthly.opensAt + pausedMs + 5_000,
      );
      expect(Date.now()).toBeGreaterThanOrEqual(firstMonthly.opensAt + pausedMs);
      await driver.submitTask(
        monthlyOpen.openTasks.find((t) => t.kind === 'monthly')!,
        monthlyOpen,
      );

      // ── the records ──
      const enrollment = await p.enrollment.findUniqueOrThrow({ where: { id: started.enrollmentId } });
      expect(enrollment).toMatchObject({ phase: 'improvement_round', status: 'active' });
      expect((enrollment.plan as { timeScale: number }).timeScale).toBe(TIME_SCALE);
      expect(enrollment.startDate.getTime()).toBe(round.startsAt);
      expect(await p.inspectionResult.count({ where: { enrollmentId: started.enrollmentId } })).toBe(3);
      expect((await p.rectification.findUniqueOrThrow({ where: { id: item.id } })).status).toBe('closed');
      expect(
        await p.inspectionTask.count({ where: { enrollmentId: started.enrollmentId, status: 'missed' } }),
      ).toBe(0);
      const actions = (await p.auditLog.findMany({ orderBy: { seq: 'asc' } })).map((e) => e.action);
      expect(actions).toEqual(
        expect.arrayContaining([
          'enrollment.create',
          'inspection.submit',
          'rectification.respond',
          'rectification.accept',
          'pilot.pause',
          'pilot.resume',
        ]),
      );
    });
    expect(Date.now() - wallStart).toBeLessThan(60_000);
  });
});

// Records the replay fixtures in workflows/test/histories/: RECORD_HISTORIES=1 (or
// `pnpm --filter @pilot/workflows record-histories`) records every scenario, RECORD_HISTORIES=withdrawn,…
// only the ones named; the index keeps the others. Skipped when the variable is not set.
//
// When to record: for a new scenario (record just that one), or after a change that is *meant* to
// break compatibility with running pilots — i.e. none are running: before the first deployment, or
// once all were migrated. Never to make replay.test.ts pass after a change that must stay
// compatible: such a change goes behind `patched()` and the old fixtures stay, since they are
// exactly what catches the nondeterminism.
//
// The runs use one-month rounds and the fixtures leave out payloads replay never reads (see
// withoutUnreadPayloads), which keeps them at about 0.55 MB instead of 2 MB.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildRoundSchedule,
  CALENDAR_RELEASE_1,
  CATALOGUE_2026_1,
  calendarReleaseRef,
  DEFAULT_CATALOGUE,
  resolvePlan,
} from '@pilot/domain';
import { appendAudit, defaultAuditKeyring } from '@pilot/db';
import { ensureAuditAnchor, startPilot, type StartedPilot } from './client.js';
import {
  AUDIT_ANCHOR_WORKFLOW_ID,
  adoptCalendarUpdate,
  anchorsQuery,
  checkpointNowUpdate,
  controlRectificationUpdate,
  enrollmentRecordedUpdate,
  pauseUpdate,
  promoteUpdate,
  resumeUpdate,
  startRolloutUpdate,
  withdrawUpdate,
} from './messages.js';
import { releaseWith2027 } from './test-support/calendar-2027.js';
import { createHarness, type Harness } from './test-support/harness.js';
import { runChain, saveHistories, writeIndex, type FixtureEntry } from './test-support/histories.js';
import {
  actors,
  checklistCodes,
  DAY,
  demo,
  nextLocalWeekday,
  PilotDriver,
  startDateIn,
} from './test-support/pilot-driver.js';

const wanted = process.env.RECORD_HISTORIES ?? '';
const SCENARIOS = [
  'full-pilot',
  'withdrawn',
  'paused-resumed',
  'key-parts',
  'audit-anchor',
  'spread-wake-ups',
  'calendar-adoption',
] as const;
const selected = SCENARIOS.filter((s) => wanted === '1' || wanted === 'all' || wanted.split(',').includes(s));
const FIXTURE_PLAN = { roundMonths: 1 };

const ordinaryWeeklyCode = DEFAULT_CATALOGUE.weeklyChecklist.find(
  (code) => !DEFAULT_CATALOGUE.standards.find((s) => s.code === code)!.critical,
)!;

describe.skipIf(selected.length === 0)('record replay fixtures', () => {
  let h: Harness;
  const entries: FixtureEntry[] = [];
  beforeAll(async () => {
    h = await createHarness('time-skipping');
  });
  afterAll(async () => {
    if (entries.length > 0) await writeIndex(entries);
    await h?.close();
  });

  /**
   * Each scenario pilots a different compound of 祥顺物业, so they can share one server. Rounds of
   * one month keep the fixtures small (every run also carries the 107-standard catalogue): the
   * command sequence has the same shape as with three-month rounds, only fewer inspections.
   */
  async function start(compoundId: string, startDate?: string): Promise<StartedPilot> {
    return startPilot(h.env.client, h.taskQueue, {
      compoundId,
      firmId: demo.firmId,
      startDate: startDate ?? (await startDateIn(h.env)),
      catalogueVersionId: demo.catalogueVersionId,
      inspectorAssignments: demo.assignments(),
      planOverrides: FIXTURE_PLAN,
      enrolledBy: actors.coordinator,
    });
  }

  async function save(
    scenario: string,
    started: Pick<StartedPilot, 'workflowId'>,
    runs?: number,
  ): Promise<void> {
    const chain = await runChain(h.env.client, started.workflowId);
    const saved = await saveHistories(h.env.client, scenario, started.workflowId, chain.slice(0, runs));
    entries.push(...saved);
    console.log(saved.map((e) => `${e.file}: ${e.events} events`).join('\n'));
  }

  /** Full pilot: two rounds, a rejected then accepted rectification, promotion and a rollout. */
  async function fullPilot(): Promise<void> {
    const started = await start(demo.compoundId);
    let firstWeekly = true;
    const driver = new PilotDriver(h.env, started.handle, {
      firmId: demo.firmId,
      failuresFor: (task) => {
        if (task.kind !== 'weekly' || !firstWeekly) return [];
        firstWeekly = false;
        return [ordinaryWeeklyCode];
      },
      verdictFor: (_id, rejections) => (rejections === 0 ? 'reject' : 'accept'),
    });
    await driver.until((s) => s.phase === 'eligible');
    await started.handle.executeUpdate(promoteUpdate, { args: [{ actor: actors.admin }] });
    await started.handle.executeUpdate(startRolloutUpdate, {
      args: [
        {
          actor: actors.coordinator,
          startDate: await startDateIn(h.env),
          catalogueVersionId: demo.catalogueVersionId,
          targets: [{ compoundId: 'cmp-jinguiyuan', firmId: 'firm-jinrun' }],
          inspectorAssignments: demo.assignments(),
        },
      ],
    });
    await save('full-pilot', started);
  }

  /** Withdrawn: withdrawn early, with open tasks and an open rectification from the self-inspection. */
  async function withdrawn(): Promise<void> {
    const started = await start('cmp-jinshuihuayuan');
    const driver = new PilotDriver(h.env, started.handle, {
      firmId: demo.firmId,
      submit: (task) => task.kind === 'self',
      failuresFor: () => checklistCodes('self').slice(0, 1),
      respond: () => false,
    });
    await driver.until((s) => s.phase === 'concentrated_inspection' && s.openRectifications.length === 1);
    await started.handle.executeUpdate(withdrawUpdate, {
      args: [{ actor: actors.coordinator, reason: '企业退出试点' }],
    });
    expect((await started.handle.result()).stage).toBe('withdrawn');
    await save('withdrawn', started);
  }

  /**
   * Paused-resumed: paused before round 1 ends, resumed 20 days later, the round evaluated at its
   * shifted end. Started on a Sunday with the firm's self-inspection left to be missed after the
   * concentrated inspection was done, so the run also takes the patched path of that case.
   */
  async function pausedResumed(): Promise<void> {
    const started = await start('cmp-lijingyuan', await nextLocalWeekday(h.env, 0));
    const driver = new PilotDriver(h.env, started.handle, {
      firmId: demo.firmId,
      submit: (task) => task.kind !== 'self',
    });
    const first = await driver.snapshot();
    const schedule = buildRoundSchedule(resolvePlan(FIXTURE_PLAN), first.currentRound!.startsAt, 1, {
      stage: 'improvement',
      includeOpening: true,
    });
    await driver.untilTime(schedule.window.endMs - 3 * DAY);
    await started.handle.executeUpdate(pauseUpdate, {
      args: [{ actor: actors.coordinator, reason: '暂停' }],
    });
    await driver.sleepUntil((await driver.now()) + 20 * DAY);
    await started.handle.executeUpdate(resumeUpdate, { args: [{ actor: actors.coordinator }] });
    const evaluated = await driver.until((s) => s.rounds.length === 1);
    expect(evaluated.rounds[0]!.passed).toBe(true);
    // Run 1 holds the pause, the resume and the round boundary.
    await save('paused-resumed', started, 1);
  }

  /**
   * Key parts (2026.1): enrolled the way the API does (start, then the enrollment Update), the
   * special checks after the concentrated inspection, a lift overdue for inspection controlled
   * (已管控) and fixed, and in round 2 a failed key part re-checked; runs until eligible.
   */
  async function keyParts(): Promise<void> {
    const started = await startPilot(h.env.client, h.taskQueue, {
      compoundId: 'cmp-jinxiuhuafu',
      firmId: demo.firmId,
      startDate: await startDateIn(h.env),
      catalogueVersionId: '2026.1',
      inspectorAssignments: demo.assignments(),
      planOverrides: FIXTURE_PLAN,
      enrolledBy: actors.coordinator,
    });
    await started.handle.executeUpdate(enrollmentRecordedUpdate, { args: [] });
    let controlled = false;
    let failedPart = false;
    const driver = new PilotDriver(h.env, started.handle, {
      firmId: demo.firmId,
      catalogue: CATALOGUE_2026_1,
      failuresFor: (task) => {
        if (task.kind === 'concentrated') return ['C-05'];
        if (task.kind === 'consolidation' && !failedPart) {
          failedPart = true;
          return ['lift_machine_room/C-02'];
        }
        return [];
      },
      respond: (item) => item.standardCode !== 'C-05' || controlled,
    });
    const hazard = await driver.until((s) => s.openRectifications.some((r) => r.standardCode === 'C-05'));
    await started.handle.executeUpdate(controlRectificationUpdate, {
      args: [
        {
          actor: actors.firm(demo.firmId),
          rectificationId: hazard.openRectifications.find((r) => r.standardCode === 'C-05')!.id,
          text: '电梯已停用并张贴告示，签字确认。',
          evidenceIds: ['ev-stop-notice'],
        },
      ],
    });
    controlled = true;
    const eligible = await driver.until((s) => s.phase === 'eligible');
    expect(eligible.rounds[1]!.keyParts.some((part) => part.rechecks > 0)).toBe(true);
    await save('key-parts', started);
  }

  /**
   * Spread wake-ups (2026.1 by reference): another firm's compound, its self-inspection left to be
   * missed, the concentrated inspection submitted after it opened but before the run woke to open
   * it, and the round run to its evaluation — every path the spread changed.
   */
  async function spreadWakeUps(): Promise<void> {
    const started = await startPilot(h.env.client, h.taskQueue, {
      compoundId: 'cmp-donghuyayuan',
      firmId: 'firm-jinrun',
      startDate: await startDateIn(h.env),
      catalogueVersionId: '2026.1',
      inspectorAssignments: demo.assignments(),
      planOverrides: { ...FIXTURE_PLAN, wakeSpreadMinutes: 120 },
      enrolledBy: actors.coordinator,
    });
    await started.handle.executeUpdate(enrollmentRecordedUpdate, { args: [] });
    const driver = new PilotDriver(h.env, started.handle, {
      firmId: 'firm-jinrun',
      catalogue: CATALOGUE_2026_1,
      submit: (task) => task.kind !== 'self',
    });
    const first = await driver.snapshot();
    expect(first.wakeOffsetMs).toBeGreaterThan(0);
    const concentrated = first.upcomingTasks.find((t) => t.kind === 'concentrated')!;
    await driver.sleepUntil(concentrated.opensAt + Math.floor(first.wakeOffsetMs / 2));
    await driver.submitTask(concentrated, await driver.snapshot());
    const evaluated = await driver.until((s) => s.rounds.length === 1);
    expect(evaluated.rounds[0]!.number).toBe(1);
    await save('spread-wake-ups', started, 1);
  }

  /**
   * Calendar adoption: enrolled on calendar release 1 (2024–2026, by reference), the pilot adopts
   * release 2 — 2027 added, with test days (2027 is not announced) — before its checks open; its
   * monthly check moves off New Year's Day 2027, and the round runs to its evaluation.
   */
  async function calendarAdoption(): Promise<void> {
    const started = await startPilot(h.env.client, h.taskQueue, {
      compoundId: 'cmp-binhexiaoqu',
      firmId: 'firm-jinrun',
      startDate: await startDateIn(h.env),
      catalogueVersionId: '2026.1',
      inspectorAssignments: demo.assignments(),
      planOverrides: FIXTURE_PLAN,
      enrolledBy: actors.coordinator,
      calendar: calendarReleaseRef(CALENDAR_RELEASE_1),
    });
    await started.handle.executeUpdate(enrollmentRecordedUpdate, { args: [] });
    const adopted = await started.handle.executeUpdate(adoptCalendarUpdate, {
      args: [{ actor: actors.admin, release: calendarReleaseRef({ version: 2, ...releaseWith2027() }) }],
    });
    expect(adopted).toMatchObject({ version: 2, previousVersion: 1 });
    expect(adopted.moved.length).toBeGreaterThan(0);
    const driver = new PilotDriver(h.env, started.handle, {
      firmId: 'firm-jinrun',
      catalogue: CATALOGUE_2026_1,
    });
    const evaluated = await driver.until((s) => s.rounds.length === 1);
    expect(evaluated.rounds[0]!.number).toBe(1);
    await save('calendar-adoption', started, 1);
  }

  /** The audit anchor: two checkpoints on its interval, one on demand, one with nothing to do. */
  async function auditAnchor(): Promise<void> {
    const { signer } = await defaultAuditKeyring();
    const append = (stream: string) =>
      h.db.prisma.$transaction((tx) =>
        appendAudit(tx, signer, {
          stream,
          action: 'task.missed',
          entityType: 'inspection_task',
          entityId: stream,
        }),
      );
    await ensureAuditAnchor(h.env.client, h.taskQueue, 10);
    const handle = h.env.client.workflow.getHandle(AUDIT_ANCHOR_WORKFLOW_ID);
    await append('enrollment:fixture-a');
    await h.env.sleep(11 * 60_000);
    await append('enrollment:fixture-b');
    await h.env.sleep(10 * 60_000);
    await handle.executeUpdate(checkpointNowUpdate, { args: [] });
    await append('enrollment:fixture-a');
    await handle.executeUpdate(checkpointNowUpdate, { args: [] });
    await h.env.sleep(10 * 60_000);
    expect((await handle.query(anchorsQuery)).length).toBeGreaterThanOrEqual(3);
    await save('audit-anchor', { workflowId: AUDIT_ANCHOR_WORKFLOW_ID });
  }

  it('records every scenario against one server (a worker runs once)', async () => {
    await h.run(async () => {
      const recorders = {
        'full-pilot': fullPilot,
        withdrawn,
        'paused-resumed': pausedResumed,
        'key-parts': keyParts,
        'audit-anchor': auditAnchor,
        'spread-wake-ups': spreadWakeUps,
        'calendar-adoption': calendarAdoption,
      };
      for (const scenario of selected) await recorders[scenario]();
    });
  }, 600_000);
});

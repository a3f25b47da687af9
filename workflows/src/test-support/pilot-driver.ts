// Plays the people of a pilot against a running workflow: the firm, the inspectors, the coordinator
// and the admin, each through the same Updates the API uses.
import {
  checklistFor,
  DEFAULT_CATALOGUE,
  taskChecklist,
  formatLocalDate,
  localDateParts,
  type Actor,
  type CatalogueVersion,
  type CategoryCode,
  type PilotInput,
  type PilotSnapshot,
  type Reason,
  type RectificationUpdateResult,
  type SnapshotRectification,
  type SnapshotTask,
  type SubmitInspectionResult,
  type SubmittedItem,
} from '@pilot/domain';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { refusalOf, startPilot, type StartedPilot } from '../client.js';
import {
  respondRectificationUpdate,
  snapshotQuery,
  submitInspectionUpdate,
  verifyRectificationUpdate,
} from '../messages.js';
import type { pilotWorkflow } from '../pilot/pilot.workflow.js';
import type { Harness } from './harness.js';

export const DAY = 24 * 3600 * 1000;
export const HOUR = 3600 * 1000;

export const actors = {
  coordinator: { userId: 'usr-coord-wang', role: 'coordinator' } satisfies Actor,
  admin: { userId: 'usr-admin-jinshui', role: 'admin' } satisfies Actor,
  firm: (firmId: string): Actor => ({ userId: `usr-${firmId}`, role: 'firm', firmId }),
  inspector: (userId: string): Actor => ({ userId, role: 'inspector' }),
};

/** The demo pilot of the seed: 玫瑰家园, served by 祥顺物业, two inspectors sharing the kinds. */
export const demo = {
  compoundId: 'cmp-meiguijiayuan',
  firmId: 'firm-xiangshun',
  catalogueVersionId: '2024.1',
  assignments: () => [
    { inspectorId: 'usr-insp-zhang', kinds: ['concentrated' as const, 'weekly' as const] },
    {
      inspectorId: 'usr-insp-li',
      kinds: ['monthly' as const, 'quarterly' as const, 'consolidation' as const],
    },
  ],
};

/** The local date `days` after the server's current time (the harness clock, not the wall clock). */
export async function startDateIn(env: TestWorkflowEnvironment, days = 1): Promise<string> {
  return formatLocalDate((await env.currentTimeMs()) + days * DAY);
}

/** The first local date at least `minDays` ahead that falls on `weekday` (0 = Sunday). */
export async function nextLocalWeekday(
  env: TestWorkflowEnvironment,
  weekday: number,
  minDays = 1,
): Promise<string> {
  const now = await env.currentTimeMs();
  for (let days = minDays; ; days++) {
    if (localDateParts(now + days * DAY).weekday === weekday) return formatLocalDate(now + days * DAY);
  }
}

/**
 * Item results for a task, as the pilot's snapshot says it asks them (key parts, applicability):
 * every item passes except the failures, given as a standard code (at every part) or `part/code`.
 */
export function itemsFor(
  task: Pick<SnapshotTask, 'kind' | 'scope'>,
  snap: Pick<PilotSnapshot, 'currentRound' | 'features'> | CategoryCode[],
  failures: string[] = [],
  catalogue: CatalogueVersion = DEFAULT_CATALOGUE,
): SubmittedItem[] {
  const round = Array.isArray(snap)
    ? { focusCategories: snap }
    : { focusCategories: snap.currentRound?.focusCategories ?? [], keyParts: snap.currentRound?.keyParts };
  const features = Array.isArray(snap) ? null : snap.features;
  const checklist = taskChecklist(catalogue, task, round, features);
  return checklist.entries.map(({ keyPart, standard }) => {
    const fail =
      failures.includes(standard.code) ||
      (keyPart !== null && failures.includes(`${keyPart}/${standard.code}`));
    const at = keyPart ? { keyPart } : {};
    if (standard.scoring.mode === 'graded') {
      return fail
        ? { code: standard.code, ...at, outcome: 'fail', score: 0, note: '现场检查不合格' }
        : { code: standard.code, ...at, outcome: 'pass', score: standard.scoring.max };
    }
    return fail
      ? { code: standard.code, ...at, outcome: 'fail', note: '现场检查不合格', evidenceIds: ['ev-photo-1'] }
      : { code: standard.code, ...at, outcome: 'pass' };
  });
}

/** Standard codes of a task's checklist (for choosing failures). */
export function checklistCodes(kind: SnapshotTask['kind'], focus: CategoryCode[] = []): string[] {
  return checklistFor(DEFAULT_CATALOGUE, kind, { focusCategories: focus }).map((s) => s.code);
}

/** Runs a request that should be refused and returns the refusal's reason codes (fails if it was not refused). */
export async function refusedCodes(request: Promise<unknown>): Promise<string[]> {
  const reasons: Reason[] | null = await request.then(
    () => {
      throw new Error('expected the update to be refused, but it was accepted');
    },
    (error: unknown) => {
      const found = refusalOf(error);
      if (found === null) throw error;
      return found;
    },
  );
  return reasons.map((r) => r.code);
}

export interface DriverOptions {
  firmId: string;
  /** Decide the failures of each submitted task; default: none. */
  failuresFor?: (task: SnapshotTask, snapshot: PilotSnapshot) => string[];
  /** Whether to submit a task now (false lets it run late and be missed); `now` is server time. */
  submit?: (task: SnapshotTask, snapshot: PilotSnapshot, now: number) => boolean;
  /** Whether the firm answers an open rectification now; default: always. */
  respond?: (item: SnapshotRectification, snapshot: PilotSnapshot, now: number) => boolean;
  /** Verdict on a responded rectification; default: accept. */
  verdictFor?: (rectificationId: string, rejectionsSoFar: number) => 'accept' | 'reject';
  /** The pilot's catalogue version, whose checklists the people fill in; default 2024.1. */
  catalogue?: CatalogueVersion;
  /** Further instants `advance` must stop at (e.g. just after a due time), besides the schedule's own. */
  stopsAt?: (snapshot: PilotSnapshot) => number[];
}

export class PilotDriver {
  readonly runIds = new Set<string>();
  submitted = 0;
  /** Every accepted submission by task id, as the workflow answered it. */
  readonly results = new Map<string, SubmitInspectionResult>();

  constructor(
    private readonly env: TestWorkflowEnvironment,
    readonly handle: WorkflowHandle<typeof pilotWorkflow>,
    private readonly options: DriverOptions,
  ) {}

  now(): Promise<number> {
    return this.env.currentTimeMs();
  }

  /** The workflow answers queries once its first task has run; until then the server says so. */
  async snapshot(): Promise<PilotSnapshot> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.handle.query(snapshotQuery);
      } catch (error) {
        const text = `${String(error)} ${String((error as { cause?: unknown }).cause)}`;
        if (attempt > 50 || !text.includes('did not register a handler')) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  /** The run currently answering, remembered so tests can count continue-as-new boundaries. */
  async currentRunId(): Promise<string> {
    const runId = (await this.handle.describe()).runId;
    this.runIds.add(runId);
    return runId;
  }

  async submitTask(task: SnapshotTask, snap: PilotSnapshot, updateId = `submit:${task.id}`) {
    const actor =
      task.kind === 'self' ? actors.firm(this.options.firmId) : actors.inspector(task.assigneeId!);
    const result = await this.handle.executeUpdate(submitInspectionUpdate, {
      args: [
        {
          actor,
          taskId: task.id,
          items: itemsFor(task, snap, this.options.failuresFor?.(task, snap) ?? [], this.options.catalogue),
        },
      ],
      updateId,
    });
    this.results.set(task.id, result);
    this.submitted++;
    return result;
  }

  respondTo(item: Pick<SnapshotRectification, 'id' | 'responses'>): Promise<RectificationUpdateResult> {
    return this.handle.executeUpdate(respondRectificationUpdate, {
      args: [
        {
          actor: actors.firm(this.options.firmId),
          rectificationId: item.id,
          text: '已按要求完成整改，附整改后照片。',
          evidenceIds: ['ev-after-1'],
        },
      ],
      updateId: `respond:${item.id}:${item.responses + 1}`,
    });
  }

  verify(
    item: Pick<SnapshotRectification, 'id' | 'responses'>,
    decision: 'accept' | 'reject',
    inspectorId: string,
  ): Promise<RectificationUpdateResult> {
    return this.handle.executeUpdate(verifyRectificationUpdate, {
      args: [
        {
          actor: actors.inspector(inspectorId),
          rectificationId: item.id,
          decision,
          ...(decision === 'reject' ? { reason: '整改不到位，请补充记录。' } : {}),
        },
      ],
      updateId: `verify:${item.id}:${item.responses}`,
    });
  }

  /** Does everything people would do right now: submit open tasks, answer and verify rectifications. */
  async actNow(): Promise<PilotSnapshot> {
    let snap = await this.snapshot();
    await this.currentRunId();
    const now = await this.now();
    for (const task of snap.openTasks) {
      if (task.status !== 'open' || task.missedAt <= now) continue;
      if (this.options.submit && !this.options.submit(task, snap, now)) continue;
      // A person who arrives just as the grace ends is told the task closed; so is the driver.
      await this.submitTask(task, snap).catch((error: unknown) => {
        if (!refusalOf(error)?.some((r) => r.code === 'task_closed')) throw error;
      });
    }
    snap = await this.snapshot();
    for (const item of snap.openRectifications) {
      if (item.status !== 'open' && item.status !== 'reopened' && item.status !== 'controlled') continue;
      if (this.options.respond && !this.options.respond(item, snap, now)) continue;
      await this.respondTo(item);
    }
    snap = await this.snapshot();
    for (const item of snap.openRectifications) {
      if (item.status !== 'responded') continue;
      const decision = this.options.verdictFor?.(item.id, item.rejections) ?? 'accept';
      await this.verify(item, decision, snap.assignments[0]!.inspectorId);
    }
    return this.snapshot();
  }

  /**
   * Skips workflow time to the next moment something happens (a task opens or is missed, a
   * deadline, the round end, an extra stop), never past `limit`.
   */
  async advance(snap: PilotSnapshot, limit = Number.POSITIVE_INFINITY): Promise<void> {
    const now = await this.now();
    const candidates = [
      ...snap.upcomingTasks.map((t) => t.opensAt),
      ...snap.openTasks.map((t) => t.missedAt),
      ...snap.openRectifications.map((r) => r.deadline),
      ...(this.options.stopsAt?.(snap) ?? []),
      snap.currentRound?.endsAt ?? Number.POSITIVE_INFINITY,
    ].filter((t) => t > now);
    const next = Math.min(...candidates, now + 7 * DAY);
    // The pilot acts on a due time its wake offset later (错峰). The extra second lets the timers
    // fire and their activities finish: the time-skipping server does not move its clock while
    // workflow or activity tasks are in flight.
    const target = Math.min(next + snap.wakeOffsetMs + 1000, limit);
    await this.env.sleep(Math.max(1000, target - now));
  }

  /** Sleeps (skips) server time until `at`. */
  async sleepUntil(at: number): Promise<void> {
    const now = await this.now();
    if (at > now) await this.env.sleep(at - now);
  }

  /** Acts and advances until the predicate holds on a snapshot, or the step budget runs out. */
  async until(done: (snap: PilotSnapshot) => boolean, maxSteps = 400): Promise<PilotSnapshot> {
    for (let step = 0; step < maxSteps; step++) {
      const snap = await this.actNow();
      if (done(snap)) return snap;
      await this.advance(snap);
    }
    throw new Error(
      `pilot did not reach the expected state within ${maxSteps} steps: ${JSON.stringify(await this.snapshot())}`,
    );
  }

  /** Acts and advances until server time reaches `at` (acting once more there). */
  async untilTime(at: number, maxSteps = 400): Promise<PilotSnapshot> {
    for (let step = 0; step < maxSteps; step++) {
      const snap = await this.actNow();
      if ((await this.now()) >= at) return snap;
      await this.advance(snap, at);
    }
    throw new Error(`pilot did not reach ${new Date(at).toISOString()} within ${maxSteps} steps`);
  }
}

/** Enrolls the demo compound with the demo team, starting tomorrow on the harness clock unless told otherwise. */
export async function startDemoPilot(
  h: Pick<Harness, 'env' | 'taskQueue'>,
  overrides: Partial<Omit<PilotInput, 'enrollmentId'>> = {},
): Promise<StartedPilot> {
  return startPilot(h.env.client, h.taskQueue, {
    compoundId: demo.compoundId,
    firmId: demo.firmId,
    startDate: overrides.startDate ?? (await startDateIn(h.env)),
    catalogueVersionId: demo.catalogueVersionId,
    inspectorAssignments: demo.assignments(),
    enrolledBy: actors.coordinator,
    ...overrides,
  });
}

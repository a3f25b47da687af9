// Plays the people of a pilot against a running workflow: the firm, the inspectors, the coordinator
// and the admin, each through the same Updates the API uses.
import { checklistFor, DEFAULT_CATALOGUE, type CategoryCode } from '@pilot/domain';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  respondRectificationUpdate,
  snapshotQuery,
  submitInspectionUpdate,
  verifyRectificationUpdate,
  type Actor,
  type PilotSnapshot,
  type SubmittedItem,
  type TaskState,
} from '../messages.js';
import type { pilotWorkflow } from '../pilot/pilot.workflow.js';

export const DAY = 24 * 3600 * 1000;

export const actors = {
  coordinator: { userId: 'usr-coord-wang', role: 'coordinator' } satisfies Actor,
  admin: { userId: 'usr-admin-jinshui', role: 'admin' } satisfies Actor,
  firm: (firmId: string): Actor => ({ userId: `usr-${firmId}`, role: 'firm', firmId }),
  inspector: (userId: string): Actor => ({ userId, role: 'inspector' }),
};

/** Item results for a task: every checklist standard passes except the codes listed as failures. */
export function itemsFor(
  task: Pick<TaskState, 'kind'>,
  focus: CategoryCode[],
  failures: string[] = [],
): SubmittedItem[] {
  return checklistFor(DEFAULT_CATALOGUE, task.kind, { focusCategories: focus }).map((standard) => {
    const fail = failures.includes(standard.code);
    if (standard.scoring.mode === 'graded') {
      return fail
        ? { code: standard.code, outcome: 'fail', score: 0, note: '现场检查不合格' }
        : { code: standard.code, outcome: 'pass', score: standard.scoring.max };
    }
    return fail
      ? { code: standard.code, outcome: 'fail', note: '现场检查不合格', evidenceIds: ['ev-photo-1'] }
      : { code: standard.code, outcome: 'pass' };
  });
}

export interface DriverOptions {
  firmId: string;
  /** Decide the failures of each submitted task; default: none. */
  failuresFor?: (task: TaskState, snapshot: PilotSnapshot) => string[];
  /** Whether to submit a task at all (false lets it run late and be missed). */
  submit?: (task: TaskState, snapshot: PilotSnapshot) => boolean;
  /** Verdict on a responded rectification; default: accept. */
  verdictFor?: (rectificationId: string, rejectionsSoFar: number) => 'accept' | 'reject';
}

export class PilotDriver {
  readonly runIds = new Set<string>();
  submitted = 0;

  constructor(
    private readonly env: TestWorkflowEnvironment,
    readonly handle: WorkflowHandle<typeof pilotWorkflow>,
    private readonly options: DriverOptions,
  ) {}

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

  /** Does everything people would do right now: submit open tasks, answer and verify rectifications. */
  async actNow(): Promise<PilotSnapshot> {
    let snap = await this.snapshot();
    this.runIds.add((await this.handle.describe()).runId);
    const focus = snap.currentRound?.focusCategories ?? [];
    for (const task of snap.openTasks) {
      if (task.status !== 'open') continue;
      if (this.options.submit && !this.options.submit(task, snap)) continue;
      const actor =
        task.kind === 'self' ? actors.firm(this.options.firmId) : actors.inspector(task.assigneeId!);
      await this.handle.executeUpdate(submitInspectionUpdate, {
        args: [
          {
            actor,
            taskId: task.id,
            items: itemsFor(task, focus, this.options.failuresFor?.(task, snap) ?? []),
          },
        ],
        updateId: `submit:${task.id}`,
      });
      this.submitted++;
    }
    snap = await this.snapshot();
    for (const item of snap.openRectifications) {
      if (item.status === 'open' || item.status === 'reopened') {
        await this.handle.executeUpdate(respondRectificationUpdate, {
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
    }
    snap = await this.snapshot();
    for (const item of snap.openRectifications) {
      if (item.status !== 'responded') continue;
      const decision = this.options.verdictFor?.(item.id, item.rejections) ?? 'accept';
      await this.handle.executeUpdate(verifyRectificationUpdate, {
        args: [
          {
            actor: actors.inspector(snap.assignments[0]!.inspectorId),
            rectificationId: item.id,
            decision,
            ...(decision === 'reject' ? { reason: '整改不到位，请补充记录。' } : {}),
          },
        ],
        updateId: `verify:${item.id}:${item.responses}`,
      });
    }
    return this.snapshot();
  }

  /** Skips workflow time to the next moment something happens (a task opens or the round ends). */
  async advance(snap: PilotSnapshot): Promise<void> {
    const now = await this.env.currentTimeMs();
    const candidates = [
      ...snap.upcomingTasks.map((t) => t.opensAt),
      ...snap.openTasks.map((t) => t.missedAt),
      ...snap.openRectifications.map((r) => r.deadline),
      snap.currentRound?.endsAt ?? Number.POSITIVE_INFINITY,
    ].filter((t) => t > now);
    const next = Math.min(...candidates, now + 7 * DAY);
    await this.env.sleep(Math.max(1000, next - now + 1000));
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
}

// Plays the people of one compressed pilot in real time, through the same Updates the API sends:
// the firm and the inspectors submit every task while it is open (one ordinary failure in each
// round's first weekly check), the firm answers each rectification and the inspector accepts it.
import {
  DEFAULT_CATALOGUE,
  taskChecklist,
  type Actor,
  type PilotSnapshot,
  type SnapshotTask,
  type SubmittedItem,
} from '@pilot/domain';
import { refusalOf } from '@pilot/workflows/client';
import {
  respondRectificationUpdate,
  snapshotQuery,
  submitInspectionUpdate,
  verifyRectificationUpdate,
} from '@pilot/workflows/messages';
import type { WorkflowHandle } from '@temporalio/client';
import { FIRM_USER_ID } from './plans.js';

const firmActor: Actor = { userId: FIRM_USER_ID, role: 'firm', firmId: 'firm-xiangshun' };
const inspector = (userId: string): Actor => ({ userId, role: 'inspector' });

/** A non-critical pass/fail standard of the weekly checklist: failing it opens an ordinary rectification. */
const ORDINARY_WEEKLY = DEFAULT_CATALOGUE.weeklyChecklist.find((code) => {
  const standard = DEFAULT_CATALOGUE.standards.find((s) => s.code === code);
  return standard !== undefined && !standard.critical && standard.scoring.mode !== 'graded';
});

function itemsFor(task: SnapshotTask, snap: PilotSnapshot, failures: string[]): SubmittedItem[] {
  const round = {
    focusCategories: snap.currentRound?.focusCategories ?? [],
    keyParts: snap.currentRound?.keyParts,
  };
  return taskChecklist(DEFAULT_CATALOGUE, task, round, snap.features).entries.map(
    ({ keyPart, standard }): SubmittedItem => {
      const at = keyPart ? { keyPart } : {};
      if (failures.includes(standard.code)) {
        return {
          code: standard.code,
          ...at,
          outcome: 'fail',
          note: '现场检查不合格',
          evidenceIds: ['ev-bench-1'],
        };
      }
      return standard.scoring.mode === 'graded'
        ? { code: standard.code, ...at, outcome: 'pass', score: standard.scoring.max }
        : { code: standard.code, ...at, outcome: 'pass' };
    },
  );
}

/** A refusal because the task or item closed meanwhile is what a late person is told too. */
function closedMeanwhile(error: unknown): boolean {
  const reasons = refusalOf(error);
  return reasons !== null && reasons.some((r) => /closed|not_open|missed/.test(r.code));
}

export class FullPilotDriver {
  submitted = 0;
  rectifications = 0;
  private readonly failedRounds = new Set<number>();

  constructor(private readonly handle: WorkflowHandle) {}

  snapshot(): Promise<PilotSnapshot> {
    return this.handle.query(snapshotQuery);
  }

  /** Does what the people would do right now; answers the snapshot after it. */
  async actNow(): Promise<PilotSnapshot> {
    let snap = await this.snapshot();
    const now = Date.now();
    for (const task of snap.openTasks) {
      if (task.status !== 'open' || task.missedAt <= now) continue;
      const roundNo = snap.currentRound?.number ?? 0;
      const fail = task.kind === 'weekly' && ORDINARY_WEEKLY !== undefined && !this.failedRounds.has(roundNo);
      const actor = task.kind === 'self' ? firmActor : inspector(task.assigneeId ?? '');
      try {
        await this.handle.executeUpdate(submitInspectionUpdate, {
          args: [
            {
              actor,
              taskId: task.id,
              items: itemsFor(task, snap, fail && ORDINARY_WEEKLY ? [ORDINARY_WEEKLY] : []),
            },
          ],
          updateId: `bench-submit:${task.id}`,
        });
        this.submitted++;
        if (fail) this.failedRounds.add(roundNo);
      } catch (error) {
        if (!closedMeanwhile(error)) throw error;
      }
    }
    snap = await this.snapshot();
    for (const item of snap.openRectifications) {
      try {
        if (item.status === 'open' || item.status === 'reopened' || item.status === 'controlled') {
          await this.handle.executeUpdate(respondRectificationUpdate, {
            args: [
              {
                actor: firmActor,
                rectificationId: item.id,
                text: '已按要求完成整改，附整改后照片。',
                evidenceIds: ['ev-bench-2'],
              },
            ],
            updateId: `bench-respond:${item.id}:${item.responses + 1}`,
          });
        } else if (item.status === 'responded') {
          const verifier = snap.assignments[0]?.inspectorId ?? '';
          await this.handle.executeUpdate(verifyRectificationUpdate, {
            args: [{ actor: inspector(verifier), rectificationId: item.id, decision: 'accept' }],
            updateId: `bench-verify:${item.id}:${item.responses}`,
          });
          this.rectifications++;
        }
      } catch (error) {
        if (!closedMeanwhile(error)) throw error;
      }
    }
    return this.snapshot();
  }
}

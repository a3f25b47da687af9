// A firm's self-inspection as the API takes it: the checklist the API shows for the task, every
// item answered "pass" (graded items with full marks), sent to POST /pilots/:id/self-inspection.
import { ApiClient } from '../shape/api-client.js';
import { timed } from '../util/stats.js';
import type { BenchContext } from './context.js';

interface ChecklistStandard {
  code: string;
  scoring: { mode: 'binary' } | { mode: 'graded'; max: number };
}

interface TaskDetail {
  checklist: { categories: Array<{ standards: ChecklistStandard[] }> };
}

interface TaskPage {
  items: Array<{ id: string; kind: string; status: string }>;
}

export type SelfAnswers = Array<{ code: string; outcome: 'pass'; score?: number }>;

/** The answers for a bench pilot's self-inspection (bench compounds are alike, so one fits all). */
export async function selfAnswers(ctx: BenchContext, enrollmentId: string): Promise<SelfAnswers> {
  const page = ApiClient.expect(
    await ctx.firm.get<TaskPage>(`/tasks?pilotId=${encodeURIComponent(enrollmentId)}`),
    200,
    'the pilot’s tasks',
  );
  const self = page.items.find((task) => task.kind === 'self');
  if (!self) throw new Error(`pilot ${enrollmentId} has no self-inspection task`);
  const detail = ApiClient.expect(await ctx.firm.get<TaskDetail>(`/tasks/${self.id}`), 200, 'the task');
  return detail.checklist.categories
    .flatMap((category) => category.standards)
    .map((standard) =>
      standard.scoring.mode === 'graded'
        ? { code: standard.code, outcome: 'pass' as const, score: standard.scoring.max }
        : { code: standard.code, outcome: 'pass' as const },
    );
}

/** Sends one pilot's self-inspection through the API; answers how long it took and the status. */
export async function sendSelf(
  ctx: BenchContext,
  enrollmentId: string,
  items: SelfAnswers,
): Promise<{ ms: number; status: number; body: unknown }> {
  const { ms, value } = await timed(() =>
    ctx.firm.post<unknown>(`/pilots/${encodeURIComponent(enrollmentId)}/self-inspection`, { items }),
  );
  return { ms, status: value.status, body: value.body };
}

/** Submits one pilot's self-inspection through the API; answers its latency (fails unless 200). */
export async function submitSelf(
  ctx: BenchContext,
  enrollmentId: string,
  items: SelfAnswers,
): Promise<number> {
  const { ms, status, body } = await sendSelf(ctx, enrollmentId, items);
  ApiClient.expect({ status, body, bytes: 0 }, 200, `self-inspection of ${enrollmentId}`);
  return ms;
}

/** Waits until these pilots' self-inspections are open in the records (their first wake-up ran). */
export async function openSelfCount(ctx: BenchContext, enrollmentIds: string[]): Promise<number> {
  const { rows } = await ctx.owner.query<{ open: number }>(
    `SELECT count(*)::int AS open FROM inspection_task
     WHERE "enrollmentId" = ANY($1) AND kind = 'self' AND status = 'open'`,
    [enrollmentIds],
  );
  return rows[0]?.open ?? 0;
}

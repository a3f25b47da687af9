import type { TaskSummary } from '$lib/api/field-work';
import { failureText, requireRole } from '$lib/server/field-work';
import type { PageServerLoad } from './$types';

/** How much of each list 我的任务 shows: everything still to do, the recent rest. */
const QUERIES = [
  { status: 'open', pageSize: 100, sortOrder: 'asc' },
  { status: 'upcoming', pageSize: 20, sortOrder: 'asc' },
  { status: 'done', pageSize: 20, sortOrder: 'desc' },
  { status: 'missed', pageSize: 10, sortOrder: 'desc' },
] as const;

/** 我的任务: an inspector's inspections; a firm sees its self-inspection (自查自纠) here. */
export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireRole(locals, url, ['inspector', 'firm']);
  const results = await Promise.all(
    QUERIES.map((query) => locals.api.call((c) => c.GET('/tasks', { params: { query } }))),
  );
  const tasks: TaskSummary[] = [];
  const totals: Record<string, number> = {};
  let failure: string | null = null;
  results.forEach((result, index) => {
    const status = QUERIES[index]?.status ?? '';
    if (result.ok) {
      tasks.push(...result.data.items);
      totals[status] = result.data.total;
    } else {
      failure ??= failureText(result.error, locals.locale);
    }
  });
  return { tasks, totals, failure, role: user.role };
};

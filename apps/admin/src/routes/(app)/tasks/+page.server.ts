import type { TaskPage } from '$lib/api/field-work';
import {
  isFiltered,
  parseTaskFilters,
  taskQuery,
  type TaskListStatus,
} from '$lib/components/field-work/list-filters';
import { loadPlaces } from '$lib/server/directory';
import { failureText, requireRole } from '$lib/server/field-work';
import type { PageServerLoad } from './$types';

/** One page of a filtered list. */
const PAGE_SIZE = 20;
/**
 * The overview (no filter): everything to do now (up to a page the API allows), and the nearest few
 * of the rest, each with its total and a link to its own paged list.
 */
const OVERVIEW = [
  { status: 'open', pageSize: 100, sortOrder: 'asc' },
  { status: 'upcoming', pageSize: 3, sortOrder: 'asc' },
  { status: 'done', pageSize: 3, sortOrder: 'desc' },
  { status: 'missed', pageSize: 3, sortOrder: 'desc' },
] as const satisfies ReadonlyArray<{ status: TaskListStatus; pageSize: number; sortOrder: 'asc' | 'desc' }>;

/** Done and missed work reads newest first; what is still ahead, soonest first. */
const orderOf = (status: TaskListStatus | undefined) =>
  status === 'done' || status === 'missed' ? 'desc' : 'asc';

/** 我的任务: an inspector's inspections; a firm sees its self-inspection (自查自纠) here. */
export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireRole(locals, url, ['inspector', 'firm']);
  const filters = parseTaskFilters(url.searchParams);
  const places = loadPlaces(locals.api);
  if (isFiltered(filters)) {
    const result = await locals.api.call((c) =>
      c.GET('/tasks', {
        params: {
          query: {
            ...taskQuery(filters),
            sortOrder: orderOf(filters.status),
            page: filters.page,
            pageSize: PAGE_SIZE,
          },
        },
      }),
    );
    return {
      filters,
      places: await places,
      role: user.role,
      list: result.ok ? result.data : null,
      overview: null,
      failure: result.ok ? null : failureText(result.error, locals.locale),
    };
  }
  const results = await Promise.all(
    OVERVIEW.map((query) => locals.api.call((c) => c.GET('/tasks', { params: { query } }))),
  );
  const overview: Partial<Record<TaskListStatus, TaskPage>> = {};
  let failure: string | null = null;
  results.forEach((result, index) => {
    const status = OVERVIEW[index]?.status;
    if (!status) return;
    if (result.ok) overview[status] = result.data;
    else failure ??= failureText(result.error, locals.locale);
  });
  return { filters, places: await places, role: user.role, list: null, overview, failure };
};

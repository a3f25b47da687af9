import type { Rectification, RectificationPage } from '$lib/api/field-work';
import {
  isFiltered,
  parseRectificationFilters,
  rectificationQuery,
  type RectificationListStatus,
} from '$lib/components/field-work/list-filters';
import type { StandardInfo } from '$lib/components/rectifications/types';
import { loadPlaces } from '$lib/server/directory';
import { failureText, standardsOfPilots } from '$lib/server/field-work';
import { requireSection, requireUser } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

/** One page of a filtered list. */
const PAGE_SIZE = 20;
/**
 * The overview (no filter): each open status's first items, nearest deadline first, with its total
 * and a link to its own paged list. Closed items are only counted: the API orders by deadline, which
 * says nothing about what was closed last, so they are found through the filters (search, status).
 */
const OVERVIEW = [
  { status: 'open', pageSize: 20, sortOrder: 'asc' },
  { status: 'reopened', pageSize: 20, sortOrder: 'asc' },
  { status: 'controlled', pageSize: 20, sortOrder: 'asc' },
  { status: 'responded', pageSize: 20, sortOrder: 'asc' },
  { status: 'closed', pageSize: 1, sortOrder: 'desc' },
] as const satisfies ReadonlyArray<{
  status: RectificationListStatus;
  pageSize: number;
  sortOrder: 'asc' | 'desc';
}>;

/** Only the titles the list shows travel to the page, not whole catalogues. */
async function titlesOf(locals: App.Locals, items: readonly Rectification[]) {
  const standards = await standardsOfPilots(
    locals.api,
    items.map((item) => item.pilot.id),
  );
  const titles: Record<string, StandardInfo['title']> = {};
  for (const item of items) {
    const title = standards[item.pilot.id]?.[item.standardCode]?.title;
    if (title) titles[`${item.pilot.id}|${item.standardCode}`] = title;
  }
  return titles;
}

/**
 * 整改: the items in the user's scope — a firm's own (to answer), an inspector's pilots' (to
 * verify), everything for a coordinator — each with the standard it is about.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
  const { role } = requireUser(locals, url);
  requireSection(locals, url, 'rectifications');
  const filters = parseRectificationFilters(url.searchParams);
  const places = loadPlaces(locals.api);
  if (isFiltered(filters)) {
    const result = await locals.api.call((c) =>
      c.GET('/rectifications', {
        params: {
          query: {
            ...rectificationQuery(filters),
            sortOrder: filters.status === 'closed' || filters.status === 'cancelled' ? 'desc' : 'asc',
            page: filters.page,
            pageSize: PAGE_SIZE,
          },
        },
      }),
    );
    return {
      filters,
      places: await places,
      role,
      list: result.ok ? result.data : null,
      overview: null,
      titles: result.ok ? await titlesOf(locals, result.data.items) : {},
      failure: result.ok ? null : failureText(result.error, locals.locale),
    };
  }
  const results = await Promise.all(
    OVERVIEW.map((query) => locals.api.call((c) => c.GET('/rectifications', { params: { query } }))),
  );
  const overview: Partial<Record<RectificationListStatus, RectificationPage>> = {};
  let failure: string | null = null;
  results.forEach((result, index) => {
    const status = OVERVIEW[index]?.status;
    if (!status) return;
    if (result.ok) overview[status] = result.data;
    else failure ??= failureText(result.error, locals.locale);
  });
  const shown = Object.entries(overview).flatMap(([status, page]) => (status === 'closed' ? [] : page.items));
  return {
    filters,
    places: await places,
    role,
    list: null,
    overview,
    titles: await titlesOf(locals, shown),
    failure,
  };
};

import { parseBoardFilters, pilotsQuery } from '$lib/components/pilots/board';
import { loadDirectory } from '$lib/server/directory';
import { requireSection } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

/** 试点看板: the filtered pilots (one page of up to 100) and the names the filters offer. */
export const load: PageServerLoad = async ({ locals, url }) => {
  requireSection(locals, url, 'pilots');
  const user = locals.user!;
  const filters = parseBoardFilters(url.searchParams);
  const [pilots, directory] = await Promise.all([
    locals.api.call((c) =>
      c.GET('/pilots', { params: { query: { ...pilotsQuery(filters), sortBy: 'name', pageSize: 100 } } }),
    ),
    loadDirectory(locals.api, user.role),
  ]);
  return {
    filters,
    pilots: pilots.ok ? pilots.data : null,
    failure: pilots.ok ? null : { message: pilots.error.message, requestId: pilots.error.requestId ?? null },
    communities: directory.communities,
    firms: directory.firms,
    inspectors: directory.inspectors,
  };
};

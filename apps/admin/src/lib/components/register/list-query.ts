/*
 * The register lists' filters as the address holds them (?q=…&active=true&page=2), so a filtered
 * list can be reloaded, bookmarked and paged without losing its filters.
 */

export type ActiveFilter = 'true' | 'false' | null;

export interface ListQuery {
  q: string | null;
  active: ActiveFilter;
  page: number;
}

/** Ids the API makes (com-…, firm-…, cmp-…) or the seed's; anything else is not a filter. */
const ID = /^[A-Za-z0-9_.:-]{1,100}$/;

export function parseListQuery(params: URLSearchParams): ListQuery {
  const q = params.get('q')?.trim().slice(0, 100) || null;
  const activeText = params.get('active');
  const active: ActiveFilter = activeText === 'true' || activeText === 'false' ? activeText : null;
  const pageNumber = Number(params.get('page'));
  const page = Number.isInteger(pageNumber) && pageNumber >= 1 && pageNumber <= 10_000 ? pageNumber : 1;
  return { q, active, page };
}

/** An id filter (?community=com-…), or null when absent or not an id. */
export function idParam(params: URLSearchParams, name: string): string | null {
  const value = params.get(name)?.trim() ?? '';
  return ID.test(value) ? value : null;
}

/** The API's query for a list: absent filters left out. */
export function apiListQuery(query: ListQuery, pageSize: number) {
  return {
    page: query.page,
    pageSize,
    ...(query.q ? { q: query.q } : {}),
    ...(query.active ? { active: query.active } : {}),
  };
}

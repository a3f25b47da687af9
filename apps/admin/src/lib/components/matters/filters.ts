import {
  MATTER_CATEGORIES,
  MATTER_SOURCES,
  MATTER_STATUSES,
  type MatterCategory,
  type MatterSource,
  type MatterStatus,
} from '@pilot/domain';

/*
 * The filters of the matters list as the address carries them (a GET form: shareable, kept on
 * reload, working without JavaScript) and as GET /matters reads them.
 */

/** 调度队列 (what waits for someone, 待派单 first), 台账 (every open matter, newest first), or all. */
export const MATTER_VIEWS = ['queue', 'ledger', 'all'] as const;
export type MatterView = (typeof MATTER_VIEWS)[number];

export interface MatterFilters {
  view: MatterView;
  status?: MatterStatus;
  source?: MatterSource;
  category?: MatterCategory;
  communityId?: string;
  compoundId?: string;
  overdue?: boolean;
  q?: string;
  page: number;
}

const ID = /^[A-Za-z0-9._:-]{1,64}$/;

function id(value: string | null): string | undefined {
  const trimmed = value?.trim() ?? '';
  return ID.test(trimmed) ? trimmed : undefined;
}

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((known) => known === value);
}

export function parseMatterFilters(params: URLSearchParams): MatterFilters {
  const filters: MatterFilters = { view: oneOf(MATTER_VIEWS, params.get('view')) ?? 'queue', page: 1 };
  const status = oneOf(MATTER_STATUSES, params.get('status'));
  if (status) filters.status = status;
  const source = oneOf(MATTER_SOURCES, params.get('source'));
  if (source) filters.source = source;
  const category = oneOf(MATTER_CATEGORIES, params.get('category'));
  if (category) filters.category = category;
  const communityId = id(params.get('community'));
  if (communityId) filters.communityId = communityId;
  const compoundId = id(params.get('compound'));
  if (compoundId) filters.compoundId = compoundId;
  if (params.get('overdue') === 'true') filters.overdue = true;
  const q = params.get('q')?.trim().slice(0, 100);
  if (q) filters.q = q;
  const page = Number(params.get('page'));
  if (Number.isInteger(page) && page >= 1 && page <= 10_000) filters.page = page;
  return filters;
}

/** GET /matters's query as the API reads it (flags as `true`, statuses as a list). */
export interface MatterQuery {
  sort: 'queue' | 'newest';
  open?: 'true';
  status?: MatterStatus[];
  source?: MatterSource;
  category?: MatterCategory;
  communityId?: string;
  compoundId?: string;
  overdue?: 'true';
  q?: string;
  page: number;
}

/** The API's query: the queue sorts by who must act, the ledger keeps only open matters. */
export function matterQuery(filters: MatterFilters): MatterQuery {
  return {
    sort: filters.view === 'queue' ? 'queue' : 'newest',
    ...(filters.view !== 'all' && !filters.status ? { open: 'true' as const } : {}),
    ...(filters.status ? { status: [filters.status] } : {}),
    ...(filters.source ? { source: filters.source } : {}),
    ...(filters.category ? { category: filters.category } : {}),
    ...(filters.communityId ? { communityId: filters.communityId } : {}),
    ...(filters.compoundId ? { compoundId: filters.compoundId } : {}),
    ...(filters.overdue ? { overdue: 'true' as const } : {}),
    ...(filters.q ? { q: filters.q } : {}),
    page: filters.page,
  };
}

/** The address of the list with these filters (the names the form uses), for links and paging. */
export function matterSearch(filters: MatterFilters, page = 1): Record<string, string | number | undefined> {
  return {
    view: filters.view === 'queue' ? undefined : filters.view,
    status: filters.status,
    source: filters.source,
    category: filters.category,
    community: filters.communityId,
    compound: filters.compoundId,
    overdue: filters.overdue ? 'true' : undefined,
    q: filters.q,
    page: page > 1 ? page : undefined,
  };
}

export function isFiltered(filters: MatterFilters): boolean {
  return Boolean(
    filters.status ||
    filters.source ||
    filters.category ||
    filters.communityId ||
    filters.compoundId ||
    filters.overdue ||
    filters.q,
  );
}

import type { paths } from '@pilot/api-client';
import { INSPECTION_KINDS, KEY_PART_CODE_PATTERN } from '@pilot/domain';
import type { Ref } from '$lib/api/pilot-types';

/*
 * The filters of 我的任务, 整改 and a pilot's inspections as the address carries them (a GET form:
 * shareable, kept on reload, working without JavaScript) and as GET /tasks and GET /rectifications
 * take them. Malformed values are dropped, never sent.
 */

export type TaskQuery = NonNullable<paths['/tasks']['get']['parameters']['query']>;
export type RectificationQuery = NonNullable<paths['/rectifications']['get']['parameters']['query']>;

export type TaskListStatus = NonNullable<TaskQuery['status']>;
export type RectificationListStatus = NonNullable<RectificationQuery['status']>;
export type SeverityFilter = NonNullable<RectificationQuery['severity']>;
export type KindFilter = NonNullable<TaskQuery['kind']>;

export const TASK_LIST_STATUSES = [
  'open',
  'upcoming',
  'done',
  'missed',
] as const satisfies readonly TaskListStatus[];
export const RECTIFICATION_LIST_STATUSES = [
  'open',
  'controlled',
  'reopened',
  'responded',
  'closed',
  'cancelled',
] as const satisfies readonly RectificationListStatus[];
export const SEVERITY_FILTERS = ['critical', 'major', 'minor'] as const satisfies readonly SeverityFilter[];

/** Where a list is narrowed to, and the free text; shared by both lists. */
export interface PlaceFilters {
  q?: string;
  communityId?: string;
  firmId?: string;
  compoundId?: string;
  kind?: KindFilter;
  /** true: only what is past its due time and still owed; false: only the rest. */
  overdue?: boolean;
  page: number;
}

export interface TaskFilters extends PlaceFilters {
  status?: TaskListStatus;
}

export interface RectificationFilters extends PlaceFilters {
  status?: RectificationListStatus;
  severity?: SeverityFilter;
  keyPart?: string;
}

/** The places a field worker's lists can be narrowed to (those of the pilots the user can see). */
export interface Places {
  communities: Ref[];
  firms: Ref[];
  compounds: Ref[];
}

const ID = /^[A-Za-z0-9._:-]{1,64}$/;

function id(value: string | null): string | undefined {
  const trimmed = value?.trim() ?? '';
  return ID.test(trimmed) ? trimmed : undefined;
}

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((known) => known === value);
}

/** The names the address uses; a pilot's inspections prefix them (`taskKind`) to share the page's address. */
function names(prefix: string) {
  const name = (key: string) => (prefix ? `${prefix}${key[0]?.toUpperCase()}${key.slice(1)}` : key);
  return {
    q: name('q'),
    status: name('status'),
    kind: name('kind'),
    community: name('community'),
    firm: name('firm'),
    compound: name('compound'),
    overdue: name('overdue'),
    severity: name('severity'),
    keyPart: name('keyPart'),
    page: name('page'),
  };
}

export type FilterNames = ReturnType<typeof names>;
export const filterNames = names;

function parsePlace(params: URLSearchParams, n: FilterNames): PlaceFilters {
  const filters: PlaceFilters = { page: 1 };
  const q = params.get(n.q)?.trim().slice(0, 100);
  if (q) filters.q = q;
  const communityId = id(params.get(n.community));
  const firmId = id(params.get(n.firm));
  const compoundId = id(params.get(n.compound));
  if (communityId) filters.communityId = communityId;
  if (firmId) filters.firmId = firmId;
  if (compoundId) filters.compoundId = compoundId;
  const kind = oneOf(INSPECTION_KINDS, params.get(n.kind));
  if (kind) filters.kind = kind;
  const overdue = params.get(n.overdue);
  if (overdue === 'true' || overdue === 'false') filters.overdue = overdue === 'true';
  const page = Number(params.get(n.page));
  if (Number.isInteger(page) && page >= 1 && page <= 10_000) filters.page = page;
  return filters;
}

export function parseTaskFilters(params: URLSearchParams, prefix = ''): TaskFilters {
  const n = names(prefix);
  const filters: TaskFilters = parsePlace(params, n);
  const status = oneOf(TASK_LIST_STATUSES, params.get(n.status));
  if (status) filters.status = status;
  return filters;
}

export function parseRectificationFilters(params: URLSearchParams): RectificationFilters {
  const n = names('');
  const filters: RectificationFilters = parsePlace(params, n);
  const status = oneOf(RECTIFICATION_LIST_STATUSES, params.get(n.status));
  if (status) filters.status = status;
  const severity = oneOf(SEVERITY_FILTERS, params.get(n.severity));
  if (severity) filters.severity = severity;
  const keyPart = params.get(n.keyPart)?.trim() ?? '';
  if (keyPart && keyPart.length <= 40 && KEY_PART_CODE_PATTERN.test(keyPart)) filters.keyPart = keyPart;
  return filters;
}

function placeQuery(filters: PlaceFilters) {
  return {
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.communityId ? { communityId: filters.communityId } : {}),
    ...(filters.firmId ? { firmId: filters.firmId } : {}),
    ...(filters.compoundId ? { compoundId: filters.compoundId } : {}),
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.overdue !== undefined ? { overdue: filters.overdue ? 'true' : 'false' } : {}),
  } as const;
}

/** The filters as GET /tasks takes them (paging and order are the caller's). */
export function taskQuery(filters: TaskFilters): TaskQuery {
  return { ...placeQuery(filters), ...(filters.status ? { status: filters.status } : {}) };
}

/** The filters as GET /rectifications takes them (paging and order are the caller's). */
export function rectificationQuery(filters: RectificationFilters): RectificationQuery {
  return {
    ...placeQuery(filters),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.severity ? { severity: filters.severity } : {}),
    ...(filters.keyPart ? { keyPart: filters.keyPart } : {}),
  };
}

/** The filters as the address writes them (the form's field names), optionally on another page. */
export function filterSearch(
  filters: TaskFilters | RectificationFilters,
  page?: number,
  prefix = '',
): Record<string, string | undefined> {
  const n = names(prefix);
  return {
    [n.q]: filters.q,
    [n.status]: filters.status,
    [n.kind]: filters.kind,
    [n.community]: filters.communityId,
    [n.firm]: filters.firmId,
    [n.compound]: filters.compoundId,
    [n.overdue]: filters.overdue === undefined ? undefined : String(filters.overdue),
    ...('severity' in filters ? { [n.severity]: filters.severity, [n.keyPart]: filters.keyPart } : {}),
    [n.page]: page && page > 1 ? String(page) : undefined,
  };
}

/** How many filters are set (the page number aside): folded filters say so on their summary. */
export function activeFilters(filters: TaskFilters | RectificationFilters): number {
  return Object.entries(filters).filter(([key, value]) => key !== 'page' && value !== undefined).length;
}

/** Any filter set or a later page asked for: the page shows one paged list instead of its overview. */
export function isFiltered(filters: TaskFilters | RectificationFilters): boolean {
  return activeFilters(filters) > 0 || filters.page > 1;
}

import { MATTER_STATUSES, PATROL_TOPICS, type MatterStatus } from '@pilot/domain';

/** The 巡查工作台账's filters as its address carries them (the Excel link sends the same). */
export interface LedgerFilters {
  compoundId?: string;
  communityId?: string;
  topic?: (typeof PATROL_TOPICS)[number];
  status?: MatterStatus;
  open?: boolean;
  minAgeDays?: number;
  q?: string;
  from?: string;
  to?: string;
  page: number;
}

const ID = /^[A-Za-z0-9._:-]{1,64}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function parseLedgerFilters(params: URLSearchParams): LedgerFilters {
  const get = (name: string) => params.get(name)?.trim() ?? '';
  const filters: LedgerFilters = { page: Math.max(1, Math.floor(Number(get('page')) || 1)) };
  if (ID.test(get('compoundId'))) filters.compoundId = get('compoundId');
  if (ID.test(get('communityId'))) filters.communityId = get('communityId');
  const topic = PATROL_TOPICS.find((known) => known === get('topic'));
  if (topic) filters.topic = topic;
  const status = MATTER_STATUSES.find((known) => known === get('status'));
  if (status) filters.status = status;
  if (get('open') === 'true') filters.open = true;
  const age = Number(get('minAgeDays'));
  if (Number.isInteger(age) && age > 0 && age < 1000) filters.minAgeDays = age;
  if (get('q')) filters.q = get('q').slice(0, 100);
  if (DAY.test(get('from'))) filters.from = get('from');
  if (DAY.test(get('to'))) filters.to = get('to');
  return filters;
}

/** The query of these filters (another page of them, or the Excel file). */
export function ledgerSearch(filters: LedgerFilters, page = filters.page): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...filters, page })) {
    if (value === undefined || (name === 'page' && value === 1)) continue;
    query[name] = String(value);
  }
  return query;
}

/** The API's query of these filters. */
export function ledgerQuery(filters: LedgerFilters, pageSize: number) {
  const { open, status, ...rest } = filters;
  return { ...rest, ...(status ? { status: [status] } : {}), ...(open ? { open: 'true' } : {}), pageSize };
}

import { dueCursorKeySchema, encodeCursor } from '@pilot/domain';

/** Every list answers with one page and the total, so the UI can page without a second count call. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function pageArgs(query: { page: number; pageSize: number }): { skip: number; take: number } {
  return { skip: (query.page - 1) * query.pageSize, take: query.pageSize };
}

/**
 * Rows to fetch for a list that pages by keyset (`cursor`, the WHERE continues after it) or by
 * number (`page`, an OFFSET the admin UI's numbered pages still use). One row more than the page
 * tells whether a next page exists, so `nextCursor` needs no second query.
 */
export function keysetOrPage(query: { page: number; pageSize: number; cursor?: unknown }): {
  skip?: number;
  take: number;
} {
  const take = query.pageSize + 1;
  return query.cursor === undefined ? { skip: (query.page - 1) * query.pageSize, take } : { take };
}

/** The page of `rows` (fetched by keysetOrPage) and the cursor after its last item, if more follow. */
export function keysetPage<Row>(
  rows: readonly Row[],
  pageSize: number,
  cursorAfter: (last: Row) => string,
): { rows: Row[]; nextCursor: string | null } {
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > pageSize && last !== undefined ? cursorAfter(last) : null };
}

/** Further along a sort than `value`: greater when ascending, smaller when descending. */
export function beyond<T>(order: 'asc' | 'desc', value: T): { gt: T } | { lt: T } {
  return order === 'asc' ? { gt: value } : { lt: value };
}

/** The cursor after the last row of a due-time list. */
export function dueCursorAfter(order: 'asc' | 'desc', at: Date, id: string): string {
  return encodeCursor(dueCursorKeySchema, { order, at: at.toISOString(), id });
}

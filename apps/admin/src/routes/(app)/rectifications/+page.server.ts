import type { Rectification } from '$lib/api/field-work';
import { failureText, standardsOfPilots, type StandardInfo } from '$lib/server/field-work';
import { requireSection, requireUser } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

/** Everything still open, nearest deadline first, and the latest closed items (销号). */
const QUERIES = [
  { status: 'open', pageSize: 100, sortOrder: 'asc' },
  { status: 'reopened', pageSize: 100, sortOrder: 'asc' },
  { status: 'responded', pageSize: 100, sortOrder: 'asc' },
  // The API sorts by deadline only; the latest closed are found among the last 100 deadlines.
  { status: 'closed', pageSize: 100, sortOrder: 'desc' },
] as const;
/** Closed items the page lists, the most recently closed first. */
const CLOSED_SHOWN = 20;

/**
 * 整改: the items in the user's scope — a firm's own (to answer), an inspector's pilots' (to
 * verify), everything for a coordinator — each with the standard it is about.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
  const { role } = requireUser(locals, url);
  requireSection(locals, url, 'rectifications');
  const results = await Promise.all(
    QUERIES.map((query) => locals.api.call((c) => c.GET('/rectifications', { params: { query } }))),
  );
  const items: Rectification[] = [];
  /** Items of each list the page does not show (beyond the page size). */
  const hidden: Record<string, number> = {};
  let failure: string | null = null;
  results.forEach((result, index) => {
    const status = QUERIES[index]?.status ?? '';
    if (!result.ok) {
      failure ??= failureText(result.error, locals.locale);
      return;
    }
    const listed =
      status === 'closed'
        ? [...result.data.items]
            .sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''))
            .slice(0, CLOSED_SHOWN)
        : result.data.items;
    items.push(...listed);
    hidden[status] = Math.max(0, result.data.total - listed.length);
  });
  const standards = await standardsOfPilots(
    locals.api,
    items.map((item) => item.pilot.id),
  );
  // Only the titles the list shows travel to the page, not whole catalogues.
  const titles: Record<string, StandardInfo['title']> = {};
  for (const item of items) {
    const title = standards[item.pilot.id]?.[item.standardCode]?.title;
    if (title) titles[`${item.pilot.id}|${item.standardCode}`] = title;
  }
  return { items, hidden, titles, role, failure };
};

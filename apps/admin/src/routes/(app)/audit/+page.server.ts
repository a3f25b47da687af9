import { auditQuery, parseAuditFilters } from '$lib/components/audit/audit-filters';
import { listUsers } from '$lib/server/directory';
import { apiFailure } from '$lib/server/forms';
import { requireSection } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 50;

/** 审计日志: one page of matching entries, newest first, and the accounts to filter by. */
export const load: PageServerLoad = async ({ locals, url }) => {
  requireSection(locals, url, 'audit');
  const filters = parseAuditFilters(url.searchParams);
  const [entries, users] = await Promise.all([
    locals.api.call((c) =>
      c.GET('/audit', {
        params: { query: { ...auditQuery(filters), page: filters.page, pageSize: PAGE_SIZE } },
      }),
    ),
    listUsers(locals.api, { pageSize: 100 }),
  ]);
  return {
    filters,
    entries: entries.ok ? entries.data : null,
    failure: entries.ok
      ? null
      : { message: entries.error.message, requestId: entries.error.requestId ?? null },
    // A 400 (e.g. "to" before "from") names the field; the page shows it there.
    fields:
      !entries.ok && entries.error.status === 400
        ? Object.fromEntries(entries.error.issues.map((i) => [i.path, i.message]))
        : {},
    actors: users.ok
      ? users.data.items.map((user) => ({
          id: user.id,
          displayName: user.displayName,
          username: user.username,
        }))
      : [],
  };
};

export const actions: Actions = {
  /** 校验: recomputes the whole hash chain at the API and reports where it breaks, if anywhere. */
  verify: async ({ locals }) => {
    const result = await locals.api.call((c) => c.GET('/audit/verify'));
    if (!result.ok) return apiFailure('verify', result.error);
    return { verify: result.data };
  },
};

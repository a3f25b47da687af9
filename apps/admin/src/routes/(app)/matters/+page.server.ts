import type { Ref } from '$lib/api/pilot-types';
import { parseMatterFilters } from '$lib/components/matters/filters';
import { statsGroupOf, statsWindow } from '$lib/components/matters/stats-chart';
import { allCompounds } from '$lib/server/directory';
import { failureText } from '$lib/server/field-work';
import { requireSection } from '$lib/server/guard';
import { listMatters, matterStats } from '$lib/server/matters';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 20;

/**
 * 事项: the coordinator's dispatch queue and ledger (with the figures), a firm's or a partner unit's
 * own matters, a resident's own reports. The API scopes the list by role; the page only chooses
 * which tools to show.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
  requireSection(locals, url, 'matters');
  const role = locals.user?.role ?? 'resident';
  const filters = parseMatterFilters(url.searchParams);
  const dispatch = role === 'coordinator' || role === 'admin';
  const statsBy = statsGroupOf(url.searchParams);
  const [list, compounds, stats] = await Promise.all([
    listMatters(locals.api, filters, PAGE_SIZE),
    dispatch ? allCompounds(locals.api) : Promise.resolve(null),
    dispatch ? matterStats(locals.api, { ...statsWindow(statsBy), groupBy: statsBy }) : Promise.resolve(null),
  ]);
  const places = compounds?.ok ? compounds.data : [];
  const communities = new Map<string, Ref>();
  for (const compound of places) communities.set(compound.community.id, compound.community);
  return {
    role,
    filters,
    list: list.ok ? list.data : null,
    failure: list.ok ? null : failureText(list.error, locals.locale),
    compounds: places.map((compound): Ref => ({ id: compound.id, name: compound.name })),
    communities: [...communities.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    stats: stats
      ? {
          data: stats.ok ? stats.data : null,
          failure: stats.ok ? null : failureText(stats.error, locals.locale),
        }
      : null,
  };
};

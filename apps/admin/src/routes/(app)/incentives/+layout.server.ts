import { tabsOf } from '$lib/components/incentives/tabs';
import { requireSection } from '$lib/server/guard';
import type { LayoutServerLoad } from './$types';

/** 激励评价: one nav entry; its parts are tabs, each role seeing only those it works in. */
export const load: LayoutServerLoad = ({ locals, url }) => {
  requireSection(locals, url, 'incentives');
  const role = locals.user?.role ?? 'resident';
  return { tabs: tabsOf(role), role };
};

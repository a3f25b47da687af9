import { tabsOf } from '$lib/components/governance/tabs';
import { requireSection } from '$lib/server/guard';
import type { LayoutServerLoad } from './$types';

/** 社区共治: one nav entry; its parts are tabs, each role seeing only those it works in. */
export const load: LayoutServerLoad = ({ locals, url }) => {
  requireSection(locals, url, 'governance');
  const role = locals.user?.role ?? 'resident';
  return { tabs: tabsOf(role), role };
};

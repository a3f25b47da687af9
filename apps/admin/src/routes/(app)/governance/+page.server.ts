import { redirect } from '@sveltejs/kit';
import { TAB_PATHS, tabsOf } from '$lib/components/governance/tabs';
import { requireSection } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

/** The section's door opens on the role's first part (a resident: the meetings). */
export const load: PageServerLoad = ({ locals, url }) => {
  requireSection(locals, url, 'governance');
  const first = tabsOf(locals.user?.role ?? 'resident')[0] ?? 'meetings';
  redirect(303, TAB_PATHS[first]);
};

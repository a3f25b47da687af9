import { redirect } from '@sveltejs/kit';
import { TAB_PATHS } from '$lib/components/incentives/tabs';
import type { PageServerLoad } from './$types';

/** The section's address opens its first tab for the role. */
export const load: PageServerLoad = async ({ parent }) => {
  const { tabs } = await parent();
  const first = tabs[0];
  redirect(303, first ? TAB_PATHS[first] : '/');
};

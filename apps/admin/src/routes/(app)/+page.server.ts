import { redirect } from '@sveltejs/kit';
import { homeOf } from '$lib/navigation/nav';
import { requireUser } from '$lib/server/guard';
import { myStewards } from '$lib/server/traces';
import type { PageServerLoad } from './$types';

/**
 * The start page is the role's first section; residents (two doors of their own, and their 物业管家)
 * and roles without one stay here.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const home = homeOf(user.role);
  if (home !== '/') redirect(303, home);
  // A resident not yet placed in a compound, or an API without stewards, simply shows none.
  const stewards = user.role === 'resident' ? await myStewards(locals.api) : null;
  return { stewards: stewards?.ok ? stewards.data : null };
};

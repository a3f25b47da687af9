import { redirect } from '@sveltejs/kit';
import { homeOf } from '$lib/navigation/nav';
import { requireUser } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

/** The start page is the role's first section; residents (two doors of their own) and roles without one stay here. */
export const load: PageServerLoad = ({ locals, url }) => {
  const home = homeOf(requireUser(locals, url).role);
  if (home !== '/') redirect(303, home);
  return {};
};

import { navigationFor } from '$lib/navigation/nav';
import { requireUser } from '$lib/server/guard';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url }) => {
  const user = requireUser(locals, url);
  return { user, navigation: navigationFor(user.role) };
};

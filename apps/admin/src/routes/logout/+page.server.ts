import { redirect } from '@sveltejs/kit';
import { clearSessionCookie } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

/** Logging out changes state, so it is a POST; a GET (typed address, old link) just goes home. */
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
  default: async ({ locals, cookies, url }) => {
    // Revoke on the API first; the cookie goes either way, so a down API cannot keep anyone signed in here.
    if (locals.user) await locals.api.auth.logout();
    clearSessionCookie(cookies, url);
    redirect(303, '/login');
  },
};

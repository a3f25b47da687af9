import { redirect } from '@sveltejs/kit';
import { LOCALE_COOKIE, parseLocale } from '$lib/i18n';
import { safeRedirect } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
  /** Remembers the language for a year and goes back to the page the switch was on. */
  default: async ({ request, cookies, url }) => {
    const form = await request.formData();
    const locale = parseLocale(String(form.get('locale') ?? ''));
    cookies.set(LOCALE_COOKIE, locale, {
      path: '/',
      // Not secret, but nothing in the page needs to read it either.
      httpOnly: true,
      sameSite: 'lax',
      secure: url.protocol === 'https:',
      maxAge: 365 * 24 * 3600,
    });
    redirect(303, safeRedirect(String(form.get('redirectTo') ?? ''), '/'));
  },
};

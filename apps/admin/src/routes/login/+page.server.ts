import { fail, redirect } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { homeOf } from '$lib/navigation/nav';
import { PASSWORD_PATH } from '$lib/server/access';
import { fieldErrors } from '$lib/server/api';
import { compoundOfReportLink } from '$lib/server/governance';
import { sessionMaxHours, throttledMessage } from '$lib/server/auth-messages';
import { safeRedirect, writeSessionCookie } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
  if (locals.user) redirect(303, safeRedirect(url.searchParams.get('redirectTo'), homeOf(locals.user.role)));
  const ended = url.searchParams.has('ended');
  return {
    // Why the user is here: the sign-in's absolute end, or a session that expired or was revoked.
    notice: ended ? ('ended' as const) : url.searchParams.has('expired') ? ('expired' as const) : null,
    maxHours: sessionMaxHours(),
    // A resident who scanned a compound's poster registers for that compound.
    joinCompound: compoundOfReportLink(url.searchParams.get('redirectTo')),
  };
};

export const actions: Actions = {
  default: async ({ request, locals, cookies, url }) => {
    const form = await request.formData();
    const username = String(form.get('username') ?? '');
    const password = String(form.get('password') ?? '');
    // Validation is the API's (the same zod schema, with messages in the request's language).
    const result = await locals.api.auth.login({ username, password });
    if (!result.ok) {
      const { error } = result;
      const t = translator(locals.locale);
      let message = error.message;
      if (error.status === 401) message = t('auth.wrongCredentials');
      if (error.status === 429) message = throttledMessage(error, locals.locale);
      const fields = error.status === 400 ? fieldErrors(error) : {};
      // The password is never sent back to the page.
      return fail(error.status >= 400 && error.status < 600 ? error.status : 500, {
        username,
        // Field messages stand next to their fields; a form-level message only when there is none.
        message: Object.keys(fields).length > 0 ? null : message,
        fields,
      });
    }
    writeSessionCookie(cookies, url, result.data);
    // A password someone else set comes first; where the user was headed can wait for it.
    if (result.data.user.mustChangePassword) redirect(303, PASSWORD_PATH);
    redirect(303, safeRedirect(url.searchParams.get('redirectTo'), homeOf(result.data.user.role)));
  },
};

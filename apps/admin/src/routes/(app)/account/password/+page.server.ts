import { redirect } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { homeOf } from '$lib/navigation/nav';
import { throttledMessage } from '$lib/server/auth-messages';
import { setFlash } from '$lib/server/flash';
import { apiFailure, formFailure } from '$lib/server/forms';
import { loginPath, requireUser } from '$lib/server/guard';
import { clearSessionCookie, safeRedirect } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

/** 修改密码: open to every signed-in user, and the only page for one who must change it. */
export const load: PageServerLoad = ({ locals, url }) => {
  const user = requireUser(locals, url);
  return { required: user.mustChangePassword, username: user.username };
};

export const actions: Actions = {
  default: async ({ request, locals, url, cookies }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const currentPassword = String(form.get('currentPassword') ?? '');
    const newPassword = String(form.get('newPassword') ?? '');
    const confirmPassword = String(form.get('confirmPassword') ?? '');
    const t = translator(locals.locale);
    // Checked here, before the API: a mistyped new password must not become the account's.
    // Passwords are never sent back to the page, so none of them is in the failure's values.
    if (newPassword && confirmPassword !== newPassword) {
      return formFailure('password', {
        confirmPassword: confirmPassword ? t('account.confirmMismatch') : t('account.confirmMissing'),
      });
    }
    const result = await locals.api.auth.changePassword({ currentPassword, newPassword });
    if (!result.ok) {
      const { error } = result;
      if (error.status === 401) {
        // The session ended meanwhile (expired, or revoked by an admin's reset).
        clearSessionCookie(cookies, url);
        redirect(303, loginPath(url, 'expired'));
      }
      const failure =
        error.status === 429 ? { ...error, message: throttledMessage(error, locals.locale) } : error;
      return apiFailure('password', failure, {}, ['currentPassword', 'newPassword']);
    }
    // The API ended the user's other sessions and keeps this one; its next /auth/me says the
    // password is the user's own, so the sections open again.
    setFlash(cookies, url, 'passwordChanged');
    redirect(303, safeRedirect(url.searchParams.get('redirectTo'), homeOf(user.role)));
  },
};

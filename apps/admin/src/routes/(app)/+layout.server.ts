import { navigationFor } from '$lib/navigation/nav';
import { takeFlash } from '$lib/server/flash';
import { unreadNotices } from '$lib/server/notices';
import { requireUser } from '$lib/server/guard';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url, cookies }) => {
  const user = requireUser(locals, url);
  return {
    user,
    // Until the password is the user's own no section opens (hooks send every page to 修改密码),
    // so there is no navigation to offer.
    navigation: user.mustChangePassword ? [] : navigationFor(user.role),
    flash: takeFlash(cookies, url),
    // Not before the password is the user's own: the API answers nothing else until then.
    unread: user.mustChangePassword ? null : await unreadNotices(locals.api),
  };
};

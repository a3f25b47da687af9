import type { Cookies } from '@sveltejs/kit';
import { isFlash, type Flash } from '$lib/navigation/flash';

/*
 * A one-time notice that survives the redirect after a form (the page it lands on is another
 * route's, e.g. the role's home after 修改密码): set by the action, taken — read and deleted — by
 * the next page's layout load.
 */

const FLASH_COOKIE = 'pilot_flash';

function options(url: URL) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: url.protocol === 'https:' };
}

export function setFlash(cookies: Cookies, url: URL, flash: Flash): void {
  // A minute is enough to follow the redirect; a notice must not turn up on some later visit.
  cookies.set(FLASH_COOKIE, flash, { ...options(url), maxAge: 60 });
}

/**
 * Reads the address whether or not a notice waits, so a load that takes one depends on the address
 * and runs again on the next navigation: the notice shows on one page, not on every page after.
 */
export function takeFlash(cookies: Cookies, url: URL): Flash | null {
  // SvelteKit tracks href, pathname and search, not protocol: this read is the dependency.
  void url.pathname;
  const cookieOptions = options(url);
  const value = cookies.get(FLASH_COOKIE);
  if (value === undefined) return null;
  cookies.delete(FLASH_COOKIE, cookieOptions);
  return isFlash(value) ? value : null;
}

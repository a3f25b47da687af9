import { error, redirect } from '@sveltejs/kit';
import type { SessionUser } from '$lib/api/types';
import { translate } from '$lib/i18n';
import { navItem, type NavItem, type Section } from '$lib/navigation/nav';

/** The signed-in user; hooks.server.ts already sent anonymous visitors to /login, this narrows the type. */
export function requireUser(locals: App.Locals, url: URL): SessionUser {
  if (locals.authUnavailable) error(503, translate(locals.locale, 'errors.unreachable'));
  if (!locals.user) redirect(303, loginPath(url));
  return locals.user;
}

/** The section as the user's role sees it, or 403 when the role has no such section. */
export function requireSection(locals: App.Locals, url: URL, section: Section): NavItem {
  const user = requireUser(locals, url);
  const entry = navItem(user.role, section);
  if (!entry) error(403, translate(locals.locale, 'errors.forbidden'));
  return entry;
}

/**
 * Why a signed-in user was sent to log in: `expired` (revoked, idle too long) or `ended` (the
 * sign-in's absolute end), each with its own words on the log-in page.
 */
export type LoginReason = 'expired' | 'ended';

/** The log-in page, coming back to `url` afterwards; `reason` says why the user is there. */
export function loginPath(url: URL, reason: LoginReason | null = null): string {
  const params = new URLSearchParams();
  const back = url.pathname + url.search;
  if (back !== '/') params.set('redirectTo', back);
  if (reason) params.set(reason, '1');
  const query = params.toString();
  return query ? `/login?${query}` : '/login';
}
